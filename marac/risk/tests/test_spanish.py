"""Risk for someone who reads Spanish: the assessment form, its result, the review pages and the instruments read in
Spanish, the shipped questions too; what is stored, scored, downloaded and audited stays as it was, in English."""

import datetime as dt
import html
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from marac.accounts.models import UserPreference
from marac.audit.models import AuditAction, AuditEvent
from marac.risk.chart import risk_chart
from marac.risk.engine.loading import InstrumentFileError, load_instrument_file
from marac.risk.models import Assessment, ReviewEvent
from marac.risk.registry import (
    SHIPPED_DIR,
    instrument_load,
    instrument_of,
    shipped_instrument_files,
    shipped_translation_files,
)
from marac.risk.scales import THREE_LEVEL, ScaleChoice
from marac.risk.tests.factories import dash_version, dash_with_changed_label, form_post, heard_case
from marac.risk.tests.review_factories import hear_case, make_assessment, make_case
from marac.risk.wording import load_translation, translation_problems
from marac.tests.html import parse

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)
FIRST_QUESTION_ES = "¿Hay alguna lesión por el incidente actual, visible o no?"
FIRST_QUESTION_EN = "Is there an injury from the current incident, whether visible or not?"
DASH_NAME_ES = "Lista de comprobación del riesgo de violencia doméstica (24 preguntas)"
DASH_NAME_EN = "Domestic abuse risk checklist (24 items)"


def reads_spanish(locale, persona: str) -> None:
    UserPreference.objects.create(user=locale.memberships[persona].user, language="es")


def text_of(response) -> str:
    """What the page says, without its markup, whitespace collapsed."""
    assert response.status_code == 200
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", response.content.decode())).split())


@pytest.fixture
def case(locale):
    return heard_case(locale)


def test_the_assessment_form_asks_in_spanish_with_the_shipped_questions_in_spanish(locale, case):
    reads_spanish(locale, "idva")

    response = locale.client("idva").get(reverse("risk:assess", args=[case.pk]))

    text = text_of(response)
    page = parse(response.content.decode())
    assert page.find("h1").text.strip() == "Valoración del riesgo"
    assert page.find("title").text.strip().startswith(f"Valoración del riesgo – {case.reference}")
    for spanish in (
        f"Está cumplimentando {DASH_NAME_ES}, versión 1.",
        "1. Antes de preguntar nada",
        "¿Puede hablar ahora con seguridad?",
        "No: se responde solo con lo que ya se sabe",
        f"1. {FIRST_QUESTION_ES}",
        "Fuente u observación de la pregunta 1",
        "No sabe",
        "Su criterio profesional sobre el riesgo que corre",
        "Ningún nivel distinto: se mantiene el resultado",
        "Registrar la valoración",
    ):
        assert spanish in text, spanish
    level_labels = [label.text.strip() for label in page.find_all("label", **{"for": "id_judgement_level_1"})]
    assert level_labels == ["Alto"]
    for english in (
        "Is it safe for her to talk now?",
        FIRST_QUESTION_EN,
        "Record the assessment",
        "Source or note",
        "Your professional judgement",
    ):
        assert english not in text, english


def test_a_spanish_assessment_scores_and_is_kept_as_an_english_one_and_its_result_reads_in_spanish(locale, case):
    reads_spanish(locale, "idva")
    client = locale.client("idva")
    data = form_post(
        dash_version(locale.locality),
        yes=11,
        victim_view_level="high",
        victim_view_reason="Dice que la encontrará vaya donde vaya.",
    )

    response = client.post(reverse("risk:assess", args=[case.pk]), data, follow=True)

    assessment = Assessment.objects.get()
    assert (assessment.score, assessment.computed_level, assessment.final_level) == (11, "medium", "high")
    assert assessment.answers["injury"] == {"answer": "yes", "note": "Her account"}
    text = text_of(response)
    assert "Se ha registrado la valoración del riesgo: Riesgo alto. Próxima revisión prevista el" in text
    page = parse(response.content.decode())
    assert page.find("h1").text.strip().startswith("Valoración del riesgo del ")
    for spanish in (
        f"{DASH_NAME_ES}, versión 1",
        "11 de 24",
        "Resultado del instrumento",
        "Medio",
        "Su propia percepción",
        "Nivel final",
        "Próxima revisión",
        "Respuestas «sí»",
        f"1. {FIRST_QUESTION_ES}",
        "Antes de las preguntas",
        "Podía hablar con seguridad en ese momento",
        "Todas las respuestas",
    ):
        assert spanish in text, spanish
    for english in ("Final level", "Instrument's result", "Her own view", FIRST_QUESTION_EN, "out of 24"):
        assert english not in text, english
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="risk.assessment")
    assert event.summary == f"Recorded a risk assessment ({DASH_NAME_EN}): score 11, High"


