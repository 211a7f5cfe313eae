"""Named personas of one small locality, shared by every test."""

from dataclasses import dataclass

import pytest
from django.test import Client

from marac.access.actor import SESSION_MEMBERSHIP_KEY, Actor
from marac.accounts.testing import verified_client
from marac.agencies.models import Agency, AgencyType, Locality, Membership, Role
from marac.governance.tests.factories import agreement_signed_by_every_agency
from marac.journeys.browser import CHROMIUM, MISSING_REASON
from marac.testing.factories import AgencyFactory, LocalityFactory, MembershipFactory, actor_for


@dataclass
class Locale:
    """One locality with its agencies and one person per role, each with a client signed in."""

    locality: Locality
    police: Agency
    idva_service: Agency
    housing: Agency
    childrens_social_care: Agency
    health: Agency
    memberships: dict[str, Membership]

    def actor(self, persona: str) -> Actor:
        return actor_for(self.memberships[persona])

    def client(self, persona: str) -> Client:
        """Signed in through both steps: the password (force_login) and the authenticator app."""
        membership = self.memberships[persona]
        client = verified_client(membership.user)
        session = client.session
        session[SESSION_MEMBERSHIP_KEY] = membership.pk
        session.save()
        return client


PERSONAS = {
    # persona: (agency attribute, role)
    "police_referrer": ("police", Role.REFERRER),
    "police_rep": ("police", Role.AGENCY_REP),
    "housing_rep": ("housing", Role.AGENCY_REP),
    "social_care_rep": ("childrens_social_care", Role.AGENCY_REP),
    "health_rep": ("health", Role.AGENCY_REP),
    "idva": ("idva_service", Role.IDVA),
    "coordinator": ("idva_service", Role.COORDINATOR),
    "chair": ("police", Role.CHAIR),
    "analyst": ("police", Role.ANALYST),
    "admin": ("police", Role.LOCALITY_ADMIN),
    "auditor": ("police", Role.AUDITOR),
}


def build_locale(name: str = "Riverside", *, agreement_signed: bool = True) -> Locale:
    locality = LocalityFactory(name=name)
    agencies = {
        "police": AgencyFactory(locality=locality, name=f"{name} Police", agency_type=AgencyType.POLICE),
        "idva_service": AgencyFactory(
            locality=locality, name=f"{name} Domestic Abuse Service", agency_type=AgencyType.IDVA_SERVICE
        ),
        "housing": AgencyFactory(locality=locality, name=f"{name} Housing", agency_type=AgencyType.HOUSING),
        "childrens_social_care": AgencyFactory(
            locality=locality, name=f"{name} Children's Services", agency_type=AgencyType.CHILDRENS_SOCIAL_CARE
        ),
        "health": AgencyFactory(locality=locality, name=f"{name} Hospital", agency_type=AgencyType.HEALTH),
    }
    memberships = {
        persona: MembershipFactory(agency=agencies[agency_key], role=role, user__username=f"{name.lower()}-{persona}")
        for persona, (agency_key, role) in PERSONAS.items()
    }
    # Without a signed information-sharing agreement an agency receives no case information at all.
    if agreement_signed:
        agreement_signed_by_every_agency(locality)
    return Locale(locality=locality, memberships=memberships, **agencies)


@pytest.fixture
def locale(db) -> Locale:
    return build_locale()


@pytest.fixture
def other_locale(db) -> Locale:
    return build_locale("Hillcrest")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 is deliberately slow; tests need no protection from brute force."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_terminal_summary(terminalreporter) -> None:
    # Here, not in marac/journeys/conftest.py: with one test process a core (pytest-xdist), only this file's hooks
    # run in the process that writes the summary.
    if not CHROMIUM.exists() and terminalreporter.stats.get("skipped"):
        terminalreporter.write_line(MISSING_REASON, yellow=True)
