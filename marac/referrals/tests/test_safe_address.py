"""A safe address is withheld from everyone but the IDVA and the police."""

from django.urls import reverse

from marac.referrals.tests.factories import refer, victim
from marac.referrals.tests.helpers import hold_meeting

REFUGE = "Riverside Women's Refuge, 1 Hidden Lane"


def refer_with_safe_address(locale):
    outcome = refer(locale, victim=victim(address=REFUGE, postcode="RV3 3CC", address_is_safe_address=True))
    outcome.case.idva_agency = locale.idva_service
    outcome.case.save()
    hold_meeting(locale, outcome.referral, invited=("police", "housing"))
    return outcome


def page(locale, persona, url):
    return locale.client(persona).get(url).content.decode()


def test_housing_sees_that_the_address_is_withheld(locale):
    case = refer_with_safe_address(locale).case
    content = page(locale, "housing_rep", reverse("referrals:case_detail", args=[case.pk]))
    assert "Safe address – withheld" in content
    assert "Hidden Lane" not in content and "RV3 3CC" not in content


def test_the_idva_and_the_police_see_it(locale):
    case = refer_with_safe_address(locale).case
    for persona in ("idva", "police_rep"):
        content = page(locale, persona, reverse("referrals:case_detail", args=[case.pk]))
        assert "Hidden Lane" in content
        assert "Safe address – withheld" not in content


def test_the_coordinator_does_not(locale):
    case = refer_with_safe_address(locale).case
    content = page(locale, "coordinator", reverse("referrals:case_detail", args=[case.pk]))
    assert "Hidden Lane" not in content
    assert "Safe address – withheld" in content


def test_the_referral_itself_follows_the_same_rule(locale):
    outcome = refer(
        locale, "housing_rep", victim=victim(address=REFUGE, postcode="RV3 3CC", address_is_safe_address=True)
    )
    url = reverse("referrals:detail", args=[outcome.referral.pk])
    assert "Hidden Lane" not in page(locale, "housing_rep", url)
    assert "Safe address – withheld" in page(locale, "housing_rep", url)
    assert "Hidden Lane" not in page(locale, "coordinator", url)


def test_an_ordinary_address_is_shown_once_shared(locale):
    outcome = refer(locale)
    hold_meeting(locale, outcome.referral, invited=("housing",))
    content = page(locale, "housing_rep", reverse("referrals:case_detail", args=[outcome.case.pk]))
    assert "14 Willow Row" in content
