"""The locality edits its glossary: the coordinator and the locality administrator change a shipped term into the
partnership's own words, add terms, remove and restore them; each change is audited, and no other locality sees it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from marac.audit.models import AuditAction, AuditEvent
from marac.glossary.models import GlossaryTerm
from marac.glossary.selectors import glossary_entries
from marac.glossary.services import (
    glossary_term_add,
    glossary_term_change,
    glossary_term_remove,
    glossary_term_restore,
)

URL = reverse("glossary:list")


def words(term: str, definition: str, spanish: tuple[str, str] | None = None) -> dict:
    wording = {"en-gb": {"term": term, "definition": definition}}
    if spanish:
        wording["es"] = {"term": spanish[0], "definition": spanish[1]}
    return wording


def entry(locality, key, language="en-gb"):
    return next(item for item in glossary_entries(locality=locality, language=language) if item.key == key)


def test_the_coordinator_puts_a_shipped_term_in_the_partnerships_words(locale):
    client = locale.client("coordinator")
    edit = reverse("glossary:edit", kwargs={"key": "marac"})
    form = client.get(edit).context["form"]
    assert form.initial["term_en-gb"] == "MARAC"
    assert form.initial["term_es"] == "MARAC"

    response = client.post(
        edit,
        {
            "term_en-gb": "MARAC",
            "definition_en-gb": "Our fortnightly meeting on Thursdays at the civic centre.",
            "term_es": "MARAC",
            "definition_es": "Nuestra reunión quincenal de los jueves en el centro cívico.",
        },
        follow=True,
    )

    assert response.redirect_chain[-1][0] == URL + "#term-marac"
    assert entry(locale.locality, "marac").definition == "Our fortnightly meeting on Thursdays at the civic centre."
    assert entry(locale.locality, "marac", "es").definition.startswith("Nuestra reunión quincenal")
    assert "Our own words" in response.content.decode()
    audit = AuditEvent.objects.get(object_type="glossary.glossaryterm")
    assert audit.action == AuditAction.CREATE
    assert audit.detail["before"]["en-gb"]["term"] == "MARAC"
    assert audit.detail["after"]["en-gb"]["definition"].startswith("Our fortnightly")


def test_a_change_in_one_locality_is_not_seen_in_another(locale, other_locale):
    glossary_term_change(actor=locale.actor("admin"), key="idva", wording=words("IDVA", "Ours only."))
    assert entry(other_locale.locality, "idva").definition != "Ours only."
    assert entry(locale.locality, "idva").definition == "Ours only."


def test_a_term_given_in_english_only_reads_in_english_to_a_spanish_reader(locale):
    glossary_term_add(actor=locale.actor("coordinator"), wording=words("Daily risk huddle", "A 15-minute call."))
    added = next(item for item in glossary_entries(locality=locale.locality, language="es") if not item.shipped)
    assert (added.term, added.definition) == ("Daily risk huddle", "A 15-minute call.")


def test_the_administrator_adds_a_term_through_the_form(locale):
    response = locale.client("admin").post(
        reverse("glossary:new"),
        {
            "term_en-gb": "Daily risk huddle",
            "definition_en-gb": "A 15-minute call each morning about new high-risk incidents.",
            "term_es": "Reunión diaria de riesgo",
            "definition_es": "Una llamada de 15 minutos cada mañana sobre los incidentes nuevos de alto riesgo.",
        },
        follow=True,
    )

    term = GlossaryTerm.objects.get(locality=locale.locality, key="daily-risk-huddle")
    assert response.redirect_chain[-1][0] == URL + "#term-daily-risk-huddle"
    assert term.updated_by == locale.memberships["admin"].user
    assert "Added here" in response.content.decode()
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="glossary.glossaryterm").exists()


def test_a_term_needs_its_definition_and_a_name_not_already_used(locale):
    actor = locale.actor("coordinator")
    with pytest.raises(ValidationError) as refused:
        glossary_term_add(actor=actor, wording=words("Huddle", ""))
    assert "definition_en-gb" in refused.value.message_dict
    with pytest.raises(ValidationError, match="at least one language"):
        glossary_term_add(actor=actor, wording=words("", ""))
    with pytest.raises(ValidationError, match="already has “IDVA”"):
        glossary_term_add(actor=actor, wording=words("idva", "Someone else's meaning."))


def test_a_removed_term_disappears_for_readers_and_can_be_put_back(locale):
    glossary_term_remove(actor=locale.actor("coordinator"), key="viogen")

    reader = locale.client("housing_rep").get(URL)
    assert "viogen" not in [item.key for item in reader.context["entries"]]
    editor = locale.client("coordinator").get(URL)
    assert [item.key for item in editor.context["removed"]] == ["viogen"]

    locale.client("coordinator").post(reverse("glossary:restore", kwargs={"key": "viogen"}))

    assert "viogen" in [item.key for item in locale.client("housing_rep").get(URL).context["entries"]]
    actions = list(
        AuditEvent.objects.filter(object_type="glossary.glossaryterm").order_by("pk").values_list("summary", flat=True)
    )
    assert actions == ["Removed “VioGén” from the glossary", "Restored the shipped words of “VioGén” in the glossary"]


def test_going_back_to_marac_words(locale):
    glossary_term_change(actor=locale.actor("coordinator"), key="chair", wording=words("Chair", "Our chair."))
    glossary_term_restore(actor=locale.actor("coordinator"), key="chair")
    restored = entry(locale.locality, "chair")
    assert restored.definition.startswith("The person who leads the meeting")
    assert restored.changed is False


def test_the_remove_page_asks_first(locale):
    client = locale.client("coordinator")
    remove = reverse("glossary:remove", kwargs={"key": "mappa"})
    assert client.get(remove).status_code == 200
    assert not GlossaryTerm.objects.exists()
    client.post(remove)
    assert GlossaryTerm.objects.get(key="mappa").removed is True


@pytest.mark.parametrize("persona", ["idva", "chair", "police_rep", "analyst", "auditor"])
def test_only_the_coordinator_and_the_administrator_edit(locale, persona):
    with pytest.raises(PermissionDenied):
        glossary_term_change(actor=locale.actor(persona), key="marac", wording=words("MARAC", "Mine."))
    assert locale.client(persona).get(reverse("glossary:edit", kwargs={"key": "marac"})).status_code == 404
    assert locale.client(persona).post(reverse("glossary:remove", kwargs={"key": "marac"})).status_code == 404
    assert not GlossaryTerm.objects.exists()


def test_an_unknown_term_is_not_found(locale):
    assert locale.client("coordinator").get(reverse("glossary:edit", kwargs={"key": "no-such"})).status_code == 404
