"""Rows of the URL walk (marac/access/tests/test_url_walk.py) for this app's pages.

The world's case was referred by the police and heard with police, housing and the IDVA service (shared detail);
health is invited to the coming meeting (identifiers only); children's social care was never involved. The police
owe a referral-back duty on it, after a disclosure they recorded.
"""

from conftest import PERSONAS
from marac.duties.tests.factories import world_duty

EVERY_PERSONA = frozenset(PERSONAS)
# Those who answer their agency's duties: whoever records events for an agency, the coordinator for her own.
ANSWERERS = frozenset(
    {"police_referrer", "police_rep", "housing_rep", "social_care_rep", "health_rep", "idva", "coordinator"}
)
POLICE = frozenset({"police_referrer", "police_rep"})

URL_RULES: dict = {
    # Configuration, not case data: every member reads the protocol's duties; the coordinator and the administrator
    # change them.
    "duties:protocol": ("get", lambda w: {}, EVERY_PERSONA),
    "duties:protocol_edit": ("get", lambda w: {}, frozenset({"coordinator", "admin"})),
    "duties:ours": ("get", lambda w: {}, ANSWERERS),
    "duties:monitor": ("get", lambda w: {}, frozenset({"coordinator", "chair"})),
    # The police's duty: the police read and answer it; the coordinator and the chair read it.
    "duties:detail": ("get", lambda w: {"pk": world_duty(w).pk}, POLICE | {"coordinator", "chair"}),
    "duties:refer": ("get", lambda w: {"pk": world_duty(w).pk}, POLICE),
    "duties:decline": ("get", lambda w: {"pk": world_duty(w).pk}, POLICE),
    # Recorded on a case seen with shared detail, by those who act for an agency on it.
    "duties:event_new": (
        "get",
        lambda w: {"case_pk": w.case.pk},
        frozenset({"coordinator", "idva", "police_rep", "housing_rep"}),
    ),
}
