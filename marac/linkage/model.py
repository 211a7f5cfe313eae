"""The Fellegi–Sunter model that scores a pair of records: comparisons, their levels, and blocking rules.

Comparisons (each level says how far the two records agree; the first level that holds counts):

- given name: the whole name (given name and surname) exact, away from a shared home, adjusted for how common
  that whole name is; at a shared home, exact (or the names swapped), a nickname or variant, or alike; exact
  (adjusted for how common the given name is); swapped with the surname; a nickname or other spelling of the
  same formal name (`marac.linkage.names`); one typing mistake; a nickname or variant with a typing mistake;
  Jaro-Winkler similarity at least 0.92 or 0.8; swapped with the surname and written differently; anything else;
- surname: exact (adjusted for how common it is), the same spelling key (transliteration and spelling habits
  folded), one typing mistake, Jaro-Winkler similarity at least 0.92 or 0.8, anything else;
- date of birth: exact, day and month swapped, a day, month or year out (or two digits swapped), two of day,
  month and year the same, within five years, anything else;
- place: the same surname, date of birth and home; the same address and surname, the same address, the same
  postcode and surname, the same postcode, the same postcode sector, the same district, anything else.

Fellegi–Sunter multiplies the evidence of the comparisons as if they were independent. Where they plainly are
not, the facts that go together are one level of one comparison, and the other comparisons count nothing for
them (a "counted with …" level, which has no weight):

- address and postcode are one comparison, since a household shares both;
- surname and place: people who live together often share a surname (partners, parents and children), so
  "same surname and same address" among different people is far more common than the two rates multiplied.
  That pair of facts is one level of the place comparison;
- date of birth, surname and place: twins share all three. "Same surname, date of birth and home" is one
  level, whose u is the rate of twins in the data;
- given name and place: within a family, a given name is shared, or a near one used, far more often than two
  strangers share it (a son named after his father, siblings called Ana and Ava). At a shared home the given
  name levels have their own u, counted among the household's different people;
- given name and surname: names go together (families, communities), so 'Igor Sukhanov' is far more common
  than 'Igor' and 'Sukhanov' would make it. Away from a shared home, a whole name written the same way is one
  level, adjusted for how common the whole name is in the data;
- names swapped: one level of the given name comparison; the surname comparison counts nothing for it. At a
  shared home the surname is the household's, and the swapped names count as a given name.

The u of the levels about a shared home are counted on each run's data (`HouseholdU`, see
`marac.linkage.engine.household_u`).

`M_PROBABILITIES` are how often each level occurs among records of the same person. They describe how
agencies make mistakes, not who is in the file, so they are fixed: they were counted once over the true pairs
of a synthetic extract (`bench/estimate_m.py`) and rounded. The u probabilities (how often each level occurs
among different people) depend on the names and places in the file at hand and are estimated on every run
that has enough records, by sampling random pairs; smaller files use `U_PROBABILITIES`. See
`marac.linkage.engine` for why.

Blocking rules decide which pairs are scored at all: two records are compared only if they share at least one
of the keys below. Each rule lets through a mistake the others cannot (a changed surname, a missing date of
birth, a swapped date, a new address…). Only rare names are a key on their own: on a million rows the common
names would make tens of millions of pairs, and two records that share nothing but a common name (no date of
birth, no place) cannot reach a useful probability anyway.
"""

from dataclasses import dataclass, field
from typing import Literal

from splink import SettingsCreator, block_on
from splink import comparison_level_library as cll
from splink import comparison_library as cl
from splink.internals.comparison_level_creator import ComparisonLevelCreator

SAME_ADDRESS = "address_l = address_r"
SAME_POSTCODE = "postcode_l = postcode_r"
AT_HOME = f"coalesce({SAME_ADDRESS} OR {SAME_POSTCODE}, false)"


# DuckDB's damerau_levenshtein is slow; these expressions are evaluated on millions of pairs, most of which fail a
# cheaper test first. CASE evaluates a branch only for the pairs that reach it.
def only_if(guard: str, check: str) -> str:
    """`check`, evaluated only where `guard` holds; false elsewhere (and where `guard` is null)."""
    return f"CASE WHEN {guard} THEN {check} ELSE false END"


