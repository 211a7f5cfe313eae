"""`manage.py load_instrument`: the loading service from the command line, for one locality."""

import json
import re

import pytest
from django.core.management import CommandError, call_command

from marac.audit.models import AuditAction, AuditEvent
from marac.risk.models import InstrumentVersion
from marac.risk.registry import current_version, instrument_of
from marac.risk.tests.instrument_uploads import local_dash


def write(tmp_path, data: dict, name: str = "licensed.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_loads_a_version_for_the_named_locality(locale, other_locale, tmp_path, capsys):
    call_command("load_instrument", str(write(tmp_path, local_dash(version="2"))), locality="Riverside")

    loaded = current_version(locality=locale.locality, code="dash-style-24")
    assert (loaded.version, loaded.locality, loaded.loaded_by) == ("2", locale.locality, None)
    assert instrument_of(loaded).items[0].label == "Local wording, question 1?"
    assert current_version(locality=other_locale.locality, code="dash-style-24").locality is None
    assert "Loaded Domestic abuse risk checklist (licensed wording), version 2 (dash-style-24), for Riverside" in (
        capsys.readouterr().out
    )
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_id=str(loaded.pk))
    assert (event.actor_id, event.actor_username) == (None, "system")


def test_loading_the_same_file_again_says_nothing_changed(locale, tmp_path, capsys):
    path = write(tmp_path, local_dash(version="2"))
    call_command("load_instrument", str(path), locality="Riverside")
    call_command("load_instrument", str(path), locality="Riverside")
    assert "is already loaded for Riverside; nothing changed." in capsys.readouterr().out
    assert InstrumentVersion.objects.filter(locality=locale.locality).count() == 1


def test_a_refused_file_prints_every_problem_and_changes_nothing(locale, tmp_path):
    data = local_dash(version="2")
    data["bands"][0]["level"] = "low"
    data["items"][0]["id"] = "fears"
    with pytest.raises(CommandError) as refused:
        call_command("load_instrument", str(write(tmp_path, data, "broken.json")), locality="Riverside")
    assert str(refused.value).splitlines() == [
        "broken.json: item 'fears': the id is used more than once",
        "broken.json: band 1: level 'low' is not on the Standard, medium, high scale",
    ]
    assert not InstrumentVersion.objects.filter(locality=locale.locality).exists()


def test_an_unknown_locality_is_refused(locale, tmp_path):
    with pytest.raises(CommandError, match=re.escape("No locality is named 'Nowhere'. Localities: Riverside.")):
        call_command("load_instrument", str(write(tmp_path, local_dash())), locality="Nowhere")


def test_a_missing_file_is_refused(locale, tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("load_instrument", str(tmp_path / "absent.json"), locality="Riverside")
