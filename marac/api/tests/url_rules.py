"""Rows of the URL walk (marac/access/tests/test_url_walk.py) for the API, called with the pages' signed-in session.

The API asks the same rulebook as the pages, so each row allows the personas of the page it mirrors. The schema and
its documentation describe the API, not any record: every signed-in member may read them.
"""

from marac.incidents.imports.tests.factories import finished_import

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
# The world's upcoming meeting, circulated, invites the police, housing, the IDVA service and health.
INVITED_NEXT_TIME = frozenset({"police_rep", "housing_rep", "health_rep", "idva"})
IMPORTERS = frozenset({"police_rep", "housing_rep", "social_care_rep", "health_rep", "coordinator"})

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
    # Meetings as their pages: the list for case readers, the agenda for the meeting's runners and invited agencies,
    # research for the invited agencies only.
    "api:meeting_list": ("get", lambda w: {}, AGENCY_READERS),
    "api:meeting_agenda": (
        "get",
        lambda w: {"pk": w.upcoming_meeting.pk},
        INVITED_NEXT_TIME | {"coordinator", "chair"},
    ),
    "api:agenda_item_research": ("get", lambda w: {"pk": w.upcoming_item.pk}, INVITED_NEXT_TIME),
    # People search is the subject access search: the coordinator's.
    "api:people_search": ("get", lambda w: {}, frozenset({"coordinator"})),
    # Imports as their pages: agencies' representatives their own agency's, the coordinator all (the police's here).
    "api:incident_import_list": ("get", lambda w: {}, IMPORTERS),
    "api:incident_import_detail": (
        "get",
        lambda w: {"pk": finished_import(agency=w.referral.referring_agency).pk},
        frozenset({"police_rep", "coordinator"}),
    ),
}