def one_mistake_apart(left: str, right: str) -> str:
    """Names `left` and `right` at most one typing mistake apart: a letter added, dropped or replaced, or two
    neighbouring letters swapped (Damerau-Levenshtein distance of at most 1)."""
    return (
        f"CASE WHEN levenshtein({left}, {right}) <= 1 THEN true"
        f" WHEN length({left}) = length({right}) AND levenshtein({left}, {right}) = 2"
        f" THEN damerau_levenshtein({left}, {right}) = 1 ELSE false END"
    )


def _written_alike(left: str, right: str) -> str:
    """Names `left` and `right` ('given_l', 'surname_r'…) written alike: the same, the same spelling key or name
    group, close, or one typing mistake apart."""
    (left_name, left_side), (right_name, right_side) = (column.rsplit("_", 1) for column in (left, right))
    key_l, key_r = f"{left_name}_key_{left_side}", f"{right_name}_key_{right_side}"
    groups_l, groups_r = f"{left_name}_groups_{left_side}", f"{right_name}_groups_{right_side}"
    return (
        f"CASE WHEN {left} = {right} OR {key_l} = {key_r} OR jaro_winkler_similarity({left}, {right}) >= 0.92"
        f" OR list_has_any({groups_l}, {groups_r}) THEN true ELSE {one_mistake_apart(left, right)} END"
    )


def _swapped_digits(number: str) -> str:
    return f"(({number}) % 10 * 10 + ({number}) // 10 % 10)"


SWAPPED = "given_l = surname_r AND surname_l = given_r"
# Swapped, and a name written differently too: each name close to the other record's other name. Which record has
# them swapped is unknown, so a name group is looked up for surnames too.
CROSSED = only_if(_written_alike("given_l", "surname_r"), _written_alike("surname_l", "given_r"))
# A surname written the same way, or one typing or spelling difference away, or the names swapped: for a
# household, the same surname.
SAME_SURNAME = (
    f"(surname_l = surname_r OR surname_key_l = surname_key_r OR {one_mistake_apart('surname_l', 'surname_r')}"
    f" OR ({SWAPPED}) OR ({CROSSED}))"
)
# One household: the same address or postcode, and the same surname.
HOUSEHOLD = only_if(AT_HOME, SAME_SURNAME)
# The same surname, date of birth (day and month in either order) and home: one person, or twins.
SAME_BIRTH_AND_HOME = only_if(f"dob_key_l = dob_key_r AND {AT_HOME}", SAME_SURNAME)
# The same given name and surname, away from a shared home (where the surname is counted with place).
SAME_NAME_AWAY_FROM_HOME = f"given_l = given_r AND surname_l = surname_r AND NOT {AT_HOME}"
SAME_GIVEN = f"given_l = given_r OR ({AT_HOME} AND {SWAPPED})"
GIVEN_VARIANT = "list_has_any(given_groups_l, given_groups_r)"
GIVEN_NEAR_VARIANT = (
    "list_has_any(given_groups_near_l, given_groups_r) OR list_has_any(given_groups_l, given_groups_near_r)"
)
GIVEN_MISTYPED = f"{one_mistake_apart('given_l', 'given_r')} OR ({AT_HOME} AND {CROSSED})"
# At a shared home: a given name one mistake away, a variant with a mistake, close, or swapped with a mistake.
GIVEN_ALIKE = f"{GIVEN_MISTYPED} OR {GIVEN_NEAR_VARIANT} OR jaro_winkler_similarity(given_l, given_r) >= 0.92"
# Given names that share nothing: not a nickname or variant of each other (even with a typing mistake), not close,
# not the other record's surname (names swapped).
UNLIKE_GIVEN_NAMES = (
    "NOT list_has_any(given_groups_l, given_groups_r)"
    " AND NOT coalesce(list_has_any(given_groups_near_l, given_groups_r), false)"
    " AND NOT coalesce(list_has_any(given_groups_l, given_groups_near_r), false)"
    " AND jaro_winkler_similarity(given_l, given_r) < 0.8"
    f" AND NOT coalesce({SWAPPED}, false) AND NOT {CROSSED}"
)
DOB_SWAPPED = "day(dob_l) = month(dob_r) AND month(dob_l) = day(dob_r) AND year(dob_l) = year(dob_r)"
# A date of birth mistyped by one: a day, a month or a year out, or the two digits of the day, the month or the
# year within its century swapped (21 / 12, 1987 / 1978).
DOB_ONE_OUT = (
    "CASE WHEN year(dob_l) = year(dob_r) AND month(dob_l) = month(dob_r)"
    f" THEN abs(day(dob_l) - day(dob_r)) = 1 OR day(dob_l) = {_swapped_digits('day(dob_r)')}"
    " WHEN year(dob_l) = year(dob_r) AND day(dob_l) = day(dob_r)"
    f" THEN abs(month(dob_l) - month(dob_r)) = 1 OR month(dob_l) = {_swapped_digits('month(dob_r)')}"
    " WHEN month(dob_l) = month(dob_r) AND day(dob_l) = day(dob_r)"
    " THEN abs(year(dob_l) - year(dob_r)) = 1"
    f" OR (year(dob_l) // 100 = year(dob_r) // 100 AND year(dob_l) % 100 = {_swapped_digits('year(dob_r) % 100')})"
    # A day out across the end of a month or a year.
    " ELSE abs(date_diff('day', dob_l, dob_r)) = 1 END"
)
DOB_TWO_OF_THREE = (
    "(year(dob_l) = year(dob_r))::int + (month(dob_l) = month(dob_r))::int + (day(dob_l) = day(dob_r))::int >= 2"
)
# Dates of birth that say two records are different people: present on both and further apart than any level of
# mistake above "two of day, month and year".
DOB_DIFFERENT = f"dob_key_l <> dob_key_r AND NOT ({DOB_ONE_OUT}) AND NOT ({DOB_TWO_OF_THREE})"

