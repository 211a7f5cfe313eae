"""With JavaScript, adding an action refreshes only the actions part of the meeting page; without it, the
same form posts and redirects as usual."""

import pytest
from django.urls import reverse

from marac.actions.models import Action
from marac.actions.tests.test_action_create import due

pytestmark = pytest.mark.django_db


def test_the_form_posts_with_and_without_javascript(locale, item):
    page = locale.client("chair").get(reverse("meetings:item", kwargs={"pk": item.pk})).content.decode()
    add_url = reverse("meetings:item_action_add", kwargs={"pk": item.pk})
    assert f'action="{add_url}"' in page
    assert f'hx-post="{add_url}"' in page
    assert 'hx-select="#agreed-actions"' in page


def test_an_htmx_post_with_errors_shows_the_summary_inside_the_swapped_part(locale, item):
    response = locale.client("chair").post(
        reverse("meetings:item_action_add", kwargs={"pk": item.pk}),
        {"owner_agency": "", "text": "", "due_date": due().isoformat()},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    swapped = body[body.index('id="agreed-actions"') :]
    assert "govuk-error-summary" in swapped
    assert not Action.objects.exists()


def test_a_plain_post_keeps_the_error_summary_at_the_top_only(locale, item):
    response = locale.client("chair").post(
        reverse("meetings:item_action_add", kwargs={"pk": item.pk}),
        {"owner_agency": "", "text": "", "due_date": due().isoformat()},
    )
    body = response.content.decode()
    assert body.count('class="govuk-error-summary"') == 1
    assert body.index("govuk-error-summary") < body.index('id="agreed-actions"')
