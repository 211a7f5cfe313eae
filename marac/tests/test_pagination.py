"""Page links keep the list's filters."""

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory


def test_links_keep_the_filters_and_change_only_the_page():
    request = RequestFactory().get("/actions/", {"status": "open", "overdue": "on", "page": "2"})
    page = Paginator(list(range(120)), 50).get_page(2)
    html = render_to_string("components/pagination.html", {"page": page, "label": "Pages of actions"}, request)
    assert 'aria-label="Pages of actions"' in html
    assert 'href="?status=open&amp;overdue=on&amp;page=1"' in html
    assert 'href="?status=open&amp;overdue=on&amp;page=3"' in html
    assert "Page 2 of 3" in html


def test_nothing_for_a_single_page():
    page = Paginator(list(range(10)), 50).get_page(1)
    assert render_to_string("components/pagination.html", {"page": page}).strip() == ""
