"""How audit events read: a role's name rather than its code."""

from django import template

from marac.agencies.models import Role

register = template.Library()


@register.filter
def role_label(code: str) -> str:
    """'agency_rep' → 'Agency representative'; a role that no longer exists shows as it was recorded."""
    return dict(Role.choices).get(code, code)
