"""The retention schedule anonymises an expired case's rights log: what was written about her goes; topics, measures,
choices, dates and agencies stay, and so does the perpetrator's release, which holds no free text about anyone."""

from django.utils import timezone

from marac.idva.models import ContactMethod
from marac.incidents.tests.factories import perpetrator_of
from marac.people.retention import ERASED
from marac.people.tests.factories import years_ago
from marac.people.tests.retention_helpers import run_retention
from marac.rights.models import CustodyEvent, InformationGiven, InformationTopic, NeedsAssessment, NotificationChoice
from marac.rights.tests.factories import choice, needs_assessment, notification, victim_case


def test_an_expired_case_loses_what_was_written_and_keeps_the_facts(locale):
    case = victim_case(locale, status="closed", closed_at=years_ago(7))
    membership = locale.memberships["idva"]
    InformationGiven.objects.create(
        case=case,
        topics=[InformationTopic.CONTACT_POINT],
        given_at=years_ago(8),
        method=ContactMethod.PHONE,
        language="Polish",
        note="Staying at her mother's on Elm Road.",
        agency=membership.agency,
        recorded_by=membership.user,
        recorded_at=years_ago(8),
    )
    opted = choice(locale, case, wants=True)
    NotificationChoice.objects.filter(pk=opted.pk).update(note="Call her sister's phone.")
    needs_assessment(locale, case, her_views="Wants a woman officer.")
    told = notification(locale, case, opted_in=True)
    told.told_at, told.told_by, told.told_by_agency = timezone.now(), membership.user, membership.agency
    told.method, told.note = ContactMethod.PHONE, "She is moving to Leeds."
    told.save()
    live = victim_case(locale, perpetrator=perpetrator_of(case))
    needs_assessment(locale, live, findings="Still at the family home.")

    run_retention()

    information = InformationGiven.objects.get(case=case)
    assert information.note == ERASED
    assert information.topics == [InformationTopic.CONTACT_POINT] and information.language == "Polish"
    assert NotificationChoice.objects.get(case=case).note == ERASED
    assessment = NeedsAssessment.objects.get(case=case)
    assert (assessment.findings, assessment.her_views) == (ERASED, ERASED)
    assert assessment.needs == ["no_contact"]
    told.refresh_from_db()
    assert told.note == ERASED and told.method == ContactMethod.PHONE
    assert CustodyEvent.objects.get().establishment == "HMP Northgate"
    assert NeedsAssessment.objects.get(case=live).findings == "Still at the family home."
