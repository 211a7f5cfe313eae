"""A scheduled meeting of the `locale` locality, with health deliberately not invited."""

import pytest

from marac.meetings.tests.factories import AgendaItemFactory, MeetingFactory

RISK_SUMMARY = "Strangled her during an argument about the children; she believes he will kill her."
JUDGEMENT = "Separation three weeks ago with escalating coercive control."


@pytest.fixture
def meeting(locale):
    return MeetingFactory(
        locality=locale.locality,
        invited=[locale.police, locale.idva_service, locale.housing, locale.childrens_social_care],
    )


@pytest.fixture
def list_case(locale):
    """List a new synthetic case on a meeting; returns the agenda item."""

    def _list_case(meeting, **referral_fields):
        fields = {"risk_summary": RISK_SUMMARY, "professional_judgement_reasons": JUDGEMENT, **referral_fields}
        return AgendaItemFactory(
            meeting=meeting,
            referral__referring_agency=locale.police,
            **{f"referral__{name}": value for name, value in fields.items()},
        )

    return _list_case
