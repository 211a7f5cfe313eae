"""Cases as the case page shows them: identifiers at every level, more from SHARED detail, more at FULL."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from marac.access.rules import Detail
from marac.referrals.models import CaseStatus
from marac.referrals.selectors import CasePage


class PersonIdentifiersSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    given_name = serializers.CharField()
    family_name = serializers.CharField()
    date_of_birth = serializers.DateField(allow_null=True)


class CaseSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    reference = serializers.CharField()
    status = serializers.ChoiceField(choices=CaseStatus.choices)
    victim = PersonIdentifiersSerializer()
    opened_at = serializers.DateTimeField()
    last_referred_at = serializers.DateTimeField()


class PartySerializer(serializers.Serializer):
    person = PersonIdentifiersSerializer()
    relationship_to_victim = serializers.CharField()


class AddressSerializer(serializers.Serializer):
    """The victim's address from SHARED detail; a safe address only to those the rulebook shows it to."""

    withheld = serializers.BooleanField(help_text="True when it is a safe address the caller may not see.")
    address = serializers.CharField()
    postcode = serializers.CharField()
    is_safe_address = serializers.BooleanField()


class CaseActionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    owner_agency = serializers.CharField(source="owner_agency.name")
    text = serializers.CharField()
    due_date = serializers.DateField()
    status = serializers.CharField()


class CaseReferralSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    referred_at = serializers.DateTimeField()
    referring_agency = serializers.CharField(source="referring_agency.name")
    is_repeat = serializers.BooleanField()
    triage_status = serializers.CharField()


class CaseDetailSerializer(serializers.Serializer):
    """Reads a `CasePage`; what the caller's detail does not reach is null (or an empty list)."""

    id = serializers.IntegerField(source="case.pk")
    reference = serializers.CharField(source="case.reference")
    status = serializers.ChoiceField(source="case.status", choices=CaseStatus.choices)
    detail = serializers.SerializerMethodField(help_text="How much of the case the caller sees.")
    victim = PersonIdentifiersSerializer(source="case.victim")
    victim_aliases = serializers.SerializerMethodField()
    perpetrators = PartySerializer(many=True)
    children = PartySerializer(many=True)
    risk_level = serializers.SerializerMethodField()
    next_review_due = serializers.SerializerMethodField()
    address = serializers.SerializerMethodField()
    actions = CaseActionSerializer(many=True)
    referrals = CaseReferralSerializer(many=True)

    def get_detail(self, page: CasePage) -> str:
        return page.detail.name.lower()

    def get_victim_aliases(self, page: CasePage) -> list[str]:
        return [alias.name for alias in page.victim_aliases]

    def get_risk_level(self, page: CasePage) -> str | None:
        return page.case.risk_level if page.shows_shared else None

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_next_review_due(self, page: CasePage) -> str | None:
        due = page.case.next_review_due
        return serializers.DateTimeField().to_representation(due) if page.shows_shared and due else None

    @extend_schema_field(AddressSerializer(allow_null=True))
    def get_address(self, page: CasePage) -> dict | None:
        if page.detail < Detail.SHARED:
            return None
        victim = page.case.victim
        if victim.address_is_safe_address and not page.access.may_see_safe_address:
            return {"withheld": True, "address": "", "postcode": "", "is_safe_address": True}
        return {
            "withheld": False,
            "address": victim.address,
            "postcode": victim.postcode,
            "is_safe_address": victim.address_is_safe_address,
        }
