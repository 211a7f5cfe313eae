"""Writes for the configuration of pathways: a locality's pathways with their working protocols, and its risk-led
routing. Configuration only, no case content: the coordinator and the locality administrator keep it; every change is
audited with what changed from what to what.

The rules that keep routing unambiguous:

- a pathway joins two different active agencies of the locality;
- the levels it is proposed for are levels of the locality's scale below the MARAC level (at and above it the
  routing proposes MARAC), and no other active pathway from the same agency is proposed for the same level;
- the two agencies of a pathway that has referrals never change: those referrals were agreed between them (stop the
  pathway and make another instead).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from marac.access import policy
from marac.access.actor import Actor
from marac.agencies.models import Agency, Locality
from marac.audit.changes import apply_changes, settings_save
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.pathways.models import Pathway, RoutingSettings
from marac.pathways.routing import marac_level, routing_settings_for, scale_of

MAX_RESPONSE_DAYS = 30
MAX_FEEDBACK_DAYS = 90
TEXT_LIMIT = 2_000


@dataclass(frozen=True)
class PathwayInput:
    name: str
    from_agency: Agency | None
    to_agency: Agency | None
    proposed_for_levels: list[str]
    information_shared: str
    response_days: int
    feedback_days: int
    feedback_arrangement: str
    is_active: bool = True


def _require(actor: Actor) -> Locality:
    if actor.locality is None or not policy.has_permission(actor, "pathway.configure"):
        raise PermissionDenied("This role cannot configure pathways.")
    return actor.locality


def _lock_configuration(locality: Locality) -> None:
    """One writer of a locality's routing at a time: the one-pathway-per-level rule reads the other pathways."""
    Locality.objects.select_for_update().get(pk=locality.pk)


def _errors(*, locality: Locality, data: PathwayInput, pathway: Pathway | None) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    name = data.name.strip()
    if not name:
        errors["name"] = [gettext("Give the pathway a name, for example: Police to the victim service, standard risk.")]
    elif Pathway.objects.filter(locality=locality, name__iexact=name).exclude(pk=getattr(pathway, "pk", None)).exists():
        errors["name"] = [gettext("Another pathway of this locality has this name. Choose another.")]
    for field_name, agency in (("from_agency", data.from_agency), ("to_agency", data.to_agency)):
        if agency is None or agency.locality_id != locality.pk or not agency.is_active:
            errors[field_name] = [gettext("Choose one of this locality's active agencies.")]
    if "from_agency" not in errors and "to_agency" not in errors and data.from_agency.pk == data.to_agency.pk:
        errors["to_agency"] = [gettext("A pathway joins two different agencies: choose another receiving agency.")]
    if (
        pathway is not None
        and pathway.referrals.exists()
        and (
            pathway.from_agency_id != getattr(data.from_agency, "pk", None)
            or pathway.to_agency_id != getattr(data.to_agency, "pk", None)
        )
    ):
        errors["from_agency"] = [
            gettext(
                "Referrals have been made along this pathway, between these two agencies: its agencies cannot change. "
                "Stop this pathway and make a new one instead."
            )
        ]
    if not data.information_shared.strip():
        errors["information_shared"] = [gettext("Say what the sending agency shares along this pathway.")]
    if not data.feedback_arrangement.strip():
        errors["feedback_arrangement"] = [gettext("Say who feeds back to the referrer, and what the feedback covers.")]
    for field_name, value in (
        ("information_shared", data.information_shared),
        ("feedback_arrangement", data.feedback_arrangement),
    ):
        if len(value) > TEXT_LIMIT and field_name not in errors:
            errors[field_name] = [gettext("Keep this under %(limit)s characters.") % {"limit": f"{TEXT_LIMIT:,}"}]
    if not 1 <= data.response_days <= MAX_RESPONSE_DAYS:
        errors["response_days"] = [
            gettext("Enter a response time between 1 and %(most)s days.") % {"most": MAX_RESPONSE_DAYS}
        ]
    if not 1 <= data.feedback_days <= MAX_FEEDBACK_DAYS:
        errors["feedback_days"] = [
            gettext("Enter a feedback time between 1 and %(most)s days.") % {"most": MAX_FEEDBACK_DAYS}
        ]
    errors.update(_level_errors(locality=locality, data=data, pathway=pathway))
    return errors


