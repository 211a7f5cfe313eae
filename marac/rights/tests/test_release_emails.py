"""A recorded release or escape e-mails the IDVA service of each victim who asked to be told (the coordinator mailbox
where her case has none), once the record is committed: once per notification, in the locality's language, naming
nobody, audited; nothing for a victim who did not ask."""

import datetime as dt
import io
import smtplib

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from marac.audit.models import AuditEvent
from marac.idva.models import ContactMethod
from marac.incidents.tests.factories import IncidentFactory
from marac.notifications.models import EmailNotice, NoticeKind
from marac.rights.models import CustodyEventKind
from marac.rights.notices import release_notices_email
from marac.rights.services import custody_event_record, notification_choice_record, release_notification_record
from marac.rights.tests.factories import choice, victim_case
from marac.testing.factories import PersonFactory

pytestmark = pytest.mark.django_db

IDVA_MAILBOX = "referrals@riverside-das.example.org"
COORDINATOR_MAILBOX = "coordinator.marac@riverside.example.org"
ESTABLISHMENT = "HMP Northgate"


@pytest.fixture(autouse=True)
def mailboxes(locale):
    locale.idva_service.contact_email = IDVA_MAILBOX
    locale.idva_service.save(update_fields=["contact_email"])
    locale.locality.coordinator_email = COORDINATOR_MAILBOX
    locale.locality.save(update_fields=["coordinator_email"])


@pytest.fixture
def perpetrator(locale):
    return PersonFactory(locality=locale.locality, given_name="Darren", family_name="Vale")


@pytest.fixture
def opted_in(locale, perpetrator):
    case = victim_case(
        locale, perpetrator=perpetrator, victim__given_name="Amara", victim__family_name="Osei", reference="T-0101"
    )
    choice(locale, case, wants=True)
    return case


def record_release(locale, perpetrator, capture, *, kind=CustodyEventKind.RELEASED, persona="coordinator"):
    """Record it as a request does: the e-mails go when the transaction commits."""
    with capture(execute=True):
        return custody_event_record(
            actor=locale.actor(persona),
            perpetrator=perpetrator,
            kind=kind,
            occurred_at=timezone.now() - dt.timedelta(hours=3),
            establishment=ESTABLISHMENT,
        )


