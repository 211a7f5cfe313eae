"""The perpetrator page shows his releases from custody and escapes (read through the rights app's policy, and in the
page's audit event), with a link to record one for those whose role may."""

import datetime as dt
import html

import pytest
from django.urls import reverse
from django.utils import dateformat, timezone

from marac.access.tests.world import build_world
from marac.accounts.models import UserPreference
from marac.audit.models import AuditAction, AuditEvent
from marac.incidents.tests.factories import perpetrator_of
from marac.rights.models import CustodyEvent, CustodyEventKind
from marac.rights.tests.factories import custody_event
from marac.testing.factories import PersonFactory

pytestmark = pytest.mark.django_db

RECORD_LINK = "Record a release or escape"
DUE_BACK = timezone.localdate() - dt.timedelta(days=23)


@pytest.fixture
def world(locale):
    return build_world(locale)


@pytest.fixture
def perpetrator(world):
    return perpetrator_of(world.case)


def _page(client, person) -> str:
    response = client.get(reverse("perpetrators:detail", args=[person.pk]))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def _temporary_release(locale, perpetrator) -> CustodyEvent:
    return CustodyEvent.objects.create(
        locality=locale.locality,
        perpetrator=perpetrator,
        kind=CustodyEventKind.TEMPORARY_RELEASE,
        occurred_at=timezone.now() - dt.timedelta(days=30),
        establishment="HMP Eastwood",
        returns_on=DUE_BACK,
        reporting_agency=locale.police,
        recorded_by=locale.memberships["police_rep"].user,
        recorded_at=timezone.now() - dt.timedelta(days=30),
    )


def test_the_page_lists_his_releases_and_escapes_newest_first(locale, world, perpetrator):
    older = _temporary_release(locale, perpetrator)
    newer = custody_event(locale, perpetrator, hours_ago=5)
    someone_else = custody_event(locale, PersonFactory(locality=locale.locality), hours_ago=2)

    text = _page(locale.client("coordinator"), perpetrator)

    section = text[text.index("Releases and escapes") :]
    assert section.index("Released from custody") < section.index("Released temporarily")
    assert reverse("rights:custody_event", args=[newer.pk]) in section
    assert reverse("rights:custody_event", args=[older.pk]) in section
    assert reverse("rights:custody_event", args=[someone_else.pk]) not in text
    assert "HMP Northgate" in section and "HMP Eastwood" in section
    assert f"Due back {dateformat.format(DUE_BACK, 'j M Y')}" in section
    assert locale.police.name in section


def test_the_history_is_in_the_pages_audit_event(locale, world, perpetrator):
    event = custody_event(locale, perpetrator)

    _page(locale.client("idva"), perpetrator)

    audit = AuditEvent.objects.filter(action=AuditAction.VIEW, object_type="people.person").latest("pk")
    assert audit.object_id == str(perpetrator.pk)
    assert audit.detail["custody_events"] == [event.pk]


def test_a_page_without_any_says_so(locale, world, perpetrator):
    text = _page(locale.client("coordinator"), perpetrator)

    assert "Releases and escapes" in text
    assert "No release or escape of the perpetrator has been recorded." in text


@pytest.mark.parametrize("persona", ["coordinator", "idva", "police_rep"])
def test_those_who_may_record_one_get_the_link(locale, world, perpetrator, persona):
    text = _page(locale.client(persona), perpetrator)

    assert RECORD_LINK in text
    assert reverse("rights:custody_event_new", kwargs={"person_pk": perpetrator.pk}) in text


def test_the_chair_reads_the_history_but_gets_no_link_to_record_one(locale, world, perpetrator):
    event = custody_event(locale, perpetrator)

    text = _page(locale.client("chair"), perpetrator)

    assert reverse("rights:custody_event", args=[event.pk]) in text
    assert RECORD_LINK not in text
    assert reverse("rights:custody_event_new", kwargs={"person_pk": perpetrator.pk}) not in text


def test_the_section_is_in_spanish_for_a_spanish_reader(locale, world, perpetrator):
    UserPreference.objects.create(user=locale.memberships["coordinator"].user, language="es")

    text = _page(locale.client("coordinator"), perpetrator)

    assert "Puestas en libertad y fugas" in text
    assert "No se ha registrado ninguna puesta en libertad ni fuga del agresor." in text
    assert "Registrar una puesta en libertad o fuga" in text
