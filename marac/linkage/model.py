"""The Fellegi–Sunter model that scores a pair of records: comparisons, their levels, and blocking rules.

Comparisons (each level says how far the two records agree; the first level that holds counts):

- given name and surname: exact (adjusted for how common the name is), swapped with the other name, a
  nickname or other spelling of the same formal name (given names only), the same spelling key (transliteration
  and spelling habits folded, see `marac.linkage.names`), Jaro-Winkler similarity at least 0.92 or 0.8, close
  to the other record's other name (swapped and mistyped), anything else;
- date of birth: exact, day and month swapped, two of day, month and year the same, anything else;
- place: the same address and surname, the same address, the same postcode and surname, the same postcode,
  the same postcode sector, the same district, anything else.

Address and postcode form one comparison because a household shares both: counted separately they would add
the same evidence twice. For the same reason surname and place are not independent: people who live together
often share a surname (partners, parents and children, siblings), so "same surname and same address" among
different people is far more common than the two rates multiplied, and a rare surname says little more once
the address agrees. That pair of facts is therefore one level of the place comparison, and the surname
comparison counts nothing for it. Its u, and the u of "same address" given different surnames, are counted on
the data itself (`HouseholdU`, see `marac.linkage.engine`).

`M_PROBABILITIES` are how often each level occurs among records of the same person. They describe how
agencies make mistakes, not who is in the file, so they are fixed: they were counted once over the true pairs
of the synthetic extract (`bench/estimate_m.py`) and rounded. The u probabilities (how often each level occurs
among different people) depend on the names and places in the file at hand and are estimated on every run
that has enough records, by sampling random pairs; smaller files use `U_PROBABILITIES`. See
`marac.linkage.engine` for why.

Blocking rules decide which pairs are scored at all: two records are compared only if they share at least one
of the keys below. Each rule lets through a mistake the others cannot (a changed surname, a missing date of
birth, a swapped date, a new address…). Only rare names are a key on their own: on a million rows the common
names would make tens of millions of pairs, and two records that share nothing but a common name (no date of
birth, no place) cannot reach a useful probability anyway.
"""

from typing import Literal

from splink import SettingsCreator, block_on
from splink import comparison_level_library as cll
from splink import comparison_library as cl
from splink.internals.comparison_level_creator import ComparisonLevelCreator

# u of the place levels "same address and surname", "same address", "same postcode and surname", "same postcode".
HouseholdU = tuple[float, float, float, float]
SAME_ADDRESS = "address_l = address_r"
SAME_POSTCODE = "postcode_l = postcode_r"
# A surname written the same way, or one typing or spelling difference away: for a household, the same surname.
SAME_SURNAME = (
    "(surname_l = surname_r OR surname_key_l = surname_key_r OR damerau_levenshtein(surname_l, surname_r) <= 1)"
)

# m probabilities of the non-null levels of each comparison, in the order of the levels below.
M_PROBABILITIES: dict[str, tuple[float, ...]] = {
    "given": (0.601, 0.052, 0.099, 0.169, 0.0027, 0.011, 0.053, 0.013),
    "surname": (0.610, 0.038, 0.160, 0.019, 0.050, 0.123),
    # Dates more than five years apart and moves within a postcode sector never occur among the generator's
    # true pairs; they get a small m rather than the measured zero, which would rule such pairs out entirely.
    "dob": (0.817, 0.038, 0.139, 0.0071, 0.001),
    "place": (0.688, 0.820, 0.029, 0.034, 0.005, 0.005, 0.161),
}

# Reference u: how often each level occurs among different people, measured on random pairs of a 200,000-record
# synthetic extract (`bench/estimate_m.py`). Used as they are where a file is too small to measure u on, and
# as the starting point (and for levels random pairs never reach) where it is not.
U_PROBABILITIES: dict[str, tuple[float, ...]] = {
    "given": (0.0027, 9.6e-07, 0.00292, 0.000765, 0.000219, 0.004, 0.000894, 0.989),
    "surname": (0.00138, 3.31e-05, 0.0003, 7.93e-05, 0.00276, 0.995),
    "dob": (3.85e-05, 1.25e-05, 0.00419, 0.124, 0.872),
    "place": (7.11e-06, 5.32e-06, 1.14e-07, 6.99e-05, 0.000157, 0.00108, 0.999),
}

