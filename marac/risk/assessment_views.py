"""Pages for risk assessments: complete one on a case, and read one as it was completed."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext

from marac.access import guard
from marac.access.rules import Detail
from marac.duties.views import after_event
from marac.risk import assessment_selectors as selectors
from marac.risk.assessment_forms import AssessmentForm, InstrumentChoiceForm
from marac.risk.registry import instrument_of
from marac.risk.scales import SCALES
from marac.risk.services import assessment_record


def assessment_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "assessment.record", object_type="referrals.case", object_id=case_pk)
    access = guard.fetch_case(actor, case_pk, minimum=Detail.SHARED, audit=request.method == "GET")
    locality = access.case.locality
    versions = selectors.instrument_choices(locality=locality)
    version = selectors.chosen_version(locality=locality, choices=versions, code=request.GET.get("instrument", ""))
    instrument = instrument_of(version)
    scale = SCALES[locality.risk_scale]
    form_options = {"version": version, "instrument": instrument, "scale": scale}
    if request.method == "POST":
        form = AssessmentForm(request.POST, **form_options)
        if form.is_valid():
            data = form.cleaned_data
            try:
                assessment = assessment_record(
                    actor=actor,
                    case=access.case,
                    version=version,
                    safety=form.safety_answers(),
                    answers=form.item_answers(),
                    judgement_level=data["judgement_level"],
                    judgement_reason=data["judgement_reason"],
                    victim_view_level=data["victim_view_level"],
                    victim_view_reason=data["victim_view_reason"],
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                # "High risk" in English and "Riesgo alto" in Spanish: the level goes in lower case, then the
                # phrase takes its capital.
                risk = capfirst(gettext("%(level)s risk") % {"level": scale.label(assessment.final_level).lower()})
                messages.success(
                    request,
                    gettext("Risk assessment recorded: %(risk)s. Next review due %(due)s.")
                    % {"risk": risk, "due": date_format(timezone.localtime(assessment.next_review_due), "j F Y")},
                )
                return after_event(request, redirect("risk:assessment_detail", pk=assessment.pk))
    else:
        form = AssessmentForm(**form_options)
    return render(
        request,
        "risk/assessments/new.html",
        {
            "form": form,
            "case": access.case,
            "version": version,
            "instrument": instrument,
            "scale": scale,
            "choice_form": InstrumentChoiceForm(initial={"instrument": version.code}, versions=versions),
            "has_choice": len(versions) > 1,
        },
    )


def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    assessment = guard.fetch(actor, selectors.visible_assessments(actor=actor), pk, case_of=lambda a: a.case)
    access = guard.fetch_case(actor, assessment.case_id, minimum=selectors.ASSESSMENT_DETAIL, audit=False)
    return render(
        request,
        "risk/assessments/detail.html",
        {
            "display": selectors.assessment_display(assessment),
            "assessment": assessment,
            "case": access.case,
            "shows_full": access.detail >= Detail.FULL,
        },
    )
