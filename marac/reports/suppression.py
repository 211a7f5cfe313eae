"""Which cells of the return the analyst may not see, so that no count below the threshold can be read or worked back.

The return's counts add up in three ways: the meetings to the quarter's total (for every figure); the referring
agency types to the cases discussed; police and the other agencies to the cases discussed. `protection.protect`
hides what must be hidden for each. Shares and rates are hidden by the caller when their count or its base is.
"""

from marac.agencies.models import AgencyType
from marac.reports.figures import AGENCY_TYPE_FIGURES, CASES, NON_POLICE
from marac.reports.protection import Sum, protect

TOTAL = "total"
Cell = tuple[object, str]  # (row: a meeting's index or TOTAL, figure key)

POLICE_KEY = f"agency_{AgencyType.POLICE}"
AGENCY_KEYS = tuple(figure.key for figure in AGENCY_TYPE_FIGURES)


def return_sums(keys: set[str], *, meetings: int) -> list[Sum]:
    rows = [*range(meetings), TOTAL]
    sums: list[Sum] = []
    if meetings > 1:
        sums += [((TOTAL, key), [(index, key) for index in range(meetings)]) for key in sorted(keys)]
    for row in rows:
        sums.append(((row, CASES.key), [(row, key) for key in AGENCY_KEYS]))
        sums.append(((row, CASES.key), [(row, POLICE_KEY), (row, NON_POLICE.key)]))
    return sums


def hidden_cells(values: dict[Cell, int], *, meetings: int, threshold: int) -> tuple[set[Cell], set[Cell]]:
    """Return (primary, secondary): the cells below the threshold, and those hidden so the first cannot be derived."""
    return protect(values, return_sums({key for _, key in values}, meetings=meetings), threshold=threshold)