def test_errors_on_the_assessment_form_are_in_spanish(locale, case):
    reads_spanish(locale, "idva")
    data = form_post(
        dash_version(locale.locality),
        yes=15,
        answer_weapons=None,
        safe_to_talk=None,
        judgement_level="standard",
        judgement_reason="Se siente más segura.",
    )

    text = text_of(locale.client("idva").post(reverse("risk:assess", args=[case.pk]), data))

    assert "Indique si puede hablar ahora con seguridad." in text
    assert "Responda a la pregunta 13: ¿Ha usado el agresor un arma o un objeto para hacer daño a la víctima?" in text
    assert not Assessment.objects.exists()
    assert "Say whether it is safe" not in text and "Answer question" not in text


def test_a_judgement_below_the_result_is_refused_in_spanish(locale, case):
    reads_spanish(locale, "idva")
    data = form_post(
        dash_version(locale.locality), yes=15, judgement_level="standard", judgement_reason="Se siente más segura."
    )

    text = text_of(locale.client("idva").post(reverse("risk:assess", args=[case.pk]), data))

    assert (
        "El criterio profesional (Estándar) está por debajo del resultado del instrumento (Alto). "
        "Puede elevar el nivel, nunca rebajarlo."
    ) in text
    assert not Assessment.objects.exists()


def test_the_risk_history_on_the_case_page_reads_in_spanish(locale, case):
    reads_spanish(locale, "housing_rep")
    client_en = locale.client("police_rep")
    client_en.post(reverse("risk:assess", args=[case.pk]), form_post(dash_version(locale.locality), yes=15))

    text = text_of(locale.client("housing_rep").get(reverse("referrals:case_detail", args=[case.pk])))

    for spanish in (
        "Evolución del riesgo",
        "Nivel de riesgo actual",
        "Evolución del nivel de riesgo final",
        "Nivel de riesgo final en 1 valoración:",
        "Riesgo alto",
        f"{DASH_NAME_ES}, versión 1: puntuación 15, resultado alto.",
        "Hoy",
    ):
        assert spanish in text, spanish
    for english in ("Risk over time", "Final risk level over time", "High risk", "Today"):
        assert english not in text, english


def test_the_reviews_page_reads_in_spanish(locale):
    locale.locality.risk_scale = ScaleChoice.FIVE_LEVEL
    locale.locality.save()
    case = make_case(locale, idva_agency=locale.idva_service)
    hear_case(locale, case, invited=[locale.police, locale.idva_service])
    make_assessment(
        case, level="extreme", scale=ScaleChoice.FIVE_LEVEL, agency=locale.police, assessed_at=timezone.now() - 5 * DAY
    )
    reads_spanish(locale, "coordinator")

    response = locale.client("coordinator").get(reverse("risk:reviews"))

    text = text_of(response)
    page = parse(response.content.decode())
    assert page.find("h1").text.strip() == "Revisiones del riesgo pendientes y fuera de plazo"
    for spanish in (
        "1 revisión pendiente o fuera de plazo",
        "Plazo",
        "Nivel de riesgo",
        "Sucesos pendientes de revisión",
        "Fuera de plazo",
        "Extremo",
        "Solo fuera de plazo",
        "Mostrar revisiones",
    ):
        assert spanish in text, spanish
    for english in ("Risk reviews due", "Overdue", "Extreme", "Show reviews", "Events awaiting"):
        assert english not in text, english


def test_an_event_that_brings_the_review_forward_is_recorded_in_spanish_and_audited_in_english(locale):
    case = make_case(locale, idva_agency=locale.idva_service)
    hear_case(locale, case, invited=[locale.police, locale.idva_service])
    make_assessment(case, level="medium", agency=locale.police, assessed_at=timezone.now() - 20 * DAY)
    reads_spanish(locale, "idva")
    client = locale.client("idva")
    url = reverse("risk:trigger_new", kwargs={"case_pk": case.pk})

    form = text_of(client.get(url))
    happened = timezone.localtime(timezone.now() - DAY)
    response = client.post(
        url,
        {"event": ReviewEvent.SEPARATION, "event_at": happened.strftime("%Y-%m-%d"), "event_time": "10:00"},
        follow=True,
    )

    assert "Registrar un suceso que adelanta la revisión del riesgo" in form
    assert "Fecha de juicio" in form and "¿Qué ha sucedido?" in form
    assert "Court date" not in form and "What has happened?" not in form
    assert "Se ha registrado: Separación. La próxima revisión del riesgo" in text_of(response)
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="risk.reviewtrigger")
    assert event.summary == "Recorded an event that brings the risk review forward: separation"


