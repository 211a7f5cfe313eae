"""The screenshots command's pages exist and are seen by demo users: checked without a browser or a database."""

from django.urls import reverse

from marac.demo import data
from marac.screenshots.pages import SHOTS


def test_every_page_resolves_and_is_seen_by_a_demo_user():
    addresses = {
        shot.name: reverse(shot.url_name, kwargs={shot.subject_kwarg: 7} if shot.subject else {}) for shot in SHOTS
    }

    assert addresses == {
        "home-coordinator": "/",
        "referral-form": "/referrals/new/",
        "triage-queue": "/referrals/",
        "case-page": "/cases/7/",
        "meeting-agenda": "/meetings/7/",
        "live-meeting": "/meetings/7/run/",
        "agency-actions": "/actions/",
        "idva-cases": "/idva/cases/",
        "data-return": "/reports/return/",
        "kpi-dashboard": "/reports/dashboard/",
        "monitoring": "/reports/monitoring/",
        "rfgv-ranking": "/matac/ranking/",
        "audit-search": "/audit/search/",
        "pathway-referrals": "/pathways/",
        "rights-log": "/rights/cases/7/",
        "all-sections": "/sections/",
    }
    assert {shot.username for shot in SHOTS} <= {username for username, *_ in data.USERS}
