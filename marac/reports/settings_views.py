"""The locality's report settings: population, staffing, its own targets and the suppression threshold."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from marac.access import guard
from marac.referrals.views import add_service_errors
from marac.reports.forms import ReportSettingsForm
from marac.reports.models import ReportSettings
from marac.reports.services import report_settings_update


def settings_page(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "report.configure", object_type="reports.reportsettings")
    current = ReportSettings.objects.filter(locality=actor.locality).first() or ReportSettings(locality=actor.locality)
    if request.method != "POST":
        return render(
            request, "reports/settings.html", {"form": ReportSettingsForm(instance=current), "current": current}
        )
    # Bound to a throwaway instance: validation fills it in, and the service saves under a lock.
    form = ReportSettingsForm(request.POST, instance=ReportSettings(locality=actor.locality))
    if form.is_valid():
        try:
            report_settings_update(actor=actor, locality=actor.locality, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("The report settings are saved. The reports use them from now on."))
            return redirect("reports:settings")
    return render(request, "reports/settings.html", {"form": form, "current": current})
