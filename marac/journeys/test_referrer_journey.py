"""The police referrer makes a referral by keyboard alone: victim, perpetrator, checklist, criteria, consent."""

import re

from marac.journeys.keyboard import choose, press_button, tick, type_into
from marac.referrals.models import Consent, Referral
from marac.referrals.tests.factories import CHECKLIST
from marac.risk.models import Answer

YES_ANSWERS = 14  # the checklist's own threshold for visible high risk


def test_the_referrer_makes_a_referral_by_keyboard_alone(visitor, locale):
    page = visitor.page
    visitor.sign_in(locale.memberships["police_referrer"].user, then="/referrals/new/")
    assert page.locator("h1").inner_text() == "Make a referral"

    type_into(page, "#id_given_name", "Zoë")
    type_into(page, "#id_family_name", "O'Neill")
    type_into(page, "#id_date_of_birth", "12")
    type_into(page, "#id_date_of_birth_month", "4")
    type_into(page, "#id_date_of_birth_year", "1991")
    type_into(page, "#id_perpetrators-0-given_name", "Dale")
    type_into(page, "#id_perpetrators-0-family_name", "Brack")
    type_into(page, "#id_perpetrators-0-relationship_to_victim", "Ex-partner")
    type_into(page, "#id_risk_summary", "Strangled her during an argument after she said she would leave.")
    choose(page, "safe_to_talk", "yes")
    for number, item in enumerate(CHECKLIST.items, start=1):
        choose(page, f"answer_{item.id}", Answer.YES if number <= YES_ANSWERS else Answer.NO)
    tick(page, "#id_professional_judgement")
    type_into(page, "#id_professional_judgement_reasons", "Non-fatal strangulation; separation planned.")
    choose(page, "consent", Consent.GIVEN)
    press_button(page, "Send the referral")
    page.wait_for_url(re.compile(r"/referrals/\d+/$"))
    visitor.arrived()

    referral = Referral.objects.get()
    assert "Referral sent" in page.locator("main").inner_text()
    assert referral.case.reference in page.locator("main").inner_text()
    assert (referral.case.victim.given_name, referral.case.victim.family_name) == ("Zoë", "O'Neill")
    assert referral.referring_agency == locale.police
    assert referral.assessment.score == YES_ANSWERS
    assert referral.criteria_met == ["Visible high risk", "Professional judgement"]
    assert referral.consent == Consent.GIVEN
