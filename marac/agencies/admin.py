from django.contrib import admin

from marac.agencies.models import Agency, Locality, Membership


@admin.register(Locality)
class LocalityAdmin(admin.ModelAdmin):
    list_display = ["name", "mechanism_name", "area"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "agency_type", "sector", "locality", "is_active"]
    list_filter = ["locality", "agency_type", "sector"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "agency", "role", "is_active"]
    list_filter = ["role", "agency"]
