"""Rows of the URL walk (marac/access/tests/test_url_walk.py) for the API, called with the pages' signed-in session.

The API asks the same rulebook as the pages, so each row allows the personas of the page it mirrors. The schema and
its documentation describe the API, not any record: every signed-in member may read them.
"""

EVERY_PERSONA = frozenset(
    {
        "police_referrer",
        "police_rep",
        "housing_rep",
        "social_care_rep",
        "health_rep",
        "idva",
        "coordinator",
        "chair",
        "analyst",
        "admin",
        "auditor",
    }
)
AGENCY_READERS = frozenset(
    {"police_rep", "housing_rep", "social_care_rep", "health_rep", "idva", "coordinator", "chair"}
)
REFERRERS = AGENCY_READERS | {"police_referrer"}
# The world's action is housing's, on a case allocated to the IDVA service.
ACTION_READERS = frozenset({"coordinator", "chair", "housing_rep", "idva"})

URL_RULES: dict = {
    "api:schema": ("get", lambda w: {}, EVERY_PERSONA),
    "api:docs": ("get", lambda w: {}, EVERY_PERSONA),
    "api:case_list": ("get", lambda w: {}, AGENCY_READERS),
    "api:case_detail": (
        "get",
        lambda w: {"pk": w.case.pk},
        frozenset({"coordinator", "chair", "idva", "police_rep", "housing_rep", "health_rep"}),
    ),
    "api:referral_list": ("get", lambda w: {}, REFERRERS),
    "api:referral_detail": (
        "get",
        lambda w: {"pk": w.referral.pk},
        frozenset({"police_referrer", "police_rep", "idva", "coordinator", "chair"}),
    ),
    "api:action_list": ("get", lambda w: {}, AGENCY_READERS),
    "api:action_detail": ("get", lambda w: {"pk": w.action.pk}, ACTION_READERS),
    "api:action_updates": ("get", lambda w: {"pk": w.action.pk}, ACTION_READERS),
    # Incidents: every role that records them reads its own agency's (the coordinator all); not the chair.
    "api:incident_list": ("get", lambda w: {}, REFERRERS - {"chair"}),
}