def test_the_idva_service_of_a_victim_who_asked_is_emailed_once(
    locale, perpetrator, opted_in, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.MARAC_SITE_URL = "https://marac.riverside.example.org"
    outcome = record_release(locale, perpetrator, django_capture_on_commit_callbacks)

    [message] = mailoutbox
    [notification] = outcome.notifications
    assert message.to == [IDVA_MAILBOX]
    assert message.subject == (f"{locale.locality}: release or escape recorded, notification {notification.pk} to give")
    assert message.body.startswith(f"To {locale.idva_service.name},\n\n")
    assert (
        f"{locale.idva_service.name} recorded a release or escape of the perpetrator in a case your service "
        "supports. What happened: Released from custody." in message.body
    )
    assert f"record when and how against release notification {notification.pk}." in message.body
    assert "Sign in to read it: https://marac.riverside.example.org/rights/notifications/" in message.body
    record = EmailNotice.objects.get()
    assert record.kind == NoticeKind.RELEASE_OR_ESCAPE
    assert record.agency == locale.idva_service
    assert record.key == f"release-notification:{notification.pk}:agency:{locale.idva_service.pk}"
    audit = AuditEvent.objects.get(object_type="notifications.emailnotice")
    assert audit.summary == f"E-mailed release or escape recorded notice to {locale.idva_service.name}"
    assert audit.case_id == opted_in.pk
    assert audit.actor is None  # the application sends it, as it sends every notice

    # The catch-up run finds it sent: nothing goes twice.
    assert release_notices_email().is_empty
    call_command("release_notices", stdout=io.StringIO())
    assert len(mailoutbox) == 1
    assert EmailNotice.objects.count() == 1


def test_a_case_without_an_idva_service_goes_to_the_coordinator_mailbox(
    locale, perpetrator, mailoutbox, django_capture_on_commit_callbacks
):
    case = victim_case(locale, perpetrator=perpetrator, idva_agency=None)
    choice(locale, case, wants=True)

    record_release(locale, perpetrator, django_capture_on_commit_callbacks, kind=CustodyEventKind.ESCAPED)

    [message] = mailoutbox
    assert message.to == [COORDINATOR_MAILBOX]
    assert message.body.startswith(f"To the coordinator of {locale.locality},\n\n")
    assert "in a case that has no IDVA service allocated. What happened: Escaped from custody." in message.body
    assert "Please make sure she is told" in message.body
    assert EmailNotice.objects.get().agency is None


def test_nothing_is_sent_for_a_victim_who_did_not_ask_or_was_never_asked(
    locale, perpetrator, opted_in, mailoutbox, django_capture_on_commit_callbacks
):
    said_no = victim_case(locale, perpetrator=perpetrator, idva_agency=None, reference="T-0102")
    choice(locale, said_no, wants=False)
    victim_case(locale, perpetrator=perpetrator, idva_agency=None, reference="T-0103")  # never asked

    outcome = record_release(locale, perpetrator, django_capture_on_commit_callbacks)

    assert len(outcome.notifications) == 3
    [message] = mailoutbox  # to her IDVA service only: the coordinator mailbox would have had the other two
    assert message.to == [IDVA_MAILBOX]
    notices = AuditEvent.objects.filter(object_type="notifications.emailnotice")
    assert list(notices.values_list("case_id", flat=True)) == [opted_in.pk]


def test_nothing_is_sent_when_no_victim_asked(locale, perpetrator, mailoutbox, django_capture_on_commit_callbacks):
    case = victim_case(locale, perpetrator=perpetrator)
    choice(locale, case, wants=False)

    with django_capture_on_commit_callbacks() as callbacks:
        custody_event_record(
            actor=locale.actor("coordinator"),
            perpetrator=perpetrator,
            kind=CustodyEventKind.RELEASED,
            occurred_at=timezone.now() - dt.timedelta(hours=1),
            establishment=ESTABLISHMENT,
        )

    assert callbacks == []
    assert mailoutbox == []
    assert not EmailNotice.objects.exists()


def test_a_release_rolled_back_sends_nothing(
    locale, perpetrator, opted_in, mailoutbox, django_capture_on_commit_callbacks
):
    class Abandoned(Exception):
        pass

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(Abandoned),
        transaction.atomic(),
    ):
        custody_event_record(
            actor=locale.actor("coordinator"),
            perpetrator=perpetrator,
            kind=CustodyEventKind.RELEASED,
            occurred_at=timezone.now() - dt.timedelta(hours=1),
            establishment=ESTABLISHMENT,
        )
        raise Abandoned

    assert callbacks == []
    assert mailoutbox == []


def test_a_spanish_locality_is_written_to_in_spanish_whoever_records_it(
    locale, perpetrator, opted_in, mailoutbox, django_capture_on_commit_callbacks
):
    locale.locality.language = "es"
    # The confidentiality notice is the locality's own text, written in its language by its administrator.
    locale.locality.confidentiality_notice = "Esta información es de acceso restringido."
    locale.locality.save(update_fields=["language", "confidentiality_notice"])

    with translation.override("en-gb"):
        outcome = record_release(locale, perpetrator, django_capture_on_commit_callbacks)

    [message] = mailoutbox
    number = outcome.notifications[0].pk
    assert message.subject == (
        f"{locale.locality}: puesta en libertad o fuga registrada; comunicación {number} por dar"
    )
    assert message.body.startswith(f"A la atención de {locale.idva_service.name}:\n\n")
    assert (
        f"{locale.idva_service.name} registró una puesta en libertad o fuga del agresor de un caso que atiende su "
        "servicio. Qué sucedió: Puesto en libertad." in message.body
    )
    assert f"registre cuándo y cómo en la comunicación de puesta en libertad {number}." in message.body
    assert "Inicie sesión para leerlo:" in message.body
    for english in ("Released", "release", "victim", "Sign in"):
        assert english not in message.body
    # The audit trail stays in English.
    summary = AuditEvent.objects.get(object_type="notifications.emailnotice").summary
    assert summary == f"E-mailed release or escape recorded notice to {locale.idva_service.name}"


