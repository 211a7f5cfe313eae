"""Rows of one case, read for its case page without joining the case again."""

from typing import TypeVar

from django.db.models import Model, QuerySet

from marac.referrals.models import Case

M = TypeVar("M", bound=Model)


def rows_on_case(queryset: QuerySet[M], case: Case, *related: str, limit: int | None = None) -> list[M]:
    """The rows (the first `limit` of them) with only `related` read alongside, each given the page's case (its
    victim already read).

    The policy's querysets join the case and its victim for the lists that span cases; on the case page that join,
    repeated by every panel, cost more of the page's time than its SQL did.
    """
    queryset = queryset.select_related(None)
    if related:  # select_related() with no names would join every foreign key instead
        queryset = queryset.select_related(*related)
    rows = list(queryset if limit is None else queryset[:limit])
    for row in rows:
        row.case = case
    return rows