# A name carried by at most this many records of a table is rare enough to compare records on the name alone.
RARE_NAME_COUNT = 20

BLOCKING_RULES = (
    block_on("given", "surname", "year(dob)"),
    f"l.given = r.given AND l.surname = r.surname AND l.name_count <= {RARE_NAME_COUNT}"
    f" AND r.name_count <= {RARE_NAME_COUNT}",
    block_on("surname_key", "dob_key"),
    block_on("given_group", "dob_key"),
    block_on("dob_key", "postcode"),
    block_on("dob_key", "substr(given, 1, 1)"),
    "l.given = r.surname AND l.surname = r.given",
    block_on("given_key", "surname_key", "split_part(postcode, ' ', 1)"),
    block_on("surname", "postcode"),
    block_on("given_group", "postcode"),
)

# Pairs that agree on these are the same person as far as exact identifiers can tell (marac.people.matching
# reuses a record on the same evidence); their probability is 1.
EXACT_PAIR_SQL = (
    "(dob_l = dob_r OR (day(dob_l) = month(dob_r) AND month(dob_l) = day(dob_r) AND year(dob_l) = year(dob_r)))"
    " AND ((given_l = given_r AND surname_l = surname_r) OR (given_l = surname_r AND surname_l = given_r))"
)


def _name_levels(column: str, other: str, term_frequencies: bool) -> list[ComparisonLevelCreator]:
    swapped = f'"{column}_l" = "{other}_r" AND "{other}_l" = "{column}_r"'
    crossed = (
        f'jaro_winkler_similarity("{column}_l", "{other}_r") >= 0.92 '
        f'OR jaro_winkler_similarity("{other}_l", "{column}_r") >= 0.92'
    )
    levels: list[ComparisonLevelCreator] = [cll.NullLevel(column)]
    if column == "surname":
        # The same surname at the same address or postcode is one piece of evidence (a household shares both),
        # counted once, under place.
        levels.append(
            cll.CustomLevel(
                f"{SAME_SURNAME} AND ({SAME_ADDRESS} OR {SAME_POSTCODE})",
                label_for_charts="same surname, same address or postcode (counted with place)",
            ).configure(is_null_level=True)
        )
    exact = cll.ExactMatchLevel(column).configure(label_for_charts="exact")
    if term_frequencies:
        exact.configure(tf_adjustment_column=column)
    levels.append(exact)
    if column == "surname":
        # Swapped names are one piece of evidence, counted once, under the given name.
        levels.append(
            cll.CustomLevel(
                f"({swapped}) OR ({crossed})", label_for_charts="swapped (counted with the given name)"
            ).configure(is_null_level=True)
        )
        levels.append(cll.CustomLevel('"surname_key_l" = "surname_key_r"', label_for_charts="same spelling key"))
    else:
        levels.append(cll.CustomLevel(swapped, label_for_charts="swapped with the surname"))
        # A name missing from the variant table is its own group (its spelling key), so this level also holds
        # for the same spelling key.
        levels.append(
            cll.CustomLevel("list_has_any(given_groups_l, given_groups_r)", label_for_charts="nickname or variant")
        )
    levels += [
        cll.DamerauLevenshteinLevel(column, 1).configure(label_for_charts="one typing mistake"),
        cll.JaroWinklerLevel(column, 0.92),
        cll.JaroWinklerLevel(column, 0.8),
    ]
    if column == "given":
        levels.append(cll.CustomLevel(crossed, label_for_charts="swapped with the surname, with a mistake"))
    levels.append(cll.ElseLevel())
    return levels


def _dob_levels() -> list[ComparisonLevelCreator]:
    return [
        cll.NullLevel("dob"),
        cll.ExactMatchLevel("dob").configure(label_for_charts="exact"),
        cll.CustomLevel(
            "day(dob_l) = month(dob_r) AND month(dob_l) = day(dob_r) AND year(dob_l) = year(dob_r)",
            label_for_charts="day and month swapped",
        ),
        cll.CustomLevel(
            "(year(dob_l) = year(dob_r))::int + (month(dob_l) = month(dob_r))::int + (day(dob_l) = day(dob_r))::int"
            " >= 2",
            label_for_charts="two of day, month and year",
        ),
        cll.AbsoluteDateDifferenceLevel("dob", input_is_string=False, threshold=5, metric="year").configure(
            label_for_charts="within five years"
        ),
        cll.ElseLevel().configure(label_for_charts="more than five years apart"),
    ]


