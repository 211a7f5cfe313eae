"""Information given to her about her rights (VRD Art. 4): each occasion with its topics, when and how; the log shows
which of what she must hear from the first contact is still to give."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from marac.audit.models import AuditAction, AuditEvent
from marac.idva.models import ContactMethod
from marac.idva.tests.factories import second_idva_service
from marac.rights.models import InformationGiven, InformationTopic
from marac.rights.services import information_given_record
from marac.rights.tests.factories import victim_case
from marac.testing.factories import CaseFactory


def form_data(when=None, **overrides) -> dict:
    when = timezone.localtime(when or timezone.now() - dt.timedelta(hours=1))
    return {
        "given_at": when.strftime("%Y-%m-%d"),
        "given_at_time": when.strftime("%H:%M"),
        "topics": [InformationTopic.SUPPORT_SERVICES, InformationTopic.CONTACT_POINT],
        "method": ContactMethod.IN_PERSON,
        "language": "Polish",
        "interpreter_used": "on",
        "note": "Asked for the leaflet in Polish.",
    } | overrides


def test_the_idva_records_what_she_was_told(locale):
    case = victim_case(locale)
    when = timezone.localtime(timezone.now() - dt.timedelta(hours=2)).replace(second=0, microsecond=0)

    response = locale.client("idva").post(
        reverse("rights:information_new", kwargs={"case_pk": case.pk}), form_data(when), follow=True
    )

    assert response.redirect_chain[-1][0] == reverse("rights:log", kwargs={"case_pk": case.pk}) + "#information"
    occasion = InformationGiven.objects.get(case=case)
    assert occasion.topics == [InformationTopic.SUPPORT_SERVICES, InformationTopic.CONTACT_POINT]
    assert occasion.given_at == when
    assert occasion.language == "Polish" and occasion.interpreter_used is True
    assert occasion.recorded_by == locale.memberships["idva"].user
    assert occasion.agency == locale.idva_service
    audit = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="rights.informationgiven")
    assert audit.case_id == case.pk
    assert "leaflet" not in str(audit.detail)


def test_the_log_shows_what_is_still_to_give_from_the_first_contact(locale):
    case = victim_case(locale)
    information_given_record(
        actor=locale.actor("idva"),
        case=case,
        given_at=timezone.now() - dt.timedelta(days=1),
        topics=[InformationTopic.SUPPORT_SERVICES, InformationTopic.PROTECTION_MEASURES],
        method=ContactMethod.PHONE,
    )

    response = locale.client("idva").get(reverse("rights:log", kwargs={"case_pk": case.pk}))

    missing = [state.topic for state in response.context["log"].first_contact_missing]
    assert missing == [InformationTopic.HOW_TO_COMPLAIN, InformationTopic.CONTACT_POINT]
    assert "Not yet recorded: how to report a crime or make a complaint; her contact point for the case." in (
        response.content.decode()
    )


def test_topics_are_required_and_must_be_known(locale):
    case = victim_case(locale)
    actor = locale.actor("idva")
    for topics, message in (([], "at least one"), (["gossip"], "only from the topics")):
        with pytest.raises(ValidationError, match=message):
            information_given_record(
                actor=actor, case=case, given_at=timezone.now(), topics=topics, method=ContactMethod.PHONE
            )


def test_information_cannot_be_given_in_the_future(locale):
    case = victim_case(locale)
    response = locale.client("idva").post(
        reverse("rights:information_new", kwargs={"case_pk": case.pk}),
        form_data(timezone.now() + dt.timedelta(days=2)),
    )
    assert response.status_code == 200
    assert "now or in the past" in response.content.decode()
    assert not InformationGiven.objects.exists()


def test_another_idva_service_may_not_record_on_the_case(locale):
    other_service_case = CaseFactory(locality=locale.locality, idva_agency=second_idva_service(locale).agency)
    with pytest.raises(PermissionDenied):
        information_given_record(
            actor=locale.actor("idva"),
            case=other_service_case,
            given_at=timezone.now(),
            topics=[InformationTopic.CONTACT_POINT],
            method=ContactMethod.PHONE,
        )
    response = locale.client("idva").get(reverse("rights:information_new", kwargs={"case_pk": other_service_case.pk}))
    assert response.status_code == 404


def test_the_form_suggests_the_language_on_her_record(locale):
    case = victim_case(locale, victim__first_language="Urdu")
    response = locale.client("idva").get(reverse("rights:information_new", kwargs={"case_pk": case.pk}))
    assert response.context["form"]["language"].value() == "Urdu"
