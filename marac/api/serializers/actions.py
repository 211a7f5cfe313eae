"""Actions as the action pages show them, and progress recorded on one."""

from rest_framework import serializers

from marac.actions.models import ActionStatus


class ActionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    case = serializers.IntegerField(source="case_id")
    case_reference = serializers.CharField(source="case.reference")
    owner_agency = serializers.CharField(source="owner_agency.name")
    text = serializers.CharField()
    due_date = serializers.DateField()
    status = serializers.ChoiceField(choices=ActionStatus.choices)
    is_overdue = serializers.BooleanField()
    completed_at = serializers.DateTimeField(allow_null=True)
    not_possible_reason = serializers.CharField()


class ActionUpdateSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    agency = serializers.CharField(source="agency.name")
    created_at = serializers.DateTimeField()
    status_before = serializers.ChoiceField(choices=ActionStatus.choices)
    status_after = serializers.ChoiceField(choices=ActionStatus.choices)
    note = serializers.CharField()


class ActionUpdateInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ActionStatus.choices)
    note = serializers.CharField(
        max_length=20000,
        required=False,
        allow_blank=True,
        default="",
        help_text="Needed for 'not possible' (the reason), and when the status does not change.",
    )
