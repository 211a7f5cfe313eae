"""A locality's settings for orders and breaches are configuration: edited in the admin site."""

from django.contrib import admin

from marac.perpetrators.models import PerpetratorSettings


@admin.register(PerpetratorSettings)
class PerpetratorSettingsAdmin(admin.ModelAdmin):
    list_display = ["locality", "owner_notice_days", "idva_notice_days", "response_target_hours"]
