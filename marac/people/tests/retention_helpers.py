"""Running the retention command in tests, and reading back everything a case's rows hold."""

import json
from io import StringIO

from django.apps import apps
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder

from marac.people.models import Alias, Person
from marac.people.retention import ERASURE


def run_retention(*args: str) -> str:
    out = StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def case_rows(case_ids) -> dict[str, list[dict]]:
    """Every row of every model the retention table covers that belongs to the cases, as stored."""
    rows = {}
    for label, rule in ERASURE.items():
        model = apps.get_model(label)
        lookup = f"{rule.case_path}__in" if rule.case_path != "pk" else "pk__in"
        rows[label] = list(model._default_manager.filter(**{lookup: list(case_ids)}).order_by("pk").values())
    return rows


def people_rows(person_ids) -> dict[str, list[dict]]:
    return {
        "people.person": list(Person.objects.filter(pk__in=list(person_ids)).order_by("pk").values()),
        "people.alias": list(Alias.objects.filter(person_id__in=list(person_ids)).order_by("pk").values()),
    }


def as_text(rows) -> str:
    return json.dumps(rows, cls=DjangoJSONEncoder, ensure_ascii=False)


def everything_in_database() -> str:
    """Every row of every model the retention table covers, and every person: to compare before and after."""
    rows = {label: list(apps.get_model(label)._default_manager.order_by("pk").values()) for label in ERASURE}
    rows["people.person"] = list(Person.objects.order_by("pk").values())
    rows["people.alias"] = list(Alias.objects.order_by("pk").values())
    return as_text(rows)
