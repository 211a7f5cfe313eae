"""Builds and removes the demo locality: agencies and their people, victims' cases in every status, meetings,
actions, and the IDVA's work with each victim.

Every date is relative to now, so the demo always looks current, and every choice comes from one seeded
random generator, so each run invents the same people and stories. Rows are written directly and in bulk
rather than through the services, so each step keeps by hand the invariants the services keep: a case's
status follows its referrals and meetings, references are unique and numbered per year, a referral's
criteria match its checklist, actions belong to agencies invited to the meeting that agreed them.
"""

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from marac.access.actor import Actor
from marac.agencies.models import Locality, Membership
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.demo import data
from marac.demo.builder.actions import build_actions
from marac.demo.builder.agendas import build_agendas
from marac.demo.builder.governance import build_governance
from marac.demo.builder.history import build_history
from marac.demo.builder.idva import build_idva_work
from marac.demo.builder.incidents import build_incidents
from marac.demo.builder.matac import build_matac
from marac.demo.builder.organisation import build_meetings, build_organisation
from marac.demo.builder.people import plan_cases, save_people
from marac.demo.builder.perpetrators import build_perpetrators
from marac.demo.builder.referrals import plan_referrals, save_cases, save_referrals
from marac.demo.builder.risk import add_review_triggers, refresh_case_risk
from marac.demo.builder.state import Demo, DemoConflict
from marac.demo.duties import build_duties
from marac.demo.glossary import build_glossary
from marac.demo.pathways import build_pathways
from marac.demo.rights import build_rights

__all__ = ["DemoConflict", "DemoLogin", "demo_build", "demo_locality", "demo_logins"]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    name: str
    memberships: list[tuple[str, str]]  # (agency, role)


def demo_locality() -> Locality | None:
    return Locality.objects.filter(name=data.LOCALITY_NAME).first()


def demo_logins() -> list[DemoLogin]:
    names = {username: f"{given} {family}" for username, given, family, _memberships in data.USERS}
    memberships: dict[str, list[tuple[str, str]]] = {username: [] for username in names}
    found = Membership.objects.filter(user__username__in=names, agency__locality__name=data.LOCALITY_NAME)
    for membership in found.select_related("user", "agency"):
        memberships[membership.user.username].append((membership.agency.name, membership.get_role_display()))
    logins = [DemoLogin(username, name, memberships[username]) for username, name in names.items()]
    return [*logins, DemoLogin(data.SUPERUSER, "Site administrator", [("Django admin site", "Superuser")])]


def demo_build(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Build the demo locality in one transaction; the caller first checks that it does not exist."""
    demo = Demo(now=now or timezone.now())
    with transaction.atomic():
        build_organisation(demo, password_hash=make_password(data.DEMO_PASSWORD))
        build_governance(demo)
        plan_cases(demo)
        save_people(demo)
        build_meetings(demo)
        plan_referrals(demo)
        save_cases(demo)
        save_referrals(demo)
        build_incidents(demo)
        build_agendas(demo)
        build_actions(demo)
        build_idva_work(demo)
        add_review_triggers(demo)
        refresh_case_risk(demo)
        build_perpetrators(demo)
        build_matac(demo)
        # Last, so that the current stories draw what they drew before the history was added.
        build_history(demo)
        build_pathways(demo)
        build_duties(demo)
        build_rights(demo)
        build_glossary(demo)
        detail = dict(demo.counts)
        audit_record(
            actor=Actor(user=None, membership=None),
            action=AuditAction.CREATE,
            target=demo.locality,
            summary=f"Loaded the demo locality {demo.locality}",
            detail=detail,
        )
    return demo.counts
