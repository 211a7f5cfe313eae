"""The service navigation: which sections each role sees."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from marac.access.rules import PERMISSIONS
from marac.agencies.models import Role

# (label, url name, roles that see it). Roles come from the rulebook so the menu never offers a page
# the policy would refuse.
SECTIONS: tuple[tuple[Promise, str, frozenset[str]], ...] = (
    (_("Home"), "home", frozenset(Role.values)),
    (_("Make a referral"), "referrals:new", PERMISSIONS["referral.create"]),
    (_("Referrals"), "referrals:list", PERMISSIONS["referral.create"]),
    (_("Cases"), "referrals:case_list", PERMISSIONS["case.list"]),
    (_("Incidents"), "incidents:list", PERMISSIONS["incident.list"]),
    (_("Flag and tag"), "incidents:flags", PERMISSIONS["flag.list"]),
    (_("Incident imports"), "incident_imports:list", PERMISSIONS["incident.import"]),
    (_("Orders"), "perpetrators:orders", PERMISSIONS["breach.record"]),
    (_("Responses to breaches"), "perpetrators:breach_report", PERMISSIONS["breach.report"]),
    (_("MATAC ranking"), "rfgv:ranking", PERMISSIONS["matac.rank"]),
    (_("RFGV settings"), "rfgv:settings", PERMISSIONS["matac.configure"]),
    (_("Meetings"), "meetings:list", PERMISSIONS["meeting.list"]),
    (_("MATAC"), "matac:overview", PERMISSIONS["matac.view"]),
    (_("Actions"), "actions:ours", PERMISSIONS["action.list"]),
    (_("Reviews due"), "risk:reviews", PERMISSIONS["review.list"]),
    (_("Risk instruments"), "risk:instrument_list", PERMISSIONS["instrument.load"]),
    (_("Reports"), "reports:dashboard", PERMISSIONS["report.view"]),
    (_("Audit trail"), "audit:search", PERMISSIONS["audit.search"]),
    (_("Subject access"), "people:subject_access_find", PERMISSIONS["person.subject_access"]),
    (_("Possible duplicates"), "duplicates:list", PERMISSIONS["duplicate.review"]),
    (_("Transfers"), "transfers:list", PERMISSIONS["transfer.view"]),
    (_("Protocol and agreement"), "governance:documents", frozenset(Role.values)),
    (_("IDVA cases"), "idva:cases", PERMISSIONS["victim_contact.record"]),
    (_("Report-backs"), "idva:report_backs", PERMISSIONS["report_back.complete"]),
)


def nav_items(request: HttpRequest) -> dict:
    actor = getattr(request, "actor", None)
    if actor is None or not request.user.is_authenticated or actor.membership is None:
        return {"nav_items": []}
    is_verified = getattr(request.user, "is_verified", None)  # set by django-otp's middleware
    if is_verified is None or not is_verified():  # between the password and the second step: nothing to offer
        return {"nav_items": []}
    links = []
    for label, url_name, roles in SECTIONS:
        if actor.role not in roles:
            continue
        links.append((label, reverse(url_name)))
    # The current section is the longest link the path starts with, so /referrals/new/ marks only itself.
    matching = [url for _, url in links if request.path == url or (url != "/" and request.path.startswith(url))]
    current = max(matching, key=len, default=None)
    return {"nav_items": [(label, url, url == current) for label, url in links]}
