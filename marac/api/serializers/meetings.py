"""Meetings as the meeting pages show them: the list, an agency's agenda (identifiers only, as on the research
page) or the full agenda of those who run the meeting, and research posted on one listed case."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from marac.actions.models import ActionStatus
from marac.circulation.selectors import deadline_passed
from marac.meetings.models import CaseOutcome, Meeting, MeetingMode, MeetingStatus, ResearchFinding
from marac.referrals.models import Consent


class MeetingSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    scheduled_for = serializers.DateTimeField()
    mode = serializers.ChoiceField(choices=MeetingMode.choices)
    status = serializers.ChoiceField(choices=MeetingStatus.choices)
    location = serializers.CharField()
    research_deadline = serializers.DateTimeField(allow_null=True)
    research_deadline_passed = serializers.SerializerMethodField(
        help_text="Research is still accepted after the deadline, until the meeting closes; it shows as late."
    )

    def get_research_deadline_passed(self, meeting: Meeting) -> bool:
        return deadline_passed(meeting)


class MeetingListedSerializer(MeetingSerializer):
    case_count = serializers.IntegerField(help_text="Cases on the agenda.")
    own_research_count = serializers.IntegerField(help_text="Cases the caller's agency has posted research on.")


class IdentifiersSerializer(serializers.Serializer):
    name = serializers.CharField()
    aliases = serializers.ListField(child=serializers.CharField())
    date_of_birth = serializers.DateField(allow_null=True)


class ConsentDecisionSerializer(serializers.Serializer):
    consent = serializers.ChoiceField(choices=Consent.choices)
    sharing_without_consent_reason = serializers.CharField()
    sharing_approved_by = serializers.CharField()


class ResearchSerializer(serializers.Serializer):
    finding = serializers.ChoiceField(choices=ResearchFinding.choices)
    details = serializers.CharField()
    submitted_at = serializers.DateTimeField()


class ListingSerializer(serializers.Serializer):
    """A `MinimalListing`: what an invited agency sees of a listed case, and its own research on it."""

    agenda_item = serializers.IntegerField(
        source="item_id", help_text="Research on it: /meetings/items/{agenda_item}/research/."
    )
    position = serializers.IntegerField()
    reference = serializers.CharField()
    victim = IdentifiersSerializer()
    perpetrators = IdentifiersSerializer(many=True)
    children = IdentifiersSerializer(many=True)
    consent = ConsentDecisionSerializer()
    own_research = ResearchSerializer(allow_null=True)


class ResearchCellSerializer(serializers.Serializer):
    agency = serializers.CharField(source="agency.name")
    finding = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ChoiceField(choices=ResearchFinding.choices, allow_null=True))
    def get_finding(self, cell) -> str | None:
        return cell.research.finding if cell.research else None


class EarlierActionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    owner_agency = serializers.CharField(source="owner_agency.name")
    text = serializers.CharField()
    due_date = serializers.DateField()
    status = serializers.ChoiceField(choices=ActionStatus.choices)


class AgendaRowSerializer(serializers.Serializer):
    """An `AgendaRow`: one case of the full agenda, for those who run the meeting."""

    agenda_item = serializers.IntegerField(source="item.pk")
    position = serializers.IntegerField(source="item.position")
    case = serializers.IntegerField(source="item.case_id")
    reference = serializers.CharField(source="item.case.reference")
    victim = serializers.CharField(source="item.case.victim.full_name")
    criteria = serializers.ListField(child=serializers.CharField())
    consent = ConsentDecisionSerializer(source="item.referral")
    research = ResearchCellSerializer(many=True, help_text="Each invited agency, and what it found if it posted.")
    research_posted = serializers.IntegerField()
    earlier_actions = EarlierActionSerializer(
        source="incomplete_actions", many=True, help_text="Actions agreed before this meeting, still to be reviewed."
    )
    outcome = serializers.ChoiceField(source="item.outcome", choices=[("", ""), *CaseOutcome.choices])


class AgendaSerializer(serializers.Serializer):
    """Invited agencies get `listings` (identifiers, as their research page); the coordinator and the chair get
    `rows` (the full agenda). The other list is empty."""

    meeting = MeetingSerializer()
    view = serializers.ChoiceField(choices=[("full", "Full agenda"), ("minimal", "Identifiers for research")])
    may_post_research = serializers.BooleanField()
    listings = ListingSerializer(many=True)
    rows = AgendaRowSerializer(many=True)


class ResearchPageSerializer(serializers.Serializer):
    """The research page of one listed case: its identifiers, the agency's own research, whether it may post."""

    listing = ListingSerializer()
    meeting = MeetingSerializer()
    is_open = serializers.BooleanField(help_text="False once the meeting has closed: research is then refused.")


class ResearchInputSerializer(serializers.Serializer):
    finding = serializers.ChoiceField(choices=ResearchFinding.choices)
    details = serializers.CharField(
        max_length=20000,
        required=False,
        allow_blank=True,
        default="",
        help_text="Needed when the people are known to your agency; dropped for no trace.",
    )
