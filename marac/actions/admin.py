from django.contrib import admin

from marac.actions.models import CatalogueAction


@admin.register(CatalogueAction)
class CatalogueActionAdmin(admin.ModelAdmin):
    """The catalogue is data: administrators add, reword or retire suggestions. Retire rather than delete,
    so that actions agreed from an entry keep their link to it."""

    list_display = ["text", "agency_type", "is_active"]
    list_filter = ["agency_type", "is_active"]
    list_editable = ["is_active"]
    search_fields = ["text"]
    ordering = ["agency_type", "text"]