# The levels that count two comparisons at once, by comparison: `bench/estimate_m.py` measures the other levels as
# if these were not there (see `comparisons`).
JOINT_LEVELS = {
    "given": ("given name and surname exact", "exact, at home", "nickname or variant, at home", "alike, at home"),
    "place": ("same surname, date of birth and home",),
}
# The levels whose u are counted on the data (`marac.linkage.engine.household_u`).
HOUSEHOLD_LEVELS = {
    "given": ("exact, at home", "nickname or variant, at home", "alike, at home"),
    "place": (
        "same surname, date of birth and home",
        "same address and surname",
        "same address",
        "same postcode and surname",
        "same postcode",
    ),
}


@dataclass(frozen=True)
class HouseholdU:
    """u of the levels about people who share a home, counted on the data, by comparison and level label."""

    by_comparison: dict[str, dict[str, float]] = field(default_factory=dict)


# m probabilities of the non-null levels of each comparison, by level.
M_PROBABILITIES: dict[str, dict[str, float]] = {
    "given": {
        "given name and surname exact": 0.453,
        "exact, at home": 0.656,
        "exact": 0.647,
        "swapped with the surname": 0.00852,
        "nickname or variant, at home": 0.107,
        "nickname or variant": 0.106,
        "alike, at home": 0.228,
        "one typing mistake": 0.206,
        "nickname or variant, with a typing mistake": 0.00852,
        "Jaro-Winkler at least 0.92": 0.00116,
        "Jaro-Winkler at least 0.8": 0.00523,
        "swapped with the surname, with a mistake": 0.0079,
        "anything else": 0.00938,
    },
    "surname": {
        "exact": 0.594,
        "same spelling key": 0.0361,
        "one typing mistake": 0.156,
        "Jaro-Winkler at least 0.92": 0.0153,
        "Jaro-Winkler at least 0.8": 0.0522,
        "anything else": 0.146,
    },
    "dob": {
        "exact": 0.814,
        "day and month swapped": 0.0392,
        "a day, month or year out, or two digits swapped": 0.138,
        "two of day, month and year": 0.00438,
        "within five years": 0.00493,
        "more than five years apart": 0.001,
    },
    "place": {
        "same surname, date of birth and home": 0.601,
        "same address and surname": 0.77,
        "same address": 0.838,
        "same postcode and surname": 0.0331,
        "same postcode": 0.0396,
        "same sector": 0.005,
        "same district": 0.005,
        "anything else": 0.159,
    },
}

