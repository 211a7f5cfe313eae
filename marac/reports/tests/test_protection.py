"""The generic protection of a table's sums: one unknown in a sum is never left to be solved for."""

from marac.reports.protection import protect


def test_a_single_hidden_part_takes_the_smallest_other_part_with_it():
    values = {"total": 30, "a": 2, "b": 12, "c": 16}
    primary, secondary = protect(values, [("total", ["a", "b", "c"])], threshold=5)
    assert primary == {"a"}
    assert secondary == {"b"}


def test_a_hidden_total_with_every_part_shown_hides_a_part():
    # The total was hidden by another sum it belongs to; its parts would add back up to it.
    values = {"grand": 40, "row1": 9, "row2": 31, "x": 6, "y": 3}
    sums = [("grand", ["row1", "row2"]), ("row1", ["x", "y"])]
    primary, secondary = protect(values, sums, threshold=5)
    assert primary == {"y"}
    # y hidden → x (the only other part of row1) hidden → nothing more: row1's sum has two unknowns.
    assert secondary == {"x"}
    values = {"grand": 40, "row1": 9, "row2": 31, "x": 6, "y": 3}
    primary, secondary = protect(values, [("grand", ["row1", "row2"]), ("row1", ["x", "y"])], threshold=7)
    # y and x below 7; row1 shown with both parts hidden is safe; nothing else.
    assert (primary, secondary) == ({"x", "y"}, set())


def test_secondary_hiding_carries_across_sums_until_nothing_changes():
    values = {"t": 50, "m1": 20, "m2": 30, "m1a": 3, "m1b": 17, "m2a": 10, "m2b": 20, "ta": 13, "tb": 37}
    sums = [
        ("t", ["m1", "m2"]),
        ("m1", ["m1a", "m1b"]),
        ("m2", ["m2a", "m2b"]),
        ("ta", ["m1a", "m2a"]),
        ("tb", ["m1b", "m2b"]),
        ("t", ["ta", "tb"]),
    ]
    primary, secondary = protect(values, sums, threshold=5)
    assert primary == {"m1a"}
    # m1a → m1b (row m1) and m2a (column a) → m2b (row m2 and column b).
    assert secondary == {"m1b", "m2a", "m2b"}


def test_nothing_below_the_threshold_hides_nothing():
    assert protect({"t": 10, "a": 5, "b": 5}, [("t", ["a", "b"])], threshold=5) == (set(), set())
