"""Every text field of every model that hangs off a case or a person is placed by the retention table.

A new field holding free text must be erased, emptied, rewritten or kept with a reason, or this test fails: no
personal detail can quietly survive the retention schedule.
"""

from django.apps import apps
from django.db import models

from marac.people.retention import DELETED_WITH_PERSON, ERASURE, NEVER_ALTERED, PERSON_ERASURE

TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def _linked_models() -> set[str]:
    """Models pointing, directly or through each other, at a case or a person."""
    linked = {"referrals.case", "people.person"}
    changed = True
    while changed:
        changed = False
        for model in apps.get_models():
            label = model._meta.label_lower
            if label in linked:
                continue
            targets = {
                field.related_model._meta.label_lower
                for field in model._meta.get_fields()
                if field.is_relation and field.concrete and field.related_model is not None
            }
            if targets & linked:
                linked.add(label)
                changed = True
    return linked


def _text_fields(model) -> set[str]:
    return {
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, TEXT_FIELDS) and not field.choices and not field.primary_key
    }


def test_every_linked_model_is_in_the_table():
    placed = set(ERASURE) | {"people.person"} | set(DELETED_WITH_PERSON) | set(NEVER_ALTERED)
    unplaced = sorted(_linked_models() - placed)
    assert unplaced == [], f"Say in marac.people.retention.ERASURE how retention treats: {unplaced}"


def test_every_text_field_is_placed():
    tables = {**ERASURE, "people.person": PERSON_ERASURE}
    unplaced = {}
    for label, rule in tables.items():
        placed = set(rule.erase) | set(rule.empty) | set(rule.rewrite) | set(rule.keep)
        missing = _text_fields(apps.get_model(label)) - placed
        if missing:
            unplaced[label] = sorted(missing)
    assert unplaced == {}, f"Place these fields in marac.people.retention.ERASURE: {unplaced}"


def test_the_table_names_only_real_fields():
    for label, rule in {**ERASURE, "people.person": PERSON_ERASURE}.items():
        model = apps.get_model(label)
        for name in (*rule.erase, *rule.empty, *rule.rewrite, *rule.keep):
            model._meta.get_field(name)
