"""The case page's referral-back panel and the duty lists cost the same however many duties there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marac.duties.models import EventKind
from marac.duties.tests.factories import duty_on
from marac.duties.tests.helpers import known_case

pytestmark = pytest.mark.django_db


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _grow(locale, case, rows: int) -> None:
    for index in range(rows):
        duty_on(case, agency=locale.housing, note=f"Disclosure {index}")
        duty_on(case, agency=locale.police, kind=EventKind.VICTIM_MOVED, due_in_hours=-index - 1)


@pytest.mark.parametrize(
    ("persona", "url_name"),
    [
        ("housing_rep", "referrals:case_detail"),
        ("coordinator", "referrals:case_detail"),
        ("housing_rep", "duties:ours"),
        ("coordinator", "duties:monitor"),
    ],
)
def test_the_pages_cost_the_same_for_one_duty_and_fifteen(locale, persona, url_name):
    s = known_case(locale)
    client = locale.client(persona)
    url = reverse(url_name, args=[s.case.pk]) if url_name == "referrals:case_detail" else reverse(url_name)
    _grow(locale, s.case, 1)
    one = _count(client, url)
    _grow(locale, s.case, 14)
    assert _count(client, url) == one
