"""A locality's reporting settings (its adult female population, the suppression threshold) are configuration:
edited in the admin site."""

from django.contrib import admin

from marac.reports.models import ReportSettings


@admin.register(ReportSettings)
class ReportSettingsAdmin(admin.ModelAdmin):
    list_display = ["locality", "adult_female_population", "suppression_threshold"]
