"""From a pathway to the MARAC: the MARAC referral made from a pathway referral, carrying its history.

Nothing is typed twice. The referral goes on the victim's case, where her person record, her perpetrators and
children, and every assessment already are; it cites the pathway's latest assessment as its checklist (the
assessment itself, not a copy); its criteria come from that assessment, the incidents and the earlier referrals;
its account is the pathway referral's, followed by the pathway's history in order; and the two point at each other
(`PathwayReferral.marac_referral`, `Referral.from_pathway`). The referrer confirms only what is a new decision: the
victim's consent to a MARAC referral, and anything to add.
"""

import datetime as dt
from dataclasses import asdict, dataclass

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import dateformat, timezone, translation
from django.utils.translation import gettext

from marac.access import policy
from marac.access.actor import Actor
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.pathways import policy as pathway_policy
from marac.pathways.models import EventKind, PathwayEvent, PathwayReferral
from marac.pathways.routing import MaracProposal, proposals_for, with_latest_assessment
from marac.pathways.selectors import pathway_assessments, referral_events, timeline
from marac.people.ages import age_on
from marac.people.models import Person
from marac.people.services import PersonDetails
from marac.referrals.models import Case, CaseParty, Consent, PartyRole, Referral
from marac.referrals.services import case_referred_again, meets_visible_high_risk
from marac.risk.models import Assessment
from marac.risk.scales import SCALES
from marac.webhooks.outbox import referral_received

NOTE_LIMIT = 5_000


@dataclass(frozen=True)
class MaracReferralInput:
    consent: str
    sharing_without_consent_reason: str = ""
    sharing_approved_by: str = ""
    professional_judgement_reasons: str = ""  # concerns beyond what the latest assessment already wrote down
    note: str = ""  # anything the referrer adds to the pathway's account


@dataclass(frozen=True)
class Criteria:
    visible_high_risk: bool
    professional_judgement: bool
    judgement_reasons: str
    escalation: bool
    incidents: int
    previous: Referral | None

    @property
    def met(self) -> bool:
        return self.visible_high_risk or self.professional_judgement or self.escalation or self.previous is not None


def _raised_to_high(assessment: Assessment | None) -> tuple[bool, str]:
    """Whether the assessor's judgement or her own view raised the result to high or above, and the reasons written
    for it: on a MARAC referral that is the professional-judgement criterion, already written down."""
    if assessment is None:
        return False, ""
    scale = SCALES[assessment.scale]
    reasons = [
        reason.strip()
        for level, reason in (
            (assessment.judgement_level, assessment.judgement_reason),
            (assessment.victim_view_level, assessment.victim_view_reason),
        )
        if level
        and meets_visible_high_risk(scale=scale, computed_level=level)
        and scale.rank(level) > scale.rank(assessment.computed_level)
    ]
    return bool(reasons), "\n".join(reason for reason in reasons if reason)


def _visible_high_risk(assessment: Assessment | None) -> bool:
    """The instrument's own result at high or above: the visible high risk criterion."""
    if assessment is None:
        return False
    return meets_visible_high_risk(scale=SCALES[assessment.scale], computed_level=assessment.computed_level)


def criteria_for(*, proposal: MaracProposal, extra_judgement: str = "") -> Criteria:
    assessment = proposal.latest_assessment
    raised, reasons = _raised_to_high(assessment)
    extra = extra_judgement.strip()
    judgement_reasons = "\n".join(part for part in (reasons, extra) if part)
    previous = Referral.objects.filter(pk=proposal.repeat_of.pk).first() if proposal.repeat_of else None
    return Criteria(
        visible_high_risk=_visible_high_risk(assessment),
        professional_judgement=raised or bool(extra),
        judgement_reasons=judgement_reasons,
        escalation=proposal.escalation,
        incidents=proposal.incidents_in_window,
        previous=previous,
    )


def _when(moment: dt.datetime) -> str:
    return dateformat.format(timezone.localtime(moment), "j F Y, H:i")


