"""Every URL, for every role, against the rulebook: allowed, or 404. A URL without a row here fails the build."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import PERSONAS
from marac.access.tests.world import World, build_world
from marac.accounts.testing import verified_client
from marac.accounts.tests.url_rules import URL_RULES as ACCOUNTS_URL_RULES
from marac.api.tests.url_rules import URL_RULES as API_URL_RULES
from marac.audit.models import AuditAction, AuditEvent
from marac.duplicates.tests.factories import candidate_for
from marac.duties.tests.url_rules import URL_RULES as DUTIES_URL_RULES
from marac.glossary.tests.url_rules import URL_RULES as GLOSSARY_URL_RULES
from marac.governance.tests.factories import DocumentVersionFactory
from marac.incidents.imports.tests.factories import finished_import
from marac.incidents.tests.factories import world_flag, world_incident
from marac.matac.tests.url_rules import URL_RULES as MATAC_URL_RULES
from marac.meetings.tests.coordination_factories import coordination_item_for_world
from marac.pathways.tests.url_rules import URL_RULES as PATHWAY_URL_RULES
from marac.perpetrators.tests.url_rules import URL_RULES as PERPETRATOR_URL_RULES
from marac.reports.tests.url_rules import URL_RULES as REPORTS_URL_RULES
from marac.rfgv.tests.url_rules import URL_RULES as RFGV_URL_RULES
from marac.rights.tests.url_rules import URL_RULES as RIGHTS_URL_RULES
from marac.risk.registry import current_version
from marac.risk.tests.factories import AssessmentFactory
from marac.transfers.tests.factories import TransferFactory

EVERY_PERSONA = frozenset(PERSONAS)
REFERRERS = frozenset(
    {"police_referrer", "police_rep", "housing_rep", "social_care_rep", "health_rep", "idva", "coordinator", "chair"}
)
CASE_READERS = frozenset({"police_rep", "housing_rep", "social_care_rep", "health_rep", "idva", "coordinator", "chair"})
MEETING_RUNNERS = frozenset({"coordinator", "chair"})
INVITED_NEXT_TIME = frozenset({"police_rep", "housing_rep", "health_rep", "idva"})

# url name: (HTTP method, how to fill the URL from the world, personas allowed). Everyone else gets 404.
RULES: dict[str, tuple[str, object, frozenset[str]]] = {
    "home": ("get", lambda w: {}, EVERY_PERSONA),
    "sections": ("get", lambda w: {}, EVERY_PERSONA),
    "switch_agency": ("post", lambda w: {}, EVERY_PERSONA),
    "accounts:backup_codes": ("get", lambda w: {}, EVERY_PERSONA),
    "accounts:backup_codes_new": ("post", lambda w: {}, EVERY_PERSONA),
    "referrals:new": ("get", lambda w: {}, REFERRERS),
    "referrals:list": ("get", lambda w: {}, REFERRERS),
    "referrals:detail": (
        "get",
        lambda w: {"pk": w.referral.pk},
        frozenset({"police_referrer", "police_rep", "idva", "coordinator", "chair"}),
    ),
    "referrals:triage": ("get", lambda w: {"pk": w.referral.pk}, frozenset({"coordinator"})),
    "referrals:case_list": ("get", lambda w: {}, CASE_READERS),
    "referrals:case_detail": (
        "get",
        lambda w: {"pk": w.case.pk},
        frozenset({"coordinator", "chair", "idva", "police_rep", "housing_rep", "health_rep"}),
    ),
    "access:case_exclusions": ("get", lambda w: {"case_pk": w.case.pk}, frozenset({"coordinator"})),
    "access:case_exclusion_remove": (
        "post",
        lambda w: {"case_pk": w.case.pk, "pk": w.exclusion.pk},
        frozenset({"coordinator"}),
    ),
    # The coordinator, and the IDVA: her service is allocated to the case (FULL detail).
    "audit:case_trail": ("get", lambda w: {"case_pk": w.case.pk}, frozenset({"coordinator", "idva"})),
    "audit:search": ("get", lambda w: {}, frozenset({"auditor"})),
    "audit:search_export": ("get", lambda w: {}, frozenset({"auditor"})),
    "meetings:list": ("get", lambda w: {}, CASE_READERS),
    "meetings:calendar_feed": ("get", lambda w: {}, CASE_READERS),
    "meetings:calendar_subscription": ("get", lambda w: {}, CASE_READERS),
    "meetings:calendar_subscription_new": ("post", lambda w: {}, CASE_READERS),
    "meetings:calendar_subscription_revoke": ("post", lambda w: {}, CASE_READERS),
    "meetings:ics": ("get", lambda w: {"pk": w.upcoming_meeting.pk}, MEETING_RUNNERS | INVITED_NEXT_TIME),
    "meetings:new": ("get", lambda w: {}, frozenset({"coordinator"})),
    "meetings:detail": ("get", lambda w: {"pk": w.upcoming_meeting.pk}, MEETING_RUNNERS | INVITED_NEXT_TIME),
    "meetings:declare": ("get", lambda w: {"pk": w.upcoming_meeting.pk}, MEETING_RUNNERS | INVITED_NEXT_TIME),
    "meetings:run": ("get", lambda w: {"pk": w.upcoming_meeting.pk}, MEETING_RUNNERS),
    "meetings:start": ("post", lambda w: {"pk": w.upcoming_meeting.pk}, MEETING_RUNNERS),
    "meetings:attendance": ("post", lambda w: {"pk": w.upcoming_meeting.pk}, MEETING_RUNNERS),
    "meetings:close": ("get", lambda w: {"pk": w.upcoming_meeting.pk}, MEETING_RUNNERS),
    # Minutes of the held meeting: the coordinator and chair, and the agencies invited to it.
    "meetings:minutes": (
        "get",
        lambda w: {"pk": w.held_meeting.pk},
        MEETING_RUNNERS | {"police_rep", "housing_rep", "idva"},
    ),
    "meetings:minutes_pdf": (
        "get",
        lambda w: {"pk": w.held_meeting.pk},
        MEETING_RUNNERS | {"police_rep", "housing_rep", "idva"},
    ),
    "meetings:item": ("get", lambda w: {"pk": w.upcoming_item.pk}, MEETING_RUNNERS),
    # A co-ordination by deadline with the world's case, invited as the upcoming meeting (health, not social care).
    "meetings:coordination": (
        "get",
        lambda w: {"pk": coordination_item_for_world(w).meeting_id},
        MEETING_RUNNERS | INVITED_NEXT_TIME,
    ),
    "meetings:coordination_open": (
        "post",
        lambda w: {"pk": coordination_item_for_world(w).meeting_id},
        MEETING_RUNNERS,
    ),
    "meetings:coordination_case": (
        "get",
        lambda w: {"pk": coordination_item_for_world(w).pk},
        INVITED_NEXT_TIME,
    ),
    "meetings:coordination_action_add": (
        "post",
        lambda w: {"pk": coordination_item_for_world(w).pk},
        INVITED_NEXT_TIME,
    ),
    "meetings:coordination_review": (
        "get",
        lambda w: {"pk": coordination_item_for_world(w).pk},
        MEETING_RUNNERS,
    ),
    "meetings:coordination_escalate": (
        "post",
        lambda w: {"pk": coordination_item_for_world(w).pk},
        frozenset({"coordinator"}),
    ),
    "meetings:research": ("get", lambda w: {"pk": w.upcoming_item.pk}, INVITED_NEXT_TIME),
    # Circulating early and chasing research are the coordinator's; the research grid is also the chair's.
    "circulation:circulate": ("post", lambda w: {"pk": w.upcoming_meeting.pk}, frozenset({"coordinator"})),
    "circulation:research_grid": ("get", lambda w: {"pk": w.upcoming_meeting.pk}, MEETING_RUNNERS),
    "circulation:research_reminders": ("post", lambda w: {"pk": w.upcoming_meeting.pk}, frozenset({"coordinator"})),
    "meetings:item_draft": ("post", lambda w: {"pk": w.upcoming_item.pk}, MEETING_RUNNERS),
    "meetings:item_action_add": ("post", lambda w: {"pk": w.upcoming_item.pk}, MEETING_RUNNERS),
    "meetings:item_action_review": (
        "post",
        lambda w: {"pk": w.upcoming_item.pk, "action_pk": w.action.pk},
        MEETING_RUNNERS,
    ),
    "actions:performance": ("get", lambda w: {}, MEETING_RUNNERS),
    "actions:ours": ("get", lambda w: {}, CASE_READERS),
    "actions:detail": (
        "get",
        lambda w: {"pk": w.action.pk},
        frozenset({"coordinator", "chair", "housing_rep", "idva"}),
    ),
    "actions:update": ("get", lambda w: {"pk": w.action.pk}, frozenset({"coordinator", "housing_rep"})),
    # Housing's action on a case allocated to the IDVA service: her IDVA chases it, and the coordinator.
    "actions:chase": ("post", lambda w: {"pk": w.action.pk}, frozenset({"coordinator", "idva"})),
    "idva:cases": ("get", lambda w: {}, frozenset({"idva"})),
    # Subject access and legal holds: the coordinator of the locality only.
    "people:subject_access_find": ("get", lambda w: {}, frozenset({"coordinator"})),
    "people:subject_access": ("get", lambda w: {"pk": w.case.victim.pk}, frozenset({"coordinator"})),
    "people:subject_access_download": ("post", lambda w: {"pk": w.case.victim.pk}, frozenset({"coordinator"})),
    "people:legal_hold": ("get", lambda w: {"case_pk": w.case.pk}, frozenset({"coordinator"})),
    # Possible duplicates: the coordinator of the locality decides, merges and undoes; nobody else sees the queue.
    "duplicates:list": ("get", lambda w: {}, frozenset({"coordinator"})),
    "duplicates:detail": ("get", lambda w: {"pk": candidate_for(w.case.victim).pk}, frozenset({"coordinator"})),
    "duplicates:undo": ("post", lambda w: {"pk": candidate_for(w.case.victim).pk}, frozenset({"coordinator"})),
    # Incident imports: agencies' representatives for their own agency, the coordinator for any. The import is the
    # police's (with a bad rows file to download).
    "incident_imports:list": (
        "get",
        lambda w: {},
        frozenset({"police_rep", "housing_rep", "social_care_rep", "health_rep", "coordinator"}),
    ),
    "incident_imports:new": (
        "get",
        lambda w: {},
        frozenset({"police_rep", "housing_rep", "social_care_rep", "health_rep", "coordinator"}),
    ),
    "incident_imports:detail": (
        "get",
        lambda w: {"pk": finished_import(agency=w.referral.referring_agency).pk},
        frozenset({"police_rep", "coordinator"}),
    ),
    "incident_imports:progress": (
        "get",
        lambda w: {"pk": finished_import(agency=w.referral.referring_agency).pk},
        frozenset({"police_rep", "coordinator"}),
    ),
    "incident_imports:bad_rows": (
        "get",
        lambda w: {"pk": finished_import(agency=w.referral.referring_agency).pk},
        frozenset({"police_rep", "coordinator"}),
    ),
    # Transfers: the coordinators of the two areas act, their chairs read. Outgoing rows send the world's case to a
    # new locality; incoming rows bring a new locality's case to the world's.
    "transfers:list": ("get", lambda w: {}, MEETING_RUNNERS),
    "transfers:new": ("get", lambda w: {"case_pk": w.case.pk}, frozenset({"coordinator"})),
    "transfers:detail": ("get", lambda w: {"pk": TransferFactory(sending_case=w.case).pk}, MEETING_RUNNERS),
    "transfers:withdraw": (
        "post",
        lambda w: {"pk": TransferFactory(sending_case=w.case).pk},
        frozenset({"coordinator"}),
    ),
    "transfers:accept": (
        "post",
        lambda w: {"pk": TransferFactory(to_locality=w.case.locality).pk},
        frozenset({"coordinator"}),
    ),
    "transfers:decline": (
        "get",
        lambda w: {"pk": TransferFactory(to_locality=w.case.locality).pk},
        frozenset({"coordinator"}),
    ),
    # Incidents: each agency that refers records and reads its own, the coordinator all; the world's incident is the
    # police's. A flag on the world's victim (from that incident) is shown to the police, and to everyone who can
    # see her case at any detail; only the coordinator resolves it.
    "incidents:list": ("get", lambda w: {}, REFERRERS - {"chair"}),
    "incidents:new": ("get", lambda w: {}, REFERRERS - {"chair"}),
    "incidents:detail": (
        "get",
        lambda w: {"pk": world_incident(w).pk},
        frozenset({"police_referrer", "police_rep", "coordinator"}),
    ),
    "incidents:flags": ("get", lambda w: {}, REFERRERS - {"chair"}),
    "incidents:flag_detail": (
        "get",
        lambda w: {"pk": world_flag(w).pk},
        frozenset({"police_referrer", "police_rep", "coordinator", "idva", "housing_rep", "health_rep"}),
    ),
    "incidents:flag_resolve": ("get", lambda w: {"pk": world_flag(w).pk}, frozenset({"coordinator"})),
    "idva:contact_new": ("get", lambda w: {"case_pk": w.case.pk}, frozenset({"idva"})),
    "idva:report_backs": ("get", lambda w: {}, frozenset({"idva"})),
    "idva:report_back_complete": ("get", lambda w: {"pk": w.report_back.pk}, frozenset({"idva"})),
    # Shared detail on the case: the IDVA service, the coordinator and chair, and the agencies at the held meeting.
    "risk:assess": (
        "get",
        lambda w: {"case_pk": w.case.pk},
        frozenset({"coordinator", "chair", "idva", "police_rep", "housing_rep"}),
    ),
    "risk:assessment_detail": (
        "get",
        lambda w: {"pk": AssessmentFactory(case=w.case).pk},
        frozenset({"coordinator", "chair", "idva", "police_rep", "housing_rep"}),
    ),
    "risk:instrument_list": ("get", lambda w: {}, frozenset({"admin"})),
    "risk:instrument_load": ("get", lambda w: {}, frozenset({"admin"})),
    "risk:instrument_detail": (
        "get",
        lambda w: {"pk": current_version(locality=w.case.locality, code="dash-style-24").pk},
        EVERY_PERSONA,
    ),
    "risk:instrument_file": (
        "get",
        lambda w: {"pk": current_version(locality=w.case.locality, code="dash-style-24").pk},
        EVERY_PERSONA,
    ),
    "risk:reviews": ("get", lambda w: {}, CASE_READERS),
    "risk:trigger_new": (
        "get",
        lambda w: {"case_pk": w.case.pk},
        frozenset({"coordinator", "chair", "idva", "police_rep", "housing_rep"}),
    ),
    # Every member reads the locality's protocol and agreement; the administrator publishes; an agency's
    # representative, or the coordinator for her own agency, signs. (A protocol: a new agreement would unsign all.)
    "governance:documents": ("get", lambda w: {}, EVERY_PERSONA),
    "governance:version_new": ("get", lambda w: {"kind": "protocol"}, frozenset({"admin"})),
    "governance:version_detail": (
        "get",
        lambda w: {"pk": DocumentVersionFactory(document__locality=w.case.locality, document__kind="protocol").pk},
        EVERY_PERSONA,
    ),
    "governance:sign": (
        "post",
        lambda w: {"pk": DocumentVersionFactory(document__locality=w.case.locality, document__kind="protocol").pk},
        frozenset({"police_rep", "housing_rep", "social_care_rep", "health_rep", "coordinator"}),
    ),
}
# Apps added since the walk began keep their own rows, beside their tests.
RULES |= (
    PERPETRATOR_URL_RULES | RFGV_URL_RULES | MATAC_URL_RULES | REPORTS_URL_RULES | API_URL_RULES | ACCOUNTS_URL_RULES
)
RULES |= DUTIES_URL_RULES
RULES |= RIGHTS_URL_RULES | GLOSSARY_URL_RULES
RULES |= PATHWAY_URL_RULES
# Outside the rulebook: signing in and out, and the Django admin (staff only, configuration, no case pages).
UNGUARDED_PREFIXES = ("admin:",)
# The second sign-in step and setting up the authenticator app come before the second step is passed.
UNGUARDED = frozenset({"login", "logout", "accounts:second_step", "accounts:set_up"})
# Opened by the secret in the link, not by a session: walked in marac/meetings/tests/test_calendar_subscription.py.
UNGUARDED |= {"meetings:calendar_subscribed_feed"}


def url_names(resolver: URLResolver | None = None, namespace: str = "") -> list[str]:
    names = []
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names.extend(url_names(entry, inner))
        elif isinstance(entry, URLPattern) and entry.name:
            names.append(f"{namespace}{entry.name}")
    return names


def test_every_url_has_a_rule():
    unruled = [
        name
        for name in url_names()
        if name not in RULES and name not in UNGUARDED and not name.startswith(UNGUARDED_PREFIXES)
    ]
    assert unruled == [], f"Add these URLs to the access rules of this test: {unruled}"


@pytest.mark.parametrize("persona", sorted(PERSONAS))
@pytest.mark.parametrize("url_name", sorted(RULES))
def test_url_for_persona(locale, url_name, persona):
    world: World = build_world(locale)
    method, fill, allowed = RULES[url_name]
    url = reverse(url_name, kwargs=fill(world))
    response = getattr(locale.client(persona), method)(url)
    if persona in allowed:
        assert response.status_code in ({200} if method == "get" else {200, 302}), response.status_code
    else:
        assert response.status_code == 404
        user = locale.memberships[persona].user
        assert AuditEvent.objects.filter(action=AuditAction.DENIED, actor=user).exists(), "refusal not audited"


@pytest.mark.parametrize("url_name", sorted(RULES))
def test_a_user_barred_from_the_case_never_sees_it(locale, url_name):
    """The "must not see" relation overrides every other: the world's neighbour is a housing representative,
    whose agency is invited and owns an action, yet no URL shows her the case."""
    world: World = build_world(locale)
    method, fill, _allowed = RULES[url_name]
    url = reverse(url_name, kwargs=fill(world))
    response = getattr(verified_client(world.exclusion.user), method)(url)
    assert response.status_code in {200, 302, 404}
    if response.status_code == 200 and response["Content-Type"].startswith("text/"):
        body = response.content.decode()
        assert world.case.reference not in body
        assert world.case.victim.family_name not in body
