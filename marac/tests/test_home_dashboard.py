"""The coordinator's home page counts what she chases: referral-back duties no agency has answered in time, and
pathway referrals of her locality no receiving agency has answered in time; each count links to its list. Each costs
one query, however many there are."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from marac.actions.models import ActionStatus
from marac.agencies.models import Locality
from marac.dashboard import dashboard_for
from marac.duties.tests.factories import duty_on
from marac.pathways.models import Pathway
from marac.pathways.tests.factories import overdue, pathway, send
from marac.referrals.tests.factories import refer, victim
from marac.referrals.tests.helpers import add_action
from marac.tests.html import parse

pytestmark = pytest.mark.django_db

# What the coordinator's dashboard costs (whether her agency receives case information comes with her memberships): a
# count for each of its lines (the triage queue, open and overdue actions together, reviews due, people flagged, unmet
# duties, pathway answers overdue), the agencies without a point of contact, and the meetings and referrals it lists.
# The two lines of what she chases are one query each.
CHASING_QUERIES = 2
COORDINATOR_DASHBOARD_QUERIES = 7 + CHASING_QUERIES

NAMES = ("Priya Shah", "Ana Costa", "Beth Lowe", "Carys Hale", "Dina Moss")


def _unmet_duty(locale, index: int):
    given, family = NAMES[index].split()
    case = refer(locale, victim=victim(given_name=given, family_name=family, aliases=[])).case
    return duty_on(case, agency=locale.housing, raised_hours_ago=50, due_in_hours=-2)


def _pathway_referrals(locale, index: int):
    """One pathway referral overdue for an answer and one not yet due, of two more victims, along the police's
    pathway to the IDVA service."""
    along = pathway(locale) if index == 0 else Pathway.objects.get(locality=locale.locality)
    late = send(locale, along, victim=victim(given_name="Late", family_name=f"Victim{index}", aliases=[])).referral
    overdue(late)
    send(locale, along, victim=victim(given_name="Early", family_name=f"Victim{index}", aliases=[]))


def _line(page, href: str) -> tuple[str, str]:
    """The words of the dashboard's link to `href`, and the number beside it."""
    for item in page.find_all("li"):
        for link in item.find_all("a"):
            if link.attrs.get("href") == href:
                return link.text.strip(), item.find("strong").text.strip()
    return "", ""


def test_the_coordinator_sees_what_she_chases_with_links_to_the_lists(locale):
    _unmet_duty(locale, 0)
    duty_on(refer(locale).case, agency=locale.police, due_in_hours=10)  # not yet due: waiting, not unmet
    _pathway_referrals(locale, 0)

    page = parse(locale.client("coordinator").get(reverse("home")).content.decode())

    assert _line(page, reverse("duties:monitor") + "?show=unmet") == ("Unmet referral-back duties", "1")
    assert _line(page, reverse("pathways:list") + "?direction=all") == ("Pathway referrals overdue for an answer", "1")


def test_the_lines_show_none_as_nought(locale):
    board = dashboard_for(locale.actor("coordinator"))
    assert board.unmet_duties == 0 and board.pathway_answers_overdue == 0


def test_only_the_locality_s_referrals_and_duties_count(locale, other_locale):
    _unmet_duty(other_locale, 0)
    _pathway_referrals(other_locale, 0)

    board = dashboard_for(locale.actor("coordinator"))

    assert board.unmet_duties == 0 and board.pathway_answers_overdue == 0


def test_an_agency_sees_neither_line(locale):
    _unmet_duty(locale, 0)
    _pathway_referrals(locale, 0)

    for persona in ("idva", "housing_rep", "police_referrer"):
        board = dashboard_for(locale.actor(persona))
        assert board.unmet_duties is None and board.pathway_answers_overdue is None
        page = locale.client(persona).get(reverse("home")).content.decode()
        assert "Unmet referral-back duties" not in page and "overdue for an answer" not in page


def test_the_chair_sees_the_duties_she_monitors_but_no_pathway_referral(locale):
    _unmet_duty(locale, 0)
    _pathway_referrals(locale, 0)

    board = dashboard_for(locale.actor("chair"))

    assert board.unmet_duties == 1 and board.pathway_answers_overdue is None


def _queries(locale) -> int:
    # A new actor each time, as each request has: an actor keeps what it has read about her agency.
    actor = locale.actor("coordinator")
    with CaptureQueriesContext(connection) as queries:
        dashboard_for(actor)
    return len(queries)


def test_the_dashboard_costs_the_same_for_one_and_for_several(locale):
    _unmet_duty(locale, 0)
    _pathway_referrals(locale, 0)
    with_one = _queries(locale)
    for index in range(1, 4):
        _unmet_duty(locale, index)
        _pathway_referrals(locale, index)
    with_several = _queries(locale)

    board = dashboard_for(locale.actor("coordinator"))
    assert board.unmet_duties == 4 and board.pathway_answers_overdue == 4
    assert with_one == with_several == COORDINATOR_DASHBOARD_QUERIES


def test_in_spanish(locale):
    Locality.objects.filter(pk=locale.locality.pk).update(language="es")
    _unmet_duty(locale, 0)
    _pathway_referrals(locale, 0)

    page = parse(locale.client("coordinator").get(reverse("home")).content.decode())

    assert _line(page, reverse("duties:monitor") + "?show=unmet") == (
        "Obligaciones de nueva derivación incumplidas",
        "1",
    )
    assert _line(page, reverse("pathways:list") + "?direction=all") == (
        "Derivaciones por circuito con respuesta fuera de plazo",
        "1",
    )


def test_open_and_overdue_actions_are_counted_together_as_each_reader_sees_them(locale):
    case = refer(locale).case
    add_action(locale, case, "police", "Flag the address")
    late = add_action(locale, case, "police", "Visit the home")
    late.due_date = timezone.localdate() - dt.timedelta(days=1)
    late.save()
    done = add_action(locale, case, "housing", "Fit new locks")
    done.due_date, done.status = late.due_date, ActionStatus.DONE
    done.save()
    add_action(locale, case, "housing", "Move her to a safe address")

    coordinator = dashboard_for(locale.actor("coordinator"))
    police = dashboard_for(locale.actor("police_rep"))

    assert (coordinator.open_actions, coordinator.overdue_actions) == (3, 1)
    assert (police.open_actions, police.overdue_actions) == (2, 1)
