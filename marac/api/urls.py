"""Version 1 of the API, mounted at /api/v1/."""

from django.urls import path

from marac.api.views import actions, cases, documentation, imports, incidents, meetings, people, referrals

app_name = "api"

urlpatterns = [
    path("schema/", documentation.SchemaView.as_view(), name="schema"),
    path("docs/", documentation.DocsView.as_view(), name="docs"),
    path("cases/", cases.CaseList.as_view(), name="case_list"),
    path("cases/<int:pk>/", cases.CaseDetail.as_view(), name="case_detail"),
    path("referrals/", referrals.ReferralList.as_view(), name="referral_list"),
    path("referrals/<int:pk>/", referrals.ReferralDetail.as_view(), name="referral_detail"),
    path("actions/", actions.ActionList.as_view(), name="action_list"),
    path("actions/<int:pk>/", actions.ActionDetail.as_view(), name="action_detail"),
    path("actions/<int:pk>/updates/", actions.ActionUpdates.as_view(), name="action_updates"),
    path("incidents/", incidents.IncidentList.as_view(), name="incident_list"),
    path("incidents/imports/", imports.ImportList.as_view(), name="incident_import_list"),
    path("incidents/imports/<int:pk>/", imports.ImportDetail.as_view(), name="incident_import_detail"),
    path("meetings/", meetings.MeetingList.as_view(), name="meeting_list"),
    path("meetings/<int:pk>/agenda/", meetings.MeetingAgenda.as_view(), name="meeting_agenda"),
    path("meetings/items/<int:pk>/research/", meetings.AgendaItemResearch.as_view(), name="agenda_item_research"),
    path("people/", people.PeopleSearch.as_view(), name="people_search"),
]
