"""The demo locality's glossary: the partnership has put one shipped term in its own words (in English and Spanish),
added a term of its own, and removed one it has no use for. Everything else reads as marac ships it.

Fixed dates, no random generator: every other story stays as it was. Call `build_glossary` once the users exist.
"""

import datetime as dt

from marac.agencies.models import Role
from marac.demo import data
from marac.demo.builder.state import Demo
from marac.glossary.models import GlossaryTerm

EDITED_DAYS_AGO = 40

OWN_WORDS = {
    "marac": {
        "en-gb": {
            "term": "MARAC",
            "definition": (
                "The Riverside MARAC meets every other Thursday morning at the civic centre. Agencies share what they "
                "know about victims at the highest risk and agree one safety plan; every action has an owner agency "
                "and a date. The victim's IDVA speaks for her at the meeting and tells her afterwards what was agreed."
            ),
        },
        "es": {
            "term": "MARAC",
            "definition": (
                "La MARAC de Riverside se reúne un jueves sí y otro no por la mañana en el centro cívico. Los "
                "organismos comparten lo que saben sobre las víctimas con mayor riesgo y acuerdan un único plan de "
                "seguridad; cada actuación tiene un organismo responsable y una fecha. La IDVA de la víctima habla "
                "por ella en la reunión y le cuenta después lo acordado."
            ),
        },
    },
    "daily-risk-huddle": {
        "en-gb": {
            "term": "Daily risk huddle",
            "definition": (
                "A fifteen-minute call each weekday at 9:30 between the police, the IDVA service and children's "
                "services about the high-risk incidents of the last 24 hours, to decide who contacts the victim first."
            ),
        },
        "es": {
            "term": "Reunión diaria de riesgo",
            "definition": (
                "Una llamada de quince minutos cada día laborable a las 9:30 entre la policía, el servicio IDVA y los "
                "servicios de infancia sobre los incidentes de alto riesgo de las últimas 24 horas, para decidir "
                "quién contacta primero con la víctima."
            ),
        },
    },
}
# VioGén is Spain's system: the Riverside partnership does not use it.
REMOVED = ("viogen",)


def build_glossary(demo: Demo) -> None:
    administrator = demo.users[_administrator()]
    edited = demo.local(demo.today - dt.timedelta(days=EDITED_DAYS_AGO), 15)
    rows = [
        GlossaryTerm(locality=demo.locality, key=key, wording=wording, updated_by=administrator, updated_at=edited)
        for key, wording in OWN_WORDS.items()
    ]
    rows += [
        GlossaryTerm(locality=demo.locality, key=key, removed=True, updated_by=administrator, updated_at=edited)
        for key in REMOVED
    ]
    GlossaryTerm.objects.bulk_create(rows)
    demo.counts["glossary_terms_changed"] = len(rows)


def _administrator() -> str:
    return next(
        username
        for username, _given, _family, memberships in data.USERS
        if any(role == Role.LOCALITY_ADMIN for _agency, role in memberships)
    )
