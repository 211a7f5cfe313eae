"""Using a page by keyboard alone, as a person who cannot use a mouse does: Tab to move, then type, Space or Enter.

Every helper moves on from where the focus is (forward, unless told to go back), so a journey also proves that the
tab order reaches each control in the order the page shows it. None of them clicks.
"""

from playwright.sync_api import Page

# Enough for the longest page a journey crosses between two controls (the referral form's checklist).
MOST_TABS = 120

_FOCUS_MATCHES = """([selector, text]) => {
  const focused = document.activeElement;
  return Boolean(focused && focused.matches(selector) && (!text || focused.textContent.includes(text)));
}"""


def tab_to(page: Page, selector: str, *, text: str = "", backwards: bool = False) -> None:
    """Presses Tab (or Shift+Tab) until the focused element matches `selector` (and contains `text`, if given)."""
    for _ in range(MOST_TABS):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        if page.evaluate(_FOCUS_MATCHES, [selector, text]):
            return
    raise AssertionError(f"Tab never reached {selector} {text!r} on {page.url}")


def focused_value(page: Page) -> str:
    return page.evaluate("() => document.activeElement.value")


def type_into(page: Page, selector: str, words: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(words)


def choose(page: Page, name: str, value: str) -> None:
    """Tab lands on a radio group once; the arrow keys then move through it, checking each option on the way."""
    tab_to(page, f'input[type="radio"][name="{name}"]')
    for _ in range(page.locator(f'input[type="radio"][name="{name}"]').count()):
        if focused_value(page) == value:
            page.keyboard.press("Space")
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"no option {value!r} in the radios {name}")


def tick(page: Page, selector: str) -> None:
    tab_to(page, selector)
    page.keyboard.press("Space")


def pick(page: Page, selector: str, label: str) -> None:
    """A closed select moves through its options with the arrow keys, as Chromium does on Linux and Windows."""
    tab_to(page, selector)
    page.keyboard.press("Home")
    for _ in range(page.locator(f"{selector} option").count()):
        if page.evaluate("() => document.activeElement.selectedOptions[0]?.textContent.trim()") == label:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"no option {label!r} in {selector}")


def press_button(page: Page, label: str) -> None:
    """Tabs to the button (or a link styled as one) with this label and presses Enter."""
    tab_to(page, "button, a.govuk-button", text=label)
    page.keyboard.press("Enter")


def follow_link(page: Page, label: str, *, backwards: bool = False) -> None:
    tab_to(page, "a", text=label, backwards=backwards)
    page.keyboard.press("Enter")
