from django import template
from django.conf import settings
from django.utils import translation

from marac.accounts.languages import html_lang

register = template.Library()


@register.simple_tag
def current_html_lang() -> str:
    """The active language as <html lang> wants it."""
    return html_lang(translation.get_language() or settings.LANGUAGE_CODE)