def history_lines(referral: PathwayReferral) -> list[str]:
    """The pathway's history, one line per event or assessment, for the MARAC referral's account. Call in English."""
    assessments = list(pathway_assessments(referral))
    lines = []
    for entry in timeline(events=referral_events(referral), assessments=assessments):
        when = _when(entry.occurred_at)
        if entry.assessment is not None:
            assessment = entry.assessment
            level = SCALES[assessment.scale].label(assessment.final_level)
            lines.append(
                f"- {when}: assessment by {entry.agency}: {level} risk (score {assessment.score}, "
                f"{assessment.instrument_code} version {assessment.instrument_version})."
            )
            continue
        event = entry.event
        if event.kind == EventKind.SENT:
            lines.append(f"- {when}: sent by {entry.agency} to {referral.to_agency}.")
        elif event.kind == EventKind.ACCEPTED:
            lines.append(f"- {when}: accepted by {entry.agency}.")
        elif event.kind == EventKind.DECLINED:
            lines.append(f"- {when}: declined by {entry.agency}. Reason: {event.text}")
        elif event.kind == EventKind.FEEDBACK:
            lines.append(f"- {when}: feedback from {entry.agency}: {event.text}")
        elif event.kind == EventKind.CLOSED:
            lines.append(f"- {when}: closed by {entry.agency}.")
    return lines


def marac_account(*, referral: PathwayReferral, proposal: MaracProposal, criteria: Criteria, note: str = "") -> str:
    """The MARAC referral's "what happened": the pathway referral's own account, what the referrer adds, and the
    pathway's history. Stored for every agency to read, so the history is in English whatever the page's language;
    what people wrote stays as they wrote it."""
    with translation.override(None):
        protocol = referral.protocol or {}
        heading = (
            f"Made from pathway referral {referral.reference} (“{protocol.get('name', referral.pathway.name)}”, "
            f"{referral.from_agency} to {referral.to_agency}), sent on {_when(referral.sent_at)}."
        )
        reasons = []
        if proposal.reaches_marac_level and proposal.latest_assessment is not None:
            level = SCALES[proposal.latest_assessment.scale].label(proposal.latest_assessment.final_level)
            reasons.append(f"the latest assessment ({_when(proposal.latest_assessment.assessed_at)}) is {level} risk")
        if criteria.escalation:
            reasons.append(f"{criteria.incidents} incidents in the escalation window")
        if criteria.previous is not None:
            reasons.append(f"a repeat: referred on {_when(criteria.previous.referred_at)}")
        parts = [referral.risk_summary.strip()]
        if note.strip():
            parts.append(note.strip())
        parts.append(heading)
        if reasons:
            parts.append("Proposed for MARAC because " + "; ".join(reasons) + ".")
        parts.append("History on the pathway:\n" + "\n".join(history_lines(referral)))
    return "\n\n".join(parts)


def _person_json(person: Person, on: dt.date, *, full: bool, **extra: str) -> dict:
    """A person as the MARAC referral describes them, from the record as it stands (the referral's snapshot)."""
    details = PersonDetails(
        given_name=person.given_name,
        family_name=person.family_name,
        date_of_birth=person.date_of_birth,
        aliases=[alias.name for alias in person.aliases.all()],
        **(
            {
                name: getattr(person, name)
                for name in (
                    "gender",
                    "address",
                    "postcode",
                    "address_is_safe_address",
                    "phone",
                    "safe_to_call",
                    "best_time_to_call",
                    "first_language",
                    "interpreter_needed",
                    "ethnicity",
                    "has_disability",
                    "sexual_orientation",
                    "is_trans",
                    "religion",
                    "migration_status",
                )
            }
            if full
            else {"gender": person.gender, "school": person.school}
        ),
    )
    data = asdict(details)
    if not full:
        keep = ("given_name", "family_name", "date_of_birth", "aliases", "gender", "school")
        data = {name: data[name] for name in keep}
    data["date_of_birth"] = person.date_of_birth.isoformat() if person.date_of_birth else None
    data["age_at_referral"] = age_on(person.date_of_birth, on) if person.date_of_birth else None
    data["person_id"] = person.pk
    return data | extra


def submitted_details(case: Case, *, on: dt.date) -> dict:
    parties = list(
        CaseParty.objects.filter(case=case, role__in=(PartyRole.PERPETRATOR, PartyRole.CHILD))
        .select_related("person")
        .prefetch_related("person__aliases")
        .order_by("pk")
    )
    victim = Person.objects.prefetch_related("aliases").get(pk=case.victim_id)
    return {
        "victim": _person_json(victim, on, full=True),
        "perpetrators": [
            _person_json(party.person, on, full=False, relationship_to_victim=party.relationship_to_victim)
            for party in parties
            if party.role == PartyRole.PERPETRATOR
        ],
        "children": [_person_json(party.person, on, full=False) for party in parties if party.role == PartyRole.CHILD],
    }


