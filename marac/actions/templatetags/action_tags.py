"""How an action's status looks: one colour per status, the same on every page."""

from django import template

from marac.actions.models import ActionStatus

register = template.Library()

STATUS_TAG_CLASS = {
    ActionStatus.OPEN: "govuk-tag--blue",
    ActionStatus.IN_PROGRESS: "govuk-tag--teal",
    ActionStatus.DONE: "govuk-tag--green",
    ActionStatus.NOT_POSSIBLE: "govuk-tag--grey",
}


@register.filter
def action_status_class(status: str) -> str:
    return STATUS_TAG_CLASS.get(status, "govuk-tag--grey")


@register.inclusion_tag("actions/_status.html")
def action_status(action) -> dict:
    """The status tag, and an 'Overdue' tag when the action carries the `is_overdue` annotation as true."""
    return {
        "label": action.get_status_display(),
        "css_class": action_status_class(action.status),
        "is_overdue": getattr(action, "is_overdue", False),
    }
