"""Forms for pathways. They shape input only: the rules are in `services`, `escalation` and `configuration`."""

import copy

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from marac.access.tampering import TamperEvidentForm
from marac.agencies.models import Agency, Locality
from marac.pathways.configuration import MAX_FEEDBACK_DAYS, MAX_RESPONSE_DAYS, PathwayInput
from marac.pathways.escalation import MaracReferralInput
from marac.pathways.models import Pathway, PathwayReferral
from marac.pathways.services import Decision, PathwayReferralInput
from marac.referrals.forms import ReferralForm, filled_forms, text_area, text_input
from marac.risk.assessment_forms import AssessmentForm
from marac.risk.engine.definition import Instrument
from marac.risk.models import InstrumentVersion
from marac.risk.scales import Scale

# The assessment form's own fields for a level raised by judgement or by her view: the same words, the same rules.
RAISE_FIELDS = ("judgement_level", "judgement_reason", "victim_view_level", "victim_view_reason")
CONSENT_FIELDS = ("consent", "sharing_without_consent_reason", "sharing_approved_by")


def _days_input() -> forms.NumberInput:
    return forms.NumberInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"})


class PathwayChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Pathway) -> str:
        return gettext("%(pathway)s, to %(agency)s") % {"pathway": obj.name, "agency": obj.to_agency}


class PathwayReferralForm(TamperEvidentForm, ReferralForm):
    """The referral form's victim, perpetrators, children, account, checklist and consent (the same fields and
    words), with the assessor's judgement and her own view as the assessment form asks them, and the pathway."""

    pathway = PathwayChoiceField(
        label=_("Which pathway?"),
        queryset=Pathway.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the pathway to refer her along.")},
    )
    routing_reason = forms.CharField(
        label=_("Why this pathway"),
        required=False,
        help_text=_(
            "Needed only when the routing proposes another pathway, or a MARAC referral, for her level of risk."
        ),
        widget=text_area(rows=3),
    )

    def __init__(
        self,
        *args,
        locality: Locality,
        version: InstrumentVersion,
        instrument: Instrument,
        scale: Scale,
        pathways,
        **kwargs,
    ):
        super().__init__(*args, locality=locality, version=version, instrument=instrument, **kwargs)
        # Judgement here is a level, as on any assessment; the MARAC criterion of that name is not asked.
        del self.fields["professional_judgement"]
        del self.fields["professional_judgement_reasons"]
        raising = AssessmentForm(version=version, instrument=instrument, scale=scale)
        for name in RAISE_FIELDS:
            self.fields[name] = copy.deepcopy(raising.fields[name])
        self.fields["pathway"].queryset = pathways
        self.fields["referrer_phone"].help_text = _("So the receiving agency can reach you about this referral.")
        self.fields["risk_summary"].help_text = _(
            "The incident, the pattern of abuse, and what she fears. The receiving agency reads this first."
        )

    def pathway_input(self, perpetrators: forms.BaseFormSet, children: forms.BaseFormSet) -> PathwayReferralInput:
        data = self.cleaned_data
        return PathwayReferralInput(
            submission_token=data["submission_token"],
            pathway=data["pathway"],
            victim=self.victim_details(),
            perpetrators=[entry.to_input() for entry in filled_forms(perpetrators)],
            children=[entry.to_input() for entry in filled_forms(children)],
            children_in_household=data["children_in_household"],
            incidents_in_escalation_window=data["incidents_in_escalation_window"],
            referrer_phone=data["referrer_phone"],
            risk_summary=data["risk_summary"],
            safety=self.safety_answers(),
            item_answers=self.item_answers(),
            instrument_version=self.version,
            judgement_level=data["judgement_level"],
            judgement_reason=data["judgement_reason"],
            victim_view_level=data["victim_view_level"],
            victim_view_reason=data["victim_view_reason"],
            consent=data["consent"],
            sharing_without_consent_reason=data["sharing_without_consent_reason"],
            sharing_approved_by=data["sharing_approved_by"],
            routing_reason=data["routing_reason"],
        )


class RespondForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Does your agency accept this referral?"),
        choices=[(Decision.ACCEPT, _("Accept it")), (Decision.DECLINE, _("Decline it"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether your agency accepts or declines the referral.")},
    )
    decline_reason = forms.CharField(
        label=_("Why your agency declines it"),
        required=False,
        help_text=_("Needed when you decline. The referrer reads this: say what they could do for her instead."),
        widget=text_area(rows=4),
    )


class FeedbackForm(forms.Form):
    feedback = forms.CharField(
        label=_("Feedback to the referrer"),
        help_text=_("What your agency did: contact made or attempted, support offered, what she wants, what is next."),
        widget=text_area(rows=6),
        error_messages={"required": _("Write the feedback for the referrer.")},
    )
    final = forms.BooleanField(
        label=_("This is the final feedback: close the referral"),
        required=False,
        widget=forms.CheckboxInput,
    )


class MaracReferralForm(forms.Form):
    """What a MARAC referral from a pathway asks that the pathway does not already hold."""

    professional_judgement_reasons = forms.CharField(
        label=_("Your concerns, if you refer on your professional judgement"),
        required=False,
        help_text=_(
            "Needed only when she meets no other criterion. For example: non-fatal strangulation, stalking, threats "
            "to kill, separation with coercive control."
        ),
        widget=text_area(rows=4),
    )
    note = forms.CharField(
        label=_("Anything to add for the MARAC"),
        required=False,
        help_text=_("The pathway's account and history go with the referral already: add only what is new."),
        widget=text_area(rows=4),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        referral_fields = ReferralForm.base_fields
        for name in CONSENT_FIELDS:
            self.fields[name] = copy.deepcopy(referral_fields[name])
        self.fields["consent"].label = _("Did she consent to a MARAC referral?")
        self.fields["consent"].help_text = _(
            "Consent to the pathway referral is not consent to a MARAC referral: ask her, or record why it goes "
            "ahead without."
        )
        self.order_fields([*CONSENT_FIELDS, "professional_judgement_reasons", "note"])

    @classmethod
    def initial_from(cls, referral: PathwayReferral) -> dict[str, str]:
        """The pathway referral's consent decision, as a starting point to confirm or change."""
        return {
            "consent": referral.consent,
            "sharing_without_consent_reason": referral.sharing_without_consent_reason,
            "sharing_approved_by": referral.sharing_approved_by,
        }

    def referral_input(self) -> MaracReferralInput:
        data = self.cleaned_data
        return MaracReferralInput(
            consent=data["consent"],
            sharing_without_consent_reason=data["sharing_without_consent_reason"],
            sharing_approved_by=data["sharing_approved_by"],
            professional_judgement_reasons=data["professional_judgement_reasons"],
            note=data["note"],
        )


class PathwayForm(TamperEvidentForm):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("What practitioners choose it by, for example: Police to Harbour Women's Aid, standard risk."),
        widget=text_input(),
        error_messages={"required": _("Give the pathway a name.")},
    )
    from_agency = forms.ModelChoiceField(
        label=_("Sending agency"),
        queryset=Agency.objects.none(),
        empty_label=_("Choose an agency"),
        widget=forms.Select,
        error_messages={"required": _("Choose the agency that sends along this pathway.")},
    )
    to_agency = forms.ModelChoiceField(
        label=_("Receiving agency"),
        queryset=Agency.objects.none(),
        empty_label=_("Choose an agency"),
        widget=forms.Select,
        error_messages={"required": _("Choose the agency that receives along this pathway.")},
    )
    proposed_for_levels = forms.MultipleChoiceField(
        label=_("Proposed for these levels of risk"),
        required=False,
        help_text=_(
            "When the sending agency's assessment gives one of these levels, the routing proposes this pathway. "
            "Leave them all unticked for a pathway chosen only by judgement."
        ),
        widget=forms.CheckboxSelectMultiple,
    )
    information_shared = forms.CharField(
        label=_("What is shared"),
        help_text=_("For example: her name, contact details and safe times to call, the checklist, the incident."),
        widget=text_area(rows=4),
        error_messages={"required": _("Say what the sending agency shares along this pathway.")},
    )
    response_days = forms.IntegerField(
        label=_("Days to accept or decline"),
        min_value=1,
        max_value=MAX_RESPONSE_DAYS,
        widget=_days_input(),
        error_messages={"required": _("Enter the number of days the receiving agency has to answer.")},
    )
    feedback_days = forms.IntegerField(
        label=_("Days after accepting to feed back"),
        min_value=1,
        max_value=MAX_FEEDBACK_DAYS,
        widget=_days_input(),
        error_messages={"required": _("Enter the number of days the receiving agency has to feed back.")},
    )
    feedback_arrangement = forms.CharField(
        label=_("Who feeds back"),
        help_text=_("Who tells the referrer what happened, and what the feedback covers."),
        widget=text_area(rows=3),
        error_messages={"required": _("Say who feeds back to the referrer, and what the feedback covers.")},
    )
    is_active = forms.BooleanField(
        label=_("In use: agencies can refer along it"),
        required=False,
        initial=True,
        widget=forms.CheckboxInput,
    )

    def __init__(self, *args, agencies, scale: Scale, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_agency"].queryset = agencies
        self.fields["to_agency"].queryset = agencies
        self.fields["proposed_for_levels"].choices = list(scale.levels)

    @classmethod
    def initial_from(cls, pathway: Pathway) -> dict:
        return {
            "name": pathway.name,
            "from_agency": pathway.from_agency_id,
            "to_agency": pathway.to_agency_id,
            "proposed_for_levels": pathway.proposed_for_levels,
            "information_shared": pathway.information_shared,
            "response_days": pathway.response_days,
            "feedback_days": pathway.feedback_days,
            "feedback_arrangement": pathway.feedback_arrangement,
            "is_active": pathway.is_active,
        }

    def pathway_input(self) -> PathwayInput:
        data = self.cleaned_data
        return PathwayInput(
            name=data["name"],
            from_agency=data["from_agency"],
            to_agency=data["to_agency"],
            proposed_for_levels=list(data["proposed_for_levels"]),
            information_shared=data["information_shared"],
            response_days=data["response_days"],
            feedback_days=data["feedback_days"],
            feedback_arrangement=data["feedback_arrangement"],
            is_active=data["is_active"],
        )


class RoutingForm(forms.Form):
    marac_from_level = forms.ChoiceField(
        label=_("Propose a MARAC referral from this level"),
        help_text=_("At this level and above, the latest assessment proposes a MARAC referral instead of a pathway."),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the level from which a MARAC referral is proposed.")},
    )

    def __init__(self, *args, scale: Scale, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["marac_from_level"].choices = list(scale.levels)