def _place_levels() -> list[ComparisonLevelCreator]:
    same_address = cll.CustomLevel(SAME_ADDRESS, label_for_charts="same address")
    same_address_and_surname = cll.CustomLevel(
        f"{SAME_ADDRESS} AND {SAME_SURNAME}", label_for_charts="same address and surname"
    )
    same_postcode = cll.CustomLevel(SAME_POSTCODE, label_for_charts="same postcode")
    same_postcode_and_surname = cll.CustomLevel(
        f"{SAME_POSTCODE} AND {SAME_SURNAME}", label_for_charts="same postcode and surname"
    )
    return [
        cll.CustomLevel(
            "(address_l IS NULL OR address_r IS NULL) AND (postcode_l IS NULL OR postcode_r IS NULL)",
            label_for_charts="nothing to compare",
        ).configure(is_null_level=True),
        same_address_and_surname,
        same_address,
        same_postcode_and_surname,
        same_postcode,
        cll.CustomLevel(
            "left(postcode_l, length(postcode_l) - 2) = left(postcode_r, length(postcode_r) - 2)",
            label_for_charts="same postcode sector",
        ),
        cll.CustomLevel(
            "split_part(postcode_l, ' ', 1) = split_part(postcode_r, ' ', 1)", label_for_charts="same district"
        ),
        cll.ElseLevel(),
    ]


def _comparison(
    name: str, levels: list[ComparisonLevelCreator], *, fixed_m: bool, fixed_u: tuple[float, ...] = ()
) -> cl.CustomComparison:
    """Levels with m from `M_PROBABILITIES` (when `fixed_m`), u starting from `U_PROBABILITIES`, and the first
    levels' u fixed to `fixed_u`."""
    non_null = [level for level in levels if not getattr(level, "is_null_level", False)]
    for table in (M_PROBABILITIES, U_PROBABILITIES):
        if len(table[name]) != len(non_null):
            raise ValueError(f"{name!r} needs {len(non_null)} values in M_PROBABILITIES and U_PROBABILITIES")
    for level, m, u in zip(non_null, M_PROBABILITIES[name], U_PROBABILITIES[name], strict=True):
        level.configure(u_probability=u)
        if fixed_m:
            level.configure(m_probability=m)
    for level, u in zip(non_null, fixed_u, strict=False):
        level.configure(u_probability=u, fix_u_probability=True)
    return cl.CustomComparison(comparison_levels=levels, output_column_name=name)


def comparisons(
    *, household_u: HouseholdU | None, term_frequencies: bool, fixed_m: bool = True
) -> list[cl.CustomComparison]:
    return [
        _comparison("given", _name_levels("given", "surname", term_frequencies), fixed_m=fixed_m),
        _comparison("surname", _name_levels("surname", "given", term_frequencies), fixed_m=fixed_m),
        _comparison("dob", _dob_levels(), fixed_m=fixed_m),
        _comparison("place", _place_levels(), fixed_m=fixed_m, fixed_u=household_u or ()),
    ]


def settings(
    *,
    link_type: Literal["dedupe_only", "link_only"],
    probability_two_random_records_match: float,
    household_u: HouseholdU | None,
    term_frequencies: bool,
    fixed_m: bool = True,
) -> SettingsCreator:
    """`household_u`: u of the first four place levels, counted on the data (see the module docstring); None
    keeps the reference values. `term_frequencies`: adjust exact name agreement for how common the name is in
    the data (only meaningful on enough data)."""
    return SettingsCreator(
        link_type=link_type,
        comparisons=comparisons(household_u=household_u, term_frequencies=term_frequencies, fixed_m=fixed_m),
        blocking_rules_to_generate_predictions=list(BLOCKING_RULES),
        probability_two_random_records_match=probability_two_random_records_match,
        retain_matching_columns=True,
        retain_intermediate_calculation_columns=False,
    )
