"""What every page needs to know about governance: whether the acting agency has signed the current agreement."""

from django.http import HttpRequest

from marac.access import policy


def governance(request: HttpRequest) -> dict:
    """`agency_unsigned` drives the banner that explains why an agency sees no case information (one query);
    `governance_may_sign` says whether the banner offers to sign or only to read."""
    user = getattr(request, "user", None)
    actor = getattr(request, "actor", None)
    if user is None or not user.is_authenticated or actor is None or actor.membership is None:
        return {"agency_unsigned": False, "governance_may_sign": False}
    return {
        "agency_unsigned": not actor.may_receive_case_information,
        "governance_may_sign": policy.has_permission(actor, "governance.sign"),
    }
