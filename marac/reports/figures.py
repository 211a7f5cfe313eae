"""The figures of the quarterly data return: what each counts, in words shown beside it, and its benchmark.

Every count is of agenda items: one case discussed at one MARAC meeting, taken with the referral that brought it to
that meeting and the case's victim. A case heard at two meetings in a quarter counts at each, as the national return
counts it. The conditions on an agenda item (`conditions`) are shared by the figures, the links to cases and the tests.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from marac.agencies.models import AgencyType
from marac.people.models import Ethnicity, Gender, SexualOrientation

# Everything but White British, White other and not known: the groups the national return calls minoritised.
MINORITISED_ETHNICITIES = (
    Ethnicity.MIXED,
    Ethnicity.ASIAN,
    Ethnicity.BLACK,
    Ethnicity.ARAB,
    Ethnicity.GYPSY_TRAVELLER,
    Ethnicity.OTHER,
)
LGBT_ORIENTATIONS = (SexualOrientation.GAY_LESBIAN, SexualOrientation.BISEXUAL, SexualOrientation.OTHER)


@dataclass(frozen=True)
class Figure:
    key: str
    # Translated lazily: the figures are defined once, and each page reads them in its reader's language.
    label: str
    explanation: str
    benchmark: str = ""
    # The condition on an annotated agenda item (see calculation.items) that puts it in this count; None for the
    # total itself and for sums.
    condition: Q | None = None
    # Shown as a share of cases discussed, beside the count.
    has_share: bool = False


CASES = Figure(
    "cases",
    _("Cases discussed"),
    _("Agenda items of MARAC meetings held in the quarter: each case counts once at each meeting that heard it."),
    _("Expected about 40 a year per 10,000 women aged 16 or over; national 2024: 47."),
)
REPEATS = Figure(
    "repeats",
    _("Repeat cases"),
    _(
        "Cases discussed whose referral to that meeting was a repeat: further abuse within 12 months of the last "
        "referral."
    ),
    _("National 2024: 31%; expected range about 28% to 40%."),
    Q(referral__is_repeat=True),
    has_share=True,
)
NON_POLICE = Figure(
    "non_police",
    _("Referrals from agencies other than police"),
    _("Cases discussed whose referral to that meeting came from an agency whose type is not police."),
    _("National 2024: 36.1%; expected range about 25% to 40%."),
    ~Q(referral__referring_agency__agency_type=AgencyType.POLICE),
    has_share=True,
)
MINORITISED = Figure(
    "minoritised",
    _("Victims who are racially minoritised"),
    _(
        "Victims recorded as mixed, Asian, Black, Arab, Gypsy, Roma or Irish Traveller, or another ethnic group "
        "(not White British, White other, or not known)."
    ),
    _("National 2024: 14.1%."),
    Q(case__victim__ethnicity__in=MINORITISED_ETHNICITIES),
    has_share=True,
)
LGBT = Figure(
    "lgbt",
    _("Victims who are LGBT+"),
    _("Victims recorded as gay or lesbian, bisexual or another sexual orientation, as trans, or as non-binary."),
    _("National 2024: 1.6%."),
    Q(case__victim__sexual_orientation__in=LGBT_ORIENTATIONS)
    | Q(case__victim__is_trans=True)
    | Q(case__victim__gender=Gender.NON_BINARY),
    has_share=True,
)
DISABLED = Figure(
    "disabled",
    _("Victims who are disabled"),
    _("Victims recorded as having a disability (not known counts as no)."),
    _("National 2024: 10.1%."),
    Q(case__victim__has_disability=True),
    has_share=True,
)
MALE = Figure(
    "male",
    _("Victims who are male"),
    _("Victims whose recorded gender is male."),
    _("National 2024: 6.4%."),
    Q(case__victim__gender=Gender.MALE),
    has_share=True,
)
AGED_16_17 = Figure(
    "aged_16_17",
    _("Victims aged 16 or 17"),
    _("Victims aged 16 or 17 on the date of the referral that brought the case to the meeting."),
    _("National 2024: 1.3%."),
    Q(victim_age__gte=16, victim_age__lte=17),
    has_share=True,
)
YOUNG_PERPETRATOR = Figure(
    "young_perpetrator",
    _("Cases with a perpetrator aged 17 or under"),
    _("Cases discussed with at least one perpetrator aged 17 or under on the date of that referral."),
    "",
    Q(has_young_perpetrator=True),
    has_share=True,
)
CHILDREN = Figure(
    "children",
    _("Children in the households"),
    _("The children in the household as given on each case's referral to the meeting, added up."),
    _("National, year to September 2024: 148,270 children for 119,985 cases (1.24 a case)."),
    # A sum, not a count of items (see calculation.count_return): the condition only picks the cases behind it.
    Q(referral__children_in_household__gt=0),
)

# In the order the return shows them.
COUNT_FIGURES: tuple[Figure, ...] = (
    CASES,
    REPEATS,
    NON_POLICE,
    MINORITISED,
    LGBT,
    DISABLED,
    MALE,
    AGED_16_17,
    YOUNG_PERPETRATOR,
    CHILDREN,
)


def _referred_by(agency_type: str) -> str:
    return gettext("Referred by: %(agency_type)s") % {"agency_type": AgencyType(agency_type).label}


def _referred_by_explanation(agency_type: str) -> str:
    label = str(AgencyType(agency_type).label)
    # Mid-sentence: "an agency of type police", keeping the capitals of "(IDVA)".
    return gettext("Cases discussed whose referral to that meeting came from an agency of type %(agency_type)s.") % {
        "agency_type": label[:1].lower() + label[1:]
    }


# Built once at import, read in the language of each page.
_referred_by_lazy = lazy(_referred_by, str)
_referred_by_explanation_lazy = lazy(_referred_by_explanation, str)


def agency_type_figure(agency_type: str) -> Figure:
    return Figure(
        f"agency_{agency_type}",
        _referred_by_lazy(agency_type),
        _referred_by_explanation_lazy(agency_type),
        "",
        Q(referral__referring_agency__agency_type=agency_type),
    )


AGENCY_TYPE_FIGURES: tuple[Figure, ...] = tuple(agency_type_figure(value) for value in AgencyType.values)

EXPECTED_VOLUME_EXPLANATION = _(
    "Cases discussed in the quarter times four, per 10,000 women aged 16 or over in the area (the configured "
    "population): the yearly rate the quarter runs at."
)
EXPECTED_VOLUME_BENCHMARK = _("Expected about 40; national 2024: 47.")

FIGURES_BY_KEY: dict[str, Figure] = {figure.key: figure for figure in COUNT_FIGURES + AGENCY_TYPE_FIGURES}
