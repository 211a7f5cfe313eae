"""Merging two records of one person, and undoing the merge.

Nothing merges automatically: a coordinator decides that two records are the same person (see marac.duplicates),
and this module carries the decision out.

Merging `merged` into `kept`, in one transaction:

1. Every row that refers to `merged` is re-pointed to `kept`: the cases it is the victim of, its parts in cases,
   its incidents and referral flags, the orders against it and the programmes it was sent to, its MATAC
   nominations, its other names, the records merged into it before. The rows are found from the relations of
   `Person`, hidden ones included, so a model added later moves too; only the records of decisions about people
   (`HISTORICAL`) stay. A many-to-many relation (the people an order also protects) is moved through its link
   table: each link row is re-pointed like any other row, so undoing gives back exactly the links that moved.
   Pointing earlier merges at `kept` keeps every `merged_into` one step from a live record.
2. A row that would repeat one of `kept`'s (a unique constraint: the same other name, the same part in the same
   case) is set aside instead: deleted, and stored whole in the merge record.
3. `merged`'s name becomes another name of `kept`, unless `kept` already has it.
4. `merged` is marked `merged_into = kept`. It is kept, not deleted, and is never matched again.
5. A `PersonMerge` records the ids of every re-pointed row, per model and field, and the rows set aside.

Undoing gives each recorded row that still points at `kept` back to `merged`, puts the set-aside rows back with
their own ids, removes the name the merge added and clears `merged_into`. What was recorded against `kept` since
stays with `kept`. A merge cannot be undone once a later merge involved the kept record: that one must be undone
first, or its rows would be pulled apart from under it.

Refused: two records of different localities, a record into itself, a record already merged (on either side), an
anonymised record, and a set-aside row that other records refer to (the coordinator resolves that by hand).
"""

import json
from dataclasses import dataclass

from django.apps import apps
from django.core import serializers
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import ForeignObjectRel, Q, UniqueConstraint
from django.utils import dateformat, timezone
from django.utils.translation import gettext

from marac.access.actor import Actor
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.people.models import Alias, Person, PersonMerge
from marac.referrals.models import Case

# Models whose references to a person record a decision about the records as they were: they never move.
HISTORICAL = frozenset({"people.personmerge", "duplicates.duplicatecandidate"})


@dataclass(frozen=True)
class Reference:
    """One foreign key to Person: `key` names it in a merge record."""

    model: type[models.Model]
    field: models.ForeignKey

    @property
    def key(self) -> str:
        return f"{self.model._meta.label_lower}.{self.field.name}"

    def rows_of(self, person: Person) -> models.QuerySet:
        return self.model._base_manager.filter(**{self.field.name: person})


def references() -> list[Reference]:
    """Every foreign key to Person that a merge moves, in a fixed order.

    Read from Person's reverse relations with the hidden ones: a foreign key declared with `related_name="+"` and
    the link table of a many-to-many relation (auto-created or declared) each hold a foreign key to Person, and
    that foreign key is what moves. The many-to-many relation itself is skipped: its link table's key covers it.
    """
    historical_links = {
        relation.through._meta.label_lower
        for relation in Person._meta.get_fields(include_hidden=True)
        if isinstance(relation, ForeignObjectRel)
        and relation.many_to_many
        and relation.related_model._meta.label_lower in HISTORICAL
    }
    found = {}
    for relation in Person._meta.get_fields(include_hidden=True):
        if not isinstance(relation, ForeignObjectRel) or relation.many_to_many:
            continue
        model = relation.related_model
        if model._meta.label_lower in HISTORICAL | historical_links:
            continue
        reference = Reference(model=model, field=relation.field)
        found[reference.key] = reference
    return [found[key] for key in sorted(found)]


def reference_for(key: str) -> Reference:
    app_label, model_name, field_name = key.split(".")
    model = apps.get_model(app_label, model_name)
    return Reference(model=model, field=model._meta.get_field(field_name))


def _refuse(message: str) -> ValidationError:
    return ValidationError({NON_FIELD_ERRORS: message})


def _unique_sets(reference: Reference) -> list[tuple[tuple[str, ...], Q | None]]:
    """The other columns each unique rule on the reference's model combines with the person, and its condition."""
    meta = reference.model._meta
    name = reference.field.name
    sets: list[tuple[tuple[str, ...], Q | None]] = []
    if reference.field.unique:
        sets.append(((), None))
    for together in meta.unique_together:
        if name in together:
            sets.append((tuple(other for other in together if other != name), None))
    for constraint in meta.constraints:
        if isinstance(constraint, UniqueConstraint) and name in constraint.fields:
            others = tuple(other for other in constraint.fields if other != name)
            sets.append((others, constraint.condition))
    return [(tuple(meta.get_field(other).attname for other in others), condition) for others, condition in sets]


