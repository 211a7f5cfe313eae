"""A referral as a system sends it, read into the `ReferralInput` the referral form also builds; and its status."""

from rest_framework import serializers

from marac.api.serializers.people import ChildInputSerializer, PersonIdentityInputSerializer, VictimInputSerializer
from marac.referrals.inputs import PerpetratorInput, ReferralInput
from marac.referrals.models import CaseParty, Consent, Referral, TriageStatus
from marac.risk.models import InstrumentVersion
from marac.risk.services import ItemAnswer, SafeToTalk, SafetyAnswers

# The referral form's limits: up to five perpetrators and ten children.
MAX_PERPETRATORS = 5
MAX_CHILDREN = 10


class PerpetratorInputSerializer(PersonIdentityInputSerializer):
    relationship_to_victim = serializers.CharField(
        max_length=CaseParty._meta.get_field("relationship_to_victim").max_length,
        required=False,
        allow_blank=True,
        default="",
    )


class SafetyInputSerializer(serializers.Serializer):
    safe_to_talk = serializers.ChoiceField(choices=SafeToTalk.choices)
    safe_contact = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    perpetrator_whereabouts = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    children_whereabouts = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class ItemAnswerInputSerializer(serializers.Serializer):
    answer = serializers.CharField(max_length=20, help_text="One of the instrument's answer options, e.g. yes, no.")
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class ReferralInputSerializer(serializers.Serializer):
    submission_token = serializers.UUIDField(
        help_text="Chosen by the sender, once per referral: sending it again returns the first referral."
    )
    victim = VictimInputSerializer()
    perpetrators = PerpetratorInputSerializer(many=True, min_length=1, max_length=MAX_PERPETRATORS)
    children = ChildInputSerializer(many=True, required=False, default=list, max_length=MAX_CHILDREN)
    children_in_household = serializers.IntegerField(min_value=0, max_value=30, default=0)
    referrer_phone = serializers.CharField(
        max_length=Referral._meta.get_field("referrer_phone").max_length, required=False, allow_blank=True, default=""
    )
    risk_summary = serializers.CharField(max_length=20000)
    instrument_version = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="The checklist version the answers are for; the one in force when the referral arrives if omitted.",
    )
    safety = SafetyInputSerializer()
    answers = serializers.DictField(
        child=ItemAnswerInputSerializer(), help_text="The locality's referral checklist: item id to answer."
    )
    professional_judgement = serializers.BooleanField(default=False)
    professional_judgement_reasons = serializers.CharField(
        max_length=20000, required=False, allow_blank=True, default=""
    )
    incidents_in_escalation_window = serializers.IntegerField(min_value=0, max_value=999, default=0)
    consent = serializers.ChoiceField(choices=Consent.choices)
    sharing_without_consent_reason = serializers.CharField(
        max_length=20000, required=False, allow_blank=True, default=""
    )
    sharing_approved_by = serializers.CharField(
        max_length=Referral._meta.get_field("sharing_approved_by").max_length,
        required=False,
        allow_blank=True,
        default="",
    )

    def validate_instrument_version(self, value: int | None) -> InstrumentVersion | None:
        if value is None:
            return None
        version = InstrumentVersion.objects.filter(pk=value).first()
        if version is None:
            raise serializers.ValidationError("No such instrument version.")
        return version

    def referral_input(self) -> ReferralInput:
        data = self.validated_data
        return ReferralInput(
            submission_token=data["submission_token"],
            victim=VictimInputSerializer().details(data["victim"]),
            perpetrators=[
                PerpetratorInput(
                    person=PerpetratorInputSerializer().details(entry),
                    relationship_to_victim=entry["relationship_to_victim"].strip(),
                )
                for entry in data["perpetrators"]
            ],
            children=[ChildInputSerializer().details(entry) for entry in data["children"]],
            children_in_household=data["children_in_household"],
            referrer_phone=data["referrer_phone"].strip(),
            risk_summary=data["risk_summary"],
            safety=SafetyAnswers(**data["safety"]),
            item_answers={
                item_id: ItemAnswer(answer=entry["answer"], note=entry["note"].strip())
                for item_id, entry in data["answers"].items()
            },
            instrument_version=data["instrument_version"],
            professional_judgement=data["professional_judgement"],
            professional_judgement_reasons=data["professional_judgement_reasons"],
            incidents_in_escalation_window=data["incidents_in_escalation_window"],
            consent=data["consent"],
            sharing_without_consent_reason=data["sharing_without_consent_reason"],
            sharing_approved_by=data["sharing_approved_by"].strip(),
        )


class ReferralStatusSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    case = serializers.IntegerField(source="case_id")
    case_reference = serializers.CharField(source="case.reference")
    referring_agency = serializers.CharField(source="referring_agency.name")
    referred_at = serializers.DateTimeField()
    is_repeat = serializers.BooleanField()
    triage_status = serializers.ChoiceField(choices=TriageStatus.choices)
    triage_note = serializers.CharField(help_text="The coordinator's reason or question, for the referrer.")
    triaged_at = serializers.DateTimeField(allow_null=True)