def test_the_instrument_pages_read_in_spanish_and_the_download_stays_as_stored(locale):
    reads_spanish(locale, "admin")
    client = locale.client("admin")
    version = dash_version(locale.locality)

    listing = text_of(client.get(reverse("risk:instrument_list")))
    detail_response = client.get(reverse("risk:instrument_detail", kwargs={"pk": version.pk}))
    detail = text_of(detail_response)
    download = json.loads(client.get(reverse("risk:instrument_file", kwargs={"pk": version.pk})).content)

    for spanish in (
        "Instrumentos de valoración del riesgo",
        f"En vigor para {locale.locality}",
        DASH_NAME_ES,
        "Distribuido con marac",
        "Estándar, medio, alto",
        "Cargar un archivo de instrumento",
    ):
        assert spanish in listing, spanish
    for english in ("Risk instruments", DASH_NAME_EN, "Shipped with marac", "Load an instrument file"):
        assert english not in listing, english
    assert parse(detail_response.content.decode()).find("h1").text.split()[0] == "Lista"
    for spanish in (
        "Cada «sí» suma uno; la puntuación más alta posible es 24. Solo puntúa el «sí».",
        FIRST_QUESTION_ES,
        "Identificador: injury",
        "La puntuación da un nivel en la escala «estándar, medio, alto».",
        "14 o más",
        "Alto: cumple el criterio de riesgo alto visible",
        "Los temas siguen la conocida lista de 24 preguntas",
    ):
        assert spanish in detail, spanish
    assert FIRST_QUESTION_EN not in detail and "Questions" not in detail
    assert download["name"] == DASH_NAME_EN
    assert download["items"][0]["label"] == FIRST_QUESTION_EN


def test_an_english_reader_still_reads_english(locale, case):
    client = locale.client("idva")

    form = text_of(client.get(reverse("risk:assess", args=[case.pk])))
    response = client.post(reverse("risk:assess", args=[case.pk]), form_post(dash_version(locale.locality), yes=15))
    result = text_of(client.get(response.url))

    assert "Is it safe for her to talk now?" in form and FIRST_QUESTION_EN in form
    assert "¿Puede hablar" not in form and FIRST_QUESTION_ES not in form
    assert f"{DASH_NAME_EN}, version 1" in result and "15 out of 24" in result and "Final level" in result
    assert "Nivel final" not in result and DASH_NAME_ES not in result


def test_a_locality_s_own_version_keeps_its_own_wording_in_spanish(locale, case):
    instrument_load(
        actor=locale.actor("admin"),
        text=dash_with_changed_label(version="2-local", label="Has she been hurt in this incident?"),
        filename="local.json",
    )
    reads_spanish(locale, "idva")

    text = text_of(locale.client("idva").get(reverse("risk:assess", args=[case.pk])))

    assert "1. Has she been hurt in this incident?" in text
    assert "¿Puede hablar ahora con seguridad?" in text


def test_every_shipped_instrument_has_a_spanish_wording_that_scores_as_the_original():
    originals = {path.name for path in shipped_instrument_files()}
    translations = shipped_translation_files()

    assert {path.name.replace(".es.", ".") for path in translations} == originals
    for path in translations:
        translation_ = load_translation(path)
        original = load_instrument_file(SHIPPED_DIR / path.name.replace(".es.", "."))
        assert translation_.item_ids == original.item_ids
        assert [item.label for item in translation_.items] != [item.label for item in original.items]


def test_a_translation_that_scores_differently_is_refused(tmp_path):
    data = json.loads((SHIPPED_DIR / "dash-style-24.json").read_text(encoding="utf-8"))
    (tmp_path / "dash-style-24.json").write_text(json.dumps(data), encoding="utf-8")
    data["bands"][2]["min"] = 12
    data["bands"][1]["max"] = 11
    (tmp_path / "dash-style-24.es.json").write_text(json.dumps(data), encoding="utf-8")

    with pytest.raises(InstrumentFileError, match="scores differently from dash-style-24@1"):
        load_translation(tmp_path / "dash-style-24.es.json")
    assert (
        translation_problems(
            load_instrument_file(tmp_path / "dash-style-24.json"), load_instrument_file(tmp_path / "dash-style-24.json")
        )
        == []
    )


def test_a_stored_version_is_translated_only_in_spanish(locale):
    version = dash_version(locale.locality)

    with translation.override("es"):
        spanish = instrument_of(version)
        stored = instrument_of(version, as_stored=True)
    english = instrument_of(version)

    assert spanish.items[0].label == FIRST_QUESTION_ES
    assert stored.items[0].label == english.items[0].label == FIRST_QUESTION_EN


def test_the_chart_s_text_is_spanish_and_its_labels_near_the_edge_stay_on_the_chart():
    now = timezone.now()
    history = [(now - 40 * DAY, "medium"), (now - 10 * DAY, "high")]

    with translation.override("es"):
        chart = risk_chart(history=history, scale=THREE_LEVEL, next_review_due=now - DAY / 2, now=now)

    assert chart.title == "Evolución del nivel de riesgo final"
    assert chart.description.startswith("Nivel de riesgo final en cada una de las 2 valoraciones: ")
    assert [tick.label for tick in chart.level_ticks] == ["Estándar", "Medio", "Alto"]
    assert (chart.review_due.label, chart.review_due.anchor) == ("Revisión fuera de plazo", "end")
    assert (chart.today.label, chart.today.anchor) == ("Hoy", "end")
