"""The coordinator's decisions on possible duplicates: the same person (merge), not the same, and undoing a merge."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from marac.access.actor import Actor
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.duplicates.models import CandidateStatus, DuplicateCandidate
from marac.people.merging import person_merge, person_merge_undo
from marac.people.models import Person


def _locked(candidate: DuplicateCandidate) -> DuplicateCandidate:
    return DuplicateCandidate.objects.select_for_update().select_related("person_a", "person_b").get(pk=candidate.pk)


def candidate_decide(
    *, actor: Actor, candidate: DuplicateCandidate, same_person: bool, keep: Person | None = None, note: str = ""
) -> DuplicateCandidate:
    """Record the decision; "the same person" merges the other record into `keep`, one of the pair."""
    with transaction.atomic():
        candidate = _locked(candidate)
        if not candidate.is_open:
            raise ValidationError(
                {
                    NON_FIELD_ERRORS: gettext("This pair was already decided: %(decision)s.")
                    % {"decision": candidate.get_status_display().lower()}
                }
            )
        pair = (candidate.person_a, candidate.person_b)
        detail = {"person_a": candidate.person_a_id, "person_b": candidate.person_b_id}
        if same_person:
            if keep is None or keep.pk not in (person.pk for person in pair):
                raise ValidationError({"keep": gettext("Choose which of the two records to keep.")})
            kept, merged = (pair[0], pair[1]) if keep.pk == pair[0].pk else (pair[1], pair[0])
            candidate.merge = person_merge(actor=actor, kept=kept, merged=merged)
            candidate.status = CandidateStatus.SAME_PERSON
            detail |= {"kept": kept.pk, "merged": merged.pk, "merge": candidate.merge.pk}
        else:
            candidate.status = CandidateStatus.NOT_SAME
        candidate.decided_by = actor.user
        candidate.decided_at = timezone.now()
        candidate.note = note.strip()
        candidate.save(update_fields=["status", "merge", "decided_by", "decided_at", "note"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=candidate,
            summary=(
                "Decided two records are the same person and merged them"
                if same_person
                else "Decided two records are not the same person"
            ),
            detail=detail | {"decision": candidate.status},
        )
    return candidate


def candidate_merge_undo(*, actor: Actor, candidate: DuplicateCandidate) -> DuplicateCandidate:
    """Undo the merge the "same person" decision made; the pair is open for a decision again."""
    with transaction.atomic():
        candidate = _locked(candidate)
        if candidate.status != CandidateStatus.SAME_PERSON or candidate.merge_id is None:
            raise ValidationError({NON_FIELD_ERRORS: gettext("Only a decision that merged the records can be undone.")})
        merge = person_merge_undo(actor=actor, merge=candidate.merge)
        candidate.status = CandidateStatus.UNDONE
        candidate.save(update_fields=["status"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=candidate,
            summary="Undid the merge of two records; the pair is to decide again",
            detail={
                "person_a": candidate.person_a_id,
                "person_b": candidate.person_b_id,
                "merge": merge.pk,
                "decision": candidate.status,
            },
        )
    return candidate
