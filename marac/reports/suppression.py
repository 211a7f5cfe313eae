"""Which cells of the return the analyst may not see, so that no count below the threshold can be read or worked back.

Primary: every count below the threshold (zero included). Secondary: the return's counts add up in two ways (the
meetings to the quarter's total; the referring agency types, and police with the other agencies, to the cases
discussed), so where exactly one cell of such a sum is hidden and the sum is shown, the smallest other cell is hidden
too, until nothing changes. Shares and rates are hidden by the caller when their count or its base is.
"""

from marac.agencies.models import AgencyType
from marac.reports.figures import AGENCY_TYPE_FIGURES, CASES, NON_POLICE

TOTAL = "total"
Cell = tuple[object, str]  # (row: a meeting's index or TOTAL, figure key)

POLICE_KEY = f"agency_{AgencyType.POLICE}"
AGENCY_KEYS = tuple(figure.key for figure in AGENCY_TYPE_FIGURES)


def hidden_cells(values: dict[Cell, int], *, meetings: int, threshold: int) -> tuple[set[Cell], set[Cell]]:
    """Return (primary, secondary): the cells below the threshold, and those hidden so the first cannot be derived."""
    primary = {cell for cell, value in values.items() if value < threshold}
    hidden = set(primary)
    keys = {key for _, key in values}
    rows = [*range(meetings), TOTAL]

    def hide_smallest(candidates: list[Cell]) -> bool:
        shown = [cell for cell in candidates if cell not in hidden]
        if not shown:
            return False
        hidden.add(min(shown, key=lambda cell: (values[cell], str(cell))))
        return True

    changed = True
    while changed:
        changed = False
        # The meetings add up to the quarter's total.
        if meetings > 1:
            for key in keys:
                column = [(index, key) for index in range(meetings)]
                if (TOTAL, key) not in hidden and sum(cell in hidden for cell in column) == 1:
                    changed |= hide_smallest(column)
        for row in rows:
            if (row, CASES.key) in hidden:
                continue
            # The referring agency types add up to the cases discussed...
            group = [(row, key) for key in AGENCY_KEYS]
            if sum(cell in hidden for cell in group) == 1:
                changed |= hide_smallest(group)
            # ...and so do police and the other agencies.
            pair = [(row, POLICE_KEY), (row, NON_POLICE.key)]
            if sum(cell in hidden for cell in pair) == 1:
                changed |= hide_smallest(pair)
    return primary, hidden - primary
