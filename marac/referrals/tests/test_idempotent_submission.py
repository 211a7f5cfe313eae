"""Submitting the same referral form twice gives one referral, one case."""

import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from marac.audit.models import AuditAction, AuditEvent
from marac.people.models import Person
from marac.referrals.models import Case, Referral
from marac.referrals.services import referral_create
from marac.referrals.tests.factories import form_data, referral_input


def test_the_same_token_returns_the_first_referral(locale):
    data = referral_input()
    actor = locale.actor("police_referrer")

    first = referral_create(actor=actor, data=data)
    second = referral_create(actor=actor, data=data)

    assert first.created and not second.created
    assert second.referral == first.referral
    assert second.case == first.case
    assert Referral.objects.count() == 1
    assert Case.objects.count() == 1
    assert Person.objects.count() == 2  # victim and perpetrator, once each
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="referrals.referral").count() == 1


def test_a_double_post_of_the_form_makes_one_referral(locale):
    client = locale.client("police_referrer")
    data = form_data(token=str(uuid.uuid4()))

    first = client.post(reverse("referrals:new"), data)
    second = client.post(reverse("referrals:new"), data)

    referral = Referral.objects.get()
    assert first.status_code == second.status_code == 302
    assert first.url == second.url == reverse("referrals:detail", args=[referral.pk])
    assert Case.objects.count() == 1


def test_the_form_gets_a_fresh_token_each_time(locale):
    client = locale.client("police_referrer")
    first = client.get(reverse("referrals:new")).context["form"].initial["submission_token"]
    second = client.get(reverse("referrals:new")).context["form"].initial["submission_token"]
    assert first != second


def test_someone_else_s_token_is_refused(locale):
    data = referral_input()
    referral_create(actor=locale.actor("police_referrer"), data=data)

    with pytest.raises(ValidationError) as raised:
        referral_create(actor=locale.actor("police_rep"), data=data)
    assert "submission_token" in raised.value.message_dict
    assert Referral.objects.count() == 1