# Reference u: how often each level occurs among different people, measured on random pairs of a 200,000-record
# synthetic extract, and counted on it for the household levels (`bench/estimate_m.py`). Used as they are where a
# file is too small to measure u on, and as the starting point (and for levels random pairs never reach) where it
# is not.
U_PROBABILITIES: dict[str, dict[str, float]] = {
    "given": {
        "given name and surname exact": 2.11e-05,
        "exact, at home": 0.0176,
        "exact": 0.00267,
        "swapped with the surname": 4.8e-07,
        "nickname or variant, at home": 0.00283,
        "nickname or variant": 0.00322,
        "alike, at home": 0.00442,
        "one typing mistake": 0.00086,
        "nickname or variant, with a typing mistake": 0.000443,
        "Jaro-Winkler at least 0.92": 0.000318,
        "Jaro-Winkler at least 0.8": 0.00393,
        "swapped with the surname, with a mistake": 1.44e-06,
        "anything else": 0.989,
    },
    "surname": {
        "exact": 0.00137,
        "same spelling key": 3.22e-05,
        "one typing mistake": 0.000249,
        "Jaro-Winkler at least 0.92": 8.11e-05,
        "Jaro-Winkler at least 0.8": 0.00245,
        "anything else": 0.996,
    },
    "dob": {
        "exact": 4.15e-05,
        "day and month swapped": 1.4e-05,
        "a day, month or year out, or two digits swapped": 0.000246,
        "two of day, month and year": 0.00395,
        "within five years": 0.125,
        "more than five years apart": 0.87,
    },
    "place": {
        "same surname, date of birth and home": 5.87e-08,
        "same address and surname": 7.08e-06,
        "same address": 5.33e-06,
        "same postcode and surname": 1.12e-07,
        "same postcode": 6.98e-05,
        "same sector": 0.000175,
        "same district": 0.00102,
        "anything else": 0.999,
    },
}

# A name carried by at most this many records of a table is rare enough to compare records on the name alone.
RARE_NAME_COUNT = 20

BLOCKING_RULES = (
    f"l.given = r.given AND l.surname = r.surname AND l.name_count <= {RARE_NAME_COUNT}"
    f" AND r.name_count <= {RARE_NAME_COUNT}",
    block_on("surname_key", "dob_key"),
    block_on("given_group", "dob_key"),
    block_on("dob_key", "postcode"),
    block_on("dob_key", "substr(given, 1, 1)"),
    "l.given = r.surname AND l.surname = r.given",
    block_on("surname", "postcode"),
    block_on("given_group", "postcode"),
    # The initials in alphabetical order survive swapped names and most typing mistakes.
    block_on("address", "initials"),
    block_on("postcode", "initials"),
    block_on("dob_key", "initials"),
    # The given name's initial survives a changed surname.
    block_on("address", "substr(given, 1, 1)"),
    # A typing mistake in one name and a date of birth out by a day, a month or a year, after a move.
    block_on("surname_key", "year(dob)", "substr(given, 1, 1)"),
    block_on("surname_key", "month(dob)", "day(dob)", "substr(given, 1, 1)"),
    block_on("given", "month(dob)", "day(dob)", "substr(surname, 1, 1)"),
    block_on("given_group", "year(dob)", "substr(surname, 1, 3)"),
)

# Pairs that agree on these are the same person as far as exact identifiers can tell (marac.people.matching
# reuses a record on the same evidence); their probability is 1.
EXACT_PAIR_SQL = (
    "(dob_l = dob_r OR (day(dob_l) = month(dob_r) AND month(dob_l) = day(dob_r) AND year(dob_l) = year(dob_r)))"
    " AND ((given_l = given_r AND surname_l = surname_r) OR (given_l = surname_r AND surname_l = given_r))"
)


def _level(sql: str, label: str) -> ComparisonLevelCreator:
    return cll.CustomLevel(sql, label_for_charts=label)


def _counted_with(sql: str, label: str) -> ComparisonLevelCreator:
    """A level whose evidence another comparison counts: no weight here."""
    return _level(sql, label).configure(is_null_level=True)


