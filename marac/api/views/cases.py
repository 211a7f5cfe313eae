"""Cases: the list and one case, within `policy.visible_cases` and `policy.case_detail`, as the case pages."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from marac.access import guard
from marac.api.pagination import PAGE_PARAMETER, audited_page, page_of
from marac.api.serializers.cases import CaseDetailSerializer, CaseSummarySerializer
from marac.api.views.base import ApiView
from marac.referrals import selectors
from marac.referrals.models import CaseStatus

STATUS_PARAMETER = OpenApiParameter("status", str, enum=CaseStatus.values, required=False)


class CaseList(ApiView):
    permissions = {"GET": "case.list"}
    object_type = "referrals.case"

    @extend_schema(
        operation_id="cases_list",
        parameters=[STATUS_PARAMETER, PAGE_PARAMETER],
        responses=page_of(CaseSummarySerializer),
    )
    def get(self, request: Request) -> Response:
        status = request.query_params.get("status", "")
        cases = selectors.case_list(actor=request.actor, status=status if status in CaseStatus.values else "")
        return audited_page(request, cases, CaseSummarySerializer, summary="Listed cases")


class CaseDetail(ApiView):
    permissions = {"GET": "case.list"}
    object_type = "referrals.case"

    @extend_schema(operation_id="cases_retrieve", responses=CaseDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        actor = request.actor
        access = guard.fetch_case(actor, pk)
        return Response(CaseDetailSerializer(selectors.case_page(actor=actor, access=access)).data)