def _level_errors(*, locality: Locality, data: PathwayInput, pathway: Pathway | None) -> dict[str, list[str]]:
    scale = scale_of(locality)
    levels = data.proposed_for_levels
    unknown = [level for level in levels if level not in scale.values]
    if unknown:
        return {"proposed_for_levels": [gettext("Choose levels of this locality's scale only.")]}
    routing = routing_settings_for(locality)
    threshold = marac_level(locality, routing)
    at_marac = [level for level in levels if scale.rank(level) >= scale.rank(threshold)]
    if at_marac:
        return {
            "proposed_for_levels": [
                gettext(
                    "At %(level)s risk and above the routing proposes a MARAC referral, so a pathway cannot be "
                    "proposed for %(levels)s. Untick it, or change the level from which MARAC is proposed."
                )
                % {
                    "level": str(scale.label(threshold)).lower(),
                    "levels": ", ".join(str(scale.label(level)).lower() for level in at_marac),
                }
            ]
        }
    if not data.is_active or data.from_agency is None or not levels:
        return {}
    others = (
        Pathway.objects.filter(locality=locality, from_agency=data.from_agency, is_active=True)
        .exclude(pk=getattr(pathway, "pk", None))
        .order_by("name")
    )
    for other in others:
        shared = [level for level in levels if level in (other.proposed_for_levels or [])]
        if shared:
            return {
                "proposed_for_levels": [
                    gettext(
                        "%(agency)s already has the pathway “%(other)s” proposed for %(levels)s risk. The routing "
                        "proposes one pathway per level: untick it here or there."
                    )
                    % {
                        "agency": data.from_agency,
                        "other": other.name,
                        "levels": ", ".join(str(scale.label(level)).lower() for level in shared),
                    }
                ]
            }
    return {}


def _values(locality: Locality, data: PathwayInput) -> dict:
    scale = scale_of(locality)
    return {
        "name": data.name.strip(),
        "from_agency_id": data.from_agency.pk,
        "to_agency_id": data.to_agency.pk,
        # In the scale's order, whatever order they were ticked in.
        "proposed_for_levels": [level for level in scale.values if level in data.proposed_for_levels],
        "information_shared": data.information_shared.strip(),
        "response_days": data.response_days,
        "feedback_days": data.feedback_days,
        "feedback_arrangement": data.feedback_arrangement.strip(),
        "is_active": data.is_active,
    }


def pathway_create(*, actor: Actor, data: PathwayInput) -> Pathway:
    locality = _require(actor)
    with transaction.atomic():
        _lock_configuration(locality)
        if errors := _errors(locality=locality, data=data, pathway=None):
            raise ValidationError(errors)
        pathway = Pathway.objects.create(
            locality=locality, created_at=timezone.now(), created_by=actor.user, **_values(locality, data)
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            target=pathway,
            summary=f"Added the pathway {pathway.name}",
            detail={key: value for key, value in _values(locality, data).items() if key != "name"},
        )
    return pathway


def pathway_update(*, actor: Actor, pathway: Pathway, data: PathwayInput) -> Pathway:
    locality = _require(actor)
    if pathway.locality_id != locality.pk:
        raise PermissionDenied("The pathway belongs to another locality.")
    with transaction.atomic():
        _lock_configuration(locality)
        locked = Pathway.objects.select_for_update().get(pk=pathway.pk)
        if errors := _errors(locality=locality, data=data, pathway=locked):
            raise ValidationError(errors)
        changes = apply_changes(locked, _values(locality, data))
        locked.updated_at, locked.updated_by = timezone.now(), actor.user
        locked.save()
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=locked,
            summary=f"Changed the pathway {locked.name}" if changes else f"Saved the pathway {locked.name} unchanged",
            detail={"changes": changes},
        )
    return locked


def routing_update(*, actor: Actor, marac_from_level: str) -> RoutingSettings:
    """Set the level from which the routing proposes MARAC; refused while an active pathway is proposed for a level
    that would then reach it."""
    locality = _require(actor)
    scale = scale_of(locality)
    if marac_from_level not in scale.values:
        raise ValidationError({"marac_from_level": [gettext("Choose a level of this locality's scale.")]})
    with transaction.atomic():
        _lock_configuration(locality)
        clashing = [
            pathway.name
            for pathway in Pathway.objects.filter(locality=locality, is_active=True).order_by("name")
            if any(
                level in scale.values and scale.rank(level) >= scale.rank(marac_from_level)
                for level in pathway.proposed_for_levels or []
            )
        ]
        if clashing:
            raise ValidationError(
                {
                    "marac_from_level": [
                        gettext(
                            "These pathways are proposed for levels that would then go to MARAC: %(pathways)s. "
                            "Change their levels first."
                        )
                        % {"pathways": ", ".join(clashing)}
                    ]
                }
            )
        settings, _created = RoutingSettings.objects.select_for_update().get_or_create(locality=locality)
        changes = apply_changes(settings, {"marac_from_level": marac_from_level})
        settings_save(actor=actor, settings=settings, changes=changes, name="pathway routing")
    return settings
