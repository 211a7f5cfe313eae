"""MATAC records go with the perpetrator when retention anonymises him; nobody else's are touched."""

import pytest
from django.utils import timezone

from marac.actions.models import NoticeKind, NoticeRecipient
from marac.matac.models import (
    MatacAction,
    MatacActionNotice,
    MatacActionUpdate,
    MatacListing,
    Nomination,
    NominationReferral,
    NominationStatus,
    RfgvSnapshot,
)
from marac.matac.retention import matac_records_delete
from marac.matac.tests.factories import listing_of, matac_action, matac_meeting, nomination_of
from marac.testing.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_every_matac_record_about_him_is_deleted_and_no_other(locale):
    meeting = matac_meeting(locale)
    gone = nomination_of(locale, PersonFactory(locality=locale.locality), status=NominationStatus.SELECTED)
    kept = nomination_of(locale, PersonFactory(locality=locale.locality), status=NominationStatus.SELECTED)
    for position, nomination in enumerate((gone, kept), start=1):
        action = matac_action(listing_of(meeting, nomination, position=position), locale.police)
        MatacActionUpdate.objects.create(
            action=action,
            author=locale.memberships["police_rep"].user,
            agency=locale.police,
            created_at=timezone.now(),
            status_before="open",
            status_after="in_progress",
            note="Visited.",
        )
        MatacActionNotice.objects.create(
            action=action,
            kind=NoticeKind.REMINDER,
            recipient=NoticeRecipient.OWNER_AGENCY,
            agency=locale.police,
            due_date=action.due_date,
            sent_at=timezone.now(),
        )

    deleted = matac_records_delete(person_ids=[gone.person_id])

    # An action (and its update and reminder), a listing, two scores (referral and entry), a referral, the nomination.
    assert deleted == 1 + 1 + 1 + 1 + 2 + 1 + 1
    assert not Nomination.objects.filter(pk=gone.pk).exists()
    for model in (MatacAction, MatacActionUpdate, MatacActionNotice, MatacListing, RfgvSnapshot, NominationReferral):
        assert model.objects.count() >= 1
    assert Nomination.objects.get() == kept and kept.referrals.count() == 1 and kept.actions.count() == 1
    assert MatacActionNotice.objects.get().action.nomination == kept
