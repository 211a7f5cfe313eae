"""Referrals: send one (the referral form's service), list the agency's, and read one's status."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from marac.access import guard
from marac.api.pagination import PAGE_PARAMETER, audited_page, page_of
from marac.api.serializers.referrals import ReferralInputSerializer, ReferralStatusSerializer
from marac.api.views.base import ApiView
from marac.referrals import selectors
from marac.referrals.services import referral_create


class ReferralList(ApiView):
    permissions = {"GET": "referral.create", "POST": "referral.create"}
    object_type = "referrals.referral"

    @extend_schema(
        operation_id="referrals_list", parameters=[PAGE_PARAMETER], responses=page_of(ReferralStatusSerializer)
    )
    def get(self, request: Request) -> Response:
        referrals = selectors.referral_list(actor=request.actor)
        return audited_page(request, referrals, ReferralStatusSerializer, summary="Listed referrals")

    @extend_schema(
        operation_id="referrals_create",
        request=ReferralInputSerializer,
        responses={
            201: ReferralStatusSerializer,
            200: OpenApiResponse(ReferralStatusSerializer, description="Sent before with this submission_token."),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = ReferralInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        outcome = referral_create(actor=request.actor, data=serializer.referral_input())
        return Response(
            ReferralStatusSerializer(outcome.referral).data,
            status=status.HTTP_201_CREATED if outcome.created else status.HTTP_200_OK,
        )


class ReferralDetail(ApiView):
    permissions = {"GET": "referral.create"}
    object_type = "referrals.referral"

    @extend_schema(operation_id="referrals_retrieve", responses=ReferralStatusSerializer)
    def get(self, request: Request, pk: int) -> Response:
        actor = request.actor
        referral = guard.fetch(actor, selectors.visible_referrals(actor=actor), pk, case_of=lambda r: r.case)
        return Response(ReferralStatusSerializer(referral).data)
