"""An incident as an agency's system sends it, read into the `IncidentInput` the incident form also builds."""

from rest_framework import serializers

from marac.api.serializers.cases import PersonIdentifiersSerializer
from marac.api.serializers.people import PersonIdentityInputSerializer
from marac.incidents.models import Gravity, Incident, IncidentType
from marac.incidents.services import IncidentInput


class IncidentInputSerializer(serializers.Serializer):
    occurred_at = serializers.DateTimeField()
    incident_type = serializers.ChoiceField(choices=IncidentType.choices)
    gravity = serializers.ChoiceField(choices=Gravity.choices)
    victim = PersonIdentityInputSerializer()
    perpetrator = PersonIdentityInputSerializer(required=False, allow_null=True, default=None)
    children_present = serializers.IntegerField(min_value=0, max_value=30, default=0)
    summary = serializers.CharField(max_length=20000)
    source_reference = serializers.CharField(
        max_length=Incident._meta.get_field("source_reference").max_length,
        required=False,
        allow_blank=True,
        default="",
        help_text="The incident's number in your own system: the same number is refused a second time.",
    )

    def incident_input(self) -> IncidentInput:
        data = self.validated_data
        people = PersonIdentityInputSerializer()
        return IncidentInput(
            occurred_at=data["occurred_at"],
            incident_type=data["incident_type"],
            gravity=data["gravity"],
            victim=people.details(data["victim"]),
            perpetrator=people.details(data["perpetrator"]) if data["perpetrator"] else None,
            children_present=data["children_present"],
            summary=data["summary"],
            source_reference=data["source_reference"],
        )


class IncidentSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    source_agency = serializers.CharField(source="source_agency.name")
    source_reference = serializers.CharField()
    occurred_at = serializers.DateTimeField()
    incident_type = serializers.ChoiceField(choices=IncidentType.choices)
    gravity = serializers.ChoiceField(choices=Gravity.choices)
    victim = PersonIdentifiersSerializer()
    perpetrator = PersonIdentifiersSerializer(allow_null=True)
    children_present = serializers.IntegerField()
    summary = serializers.CharField()


class IncidentRecordedSerializer(IncidentSerializer):
    victim_matched = serializers.BooleanField(help_text="The victim is a person already known in the locality.")
    perpetrator_matched = serializers.BooleanField()
