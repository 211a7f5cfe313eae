"""Who is acting: a user, for one agency, in one role, from one request."""

import uuid
from dataclasses import dataclass, field
from functools import cached_property

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Exists, OuterRef

from marac.agencies.models import Agency, Locality, Membership

SESSION_MEMBERSHIP_KEY = "membership_id"


@dataclass
class Actor:
    user: AbstractBaseUser | None
    membership: Membership | None
    ip_address: str | None = None
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex)

    @property
    def agency(self) -> Agency | None:
        return self.membership.agency if self.membership else None

    @property
    def role(self) -> str | None:
        return self.membership.role if self.membership else None

    @property
    def locality(self) -> Locality | None:
        return self.membership.agency.locality if self.membership else None

    @cached_property
    def may_receive_case_information(self) -> bool:
        """Whether the acting agency signed the current information-sharing agreement: without it, no case
        information at all. Brought by the query of the memberships when the actor is made for a request; otherwise
        one query, once per actor."""
        if self.membership is None:
            return False
        known = getattr(self.membership, "agency_signed_current_agreement", None)
        if known is not None:
            return known
        from marac.governance.selectors import agency_may_receive_case_information

        return agency_may_receive_case_information(self.agency)

    @cached_property
    def barred_from_cases(self) -> bool:
        """Whether the user is on the "must not see" list of any case. Most people are on none, and the rules then
        leave every exclusion out of their queries (it was a fifth of the case page's CPU). Brought by the query of
        the memberships when the actor is made for a request; otherwise one query, once per actor."""
        if self.user is None or not self.user.is_authenticated:
            return False
        known = getattr(self.membership, "user_barred_from_cases", None)
        if known is not None:
            return known
        from marac.access.models import CaseExclusion

        return CaseExclusion.objects.filter(user_id=self.user.pk).exists()

    @cached_property
    def memberships(self) -> list[Membership]:
        if self.user is None or not self.user.is_authenticated:
            return []
        return list(active_memberships(self.user))

    def __str__(self) -> str:
        if self.membership is None:
            return str(self.user or "system")
        return f"{self.user} ({self.membership.get_role_display()}, {self.agency})"


def active_memberships(user: AbstractBaseUser):
    from marac.access.models import CaseExclusion
    from marac.governance.selectors import signed_current_agreement

    return (
        Membership.objects.filter(user=user, is_active=True, agency__is_active=True)
        .select_related("agency__locality")
        .annotate(
            user_barred_from_cases=Exists(CaseExclusion.objects.filter(user_id=OuterRef("user_id"))),
            agency_signed_current_agreement=signed_current_agreement(
                OuterRef("agency_id"), OuterRef("agency__locality_id")
            ),
        )
    )


def actor_for_user(
    user: AbstractBaseUser,
    *,
    membership_id: int | None = None,
    ip_address: str | None = None,
    request_id: str | None = None,
) -> Actor:
    """The actor for a user: the membership chosen in the session, else their first one."""
    memberships = list(active_memberships(user)) if user.is_authenticated else []
    chosen = next((m for m in memberships if m.pk == membership_id), memberships[0] if memberships else None)
    actor = Actor(user=user, membership=chosen, ip_address=ip_address)
    if request_id:
        actor.request_id = request_id
    actor.__dict__["memberships"] = memberships
    return actor