def _with_frequencies(level: ComparisonLevelCreator, column: str, term_frequencies: bool) -> ComparisonLevelCreator:
    """Weight an exact agreement by how common the value of `column` is (only meaningful on enough data)."""
    if term_frequencies:
        # Splink adjusts from this level's own u, as the level is not a plain exact match on `column`.
        level.configure(tf_adjustment_column=column, disable_tf_exact_match_detection=True)
    return level


def _given_levels(term_frequencies: bool, joint_levels: bool) -> list[ComparisonLevelCreator]:
    def at_home(sql: str, label: str) -> list[ComparisonLevelCreator]:
        return [_level(only_if(HOUSEHOLD, sql), label)] if joint_levels else []

    levels: list[ComparisonLevelCreator] = [cll.NullLevel("given")]
    if joint_levels:
        levels.append(
            _with_frequencies(
                _level(SAME_NAME_AWAY_FROM_HOME, "given name and surname exact"), "full_name", term_frequencies
            )
        )
    return [
        *levels,
        *at_home(SAME_GIVEN, "exact, at home"),
        _with_frequencies(_level(SAME_GIVEN, "exact"), "given", term_frequencies),
        _level(SWAPPED, "swapped with the surname"),
        *at_home(GIVEN_VARIANT, "nickname or variant, at home"),
        # A name missing from the variant table is its own group (its spelling key), so this level also holds for
        # the same spelling key.
        _level(GIVEN_VARIANT, "nickname or variant"),
        *at_home(GIVEN_ALIKE, "alike, at home"),
        _level(GIVEN_MISTYPED, "one typing mistake"),
        _level(GIVEN_NEAR_VARIANT, "nickname or variant, with a typing mistake"),
        cll.JaroWinklerLevel("given", 0.92).configure(label_for_charts="Jaro-Winkler at least 0.92"),
        cll.JaroWinklerLevel("given", 0.8).configure(label_for_charts="Jaro-Winkler at least 0.8"),
        _level(CROSSED, "swapped with the surname, with a mistake"),
        cll.ElseLevel().configure(label_for_charts="anything else"),
    ]


def _surname_levels(term_frequencies: bool, joint_levels: bool) -> list[ComparisonLevelCreator]:
    levels: list[ComparisonLevelCreator] = [
        cll.NullLevel("surname"),
        # A household's surname is counted once, under place.
        _counted_with(HOUSEHOLD, "same surname at the same address or postcode (counted with place)"),
    ]
    if joint_levels:
        levels.append(
            _counted_with(SAME_NAME_AWAY_FROM_HOME, "given name and surname exact (counted with the given name)")
        )
    exact = cll.ExactMatchLevel("surname").configure(label_for_charts="exact")
    if term_frequencies:
        exact.configure(tf_adjustment_column="surname")
    return [
        *levels,
        exact,
        # Swapped names are one piece of evidence, counted once, under the given name.
        _counted_with(f"({SWAPPED}) OR ({CROSSED})", "swapped (counted with the given name)"),
        _level("surname_key_l = surname_key_r", "same spelling key"),
        _level(one_mistake_apart("surname_l", "surname_r"), "one typing mistake"),
        cll.JaroWinklerLevel("surname", 0.92).configure(label_for_charts="Jaro-Winkler at least 0.92"),
        cll.JaroWinklerLevel("surname", 0.8).configure(label_for_charts="Jaro-Winkler at least 0.8"),
        cll.ElseLevel().configure(label_for_charts="anything else"),
    ]


def _dob_levels(joint_levels: bool) -> list[ComparisonLevelCreator]:
    levels: list[ComparisonLevelCreator] = [cll.NullLevel("dob")]
    if joint_levels:
        levels.append(_counted_with(SAME_BIRTH_AND_HOME, "same date of birth, surname and home (counted with place)"))
    return [
        *levels,
        cll.ExactMatchLevel("dob").configure(label_for_charts="exact"),
        _level(DOB_SWAPPED, "day and month swapped"),
        _level(DOB_ONE_OUT, "a day, month or year out, or two digits swapped"),
        _level(DOB_TWO_OF_THREE, "two of day, month and year"),
        cll.AbsoluteDateDifferenceLevel("dob", input_is_string=False, threshold=5, metric="year").configure(
            label_for_charts="within five years"
        ),
        cll.ElseLevel().configure(label_for_charts="more than five years apart"),
    ]


