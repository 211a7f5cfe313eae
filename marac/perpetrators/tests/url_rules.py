"""Rows of the URL walk (marac/access/tests/test_url_walk.py) for this app's pages.

The world's case was referred by the police and heard with police, housing and the IDVA service (shared detail);
health is invited to the coming meeting (identifiers only); children's social care was never involved. The police
own an order protecting the victim; housing reported a breach of it that nobody has answered yet.
"""

from marac.incidents.tests.factories import perpetrator_of
from marac.perpetrators.tests.factories import world_breach, world_order, world_programme

# Whoever sees something linking the perpetrator: a perpetrator party on a case they see at any detail.
PERPETRATOR_READERS = frozenset({"police_rep", "housing_rep", "health_rep", "idva", "coordinator", "chair"})
BREACH_RECORDERS = frozenset(
    {"police_referrer", "police_rep", "housing_rep", "social_care_rep", "health_rep", "idva", "coordinator"}
)

URL_RULES: dict = {
    "perpetrators:detail": ("get", lambda w: {"pk": perpetrator_of(w.case).pk}, PERPETRATOR_READERS),
    "perpetrators:orders": ("get", lambda w: {}, BREACH_RECORDERS),
    # The police own the order (their referrer too); the agencies with shared detail, the coordinator and chair.
    "perpetrators:order_detail": (
        "get",
        lambda w: {"pk": world_order(w).pk},
        frozenset({"police_referrer", "police_rep", "housing_rep", "idva", "coordinator", "chair"}),
    ),
    "perpetrators:breach_new": (
        "get",
        lambda w: {"order_pk": world_order(w).pk},
        frozenset({"police_referrer", "police_rep", "housing_rep", "idva", "coordinator"}),
    ),
    # Orders and programmes are recorded on a case seen with shared detail.
    "perpetrators:order_new": (
        "get",
        lambda w: {"case_pk": w.case.pk},
        frozenset({"police_rep", "housing_rep", "idva", "coordinator"}),
    ),
    "perpetrators:programme_new": (
        "get",
        lambda w: {"case_pk": w.case.pk},
        frozenset({"police_rep", "housing_rep", "coordinator"}),
    ),
    # The police and the coordinator respond; housing reported the breach but does not own the order.
    "perpetrators:breach_respond": (
        "get",
        lambda w: {"pk": world_breach(w).pk},
        frozenset({"police_rep", "coordinator"}),
    ),
    "perpetrators:breach_report": ("get", lambda w: {}, frozenset({"coordinator", "chair"})),
    # The programme's agency (no persona here) or the coordinator report attendance.
    "perpetrators:programme_update": ("get", lambda w: {"pk": world_programme(w).pk}, frozenset({"coordinator"})),
}