def _repeating(reference: Reference, *, kept: Person, merged: Person) -> set[int]:
    """Ids of `merged`'s rows that would break a unique rule once pointed at `kept`: `kept` has their like."""
    repeating: set[int] = set()
    for others, condition in _unique_sets(reference):
        own = reference.rows_of(kept)
        theirs = reference.rows_of(merged)
        if condition is not None:
            own, theirs = own.filter(condition), theirs.filter(condition)
        taken = set(own.values_list(*others)) if others else ({()} if own.exists() else set())
        repeating |= {pk for pk, *values in theirs.values_list("pk", *others) if tuple(values) in taken}
    if reference.model is Alias:
        # An other name equal to the kept record's own name says nothing the record does not.
        repeating |= set(
            reference.rows_of(merged).filter(normalised_name=kept.normalised_name).values_list("pk", flat=True)
        )
    return repeating


def _set_aside(reference: Reference, pks: set[int]) -> list[dict]:
    """Delete the rows, returning them whole (as Django's serialiser writes them) for undo to put back."""
    rows = list(reference.model._base_manager.filter(pk__in=pks).order_by("pk"))
    for row in rows:
        for relation in row._meta.related_objects:
            if relation.related_model._base_manager.filter(**{relation.field.name: row}).exists():
                raise _refuse(
                    gettext(
                        "The merged record's %(model)s %(number)s repeats one of the kept record's, and "
                        "other records refer to it: resolve that by hand before merging."
                    )
                    % {"model": row._meta.verbose_name, "number": row.pk}
                )
    stored = json.loads(json.dumps(serializers.serialize("python", rows), cls=DjangoJSONEncoder))
    reference.model._base_manager.filter(pk__in=pks).delete()
    return stored


def _locked(*people: Person) -> dict[int, Person]:
    """The people's rows, locked until the transaction ends, read afresh."""
    locked = Person.objects.select_for_update().filter(pk__in=[person.pk for person in people]).order_by("pk")
    return {person.pk: person for person in locked}


def _check_mergeable(*, kept: Person, merged: Person) -> None:
    if kept.pk == merged.pk:
        raise _refuse(gettext("A record cannot be merged into itself."))
    if kept.locality_id != merged.locality_id:
        raise _refuse(gettext("These records belong to different areas: only records of one area can be merged."))
    for person, side in ((merged, gettext("The record to merge")), (kept, gettext("The record to keep"))):
        if person.merged_into_id is not None:
            raise _refuse(
                gettext("%(side)s (person %(number)s) was already merged into person %(kept)s.")
                % {"side": side, "number": person.pk, "kept": person.merged_into_id}
            )
        if person.erased_at is not None:
            raise _refuse(
                gettext("%(side)s (person %(number)s) was anonymised under the retention schedule.")
                % {"side": side, "number": person.pk}
            )


def _case_lookup(model: type[models.Model]) -> str | None:
    """The lookup from a row of `model` to its case's id: the case itself, its foreign key to a case, or one hop
    through a row that has one (the link of an order to a person it protects goes through the order). None for rows
    that belong to no case (other names, incidents, nominations)."""
    if model is Case:
        return "pk"
    keys = [field for field in model._meta.concrete_fields if field.is_relation and field.related_model is not None]
    for key in keys:
        if key.related_model is Case:
            return key.attname
    for key in keys:
        if key.related_model in (Case, Person):
            continue
        onward = next((field for field in key.related_model._meta.concrete_fields if field.related_model is Case), None)
        if onward is not None:
            return f"{key.name}__{onward.attname}"
    return None


def _cases_touched(moved: dict[str, list[int]]) -> list[Case]:
    """The cases whose people changed: those a moved row belongs to (its victim, a party, an order, a programme)."""
    case_ids: set[int] = set()
    for key, ids in moved.items():
        reference = reference_for(key)
        lookup = _case_lookup(reference.model)
        if lookup is not None:
            case_ids |= set(
                reference.model._base_manager.filter(pk__in=ids, **{f"{lookup}__isnull": False}).values_list(
                    lookup, flat=True
                )
            )
    return list(Case.objects.filter(pk__in=case_ids).order_by("pk"))


def _audit_cases(*, actor: Actor, merge: PersonMerge, moved: dict[str, list[int]], summary: str) -> None:
    """One event on each case whose people changed, so the case's own trail shows it."""
    for case in _cases_touched(moved):
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=case,
            case=case,
            summary=summary,
            detail={"merge": merge.pk, "kept": merge.kept_id, "merged": merge.merged_id},
        )


