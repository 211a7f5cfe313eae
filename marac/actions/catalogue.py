"""The action catalogue's shipped defaults: the kinds of action each agency commonly volunteers (domain.md §2).

A locality edits its catalogue as data; these are what a new installation starts with.
"""

from django.apps import apps as installed_apps

DEFAULT_CATALOGUE: dict[str, list[str]] = {
    "police": [
        "Put a marker on the victim's address so that any call from it is treated as urgent",
        "Consider applying for a protection notice or order against the perpetrator",
        "Support the victim to report earlier abuse that was never reported",
        "Consider the perpetrator for multi-agency tasking of serial perpetrators (MATAC)",
        "Provide the victim with a personal alarm",
        "Carry out a home safety visit with the victim",
        "Start a child protection investigation jointly with children's social care",
    ],
    "housing": [
        (
            "Treat rent arrears or anti-social behaviour complaints caused by the abuse as such, "
            "so the victim is not penalised"
        ),
        "Carry out security repairs to the victim's home as a priority",
        "Note on the perpetrator's housing applications that he must not be housed near the victim",
    ],
    "childrens_social_care": [
        (
            "Map the perpetrator's pattern of behaviour (Safe & Together) to support the non-offending parent "
            "and assess harm to the children"
        ),
        "Hold an initial strategy discussion on child protection",
        "Advise on a safe arrangement for the children's contact with the perpetrator",
    ],
    "perpetrator_programme": [
        "Engage the perpetrator through a treatment assessment",
        "Support a safe arrangement for the perpetrator's contact with the children",
    ],
    "idva_service": [
        "Report back to the victim on what the meeting agreed",
        "Continue support and safety planning with the victim",
        "Follow up the other agencies' actions and chase any that are late or not done as agreed",
    ],
    "health": [
        "Flag the victim's and the children's health records so staff ask about abuse safely",
        "Tell the victim's GP, midwife or health visitor about the safety plan",
        "Offer the victim appointments where the perpetrator is not present",
    ],
    "mental_health": [
        "Review the victim's mental health care plan in the light of the risk",
        "Assess the risk the perpetrator poses to others within his mental health care plan",
    ],
    "education": [
        "Tell the designated safeguarding lead at the children's school or nursery",
        "Agree with the school or nursery who may collect the children",
    ],
    "probation": [
        "Check the perpetrator's licence or order conditions and act on any breach",
        "Add the victim's safety to the perpetrator's risk management plan",
    ],
    "adult_social_care": [
        "Consider an adult safeguarding enquiry for the victim",
        "Assess the victim's care and support needs",
    ],
}


# The shipped entries that set something off when agreed (`CatalogueAction.effect`), by agency type and text. The
# text identifies the shipped row once, when it is seeded or migrated; from then on the field does.
DEFAULT_EFFECTS: dict[tuple[str, str], str] = {
    ("police", "Consider the perpetrator for multi-agency tasking of serial perpetrators (MATAC)"): "matac_referral",
}


def _has_effect_field(model) -> bool:
    # The seeding migration (actions 0004) runs before the field exists (actions 0006): it seeds texts only, and
    # 0006 marks the effects.
    return any(field.name == "effect" for field in model._meta.get_fields())


def catalogue_seed_defaults(apps=installed_apps) -> int:
    """Add any default entry that is missing; returns how many were added. `apps` lets a migration pass its own."""
    catalogue_action = apps.get_model("actions", "CatalogueAction")
    with_effects = _has_effect_field(catalogue_action)
    added = 0
    for agency_type, texts in DEFAULT_CATALOGUE.items():
        for text in texts:
            defaults = {"effect": DEFAULT_EFFECTS.get((agency_type, text), "")} if with_effects else {}
            _, created = catalogue_action.objects.get_or_create(agency_type=agency_type, text=text, defaults=defaults)
            added += created
    return added


def catalogue_mark_default_effects(apps=installed_apps) -> int:
    """Give the shipped entries their effect where they still have none; returns how many were marked."""
    catalogue_action = apps.get_model("actions", "CatalogueAction")
    marked = 0
    for (agency_type, text), effect in DEFAULT_EFFECTS.items():
        marked += catalogue_action.objects.filter(agency_type=agency_type, text=text, effect="").update(effect=effect)
    return marked
