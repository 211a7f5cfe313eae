"""Recording contact with the victim: only the IDVA of the allocated service, never in the future."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from marac.audit.models import AuditAction, AuditEvent
from marac.idva.models import ContactMethod, VictimContact
from marac.idva.services import victim_contact_record
from marac.idva.tests.factories import allocated_case, second_idva_service
from marac.testing.factories import CaseFactory


def url(case):
    return reverse("idva:contact_new", kwargs={"case_pk": case.pk})


def form_data(when=None, **overrides):
    when = timezone.localtime(when or timezone.now() - dt.timedelta(hours=2))
    data = {
        "contacted_at": when.strftime("%d/%m/%Y"),
        "contacted_time": when.strftime("%H:%M"),
        "method": ContactMethod.PHONE,
        "successful": "yes",
        "victim_views": "I want him kept away from the children's school.",
        "note": "Spoke for twenty minutes; she was at her sister's.",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_idva_records_a_contact(locale):
    case = allocated_case(locale)
    when = timezone.localtime(timezone.now() - dt.timedelta(days=1)).replace(second=0, microsecond=0)

    response = locale.client("idva").post(url(case), form_data(when), follow=True)

    assert response.redirect_chain[-1][0] == reverse("referrals:case_detail", kwargs={"pk": case.pk})
    contact = VictimContact.objects.get(case=case)
    assert contact.contacted_at == when
    assert contact.successful is True
    assert contact.method == ContactMethod.PHONE
    assert contact.victim_views == "I want him kept away from the children's school."
    assert contact.agency == locale.idva_service
    assert contact.recorded_by == locale.memberships["idva"].user
    assert f"Contact with {case.victim.full_name} recorded." in response.content.decode()


@pytest.mark.django_db
def test_the_contact_is_audited_on_the_case(locale):
    case = allocated_case(locale)
    locale.client("idva").post(url(case), form_data())
    contact = VictimContact.objects.get(case=case)
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="idva.victimcontact")
    assert event.object_id == str(contact.pk)
    assert event.case == case
    assert event.detail["successful"] is True
    assert "children's school" not in str(event.detail), "her words stay out of the audit trail"


@pytest.mark.django_db
def test_a_failed_attempt_is_recorded_without_her_views(locale):
    case = allocated_case(locale)
    locale.client("idva").post(url(case), form_data(successful="no", victim_views="", note="No answer; no voicemail."))
    contact = VictimContact.objects.get(case=case)
    assert contact.successful is False
    assert contact.note == "No answer; no voicemail."


@pytest.mark.django_db
def test_a_failed_attempt_cannot_carry_her_views(locale):
    case = allocated_case(locale)
    response = locale.client("idva").post(url(case), form_data(successful="no"))
    assert response.status_code == 200
    assert "there are no views in her words" in response.content.decode()
    assert not VictimContact.objects.exists()


@pytest.mark.django_db
def test_a_contact_in_the_future_is_refused(locale):
    case = allocated_case(locale)
    response = locale.client("idva").post(url(case), form_data(timezone.now() + dt.timedelta(days=1)))
    assert response.status_code == 200
    assert response.context["form"].errors["contacted_at"] == ["The contact must be now or in the past."]
    assert "govuk-error-summary" in response.content.decode()
    assert not VictimContact.objects.exists()


@pytest.mark.django_db
def test_missing_answers_show_errors_and_save_nothing(locale):
    case = allocated_case(locale)
    response = locale.client("idva").post(
        url(case), {"contacted_at": "31/02/2026", "contacted_time": "", "method": "", "successful": ""}
    )
    errors = response.context["form"].errors
    assert set(errors) == {"contacted_at", "contacted_time", "method", "successful"}
    assert "govuk-error-summary" in response.content.decode()
    assert not VictimContact.objects.exists()


@pytest.mark.django_db
def test_the_form_is_shown_to_the_idva(locale):
    case = allocated_case(locale)
    response = locale.client("idva").get(url(case))
    assert response.status_code == 200
    assert case.victim.full_name in response.content.decode()


@pytest.mark.django_db
def test_another_idva_services_case_is_not_found(locale):
    case = allocated_case(locale, idva_agency=second_idva_service(locale).agency)
    client = locale.client("idva")
    assert client.get(url(case)).status_code == 404
    assert client.post(url(case), form_data()).status_code == 404
    assert not VictimContact.objects.exists()


@pytest.mark.django_db
def test_an_unallocated_case_is_not_found(locale):
    case = CaseFactory(locality=locale.locality)
    assert locale.client("idva").get(url(case)).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["housing_rep", "police_rep", "coordinator", "chair"])
def test_other_roles_cannot_record_a_contact(locale, persona):
    case = allocated_case(locale)
    response = locale.client(persona).post(url(case), form_data())
    assert response.status_code == 404
    assert not VictimContact.objects.exists()
    assert AuditEvent.objects.filter(action=AuditAction.DENIED).exists()


@pytest.mark.django_db
def test_an_idva_of_another_locality_gets_not_found(locale, other_locale):
    case = allocated_case(locale)
    assert other_locale.client("idva").get(url(case)).status_code == 404


@pytest.mark.django_db
def test_the_service_refuses_anyone_but_the_allocated_idva(locale):
    case = allocated_case(locale, idva_agency=second_idva_service(locale).agency)
    for persona in ("idva", "housing_rep"):
        with pytest.raises(PermissionDenied):
            victim_contact_record(
                actor=locale.actor(persona),
                case=case,
                contacted_at=timezone.now(),
                method=ContactMethod.PHONE,
                successful=True,
                victim_views="",
                note="",
            )
    assert not VictimContact.objects.exists()
