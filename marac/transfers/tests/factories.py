"""Transfers for tests: a request as the service would store it, pack included."""

import datetime as dt

import factory
from django.utils import timezone

from marac.actions.models import Action
from marac.circulation.models import Circulation
from marac.meetings.models import AgendaItem, Meeting, MeetingStatus, Research, ResearchFinding
from marac.meetings.tests.factories import add_child, add_perpetrator
from marac.people.models import Alias
from marac.referrals.models import Case, CaseStatus
from marac.risk.tests.factories import AssessmentFactory
from marac.testing.factories import CaseFactory, LocalityFactory, ReferralFactory, UserFactory
from marac.transfers.models import Transfer
from marac.transfers.pack import history_pack_build


class TransferFactory(factory.django.DjangoModelFactory):
    """A transfer requested from the sending case's locality to a new one, unless told otherwise."""

    class Meta:
        model = Transfer

    sending_case = factory.SubFactory(CaseFactory)
    from_locality = factory.SelfAttribute("sending_case.locality")
    to_locality = factory.SubFactory(LocalityFactory)
    reason = "She has moved to live with her sister."
    requested_by = factory.SubFactory(UserFactory)
    requested_at = factory.LazyFunction(timezone.now)
    sharing_level = factory.LazyAttribute(lambda row: row.from_locality.transfer_history_sharing)
    history_pack = factory.LazyAttribute(
        lambda row: history_pack_build(
            case=row.sending_case, level=row.sharing_level, reason=row.reason, now=row.requested_at
        )
    )


def circulate(meeting: Meeting) -> Circulation:
    return Circulation.objects.create(meeting=meeting, circulated_at=timezone.now() - dt.timedelta(days=1))


def meeting_of(locality, *, days: int, status: str = MeetingStatus.SCHEDULED) -> Meeting:
    meeting = Meeting.objects.create(
        locality=locality, scheduled_for=timezone.now() + dt.timedelta(days=days), status=status
    )
    meeting.invited_agencies.set(locality.agencies.all())
    return meeting


def list_case(case: Case, meeting: Meeting, **fields) -> AgendaItem:
    referral = case.referrals.order_by("pk").first() or ReferralFactory(case=case)
    return AgendaItem.objects.create(meeting=meeting, case=case, referral=referral, **fields)


def case_with_history(locale) -> Case:
    """A case of Riverside heard once (with research and a discussion), assessed, with an open action, a
    perpetrator with another name and two children."""
    case = CaseFactory(
        locality=locale.locality,
        status=CaseStatus.MONITORING,
        victim__given_name="Leah",
        victim__family_name="Marsh",
        victim__date_of_birth=dt.date(1991, 3, 4),
    )
    Alias.objects.create(person=case.victim, name="Leah Ashdown")
    referral = ReferralFactory(case=case, referring_agency=locale.police, children_in_household=2)
    add_perpetrator(case, "Owen", "Marsh", date_of_birth=dt.date(1988, 1, 9), aliases=("Owen Ashdown",))
    today = timezone.localdate()
    add_child(case, "Mia", "Marsh", date_of_birth=dt.date(today.year - 6, 1, 1))
    add_child(case, "Noah", "Marsh", date_of_birth=dt.date(today.year - 3, 1, 1))
    AssessmentFactory(case=case, assessed_at=timezone.now() - dt.timedelta(days=40))
    held = meeting_of(locale.locality, days=-30, status=MeetingStatus.CLOSED)
    item = AgendaItem.objects.create(
        meeting=held,
        case=case,
        referral=referral,
        outcome="monitoring",
        discussion="Police described the strangulation on 2 May.",
        risk_summary="Very high: escalating, strangulation, separation.",
        discussed_at=held.scheduled_for,
    )
    Research.objects.create(
        agenda_item=item,
        agency=locale.housing,
        finding=ResearchFinding.KNOWN,
        details="Rent arrears after he took her bank card.",
        submitted_by=locale.memberships["housing_rep"].user,
        submitted_at=held.scheduled_for - dt.timedelta(days=3),
    )
    Action.objects.create(
        case=case,
        agenda_item=item,
        owner_agency=locale.housing,
        text="Fit a door viewer and new locks",
        due_date=today + dt.timedelta(days=10),
        created_by=locale.memberships["coordinator"].user,
        created_at=held.scheduled_for,
    )
    return case
