"""The MARAC processes outside the matac app's own files leave MATAC meetings alone too: triage lists cases on MARAC
meetings only, a co-ordination escalates to the next live MARAC meeting, a MATAC meeting has no case minutes, and
the calendar names it for what it is. The menu offers MATAC to those who may read it."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from marac.matac.tests.factories import matac_meeting
from marac.meetings.calendar import meeting_summary
from marac.meetings.coordination import next_live_meeting
from marac.meetings.models import MeetingStatus
from marac.meetings.services import agenda_item_add
from marac.meetings.tests.factories import MeetingFactory
from marac.referrals.selectors import listable_meetings
from marac.testing.factories import ReferralFactory

pytestmark = pytest.mark.django_db


def test_a_case_is_never_listed_on_a_matac_meeting(locale):
    matac = matac_meeting(locale, days=3)
    marac = MeetingFactory(locality=locale.locality, scheduled_for=timezone.now() + dt.timedelta(days=5))
    assert list(listable_meetings(actor=locale.actor("coordinator"))) == [marac]
    referral = ReferralFactory(case__locality=locale.locality)
    with pytest.raises(ValidationError) as refused:
        agenda_item_add(actor=locale.actor("coordinator"), meeting=matac, referral=referral)
    assert "MATAC meeting" in refused.value.message_dict["meeting"][0]
    assert not matac.agenda_items.exists()


def test_escalation_goes_to_the_next_live_marac_meeting(locale):
    matac_meeting(locale, days=2)
    marac = MeetingFactory(locality=locale.locality, scheduled_for=timezone.now() + dt.timedelta(days=9))
    assert next_live_meeting(locality_id=locale.locality.pk) == marac


def test_a_matac_meeting_has_no_case_minutes_and_its_own_calendar_name(locale):
    meeting = matac_meeting(locale, status=MeetingStatus.CLOSED)
    assert locale.client("coordinator").get(reverse("meetings:minutes", args=[meeting.pk])).status_code == 404
    assert meeting_summary(meeting) == "Riverside MATAC – serial perpetrators"


@pytest.mark.parametrize(("persona", "offered"), [("police_rep", True), ("coordinator", True), ("analyst", False)])
def test_the_sections_offered_include_matac(locale, persona, offered):
    body = locale.client(persona).get(reverse("sections")).content.decode()
    assert (reverse("matac:overview") in body) is offered
