"""The glossary marac ships: the terms every agency in a partnership meets, defined in our own words.

English is the source; the Spanish is in this app's catalogue, so a shipped term reads in the language of the page. A
locality changes, removes or adds terms as data (`models.GlossaryTerm`); a shipped term it has not changed keeps
these words, in every language marac has.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class ShippedTerm:
    key: str
    term: Promise
    definition: Promise


SHIPPED_TERMS: tuple[ShippedTerm, ...] = (
    ShippedTerm(
        "marac",
        pgettext_lazy("glossary term", "MARAC"),
        _(
            "Multi-agency risk assessment conference: a regular local meeting at which the police, the specialist "
            "domestic abuse service, housing, social care, health and other agencies share what they know about "
            "victims at the highest risk of serious harm or homicide, and agree one safety plan in which every action "
            "has an owner agency. The victim does not attend; her IDVA speaks for her."
        ),
    ),
    ShippedTerm(
        "idva",
        pgettext_lazy("glossary term", "IDVA"),
        _(
            "Independent domestic violence adviser: a trained specialist who works with a victim at high risk from "
            "the moment of crisis, helps her plan for her safety, speaks for her at the MARAC and tells her "
            "afterwards what the agencies agreed."
        ),
    ),
    ShippedTerm(
        "dash",
        pgettext_lazy("glossary term", "DASH checklist"),
        _(
            "Domestic Abuse, Stalking and Harassment and Honour-based violence checklist: questions agencies ask to "
            'identify risk. Each "yes" counts; a score at or above the locality\'s threshold (14 in UK practice) is '
            "visible high risk and a reason to refer to the MARAC."
        ),
    ),
    ShippedTerm(
        "matac",
        pgettext_lazy("glossary term", "MATAC"),
        _(
            "Multi-agency tasking and coordination: a meeting about serial perpetrators, people who have abused two "
            "or more victims. For each one taken on, the agencies agree support, diversion, disruption or "
            "enforcement, and follow the actions through."
        ),
    ),
    ShippedTerm(
        "rfgv",
        pgettext_lazy("glossary term", "RFGV score"),
        _(
            "Recency, frequency, gravity and victims: the score that ranks serial perpetrators for MATAC. The "
            "locality sets the weights; a fall in a perpetrator's score over time shows the work with him is having "
            "an effect."
        ),
    ),
    ShippedTerm(
        "protection_order",
        pgettext_lazy("glossary term", "Protection order"),
        _(
            "A court order that forbids the perpetrator certain conduct, such as contacting the victim or going near "
            "her home, for a set time or until the court changes it. Breaking it is punished. Names and rules differ "
            "from country to country."
        ),
    ),
    ShippedTerm(
        "emergency_barring_order",
        pgettext_lazy("glossary term", "Emergency barring order"),
        _(
            "An order, usually made by the police, that removes the perpetrator from the home he shares with the "
            "victim and keeps him away from her for a short time when she is in immediate danger."
        ),
    ),
    ShippedTerm(
        "restraining_order",
        pgettext_lazy("glossary term", "Restraining order"),
        _(
            "A court order, often made at the end of criminal proceedings, that forbids the perpetrator to contact or "
            "approach the victim."
        ),
    ),
    ShippedTerm(
        "bail_conditions",
        pgettext_lazy("glossary term", "Bail conditions"),
        _(
            "Conditions set when a suspect is released while the case against him goes on: for example not to "
            "contact the victim or enter an area. Breaking them can lead to his arrest."
        ),
    ),
    ShippedTerm(
        "safety_plan",
        pgettext_lazy("glossary term", "Safety plan"),
        _(
            "The actions agreed to make a victim and her children safer, each with an owner agency and a date, "
            "reviewed as the risk changes."
        ),
    ),
    ShippedTerm(
        "risk_assessment",
        pgettext_lazy("glossary term", "Risk assessment"),
        _(
            "A structured judgement of how likely further harm is and how serious it would be. The level a checklist "
            "gives can be raised by professional judgement or by the victim's own view, never lowered."
        ),
    ),
    ShippedTerm(
        "professional_judgement",
        pgettext_lazy("glossary term", "Professional judgement"),
        _(
            "A practitioner's reasoned view that the risk is high even when a checklist score is not. It can be the "
            "only reason for a referral; the reasons must be written down."
        ),
    ),
    ShippedTerm(
        "potential_escalation",
        pgettext_lazy("glossary term", "Potential escalation"),
        _(
            "The referral criterion met when the number of incidents in a recent period reaches the locality's "
            "threshold (often three in twelve months), whatever the checklist score."
        ),
    ),
    ShippedTerm(
        "repeat_referral",
        pgettext_lazy("glossary term", "Repeat referral"),
        _(
            "A new referral of the same victim after any further abuse within the locality's repeat window (often "
            "twelve months) of her last referral, whether or not it was a crime. Any agency that learns of it must "
            "refer again."
        ),
    ),
    ShippedTerm(
        "flag_and_tag",
        pgettext_lazy("glossary term", "Flag and tag"),
        _(
            "Marking the victim's and the perpetrator's records in each agency's own systems, so that any new "
            "incident within the repeat window is noticed and referred again."
        ),
    ),
    ShippedTerm(
        "research",
        pgettext_lazy("glossary term", "Research"),
        _(
            "What each agency finds in its own records about the people in a case before the meeting, posted for the "
            "other agencies to read."
        ),
    ),
    ShippedTerm(
        "coordinator",
        pgettext_lazy("glossary term", "Coordinator"),
        _(
            "The person who runs the MARAC: screens referrals, prepares each meeting and its case list, records what "
            "is agreed and follows up the actions."
        ),
    ),
    ShippedTerm(
        "chair",
        pgettext_lazy("glossary term", "Chair"),
        _(
            "The person who leads the meeting, keeps the discussion on risk, sums it up and makes sure every action "
            "has an owner."
        ),
    ),
    ShippedTerm(
        "information_sharing_agreement",
        pgettext_lazy("glossary term", "Information-sharing agreement"),
        _(
            "The agreement every member agency signs, saying what information is shared, on what lawful basis, and "
            "how it is kept safe. An agency that has not signed the current version receives no case information."
        ),
    ),
    ShippedTerm(
        "operating_protocol",
        pgettext_lazy("glossary term", "Operating protocol"),
        _(
            "The document that says how the locality's MARAC works: who the members are, how cases are referred, "
            "and what happens before, during and after each meeting."
        ),
    ),
    ShippedTerm(
        "coercive_control",
        pgettext_lazy("glossary term", "Coercive control"),
        _(
            "A pattern of isolating, watching, threatening, humiliating or controlling someone, her money or her "
            "movements, that takes away her freedom. It can happen without physical violence and is a strong sign of "
            "risk."
        ),
    ),
    ShippedTerm(
        "stalking",
        pgettext_lazy("glossary term", "Stalking"),
        _(
            "Repeated, unwanted attention that causes fear or distress: following, watching, contacting, turning up. "
            "Stalking after a separation is a serious risk factor."
        ),
    ),
    ShippedTerm(
        "non_fatal_strangulation",
        pgettext_lazy("glossary term", "Non-fatal strangulation"),
        _(
            "Pressure on the neck, by hand or with an object, that stops breathing or blood flow. It often leaves no "
            "visible mark and is one of the strongest warning signs of homicide."
        ),
    ),
    ShippedTerm(
        "honour_based_abuse",
        pgettext_lazy("glossary term", "Honour-based abuse"),
        _(
            "Abuse committed to protect what a family or community sees as its honour, often by several people. It "
            "is a common reason for a referral on professional judgement."
        ),
    ),
    ShippedTerm(
        "emergency_marac",
        pgettext_lazy("glossary term", "Emergency MARAC"),
        _("A meeting called at short notice, outside the regular cycle, when the risk to a victim is imminent."),
    ),
    ShippedTerm(
        "transfer",
        pgettext_lazy("glossary term", "MARAC-to-MARAC transfer"),
        _(
            "When a victim moves to another area, her case is passed to the MARAC there, so that it knows her history "
            "and can take the case on."
        ),
    ),
    ShippedTerm(
        "individual_needs_assessment",
        pgettext_lazy("glossary term", "Individual needs assessment"),
        _(
            "An assessment, made with the victim, of whether she needs particular protection and which measures "
            "would help her; it is updated when her circumstances change significantly (Victims' Rights Directive, "
            "Article 22)."
        ),
    ),
    ShippedTerm(
        "release_notification",
        pgettext_lazy("glossary term", "Release or escape notification"),
        _(
            "Telling a victim who asked to be told that the person who harmed her has been released from custody or "
            "has escaped."
        ),
    ),
    ShippedTerm(
        "safe_address",
        pgettext_lazy("glossary term", "Safe address"),
        _(
            "An address, such as a refuge, that the perpetrator must never learn. marac shows it only to the IDVA "
            "service and the police."
        ),
    ),
    ShippedTerm(
        "safe_and_together",
        pgettext_lazy("glossary term", "Safe & Together"),
        _(
            "An approach to work with children and families that keeps the focus on the perpetrator's choices and "
            "supports the non-abusing parent to keep the children safe."
        ),
    ),
    ShippedTerm(
        "mappa",
        pgettext_lazy("glossary term", "MAPPA"),
        _(
            "Multi-agency public protection arrangements: the statutory process in England and Wales through which "
            "the police, probation and prisons manage certain violent and sexual offenders living in the community."
        ),
    ),
    ShippedTerm(
        "viogen",
        pgettext_lazy("glossary term", "VioGén"),
        _(
            "Spain's national system for assessing and following up the risk to victims of gender-based violence. "
            "The police assess the risk, from not appreciated to extreme, and may only raise the level the forms "
            "give."
        ),
    ),
    ShippedTerm(
        "coordination_by_deadline",
        pgettext_lazy("glossary term", "Co-ordination by deadline"),
        _(
            "A way of running the MARAC without a live meeting by default: each agency posts its updates and actions "
            "by a deadline, and a live meeting is held only when it is needed."
        ),
    ),
)

SHIPPED_BY_KEY: dict[str, ShippedTerm] = {term.key: term for term in SHIPPED_TERMS}