def test_the_email_names_nobody(locale, perpetrator, opted_in, mailoutbox, django_capture_on_commit_callbacks):
    record_release(locale, perpetrator, django_capture_on_commit_callbacks)

    [message] = mailoutbox
    audit = AuditEvent.objects.get(object_type="notifications.emailnotice")
    texts = [message.subject, message.body, EmailNotice.objects.get().subject, f"{audit.summary} {audit.detail}"]
    victim = opted_in.victim
    for forbidden in (
        victim.given_name,
        victim.family_name,
        victim.full_name,
        opted_in.reference,
        perpetrator.given_name,
        perpetrator.family_name,
        ESTABLISHMENT,
    ):
        assert [text for text in texts if forbidden in text] == [], f"{forbidden!r} appears in the notice"


def test_a_refused_message_is_sent_by_the_next_run_of_the_command(
    locale, perpetrator, opted_in, mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    def refuse(message, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("the mail server went away")

    with monkeypatch.context() as patched:
        patched.setattr("django.core.mail.EmailMessage.send", refuse)
        outcome = record_release(locale, perpetrator, django_capture_on_commit_callbacks)

    # The release stands; the refused notice was not recorded, so the command sends it.
    assert len(outcome.notifications) == 1
    assert mailoutbox == []
    assert not EmailNotice.objects.exists()
    call_command("release_notices", stdout=io.StringIO())
    [message] = mailoutbox
    assert message.to == [IDVA_MAILBOX]


def test_the_command_fails_loudly_when_the_mail_server_refuses(locale, perpetrator, opted_in, monkeypatch):
    custody_event_record(  # outside a commit callback: its e-mail has not gone
        actor=locale.actor("coordinator"),
        perpetrator=perpetrator,
        kind=CustodyEventKind.RELEASED,
        occurred_at=timezone.now() - dt.timedelta(hours=1),
        establishment=ESTABLISHMENT,
    )

    def refuse(message, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("the mail server went away")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    with pytest.raises(CommandError, match="refused by the mail server"):
        call_command("release_notices", stdout=io.StringIO())


def test_the_command_sends_nothing_for_a_victim_told_already_or_who_changed_her_mind(
    locale, perpetrator, opted_in, mailoutbox
):
    changed_mind = victim_case(locale, perpetrator=perpetrator, idva_agency=None, reference="T-0104")
    choice(locale, changed_mind, wants=True)
    # Recorded outside a commit callback: the e-mails are left to the command.
    outcome = custody_event_record(
        actor=locale.actor("coordinator"),
        perpetrator=perpetrator,
        kind=CustodyEventKind.RELEASED,
        occurred_at=timezone.now() - dt.timedelta(hours=2),
        establishment=ESTABLISHMENT,
    )
    told = next(notification for notification in outcome.notifications if notification.case == opted_in)
    release_notification_record(
        actor=locale.actor("idva"), notification=told, told_at=timezone.now(), method=ContactMethod.PHONE
    )
    notification_choice_record(
        actor=locale.actor("coordinator"), case=changed_mind, wants_to_be_told=False, decided_on=timezone.localdate()
    )

    call_command("release_notices", stdout=io.StringIO())

    assert mailoutbox == []


def test_recording_through_the_form_emails_her_idva_service(
    locale, perpetrator, opted_in, mailoutbox, django_capture_on_commit_callbacks
):
    IncidentFactory(locality=locale.locality, source_agency=locale.police, perpetrator=perpetrator)
    when = timezone.localtime(timezone.now() - dt.timedelta(hours=2))

    with django_capture_on_commit_callbacks(execute=True):
        response = locale.client("police_rep").post(
            reverse("rights:custody_event_new", kwargs={"person_pk": perpetrator.pk}),
            {
                "kind": CustodyEventKind.ESCAPED,
                "occurred_at": when.strftime("%Y-%m-%d"),
                "occurred_at_time": when.strftime("%H:%M"),
                "establishment": "Riverside Police Station",
            },
        )

    assert response.status_code == 302
    [message] = mailoutbox
    assert message.to == [IDVA_MAILBOX]
    assert f"{locale.police.name} recorded a release or escape" in message.body
