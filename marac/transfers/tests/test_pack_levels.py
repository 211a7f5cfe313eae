"""What goes with a transferred case, level by level: never more than the sending agreement allows."""

import json

import pytest

from marac.actions.models import Action, ActionStatus
from marac.agencies.models import TransferSharing
from marac.transfers.models import Transfer
from marac.transfers.services import transfer_request
from marac.transfers.tests.factories import case_with_history


def _pack(locale, other_locale, level: str) -> dict:
    locale.locality.transfer_history_sharing = level
    locale.locality.save(update_fields=["transfer_history_sharing"])
    case = case_with_history(locale)
    transfer = transfer_request(
        actor=locale.actor("coordinator"), case=case, to_locality=other_locale.locality, reason="Moved to her sister."
    )
    assert transfer.sharing_level == level
    return transfer.history_pack


@pytest.mark.parametrize("level", TransferSharing.values)
def test_every_level_carries_the_identifiers_children_consent_and_reason(locale, other_locale, level):
    pack = _pack(locale, other_locale, level)
    assert pack["level"] == level
    assert pack["sending_reference"]
    assert pack["reason"] == "Moved to her sister."
    assert pack["consent"]["decision"] == "given"
    assert pack["victim"] == {
        "given_name": "Leah",
        "family_name": "Marsh",
        "aliases": ["Leah Ashdown"],
        "date_of_birth": "1991-03-04",
    }
    assert pack["perpetrators"] == [
        {
            "given_name": "Owen",
            "family_name": "Marsh",
            "aliases": ["Owen Ashdown"],
            "date_of_birth": "1988-01-09",
            "relationship_to_victim": "",
        }
    ]
    # Children go as a number and ages: no names, no schools.
    assert pack["children"] == {"count": 2, "ages": [3, 6]}
    assert "Mia" not in json.dumps(pack)


def test_identifiers_only_carry_no_risk_meeting_or_action(locale, other_locale):
    pack = _pack(locale, other_locale, TransferSharing.IDENTIFIERS)
    assert not {"risk_levels", "meetings", "open_actions"} & set(pack)
    text = json.dumps(pack)
    for withheld in ("high", "Monitoring", "door viewer", "strangulation", "Rent arrears", "Very high"):
        assert withheld not in text


def test_the_summary_adds_levels_meetings_and_open_actions_but_nothing_said_at_meetings(locale, other_locale):
    pack = _pack(locale, other_locale, TransferSharing.SUMMARY)
    assert [(entry["level"], entry["label"]) for entry in pack["risk_levels"]] == [("high", "High")]
    assert [set(meeting) for meeting in pack["meetings"]] == [{"held_on", "kind", "outcome"}]
    assert pack["meetings"][0]["outcome"] == "Monitoring: actions open"
    assert [(action["owner_agency"], action["text"]) for action in pack["open_actions"]] == [
        (locale.housing.name, "Fit a door viewer and new locks")
    ]
    text = json.dumps(pack)
    for withheld in ("strangulation", "Rent arrears", "Very high"):
        assert withheld not in text


def test_full_adds_the_discussion_risk_summary_and_research(locale, other_locale):
    pack = _pack(locale, other_locale, TransferSharing.FULL)
    meeting = pack["meetings"][0]
    assert meeting["discussion"] == "Police described the strangulation on 2 May."
    assert meeting["risk_summary"] == "Very high: escalating, strangulation, separation."
    assert meeting["research"] == [
        {
            "agency": locale.housing.name,
            "finding": "Known to agency",
            "details": "Rent arrears after he took her bank card.",
        }
    ]


def test_finished_actions_do_not_go(locale, other_locale):
    locale.locality.transfer_history_sharing = TransferSharing.SUMMARY
    locale.locality.save(update_fields=["transfer_history_sharing"])
    case = case_with_history(locale)
    Action.objects.filter(case=case).update(status=ActionStatus.DONE)
    transfer = transfer_request(
        actor=locale.actor("coordinator"), case=case, to_locality=other_locale.locality, reason="Moved."
    )
    assert transfer.history_pack["open_actions"] == []


def test_the_pack_is_the_case_as_it_stood_when_requested(locale, other_locale):
    _pack(locale, other_locale, TransferSharing.SUMMARY)
    Action.objects.update(text="Changed afterwards")
    pack = Transfer.objects.get().history_pack
    assert pack["open_actions"][0]["text"] == "Fit a door viewer and new locks"