def _errors(*, data: MaracReferralInput, criteria: Criteria, proposal: MaracProposal) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if proposal.referred_since is not None:
        errors[NON_FIELD_ERRORS] = [
            gettext(
                "She was referred to MARAC on %(date)s, since this referral was sent (case %(reference)s). Add what "
                "you know to that case instead."
            )
            % {
                "date": dateformat.format(timezone.localtime(proposal.referred_since.referred_at), "j F Y"),
                "reference": proposal.referred_since.case_reference,
            }
        ]
        return errors
    if data.consent not in Consent.values:
        errors["consent"] = [gettext("Say whether the victim consented to this referral.")]
    elif data.consent != Consent.GIVEN:
        if not data.sharing_without_consent_reason.strip():
            errors["sharing_without_consent_reason"] = [
                gettext("Give the reason for sharing the victim's information without her consent.")
            ]
        if not data.sharing_approved_by.strip():
            errors["sharing_approved_by"] = [gettext("Say who approved sharing without consent.")]
    if len(data.note) > NOTE_LIMIT:
        errors["note"] = [gettext("Keep this under %(limit)s characters.") % {"limit": f"{NOTE_LIMIT:,}"}]
    if not criteria.met:
        errors["professional_judgement_reasons"] = [
            gettext(
                "She meets none of the MARAC criteria yet: her latest assessment is below high risk, the incidents "
                "are fewer than the escalation needs, and no referral of hers is recent enough to make this a "
                "repeat. Refer on your professional judgement by writing down your concerns, or record a new "
                "assessment first."
            )
        ]
    return errors


def pathway_referral_refer_to_marac(*, actor: Actor, referral: PathwayReferral, data: MaracReferralInput) -> Referral:
    """Make the MARAC referral from a pathway referral, on her case, carrying the pathway's history. Made once:
    asked again, it returns the referral already made."""
    if not policy.receives_case_information(actor) or not pathway_policy.may_refer_to_marac(actor, referral):
        raise PermissionDenied("Only the two agencies of a pathway referral, or the coordinator, refer it to MARAC.")
    now = timezone.now()
    with transaction.atomic():
        locked = (
            PathwayReferral.objects.select_for_update(of=("self",))
            .select_related("case__locality", "pathway", "from_agency", "to_agency")
            .get(pk=referral.pk)
        )
        if locked.marac_referral_id is not None:
            return locked.marac_referral
        annotated = with_latest_assessment(
            PathwayReferral.objects.select_related("case", "assessment").filter(pk=locked.pk)
        ).get()
        proposal = proposals_for([annotated], locality=locked.case.locality, now=now)[locked.pk]
        criteria = criteria_for(proposal=proposal, extra_judgement=data.professional_judgement_reasons)
        if errors := _errors(data=data, criteria=criteria, proposal=proposal):
            raise ValidationError(errors)
        case = Case.objects.select_for_update().get(pk=locked.case_id)
        consent_given = data.consent == Consent.GIVEN
        marac_referral = Referral.objects.create(
            case=case,
            referring_agency=actor.agency,
            referred_by=actor.user,
            referrer_phone=locked.referrer_phone if pathway_policy.is_sender(actor, locked) else "",
            referred_at=now,
            assessment=proposal.latest_assessment,
            meets_visible_high_risk=criteria.visible_high_risk,
            meets_professional_judgement=criteria.professional_judgement,
            professional_judgement_reasons=criteria.judgement_reasons if criteria.professional_judgement else "",
            meets_potential_escalation=criteria.escalation,
            incidents_in_escalation_window=criteria.incidents,
            is_repeat=criteria.previous is not None,
            previous_referral=criteria.previous,
            consent=data.consent,
            sharing_without_consent_reason="" if consent_given else data.sharing_without_consent_reason.strip(),
            sharing_approved_by="" if consent_given else data.sharing_approved_by.strip(),
            risk_summary=marac_account(referral=locked, proposal=proposal, criteria=criteria, note=data.note),
            children_in_household=locked.children_in_household,
            submitted_details=submitted_details(case, on=timezone.localdate(now)),
        )
        case_referred_again(actor=actor, case=case, now=now, reopened_by="A MARAC referral from a pathway")
        locked.marac_referral = marac_referral
        locked.save(update_fields=["marac_referral"])
        PathwayEvent.objects.create(
            referral=locked, kind=EventKind.REFERRED_TO_MARAC, occurred_at=now, by=actor.user, agency=actor.agency
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            target=marac_referral,
            case=case,
            summary=f"Referral to {case.reference} from pathway referral {locked.reference}",
            detail={
                "pathway_referral": locked.pk,
                "criteria": marac_referral.criteria_met,
                "assessment": marac_referral.assessment_id,
                "previous_referral": marac_referral.previous_referral_id,
            },
        )
        referral_received(marac_referral, now=now)
    return marac_referral
