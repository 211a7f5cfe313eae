"""Pages of the victims' rights log, releases and escapes, and the provisions checklist. Thin: guard, fetch, form,
service, redirect."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext

from marac.access import guard, perpetrator_policy, policy
from marac.access.rules import Detail
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.referrals.views import add_service_errors
from marac.rights import selectors, services
from marac.rights.forms import (
    CustodyEventForm,
    InformationGivenForm,
    NeedsAssessmentForm,
    NotificationChoiceForm,
    ProvisionCheckForm,
    ReleaseNotificationForm,
)
from marac.rights.models import NeedsAssessment
from marac.rights.provisions import PROVISIONS_BY_CODE

PAGE_SIZE = 50


def _log_url(case_pk: int, anchor: str = "") -> str:
    return reverse("rights:log", kwargs={"case_pk": case_pk}) + (f"#{anchor}" if anchor else "")


# The rights log of a case


def log(request: HttpRequest, case_pk: int) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "rights.view", object_type="referrals.case", object_id=case_pk)
    access = guard.fetch_case(actor, case_pk, minimum=Detail.FULL, audit=False)
    page = selectors.rights_log(access=access)
    audit_record(
        actor=actor,
        action=AuditAction.VIEW,
        target=access.case,
        case=access.case,
        summary="Viewed the victim's rights log",
        detail=page.ids,
    )
    return render(
        request,
        "rights/log.html",
        {
            "log": page,
            "case": access.case,
            "may_record": policy.has_permission(actor, "rights.record"),
            "may_record_custody_event": policy.has_permission(actor, "custody_event.record"),
        },
    )


def _keeper_case(request: HttpRequest, case_pk: int):
    actor = request.actor
    guard.require(actor, "rights.record", object_type="referrals.case", object_id=case_pk)
    return guard.fetch_case(actor, case_pk, minimum=Detail.FULL).case


def information_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    actor = request.actor
    case = _keeper_case(request, case_pk)
    form = InformationGivenForm(request.POST or None, initial={"language": case.victim.first_language})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.information_given_record(
                actor=actor,
                case=case,
                given_at=data["given_at"],
                topics=data["topics"],
                method=data["method"],
                language=data["language"],
                interpreter_used=data["interpreter_used"],
                in_writing=data["in_writing"],
                note=data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("The information given to her is recorded."))
            return redirect(_log_url(case.pk, "information"))
    return render(request, "rights/information_form.html", {"form": form, "case": case})


def choice_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    actor = request.actor
    case = _keeper_case(request, case_pk)
    form = NotificationChoiceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            choice = services.notification_choice_record(
                actor=actor,
                case=case,
                wants_to_be_told=data["wants_to_be_told"],
                decided_on=data["decided_on"],
                note=data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                gettext("Recorded: she wants to be told when he is released or escapes.")
                if choice.wants_to_be_told
                else gettext("Recorded: she does not want to be told when he is released or escapes."),
            )
            return redirect(_log_url(case.pk, "release"))
    return render(request, "rights/choice_form.html", {"form": form, "case": case})


def needs_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    actor = request.actor
    case = _keeper_case(request, case_pk)
    latest = NeedsAssessment.objects.filter(case=case).order_by("-version").first()
    # A new version starts from the last one: most of what it found usually still holds.
    initial = {"findings": latest.findings, "needs": latest.needs, "her_views": latest.her_views} if latest else {}
    form = NeedsAssessmentForm(request.POST or None, initial=initial, first=latest is None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assessment = services.needs_assessment_record(
                actor=actor,
                case=case,
                reason=data["reason"],
                assessed_on=data["assessed_on"],
                needs=data["needs"],
                findings=data["findings"],
                her_views=data["her_views"],
                change_description=data.get("change_description", ""),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                gettext("Version %(version)s of her individual needs assessment is recorded.")
                % {"version": assessment.version},
            )
            return redirect(_log_url(case.pk, "needs"))
    return render(request, "rights/needs_form.html", {"form": form, "case": case, "latest": latest})


def needs_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "rights.view", object_type="rights.needsassessment", object_id=pk)
    assessment = guard.fetch(actor, selectors.visible_needs_assessments(actor), pk, case_of=lambda found: found.case)
    return render(
        request,
        "rights/needs_detail.html",
        {
            "assessment": assessment,
            "case": assessment.case,
            "versions": selectors.needs_assessment_versions(assessment),
        },
    )


# Releases and escapes


def custody_event_new(request: HttpRequest, person_pk: int) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "custody_event.record", object_type="people.person", object_id=person_pk)
    person = guard.fetch(actor, perpetrator_policy.visible_perpetrators(actor), person_pk, audit=False)
    form = CustodyEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            outcome = services.custody_event_record(
                actor=actor,
                perpetrator=person,
                kind=data["kind"],
                occurred_at=data["occurred_at"],
                establishment=data["establishment"],
                returns_on=data["returns_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                gettext(
                    "Recorded. Victims' cases naming him: %(cases)s; of those, %(opted_in)s asked to be told, and "
                    "their IDVA service and the coordinator now see the notification to give."
                )
                % {"cases": len(outcome.notifications), "opted_in": outcome.opted_in},
            )
            return redirect("rights:custody_event", pk=outcome.event.pk)
    return render(request, "rights/custody_event_form.html", {"form": form, "person": person})


def custody_event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "custody_event.view", object_type="rights.custodyevent", object_id=pk)
    event = guard.fetch(actor, selectors.visible_custody_events(actor), pk, audit=False)
    page = selectors.custody_event_page(actor=actor, event=event)
    audit_record(
        actor=actor, action=AuditAction.VIEW, target=event, summary="Viewed a release or escape", detail=page.ids
    )
    return render(
        request,
        "rights/custody_event_detail.html",
        {"page": page, "event": event, "may_record": policy.has_permission(actor, "rights.record")},
    )


def notification_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "rights.record", object_type="rights.releasenotification")
    notifications = selectors.notification_list(actor=actor)
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        summary="Listed release and escape notifications",
        detail={"ids": [notification.pk for notification in page]},
    )
    return render(
        request,
        "rights/notification_list.html",
        {"page": page, "outstanding_count": notifications.filter(outstanding=True).count()},
    )


def notification_told(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "rights.record", object_type="rights.releasenotification", object_id=pk)
    notification = guard.fetch(actor, selectors.visible_notifications(actor), pk, case_of=lambda found: found.case)
    form = ReleaseNotificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.release_notification_record(
                actor=actor,
                notification=notification,
                told_at=data["told_at"],
                method=data["method"],
                note=data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                gettext("Recorded that %(name)s was told.") % {"name": notification.case.victim.full_name},
            )
            return redirect(_log_url(notification.case_id, "release"))
    return render(request, "rights/notification_form.html", {"form": form, "notification": notification})


# The provisions checklist


def provision_edit(request: HttpRequest, code: str) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "provisions.confirm", object_type="rights.provisioncheck", object_id=code)
    provision = PROVISIONS_BY_CODE.get(code)
    if provision is None or actor.locality is None:
        raise guard.deny(actor, object_type="rights.provisioncheck", object_id=code, reason="No such provision")
    check = selectors.provision_check_of(locality=actor.locality, code=code)
    initial = (
        {"process_part": check.process_part, "how_served": check.how_served, "done": check.done}
        if check
        else {"process_part": provision.suggested_part}
    )
    form = ProvisionCheckForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.provision_check_update(
                actor=actor,
                provision_code=code,
                process_part=data["process_part"],
                how_served=data["how_served"],
                done=data["done"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, gettext("%(reference)s is updated in the checklist.") % {"reference": provision.reference}
            )
            return redirect(reverse("governance:documents") + "#provisions")
    return render(request, "rights/provision_form.html", {"form": form, "provision": provision, "check": check})