def _place_levels(joint_levels: bool) -> list[ComparisonLevelCreator]:
    levels: list[ComparisonLevelCreator] = [
        _counted_with(
            "(address_l IS NULL OR address_r IS NULL) AND (postcode_l IS NULL OR postcode_r IS NULL)",
            "nothing to compare",
        )
    ]
    if joint_levels:
        levels.append(_level(SAME_BIRTH_AND_HOME, "same surname, date of birth and home"))
    return [
        *levels,
        _level(only_if(SAME_ADDRESS, SAME_SURNAME), "same address and surname"),
        _level(SAME_ADDRESS, "same address"),
        _level(only_if(SAME_POSTCODE, SAME_SURNAME), "same postcode and surname"),
        _level(SAME_POSTCODE, "same postcode"),
        _level("left(postcode_l, length(postcode_l) - 2) = left(postcode_r, length(postcode_r) - 2)", "same sector"),
        _level("split_part(postcode_l, ' ', 1) = split_part(postcode_r, ' ', 1)", "same district"),
        cll.ElseLevel().configure(label_for_charts="anything else"),
    ]


def level_labels(levels: list[ComparisonLevelCreator]) -> list[str]:
    """The labels of the levels that carry weight, in order."""
    return [level.label_for_charts for level in levels if not level.is_null_level]


def _comparison(
    name: str, levels: list[ComparisonLevelCreator], *, fixed_m: bool, counted_u: dict[str, float]
) -> cl.CustomComparison:
    """Levels with m from `M_PROBABILITIES` (when `fixed_m`), u from `counted_u` (fixed) or starting from
    `U_PROBABILITIES`."""
    for level in levels:
        if level.is_null_level:
            continue
        label = level.label_for_charts
        if label not in U_PROBABILITIES[name] or (fixed_m and label not in M_PROBABILITIES[name]):
            raise ValueError(f"{name!r} level {label!r} needs a value in M_PROBABILITIES and U_PROBABILITIES")
        if label in counted_u:
            level.configure(u_probability=counted_u[label], fix_u_probability=True)
        else:
            level.configure(u_probability=U_PROBABILITIES[name][label])
        if fixed_m:
            level.configure(m_probability=M_PROBABILITIES[name][label])
    return cl.CustomComparison(comparison_levels=levels, output_column_name=name)


def comparison_levels(*, term_frequencies: bool, joint_levels: bool = True) -> dict[str, list[ComparisonLevelCreator]]:
    """The levels of each comparison. `joint_levels=False` leaves out the levels that count two comparisons at once
    (`JOINT_LEVELS`) and their counterparts: `bench/estimate_m.py` measures the other levels' m as if they were not
    there, as the model uses them."""
    return {
        "given": _given_levels(term_frequencies, joint_levels),
        "surname": _surname_levels(term_frequencies, joint_levels),
        "dob": _dob_levels(joint_levels),
        "place": _place_levels(joint_levels),
    }


def settings(
    *,
    link_type: Literal["dedupe_only", "link_only"],
    probability_two_random_records_match: float,
    household_u: HouseholdU | None,
    term_frequencies: bool,
    fixed_m: bool = True,
    joint_levels: bool = True,
) -> SettingsCreator:
    """`household_u`: u of the levels about a shared home, counted on the data (see the module docstring); None
    keeps the reference values. `term_frequencies`: adjust exact name agreement for how common the name is in
    the data (only meaningful on enough data). `joint_levels`: see `comparison_levels`."""
    counted = household_u.by_comparison if household_u else {}
    levels = comparison_levels(term_frequencies=term_frequencies, joint_levels=joint_levels)
    return SettingsCreator(
        link_type=link_type,
        comparisons=[
            _comparison(name, comparison, fixed_m=fixed_m, counted_u=counted.get(name, {}))
            for name, comparison in levels.items()
        ],
        blocking_rules_to_generate_predictions=list(BLOCKING_RULES),
        probability_two_random_records_match=probability_two_random_records_match,
        retain_matching_columns=True,
        retain_intermediate_calculation_columns=False,
    )
