"""Lists come a page at a time, as on the pages (50 a page, a page past the end gives the last), and each page
read is audited with the ids it showed, as the list pages do."""

from functools import cache

from django.core.paginator import Paginator
from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from marac.audit.models import AuditAction
from marac.audit.services import audit_record

PAGE_SIZE = 50

PAGE_PARAMETER = OpenApiParameter(
    "page", OpenApiTypes.INT, required=False, description="The page, from 1; a page past the end gives the last."
)


@cache
def page_of(serializer_class: type[serializers.Serializer]) -> type[serializers.Serializer]:
    """The envelope of one page of `serializer_class`, named after it in the schema."""
    name = serializer_class.__name__.removesuffix("Serializer")
    return type(
        f"{name}PageSerializer",
        (serializers.Serializer,),
        {
            "count": serializers.IntegerField(help_text="How many there are in all."),
            "page": serializers.IntegerField(),
            "pages": serializers.IntegerField(),
            "results": serializer_class(many=True),
        },
    )


def audited_page(
    request: Request, queryset: QuerySet, serializer_class: type[serializers.Serializer], *, summary: str
) -> Response:
    page = Paginator(queryset, PAGE_SIZE).get_page(request.query_params.get("page"))
    rows = list(page.object_list)
    audit_record(
        actor=request.actor,
        action=AuditAction.LIST,
        summary=summary,
        detail={"ids": [row.pk for row in rows], "page": page.number},
    )
    return Response(
        {
            "count": page.paginator.count,
            "page": page.number,
            "pages": page.paginator.num_pages,
            "results": serializer_class(rows, many=True).data,
        }
    )
