"""People search: the subject access search of the pages (`marac.people.search`), for whoever the
rulebook lets use it (`person.subject_access`: the coordinator). It finds only people the caller may answer for;
a person on a case the caller is barred from is not found. The pages have no other search of people."""

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from marac.api.pagination import PAGE_PARAMETER, audited_page, page_of
from marac.api.serializers.people import PeopleSearchSerializer, PersonFoundSerializer
from marac.api.views.base import ApiView
from marac.people.search import search_people


class PeopleSearch(ApiView):
    permissions = {"GET": "person.subject_access"}
    object_type = "people.person"

    @extend_schema(
        operation_id="people_list",
        parameters=[PeopleSearchSerializer, PAGE_PARAMETER],
        responses=page_of(PersonFoundSerializer),
    )
    def get(self, request: Request) -> Response:
        criteria = PeopleSearchSerializer(data=request.query_params)
        criteria.is_valid(raise_exception=True)
        people = search_people(
            actor=request.actor,
            query=criteria.validated_data["name"],
            born=criteria.validated_data.get("date_of_birth"),
        ).people
        # Recorded as the search page records it: the people shown, not the name searched for.
        return audited_page(request, people, PersonFoundSerializer, summary="Searched people for subject access")
