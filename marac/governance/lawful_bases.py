"""The lawful bases a protocol or information-sharing agreement may rely on: a small catalogue of facts about UK law.

A document version stores the codes; the citation and the plain explanation come from here, so every page names a
basis the same way. Codes are stored, so never change one: add a new entry instead.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class LawfulBasis:
    code: str
    citation: str | Promise
    title: str | Promise
    explanation: str | Promise

    @property
    def label(self) -> Promise:
        # Lazy: the form's choices are made once, at import, and shown in each reader's language.
        return format_lazy("{}: {}", self.citation, self.title)


CATALOGUE: tuple[LawfulBasis, ...] = (
    LawfulBasis(
        code="uk_gdpr_6_1_e",
        citation=_("UK GDPR Article 6(1)(e)"),
        title=_("public task"),
        explanation=_(
            "Processing needed to carry out a task in the public interest or an official function that has a clear "
            "basis in law, such as the safeguarding duties of councils, health bodies and the police."
        ),
    ),
    LawfulBasis(
        code="uk_gdpr_9_2_g_safeguarding",
        citation=_("UK GDPR Article 9(2)(g) with DPA 2018 Schedule 1, paragraph 18"),
        title=_("substantial public interest: safeguarding of children and of individuals at risk"),
        explanation=_(
            "The condition for special category data (health, for example) when it is shared to protect a child or "
            "an adult at risk from harm, and consent cannot be given, cannot reasonably be sought, or seeking it "
            "would put that protection at risk."
        ),
    ),
    LawfulBasis(
        code="uk_gdpr_9_2_g_unlawful_acts",
        citation=_("UK GDPR Article 9(2)(g) with DPA 2018 Schedule 1, paragraph 10"),
        title=_("substantial public interest: preventing or detecting unlawful acts"),
        explanation=_(
            "The condition for special category data shared to prevent or detect crime, where asking for consent "
            "would prejudice that purpose."
        ),
    ),
    LawfulBasis(
        code="dpa_2018_part_3",
        citation=_("DPA 2018 Part 3"),
        title=_("law enforcement processing"),
        explanation=_(
            "The regime the police and other competent authorities work under when they process personal data to "
            "prevent, investigate or prosecute crime; it takes the place of the UK GDPR for that processing."
        ),
    ),
    LawfulBasis(
        code="uk_gdpr_6_1_c",
        citation=_("UK GDPR Article 6(1)(c)"),
        title=_("legal obligation"),
        explanation=_("Processing an agency must carry out to comply with a duty that the law places on it."),
    ),
    LawfulBasis(
        code="uk_gdpr_6_1_d",
        citation=_("UK GDPR Article 6(1)(d)"),
        title=_("vital interests"),
        explanation=_(
            "Processing needed to protect someone's life, relied on in an emergency when no other basis applies."
        ),
    ),
    LawfulBasis(
        code="uk_gdpr_6_1_a",
        citation=_("UK GDPR Article 6(1)(a)"),
        title=_("consent"),
        explanation=_(
            "The person has agreed to the sharing. Where sharing happens without consent, the decision and the "
            "reason for it are recorded on the referral."
        ),
    ),
)

BY_CODE: dict[str, LawfulBasis] = {basis.code: basis for basis in CATALOGUE}
CHOICES: list[tuple[str, Promise]] = [(basis.code, basis.label) for basis in CATALOGUE]


def bases_for(codes: list[str]) -> list[LawfulBasis]:
    """The catalogue entries for stored codes, in catalogue order. A code no longer in the catalogue is kept visible
    rather than dropped, so a signed version never silently loses a basis it listed."""
    known = [basis for basis in CATALOGUE if basis.code in codes]
    unknown = [
        LawfulBasis(code=code, citation=code, title=_("not in the current catalogue"), explanation="")
        for code in codes
        if code not in BY_CODE
    ]
    return known + unknown
