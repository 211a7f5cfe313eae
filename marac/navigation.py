"""The service navigation: which sections each role sees, and which of them fit in the menu bar."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from marac.access.actor import Actor
from marac.access.rules import PERMISSIONS
from marac.agencies.models import Role

EVERYONE = frozenset(Role.values)

# A role with more sections than this gets the sections marked `in_menu` in the bar and the rest on the
# "All sections" page: a bar that wraps onto three lines is one nobody reads.
MENU_LIMIT = 8

VICTIMS = _("Victims and referrals")
MEETINGS = _("Meetings and actions")
PERPETRATORS = _("Incidents and perpetrators")
OVERSIGHT = _("Oversight and records")
SETTINGS = _("Locality settings")
GROUPS = (VICTIMS, MEETINGS, PERPETRATORS, OVERSIGHT, SETTINGS)


@dataclass(frozen=True)
class Section:
    label: Promise
    url_name: str
    roles: frozenset[str]  # from the rulebook, so the menu never offers a page the policy would refuse
    group: Promise
    description: Promise
    in_menu: bool = False


SECTIONS: tuple[Section, ...] = (
    Section(_("Home"), "home", EVERYONE, VICTIMS, _("Your work: what waits for you today."), in_menu=True),
    Section(
        _("Make a referral"),
        "referrals:new",
        PERMISSIONS["referral.create"],
        VICTIMS,
        _("Refer a victim at high risk to the meeting."),
        in_menu=True,
    ),
    Section(
        _("Referrals"),
        "referrals:list",
        PERMISSIONS["referral.create"],
        VICTIMS,
        _("Referrals made, and those waiting for triage."),
        in_menu=True,
    ),
    Section(
        _("Cases"), "referrals:case_list", PERMISSIONS["case.list"], VICTIMS, _("Every case you may see."), in_menu=True
    ),
    Section(
        _("Pathway referrals"),
        "pathways:list",
        PERMISSIONS["pathway.view"],
        VICTIMS,
        _("Referrals between two agencies, without a meeting, sent and received."),
        in_menu=True,
    ),
    Section(
        _("IDVA cases"),
        "idva:cases",
        PERMISSIONS["victim_contact.record"],
        VICTIMS,
        _("The victims your service supports."),
        in_menu=True,
    ),
    Section(
        _("Report-backs"),
        "idva:report_backs",
        PERMISSIONS["report_back.complete"],
        VICTIMS,
        _("Telling each victim what the meeting agreed."),
    ),
    Section(
        _("Release notifications"),
        "rights:notifications",
        PERMISSIONS["rights.record"],
        VICTIMS,
        _("Victims to tell that the perpetrator was released or escaped."),
    ),
    Section(
        _("Reviews due"),
        "risk:reviews",
        PERMISSIONS["review.list"],
        VICTIMS,
        _("Risk assessments due again, by level and by event."),
    ),
    Section(
        _("Referral-back duties"),
        "duties:ours",
        PERMISSIONS["duty.respond"],
        VICTIMS,
        _("Events your agency recorded that the protocol says to refer back."),
    ),
    Section(
        _("Meetings"),
        "meetings:list",
        PERMISSIONS["meeting.list"],
        MEETINGS,
        _("Agendas, research, the live meeting and minutes."),
        in_menu=True,
    ),
    Section(
        _("Actions"),
        "actions:ours",
        PERMISSIONS["action.list"],
        MEETINGS,
        _("The actions your agency owns, to completion."),
        in_menu=True,
    ),
    Section(
        _("MATAC"),
        "matac:overview",
        PERMISSIONS["matac.view"],
        MEETINGS,
        _("Meetings about perpetrators, and the tactics agreed."),
    ),
    Section(
        _("Incidents"),
        "incidents:list",
        PERMISSIONS["incident.list"],
        PERPETRATORS,
        _("Incidents recorded, and the repeat referrals they made."),
    ),
    Section(
        _("Flag and tag"),
        "incidents:flags",
        PERMISSIONS["flag.list"],
        PERPETRATORS,
        _("Addresses and people flagged so a new incident is recognised."),
    ),
    Section(
        _("Incident imports"),
        "incident_imports:list",
        PERMISSIONS["incident.import"],
        PERPETRATORS,
        _("Incidents loaded from a police or partner file."),
    ),
    Section(
        _("Orders"),
        "perpetrators:orders",
        PERMISSIONS["breach.record"],
        PERPETRATORS,
        _("Protection orders, their conditions and their breaches."),
    ),
    Section(
        _("Responses to breaches"),
        "perpetrators:breach_report",
        PERMISSIONS["breach.report"],
        PERPETRATORS,
        _("How quickly each breach was answered."),
    ),
    Section(
        _("MATAC ranking"),
        "rfgv:ranking",
        PERMISSIONS["matac.rank"],
        PERPETRATORS,
        _("Perpetrators ranked by recency, frequency, gravity and victims."),
    ),
    Section(
        _("Reports"),
        "reports:dashboard",
        PERMISSIONS["report.view"],
        OVERSIGHT,
        _("The data return, the dashboard and monitoring."),
        in_menu=True,
    ),
    Section(
        _("Unmet referral-back duties"),
        "duties:monitor",
        PERMISSIONS["duty.monitor"],
        OVERSIGHT,
        _("Events no agency has referred back, or said why not."),
    ),
    Section(
        _("Audit trail"),
        "audit:search",
        PERMISSIONS["audit.search"],
        OVERSIGHT,
        _("Who saw or changed what, and when."),
        in_menu=True,
    ),
    Section(
        _("Subject access"),
        "people:subject_access_find",
        PERMISSIONS["person.subject_access"],
        OVERSIGHT,
        _("Everything held on one person, for a request under data protection law."),
    ),
    Section(
        _("Possible duplicates"),
        "duplicates:list",
        PERMISSIONS["duplicate.review"],
        OVERSIGHT,
        _("People who may have been recorded twice."),
    ),
    Section(
        _("Transfers"),
        "transfers:list",
        PERMISSIONS["transfer.view"],
        OVERSIGHT,
        _("Cases moving to or from another area."),
    ),
    Section(
        _("Protocol and agreement"),
        "governance:documents",
        EVERYONE,
        SETTINGS,
        _("The operating protocol and the information-sharing agreement, and who has signed them."),
    ),
    Section(
        _("Risk instruments"),
        "risk:instrument_list",
        PERMISSIONS["instrument.load"],
        SETTINGS,
        _("The checklists used to assess risk, and their versions."),
    ),
    Section(
        _("Pathways"),
        "pathways:settings",
        PERMISSIONS["pathway.configure"],
        SETTINGS,
        _("Which agency refers to which, at what level of risk, on what terms."),
    ),
    Section(
        _("RFGV settings"),
        "rfgv:settings",
        PERMISSIONS["matac.configure"],
        SETTINGS,
        _("How perpetrators are scored for MATAC."),
    ),
    Section(
        _("Glossary"), "glossary:list", EVERYONE, SETTINGS, _("The words every agency here uses, and what they mean.")
    ),
)

ALL_SECTIONS_LABEL = _("All sections")


def sections_for(actor: Actor) -> list[Section]:
    return [section for section in SECTIONS if actor.role in section.roles]


def nav_items(request: HttpRequest) -> dict:
    actor = getattr(request, "actor", None)
    if actor is None or not request.user.is_authenticated or actor.membership is None:
        return {"nav_items": []}
    is_verified = getattr(request.user, "is_verified", None)  # set by django-otp's middleware
    if is_verified is None or not is_verified():  # between the password and the second step: nothing to offer
        return {"nav_items": []}
    sections = sections_for(actor)
    links = [(section.label, reverse(section.url_name)) for section in sections]
    # The current section is the longest link the path starts with, so /referrals/new/ marks only itself.
    matching = [url for _, url in links if request.path == url or (url != "/" and request.path.startswith(url))]
    current = max(matching, key=len, default=None)
    if len(sections) <= MENU_LIMIT:
        return {"nav_items": [(label, url, url == current) for label, url in links]}
    in_menu = [(label, url) for section, (label, url) in zip(sections, links, strict=True) if section.in_menu]
    all_sections = reverse("sections")
    elsewhere = current is not None and current not in {url for _, url in in_menu}
    items = [(label, url, url == current) for label, url in in_menu]
    items.append((ALL_SECTIONS_LABEL, all_sections, elsewhere or request.path == all_sections))
    return {"nav_items": items}
