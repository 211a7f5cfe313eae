"""Court-ordered programmes: the referral, attendance reported over time by the programme, and the outcome
(completed, or dropped out with the reason); shown on the case and on the perpetrator's page."""

import datetime as dt
import html

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from marac.access.actor import SESSION_MEMBERSHIP_KEY
from marac.access.tests.world import build_world
from marac.accounts.testing import verified_client
from marac.agencies.models import Role
from marac.audit.models import AuditAction, AuditEvent
from marac.governance.tests.factories import agreement_signed_by_every_agency
from marac.incidents.tests.factories import perpetrator_of
from marac.perpetrators.models import OrderType, ProgrammeReferral, ProgrammeStatus, ProgrammeUpdate
from marac.perpetrators.programme_services import AttendanceInput, ProgrammeInput, programme_refer, programme_update
from marac.perpetrators.tests.factories import order_on, programme_agency, programme_for
from marac.testing.factories import MembershipFactory, actor_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(locale):
    return build_world(locale)


@pytest.fixture
def programme_staff(locale):
    """The programme's own representative: her agency has no relation with any case."""
    agency = programme_agency(locale.locality)
    agreement_signed_by_every_agency(locale.locality)  # a new agreement, signed by the new agency too
    return MembershipFactory(agency=agency, role=Role.AGENCY_REP, user__username="programme-rep")


def _referral(world, **overrides) -> ProgrammeInput:
    values = {
        "perpetrator_id": perpetrator_of(world.case).pk,
        "programme_agency_id": programme_agency(world.case.locality).pk,
        "ordered_by": "Riverside Crown Court",
        "referred_on": timezone.localdate() - dt.timedelta(days=3),
        "sessions_expected": 26,
        "programme_name": "Respectful Relationships",
    }
    values.update(overrides)
    return ProgrammeInput(**values)


def test_a_referral_is_recorded_from_an_order_and_takes_its_court(locale, world):
    order = order_on(world.case, owner=locale.police, order_type=OrderType.COURT_ORDERED_PROGRAMME)
    programme = programme_refer(
        actor=locale.actor("coordinator"), case=world.case, data=_referral(world, ordered_by="", order_id=order.pk)
    )
    assert programme.ordered_by == "Riverside Magistrates' Court"
    assert programme.status == ProgrammeStatus.ATTENDING and programme.sessions_attended == 0
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="perpetrators.programmereferral").exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"sessions_expected": 0}, "sessions_expected"),
        ({"referred_on": timezone.localdate() + dt.timedelta(days=1)}, "referred_on"),
        ({"ordered_by": ""}, "ordered_by"),
        ({"perpetrator_id": None}, "perpetrator"),
        ({"order_id": 999_999}, "order"),
    ],
)
def test_bad_referrals_are_refused_on_their_field(locale, world, overrides, field):
    with pytest.raises(ValidationError) as error:
        programme_refer(actor=locale.actor("coordinator"), case=world.case, data=_referral(world, **overrides))
    assert field in error.value.message_dict
    assert not ProgrammeReferral.objects.exists()


def test_only_agencies_sharing_the_case_refer(locale, world):
    for persona in ("health_rep", "idva", "chair"):  # identifiers only; and roles without programme.record
        with pytest.raises(PermissionDenied):
            programme_refer(actor=locale.actor(persona), case=world.case, data=_referral(world))


def test_attendance_is_reported_over_time_then_the_outcome(locale, world, programme_staff):
    programme = programme_for(world.case, agency=programme_staff.agency, sessions_expected=12)
    actor = actor_for(programme_staff)
    programme_update(actor=actor, programme=programme, data=AttendanceInput(sessions_attended=4, status="attending"))
    programme_update(
        actor=actor, programme=programme, data=AttendanceInput(sessions_attended=12, status="completed", note="Done")
    )
    programme.refresh_from_db()
    assert (programme.sessions_attended, programme.status) == (12, ProgrammeStatus.COMPLETED)
    assert programme.ended_on == timezone.localdate()
    assert list(ProgrammeUpdate.objects.order_by("pk").values_list("sessions_attended", "status")) == [
        (4, "attending"),
        (12, "completed"),
    ]
    with pytest.raises(ValidationError, match="has ended"):
        programme_update(
            actor=actor, programme=programme, data=AttendanceInput(sessions_attended=12, status="attending")
        )


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (AttendanceInput(sessions_attended=2, status="attending"), "sessions_attended", "cannot go down"),
        (AttendanceInput(sessions_attended=13, status="attending"), "sessions_attended", "12 sessions"),
        (AttendanceInput(sessions_attended=5, status="dropped_out"), "dropout_reason", "Say why he dropped out."),
        (AttendanceInput(sessions_attended=None, status="attending"), "sessions_attended", "Enter the number"),
    ],
)
def test_bad_attendance_is_refused(locale, world, data, field, message):
    programme = programme_for(world.case, agency=locale.police, sessions_expected=12, sessions_attended=3)
    with pytest.raises(ValidationError) as error:
        programme_update(actor=locale.actor("coordinator"), programme=programme, data=data)
    assert message in error.value.message_dict[field][0]
    assert not ProgrammeUpdate.objects.exists()


def test_only_the_programme_or_the_coordinator_report_attendance(locale, world, programme_staff):
    programme = programme_for(world.case, agency=programme_staff.agency)
    with pytest.raises(PermissionDenied):
        programme_update(
            actor=locale.actor("police_rep"),
            programme=programme,
            data=AttendanceInput(sessions_attended=1, status="attending"),
        )
    url = reverse("perpetrators:programme_update", args=[programme.pk])
    assert locale.client("police_rep").get(url).status_code == 404


def test_a_drop_out_shows_on_the_case_and_the_perpetrators_page(locale, world, programme_staff):
    programme = programme_for(world.case, agency=programme_staff.agency, sessions_expected=20)
    client = verified_client(programme_staff.user)
    session = client.session
    session[SESSION_MEMBERSHIP_KEY] = programme_staff.pk
    session.save()
    response = client.post(
        reverse("perpetrators:programme_update", args=[programme.pk]),
        {
            "sessions_attended": "7",
            "status": "dropped_out",
            "dropout_reason": "Stopped coming after week 7.",
            "note": "",
        },
    )
    assert response.status_code == 302
    for persona, url in (
        ("idva", reverse("referrals:case_detail", args=[world.case.pk])),
        ("housing_rep", reverse("perpetrators:detail", args=[programme.perpetrator_id])),
    ):
        text = html.unescape(locale.client(persona).get(url).content.decode())
        assert "7 of 20 sessions" in text and "Dropped out" in text and "Stopped coming after week 7." in text


def test_the_update_page_links_the_missing_reason_to_its_field(locale, world):
    programme = programme_for(world.case, agency=locale.police)
    response = locale.client("coordinator").post(
        reverse("perpetrators:programme_update", args=[programme.pk]),
        {"sessions_attended": "3", "status": "dropped_out", "dropout_reason": ""},
    )
    assert '<a href="#id_dropout_reason">Say why he dropped out.</a>' in html.unescape(response.content.decode())
