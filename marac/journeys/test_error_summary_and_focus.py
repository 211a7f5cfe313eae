"""A referral sent with mistakes: the error summary takes the focus, its links take the focus to the fields, and
wherever the focus is, it can be seen."""

from marac.journeys.keyboard import tab_to
from marac.referrals.models import Referral

_FOCUS = """() => {
  const focused = document.activeElement;
  const style = getComputedStyle(focused);
  const outlined = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  return {id: focused.id, className: focused.className, visible: outlined || style.boxShadow !== "none"};
}"""


def test_error_summary_links_move_the_focus_to_the_fields(visitor, locale):
    page = visitor.page
    visitor.sign_in(locale.memberships["police_referrer"].user, then="/referrals/new/")
    page.locator("#id_family_name").fill("O'Neill")

    with visitor.navigating():
        page.get_by_role("button", name="Send the referral").click()

    assert page.title().startswith("Error: ")
    assert page.evaluate(_FOCUS)["className"].startswith("govuk-error-summary")
    summary = page.locator(".govuk-error-summary")
    assert summary.get_by_role("link", name="Enter the victim's given name.").is_visible()
    assert summary.get_by_role("link", name="Answer question 1: ").first.is_visible()
    tab_to(page, ".govuk-error-summary a", text="Enter the victim's given name.")
    on_link = page.evaluate(_FOCUS)
    page.keyboard.press("Enter")
    on_field = page.evaluate(_FOCUS)

    assert on_link["visible"]
    assert (on_field["id"], on_field["visible"]) == ("id_given_name", True)
    assert "govuk-input--error" in on_field["className"]
    assert page.locator("#id_family_name").input_value() == "O'Neill"
    assert not Referral.objects.exists()
