"""The checks before a case moves: heard here? on a list already circulated? known in the receiving area?"""

import datetime as dt

from django.urls import reverse

from marac.meetings.models import MeetingStatus, Research, ResearchFinding
from marac.people.models import Alias
from marac.referrals.models import CaseStatus
from marac.testing.factories import CaseFactory, PersonFactory
from marac.transfers.selectors import meeting_checks, pack_of, receiving_checks
from marac.transfers.tests.factories import TransferFactory, circulate, list_case, meeting_of


def _checks(case):
    return meeting_checks([case])[0]


def test_a_new_case_was_not_heard_and_is_not_listed(locale):
    checks = _checks(CaseFactory(locality=locale.locality))
    assert checks.heard == () and checks.upcoming == ()


def test_a_case_heard_here_names_the_meeting(locale):
    case = CaseFactory(locality=locale.locality)
    held = meeting_of(locale.locality, days=-14, status=MeetingStatus.CLOSED)
    list_case(case, held, outcome="monitoring")
    checks = _checks(case)
    assert checks.heard == (held,)
    assert checks.last_heard == held
    assert checks.upcoming == ()


def test_a_listing_whose_case_list_has_not_gone_out_can_go_quietly(locale):
    case = CaseFactory(locality=locale.locality)
    upcoming = meeting_of(locale.locality, days=7)
    list_case(case, upcoming)
    (listing,) = _checks(case).upcoming
    assert listing.meeting == upcoming
    assert listing.circulated_at is None
    assert not listing.agencies_have_it


def test_a_listing_on_a_circulated_list_is_already_with_the_agencies(locale):
    case = CaseFactory(locality=locale.locality)
    upcoming = meeting_of(locale.locality, days=7)
    list_case(case, upcoming)
    circulation = circulate(upcoming)
    (listing,) = _checks(case).upcoming
    assert listing.circulated_at == circulation.circulated_at
    assert listing.agencies_have_it
    assert _checks(case).on_circulated_list


def test_research_posted_before_circulation_also_means_the_agencies_have_it(locale):
    case = CaseFactory(locality=locale.locality)
    item = list_case(case, meeting_of(locale.locality, days=7))
    Research.objects.create(
        agenda_item=item,
        agency=locale.police,
        finding=ResearchFinding.NO_TRACE,
        submitted_by=locale.memberships["police_rep"].user,
        submitted_at=item.meeting.scheduled_for - dt.timedelta(days=3),
    )
    (listing,) = _checks(case).upcoming
    assert listing.circulated_at is None and listing.agencies_have_it


def test_the_request_page_shows_each_check(locale):
    case = CaseFactory(locality=locale.locality)
    list_case(case, meeting_of(locale.locality, days=-14, status=MeetingStatus.CLOSED), outcome="monitoring")
    quiet = meeting_of(locale.locality, days=7)
    circulated = meeting_of(locale.locality, days=21)
    list_case(case, quiet)
    list_case(case, circulated)
    circulate(circulated)
    body = locale.client("coordinator").get(reverse("transfers:new", args=[case.pk])).content.decode()
    assert "Heard here already?" in body and "No: the case has not been heard" not in body
    assert f"taken off the agenda of {quiet} without notice" in body
    assert f"The agencies invited to {circulated} already have this case" in body
    assert "tell the agencies at the meeting" in body


# The receiving side


def _incoming(locale, other_locale, **victim):
    """A Hillcrest case transferred to Riverside."""
    sending = CaseFactory(
        locality=other_locale.locality,
        victim__given_name="Leah",
        victim__family_name="Marsh",
        victim__date_of_birth=dt.date(1991, 3, 4),
        **{f"victim__{key}": value for key, value in victim.items()},
    )
    Alias.objects.create(person=sending.victim, name="Leah Ashdown")
    return TransferFactory(sending_case=sending, to_locality=locale.locality)


def test_nobody_known_here(locale, other_locale):
    transfer = _incoming(locale, other_locale)
    checks = receiving_checks(actor=locale.actor("coordinator"), transfer=transfer, pack=pack_of(transfer))
    assert checks.cases == () and not checks.joins_existing and not checks.heard_here


def test_the_same_victim_here_matched_by_another_name_and_date_of_birth(locale, other_locale):
    transfer = _incoming(locale, other_locale)
    # Riverside knows her under her other name, and has heard her case and circulated its next list.
    victim = PersonFactory(
        locality=locale.locality, given_name="Leah", family_name="Ashdown", date_of_birth=dt.date(1991, 3, 4)
    )
    here = CaseFactory(locality=locale.locality, victim=victim, status=CaseStatus.MONITORING)
    held = meeting_of(locale.locality, days=-14, status=MeetingStatus.CLOSED)
    list_case(here, held, outcome="monitoring")
    upcoming = meeting_of(locale.locality, days=7)
    list_case(here, upcoming)
    circulate(upcoming)
    # Same name, another date of birth: someone else.
    CaseFactory(
        locality=locale.locality,
        victim=PersonFactory(locality=locale.locality, given_name="Leah", family_name="Marsh"),
    )

    checks = receiving_checks(actor=locale.actor("coordinator"), transfer=transfer, pack=pack_of(transfer))
    assert [entry.case for entry in checks.cases] == [here]
    assert checks.heard_here and checks.cases[0].last_heard == held
    assert checks.on_circulated_list
    assert checks.joins_existing and checks.case_to_join == here

    body = locale.client("coordinator").get(reverse("transfers:detail", args=[transfer.pk])).content.decode()
    assert here.reference in body
    assert "She is on a case list your agencies already have." in body
    assert f"Accepting adds a referral to {here.reference}" in body


def test_a_closed_case_here_is_shown_but_a_new_case_is_opened(locale, other_locale):
    transfer = _incoming(locale, other_locale)
    victim = PersonFactory(
        locality=locale.locality, given_name="Leah", family_name="Marsh", date_of_birth=dt.date(1991, 3, 4)
    )
    closed = CaseFactory(locality=locale.locality, victim=victim, status=CaseStatus.CLOSED)
    checks = receiving_checks(actor=locale.actor("coordinator"), transfer=transfer, pack=pack_of(transfer))
    assert [entry.case for entry in checks.cases] == [closed]
    assert not checks.joins_existing
