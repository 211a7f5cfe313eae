"""Rows of the URL walk (marac/access/tests/test_url_walk.py) for the victims' rights log and releases.

The world's case is allocated to the IDVA service (full detail for its IDVA), heard with police, housing and the IDVA
service (shared detail); health is invited to the coming meeting (identifiers only). The rights log is full detail:
the coordinator and the chair of the locality and the case's IDVA. The world's perpetrator was released; the victim
had asked to be told.
"""

from conftest import PERSONAS
from marac.incidents.tests.factories import perpetrator_of
from marac.rights.tests.factories import world_needs_assessment, world_notification

EVERY_PERSONA = frozenset(PERSONAS)
RIGHTS_READERS = frozenset({"idva", "coordinator", "chair"})
RIGHTS_KEEPERS = frozenset({"idva", "coordinator"})
# Whoever is shown the perpetrator: a perpetrator party on a case they see at any detail.
PERPETRATOR_READERS = frozenset({"police_rep", "housing_rep", "health_rep", "idva", "coordinator", "chair"})

URL_RULES: dict = {
    "rights:log": ("get", lambda w: {"case_pk": w.case.pk}, RIGHTS_READERS),
    "rights:information_new": ("get", lambda w: {"case_pk": w.case.pk}, RIGHTS_KEEPERS),
    "rights:choice_new": ("get", lambda w: {"case_pk": w.case.pk}, RIGHTS_KEEPERS),
    "rights:needs_new": ("get", lambda w: {"case_pk": w.case.pk}, RIGHTS_KEEPERS),
    "rights:needs_detail": ("get", lambda w: {"pk": world_needs_assessment(w).pk}, RIGHTS_READERS),
    # Any agency shown the perpetrator records his release, except the chair, who does not act for an agency here.
    "rights:custody_event_new": (
        "get",
        lambda w: {"person_pk": perpetrator_of(w.case).pk},
        PERPETRATOR_READERS - {"chair"},
    ),
    "rights:custody_event": ("get", lambda w: {"pk": world_notification(w).event_id}, PERPETRATOR_READERS),
    "rights:notifications": ("get", lambda w: {}, RIGHTS_KEEPERS),
    "rights:notification_told": ("get", lambda w: {"pk": world_notification(w).pk}, RIGHTS_KEEPERS),
    # The checklist on the protocol page: those who run and govern the partnership complete it.
    "rights:provision_edit": ("get", lambda w: {"code": "vrd-22"}, frozenset({"coordinator", "chair", "admin"})),
}