def person_merge(*, actor: Actor, kept: Person, merged: Person) -> PersonMerge:
    """Fold `merged` into `kept` (see the module's rules); raises ValidationError saying why when refused."""
    with transaction.atomic():
        locked = _locked(kept, merged)
        kept, merged = locked[kept.pk], locked[merged.pk]
        _check_mergeable(kept=kept, merged=merged)
        moved: dict[str, list[int]] = {}
        set_aside: list[dict] = []
        for reference in references():
            repeating = _repeating(reference, kept=kept, merged=merged)
            if repeating:
                set_aside += _set_aside(reference, repeating)
            rows = reference.rows_of(merged)
            ids = sorted(rows.values_list("pk", flat=True))
            if ids:
                rows.update(**{reference.field.name: kept})
                moved[reference.key] = ids
        known_names = {
            kept.normalised_name,
            *Alias.objects.filter(person=kept).values_list("normalised_name", flat=True),
        }
        name_alias = None
        if merged.normalised_name and merged.normalised_name not in known_names:
            name_alias = Alias.objects.create(person=kept, name=merged.full_name)
        merged.merged_into = kept
        merged.save(update_fields=["merged_into"])
        merge = PersonMerge.objects.create(
            locality_id=kept.locality_id,
            kept=kept,
            merged=merged,
            moved=moved,
            set_aside=set_aside,
            name_alias=name_alias,
            merged_by=actor.user,
            merged_at=timezone.now(),
        )
        # Ids and counts only: the names are in the records themselves.
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            target=merge,
            summary="Merged two records of one person",
            detail={
                "kept": kept.pk,
                "merged": merged.pk,
                "moved": {key: len(ids) for key, ids in moved.items()},
                "set_aside": len(set_aside),
            },
        )
        _audit_cases(actor=actor, merge=merge, moved=moved, summary="Two records of a person on this case merged")
    return merge


def later_merge(merge: PersonMerge) -> PersonMerge | None:
    """A merge, made after this one and still in force, that involved its kept record: it blocks undoing this."""
    return (
        PersonMerge.objects.filter(pk__gt=merge.pk, undone_at__isnull=True)
        .filter(Q(kept_id=merge.kept_id) | Q(merged_id=merge.kept_id))
        .order_by("pk")
        .first()
    )


def person_merge_undo(*, actor: Actor, merge: PersonMerge) -> PersonMerge:
    """Give back to the merged record exactly what the merge moved (see the module's rules)."""
    with transaction.atomic():
        merge = PersonMerge.objects.select_for_update().get(pk=merge.pk)
        if merge.is_undone:
            raise _refuse(gettext("This merge was already undone."))
        blocking = later_merge(merge)
        if blocking is not None:
            raise _refuse(
                gettext(
                    "Person %(number)s was merged again on %(when)s (person %(merged)s into person %(kept)s): "
                    "undo that merge first."
                )
                % {
                    "number": merge.kept_id,
                    "when": dateformat.format(blocking.merged_at, "d F Y"),
                    "merged": blocking.merged_id,
                    "kept": blocking.kept_id,
                }
            )
        locked = _locked(merge.kept, merge.merged)
        kept, merged = locked[merge.kept_id], locked[merge.merged_id]
        if kept.erased_at is not None or merged.erased_at is not None:
            raise _refuse(
                gettext("One of the records was anonymised under the retention schedule since: it cannot be undone.")
            )
        if merge.name_alias_id is not None:
            Alias.objects.filter(pk=merge.name_alias_id).delete()
        restored: dict[str, int] = {}
        for key, ids in merge.moved.items():
            reference = reference_for(key)
            restored[key] = reference.model._base_manager.filter(pk__in=ids, **{reference.field.name: kept}).update(
                **{reference.field.name: merged}
            )
        for stored in serializers.deserialize("python", merge.set_aside):
            stored.save()
        merged.merged_into = None
        merged.save(update_fields=["merged_into"])
        merge.undone_at = timezone.now()
        merge.undone_by = actor.user
        merge.save(update_fields=["undone_at", "undone_by"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=merge,
            summary="Undid the merge of two records of one person",
            detail={
                "kept": kept.pk,
                "merged": merged.pk,
                "restored": restored,
                # Rows deleted since the merge, or pointed elsewhere by a later correction, stay as they are.
                "not_restored": sum(len(ids) for ids in merge.moved.values()) - sum(restored.values()),
                "set_aside_restored": len(merge.set_aside),
            },
        )
        _audit_cases(actor=actor, merge=merge, moved=merge.moved, summary="A merge of a person on this case undone")
    return merge
