"""Which counts of a table the analyst may not see: those below the threshold, and those that would let one be
worked back.

Any table of counts is described by its cells' values and by the sums it holds (a total and the parts that add up to
it). Primary: every count below the threshold, zero included. Secondary: where a sum has exactly one hidden part and
its total shown, or a hidden total and every part shown, subtraction or addition would give the hidden count back,
so the smallest shown cell of that sum is hidden too; repeated until nothing changes.
"""

from collections.abc import Hashable, Iterable, Mapping, Sequence

Sum = tuple[Hashable, Sequence[Hashable]]  # (the total's cell, the cells of its parts)


def protect(
    values: Mapping[Hashable, int], sums: Iterable[Sum], *, threshold: int
) -> tuple[set[Hashable], set[Hashable]]:
    """Return (primary, secondary) sets of the cells to hide; `values` holds every cell that `sums` names."""
    sums = [(total, list(parts)) for total, parts in sums if parts]
    primary = {cell for cell, value in values.items() if value < threshold}
    hidden = set(primary)

    def hide_smallest(cells: list[Hashable]) -> bool:
        shown = [cell for cell in cells if cell not in hidden]
        if not shown:
            return False
        hidden.add(min(shown, key=lambda cell: (values[cell], repr(cell))))
        return True

    changed = True
    while changed:
        changed = False
        for total, parts in sums:
            hidden_parts = sum(part in hidden for part in parts)
            # One unknown in a sum can be solved for: the one hidden part, or the hidden total.
            if hidden_parts == (0 if total in hidden else 1):
                changed |= hide_smallest(parts)
    return primary, hidden - primary
