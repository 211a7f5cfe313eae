"""A notice is written in its locality's language, whatever language is active when it is sent: the subject, the
body, the dates, the meeting's kind and the plurals. The audit trail says it in English."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from marac.access.actor import Actor
from marac.audit.models import AuditEvent
from marac.circulation.services import circulate_due
from marac.meetings.models import MeetingMode
from marac.meetings.tests.factories import AgendaItemFactory, MeetingFactory
from marac.notifications.content import meeting_facts
from marac.notifications.models import NoticeKind
from marac.notifications.services import Notice, notice_send
from marac.perpetrators.alerts import order_expiry_alerts
from marac.perpetrators.models import PerpetratorSettings
from marac.perpetrators.tests.factories import order_on
from marac.testing.factories import ReferralFactory

pytestmark = pytest.mark.django_db

SYSTEM = Actor(user=None, membership=None)
MONDAY_MORNING = timezone.make_aware(dt.datetime(2026, 3, 2, 10, 0))
CHILDRENS_MAILBOX = "children.marac@riverside.example.org"
COORDINATOR_MAILBOX = "coordinator.marac@riverside.example.org"


def speaking(locale, language: str) -> None:
    locale.locality.language = language
    locale.locality.coordinator_email = COORDINATOR_MAILBOX
    if language == "es":
        # The confidentiality notice is the locality's own text, written in its language by its administrator.
        locale.locality.confidentiality_notice = "Esta lista de casos es de acceso restringido."
    locale.locality.save(update_fields=["language", "coordinator_email", "confidentiality_notice"])
    locale.childrens_social_care.contact_email = CHILDRENS_MAILBOX
    locale.childrens_social_care.save(update_fields=["contact_email"])


def case_list_notice(locale, *, case_count: int = 3, to_agency: bool = True) -> Notice:
    meeting = MeetingFactory(
        locality=locale.locality,
        scheduled_for=MONDAY_MORNING,
        research_deadline=MONDAY_MORNING - dt.timedelta(days=3),
        mode=MeetingMode.LIVE,
    )
    agency = locale.childrens_social_care if to_agency else None
    return Notice(
        kind=NoticeKind.CASE_LIST,
        key=f"case-list:{meeting.pk}:{agency.pk if agency else 'coordinator'}:{case_count}",
        locality=locale.locality,
        agency=agency,
        meeting=meeting,
        facts=meeting_facts(meeting, case_count=case_count, link="http://127.0.0.1:8000/meetings/1/"),
    )


def audit_summary() -> str:
    return AuditEvent.objects.get(object_type="notifications.emailnotice").summary


def test_a_spanish_locality_gets_its_notice_in_spanish(locale, mailoutbox):
    speaking(locale, "es")

    notice_send(actor=SYSTEM, notice=case_list_notice(locale))

    [message] = mailoutbox
    assert message.subject == f"{locale.locality}: lista de casos de la reunión del lunes 2 de marzo de 2026"
    assert message.body.startswith("A la atención de Riverside Children's Services:\n\n")
    assert (
        f"La lista de casos de la reunión de {locale.locality} (reunión en directo) del lunes 2 de marzo de 2026, "
        "10:00 está lista para su organismo: 3 casos." in message.body
    )
    assert "antes del viernes 27 de febrero de 2026, 10:00: «sin antecedentes»" in message.body
    assert "Inicie sesión para leerlo: http://127.0.0.1:8000/meetings/1/" in message.body
    assert "Este correo electrónico no contiene datos personales" in message.body
    for english in ("March", "Monday", "Live meeting", "case list", "Sign in"):
        assert english not in message.body
    assert audit_summary() == "E-mailed case list circulated notice to Riverside Children's Services"


def test_an_english_locality_gets_english_even_from_someone_reading_spanish(locale, mailoutbox):
    speaking(locale, "en-gb")

    with translation.override("es"):
        notice_send(actor=SYSTEM, notice=case_list_notice(locale))

    [message] = mailoutbox
    assert message.subject == f"{locale.locality}: case list for the meeting on Monday 2 March 2026"
    assert message.body.startswith("To Riverside Children's Services,\n\n")
    assert (
        f"The case list for the {locale.locality} meeting (live meeting) on Monday 2 March 2026, 10:00 is ready for "
        "your agency: 3 cases." in message.body
    )
    assert "by Friday 27 February 2026, 10:00" in message.body
    assert audit_summary() == "E-mailed case list circulated notice to Riverside Children's Services"


@pytest.mark.parametrize("language", ["es", "en-gb"])
def test_the_coordinator_mailbox_is_named_in_the_notice_language_and_in_english_in_the_audit_trail(
    locale, mailoutbox, language
):
    speaking(locale, language)

    with translation.override("es"):
        notice_send(actor=SYSTEM, notice=case_list_notice(locale, to_agency=False))

    [message] = mailoutbox
    greeting = {
        "es": f"A la atención de la persona coordinadora de {locale.locality}:",
        "en-gb": f"To the coordinator of {locale.locality},",
    }[language]
    assert message.to == [COORDINATOR_MAILBOX]
    assert message.body.startswith(greeting)
    assert audit_summary() == f"E-mailed case list circulated notice to the coordinator of {locale.locality}"


@pytest.mark.parametrize(("case_count", "cases"), [(1, "1 caso."), (3, "3 casos.")])
def test_spanish_plurals(locale, mailoutbox, case_count, cases):
    speaking(locale, "es")

    notice_send(actor=SYSTEM, notice=case_list_notice(locale, case_count=case_count))

    assert f"está lista para su organismo: {cases}" in mailoutbox[0].body


def test_the_scheduler_with_no_language_active_writes_to_a_spanish_locality_in_spanish(locale, mailoutbox):
    speaking(locale, "es")
    meeting = MeetingFactory(
        locality=locale.locality,
        scheduled_for=MONDAY_MORNING,
        invited=[locale.childrens_social_care],
        circulated=False,
    )
    AgendaItemFactory(meeting=meeting, referral__referring_agency=locale.police)

    with translation.override(None):
        run = circulate_due(now=MONDAY_MORNING - dt.timedelta(days=3))

    assert run.circulated == [meeting]
    [message] = mailoutbox
    assert message.subject == f"{locale.locality}: lista de casos de la reunión del lunes 2 de marzo de 2026"
    assert "(reunión en directo) del lunes 2 de marzo de 2026, 10:00 está lista para su organismo: 1 caso." in (
        message.body
    )
    assert audit_summary() == "E-mailed case list circulated notice to Riverside Children's Services"


def test_an_order_ending_names_its_type_and_days_in_spanish(locale, mailoutbox):
    speaking(locale, "es")
    PerpetratorSettings.objects.create(locality=locale.locality, owner_notice_days=7, idva_notice_days=21)
    locale.police.contact_email = "dv-orders@riverside-police.example"
    locale.police.save(update_fields=["contact_email"])
    case = ReferralFactory(case__locality=locale.locality, referring_agency=locale.police).case
    order = order_on(case, owner=locale.police, ends_in_days=5, starts_days_ago=60)

    with translation.override(None):
        order_expiry_alerts()

    owner = next(message for message in mailoutbox if message.to == ["dv-orders@riverside-police.example"])
    assert owner.subject.startswith(f"{locale.locality}: la orden {order.pk} termina el ")
    assert f"La orden {order.pk} (Orden de alejamiento), a cargo de Riverside Police" in owner.body
    assert "dentro de 5 días." in owner.body
    assert "Si debe continuar, solicite antes de esa fecha su prórroga o su sustitución." in owner.body
