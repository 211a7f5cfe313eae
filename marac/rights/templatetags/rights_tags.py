"""The panel the case page shows of the victim's rights log, and the provisions checklist the protocol page shows."""

from django import template

from marac.access import policy
from marac.rights import selectors

register = template.Library()


@register.inclusion_tag("rights/_case_panel.html", takes_context=True)
def rights_case_panel(context, page) -> dict:
    """A link to the rights log with its outstanding notifications (one query, at full detail only), and for each
    perpetrator a link to record his release or escape (no query)."""
    actor = context["request"].actor
    shows_log = page.shows_full and policy.has_permission(actor, "rights.view")
    may_record_release = page.shows_shared and policy.has_permission(actor, "custody_event.record")
    return {
        "case": page.case,
        "shows_log": shows_log,
        "outstanding": selectors.outstanding_count(case=page.case) if shows_log else 0,
        "perpetrators": [party.person for party in page.perpetrators] if may_record_release else [],
    }


@register.inclusion_tag("rights/_provisions_checklist.html", takes_context=True)
def provisions_checklist(context) -> dict:
    """Every provision under the part of the locality's process that serves it, for every member (one query)."""
    actor = context["request"].actor
    if not policy.has_permission(actor, "provisions.view"):
        return {"shows": False}
    return {
        "shows": True,
        "checklist": selectors.provisions_checklist(locality=actor.locality),
        "may_confirm": policy.has_permission(actor, "provisions.confirm"),
        "locality": actor.locality,
    }


@register.filter
def release_state(notification) -> str:
    """The state of a notification annotated by `selectors.with_state`: told, to_tell, withdrawn or not_asked."""
    if notification.told_at is not None:
        return "told"
    if not notification.victim_opted_in:
        return "not_asked"
    return "to_tell" if notification.outstanding else "withdrawn"
