"""The language of the pages: her own choice, else her locality's, else English; the page where she chooses it;
and a Spanish catalogue with nothing left untranslated."""

import datetime as dt
import gettext
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from marac.accounts.models import UserPreference
from marac.accounts.tests.helpers import enter_password, with_authenticator
from marac.agencies.models import Locality
from marac.audit.models import AuditAction, AuditEvent
from marac.referrals.models import Referral
from marac.referrals.tests.factories import refer
from marac.tests.html import Element, parse

SPANISH_CATALOGUE = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po"
# The project's catalogue and each app's own: every one must be complete.
SPANISH_CATALOGUES = sorted(
    [SPANISH_CATALOGUE, *(Path(settings.BASE_DIR) / "marac").glob("*/locale/es/LC_MESSAGES/django.po")]
)
LANGUAGE_MIDDLEWARE = "marac.accounts.languages.LanguageMiddleware"


def page_of(response) -> Element:
    assert response.status_code == 200
    return parse(response.content.decode())


def in_spanish(locale) -> None:
    Locality.objects.filter(pk=locale.locality.pk).update(language="es")


def nav_labels(page: Element) -> list[str]:
    return [link.text.strip() for link in page.find_all("a", class_="govuk-service-navigation__link")]


def test_a_spanish_locality_sees_home_header_navigation_and_footer_in_spanish(locale):
    in_spanish(locale)
    response = locale.client("coordinator").get(reverse("home"))
    page = page_of(response)
    assert page.find("html").attrs["lang"] == "es"
    assert response["Content-Language"] == "es"
    assert page.find("h1").text.strip() == "Su trabajo"
    assert page.find("title").text.strip() == "Inicio – marac"
    assert nav_labels(page)[:3] == ["Inicio", "Nueva derivación", "Derivaciones"]
    body = response.content.decode()
    assert "Cerrar sesión" in body
    assert "Difusión limitada" in body
    assert "Todo lo que contiene marac es información de casos de difusión limitada" in body
    assert "Your work" not in body


def test_english_stays_english(locale):
    page = page_of(locale.client("coordinator").get(reverse("home")))
    assert page.find("html").attrs["lang"] == "en-GB"
    assert page.find("h1").text.strip() == "Your work"
    assert nav_labels(page)[:3] == ["Home", "Make a referral", "Referrals"]


def test_her_own_choice_of_english_overrides_her_locality(locale):
    in_spanish(locale)
    UserPreference.objects.create(user=locale.memberships["coordinator"].user, language="en-gb")
    # Read when she signs in, as the client below does.
    page = page_of(locale.client("coordinator").get(reverse("home")))
    assert page.find("html").attrs["lang"] == "en-GB"
    assert page.find("h1").text.strip() == "Your work"
    # Her colleague, without a choice of her own, has the locality's.
    colleague = page_of(locale.client("chair").get(reverse("home")))
    assert colleague.find("h1").text.strip() == "Su trabajo"


def test_an_unknown_locality_language_falls_back_to_english(locale):
    Locality.objects.filter(pk=locale.locality.pk).update(language="fr")
    page = page_of(locale.client("coordinator").get(reverse("home")))
    assert page.find("html").attrs["lang"] == "en-GB"
    assert page.find("h1").text.strip() == "Your work"


def test_a_regional_variant_of_a_language_we_have_is_that_language(locale):
    Locality.objects.filter(pk=locale.locality.pk).update(language="es-ES")
    page = page_of(locale.client("coordinator").get(reverse("home")))
    assert page.find("html").attrs["lang"] == "es"


def test_dates_on_the_home_page_have_spanish_month_names(locale):
    in_spanish(locale)
    referral = refer(locale).referral
    Referral.objects.filter(pk=referral.pk).update(
        referred_at=timezone.make_aware(dt.datetime(2026, 1, 14, 10, 0), dt.UTC)
    )
    body = locale.client("police_referrer").get(reverse("home")).content.decode()
    assert "14 Ene 2026" in body
    assert "14 Jan 2026" not in body


def test_the_choice_page_saves_the_choice_audits_it_and_answers_in_the_new_language(locale):
    client = locale.client("coordinator")
    user = locale.memberships["coordinator"].user
    response = client.post(reverse("accounts:language"), {"language": "es"}, follow=True)
    assert response.redirect_chain == [(reverse("accounts:language"), 302)]
    assert UserPreference.objects.get(user=user).language == "es"
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, actor=user, object_type="accounts.userpreference")
    assert event.summary == "Changed the language of the pages"
    assert event.detail == {"language": {"from": "", "to": "es"}}
    page = page_of(response)
    assert page.find("html").attrs["lang"] == "es"
    assert "Se ha guardado el idioma que ha elegido." in response.content.decode()
    # Every later page too, without signing in again.
    assert page_of(client.get(reverse("home"))).find("h1").text.strip() == "Su trabajo"


def test_going_back_to_the_locality_language_is_stored_as_no_choice(locale):
    in_spanish(locale)
    user = locale.memberships["coordinator"].user
    UserPreference.objects.create(user=user, language="en-gb")
    client = locale.client("coordinator")
    form_page = client.get(reverse("accounts:language")).content.decode()
    assert "The language of your locality (Español)" in form_page
    client.post(reverse("accounts:language"), {"language": "locality"})
    assert UserPreference.objects.get(user=user).language == ""
    assert page_of(client.get(reverse("home"))).find("h1").text.strip() == "Su trabajo"
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, actor=user, object_type="accounts.userpreference")
    assert event.detail == {"language": {"from": "en-gb", "to": ""}}


def test_saving_the_same_choice_again_records_nothing(locale):
    user = locale.memberships["coordinator"].user
    UserPreference.objects.create(user=user, language="es")
    locale.client("coordinator").post(reverse("accounts:language"), {"language": "es"})
    assert not AuditEvent.objects.filter(object_type="accounts.userpreference").exists()


def test_a_language_we_do_not_have_is_refused(locale):
    response = locale.client("coordinator").post(reverse("accounts:language"), {"language": "fr"})
    assert response.status_code == 200
    assert not UserPreference.objects.exists()
    assert "There is a problem" in response.content.decode()


def test_the_choice_needs_the_security_token(locale):
    client = locale.client("coordinator")
    client.handler.enforce_csrf_checks = True
    response = client.post(reverse("accounts:language"), {"language": "es"})
    assert response.status_code == 403
    assert not UserPreference.objects.exists()


def test_the_footer_links_to_the_choice_for_someone_signed_in_only(locale):
    signed_in = locale.client("coordinator").get(reverse("home")).content.decode()
    assert f'href="{reverse("accounts:language")}"' in signed_in
    signed_out = Client().get(reverse("login")).content.decode()
    assert f'href="{reverse("accounts:language")}"' not in signed_out


def test_the_second_sign_in_step_is_in_her_locality_language(locale):
    in_spanish(locale)
    user = locale.memberships["coordinator"].user
    with_authenticator(user)
    client = Client()
    enter_password(client, user.get_username())
    page = page_of(client.get(reverse("accounts:second_step")))
    assert page.find("h1").text.strip() == "Introduzca el código de su aplicación de autenticación"
    refused = client.post(reverse("accounts:second_step"), {"code": "000001"}).content.decode()
    assert "El código no es correcto." in refused
    assert "Hay un problema" in refused


def test_the_sign_in_page_is_english_for_a_new_browser_and_spanish_after_a_spanish_session(locale):
    in_spanish(locale)
    fresh = page_of(Client().get(reverse("login")))
    assert fresh.find("h1").text.strip() == "Sign in"
    client = locale.client("coordinator")
    client.get(reverse("home"))
    response = client.post(reverse("logout"), follow=True)
    page = page_of(response)
    assert page.find("h1").text.strip() == "Iniciar sesión"
    assert page.find("html").attrs["lang"] == "es"
    assert "Ha cerrado la sesión." in response.content.decode()


def test_choosing_the_language_costs_no_query_on_each_page(locale, settings):
    in_spanish(locale)
    UserPreference.objects.create(user=locale.memberships["coordinator"].user, language="en-gb")
    client = locale.client("coordinator")
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as with_languages:
        client.get(reverse("home"))
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if name != LANGUAGE_MIDDLEWARE]
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as without:
        client.get(reverse("home"))
    assert len(with_languages) == len(without)


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="msgfmt (GNU gettext) is not installed")
@pytest.mark.parametrize("catalogue", SPANISH_CATALOGUES, ids=lambda path: str(path.relative_to(settings.BASE_DIR)))
def test_every_spanish_catalogue_has_nothing_untranslated_or_fuzzy(catalogue):
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(catalogue)],
        capture_output=True,
        text=True,
        check=True,
    )
    # msgfmt reports on stderr, e.g. "142 translated messages." and adds the others only when there are any.
    assert "translated messages" in result.stderr
    assert "untranslated" not in result.stderr
    assert "fuzzy" not in result.stderr


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="msgfmt (GNU gettext) is not installed")
@pytest.mark.parametrize("catalogue", SPANISH_CATALOGUES, ids=lambda path: str(path.relative_to(settings.BASE_DIR)))
def test_each_compiled_catalogue_says_what_its_source_says(catalogue, tmp_path):
    # A .po edited without compilemessages would leave the pages in the old words.
    committed = catalogue.with_suffix(".mo")
    assert committed.exists(), f"{committed} is missing: run compilemessages"
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-o", str(fresh), str(catalogue)], check=True)
    with committed.open("rb") as old, fresh.open("rb") as new:
        assert gettext.GNUTranslations(old)._catalog == gettext.GNUTranslations(new)._catalog


def test_no_english_message_has_two_spanish_translations():
    # Django merges every app's catalogue into one: of two translations of the same words, one silently wins on
    # every page. Words that need different Spanish in different places carry a context (pgettext).
    translations: dict[object, dict[str, str]] = {}
    for catalogue in SPANISH_CATALOGUES:
        with catalogue.with_suffix(".mo").open("rb") as compiled:
            for message, translated in gettext.GNUTranslations(compiled)._catalog.items():
                if message != "":
                    translations.setdefault(message, {})[str(catalogue.relative_to(settings.BASE_DIR))] = translated
    disagreements = {message: found for message, found in translations.items() if len(set(found.values())) > 1}
    assert disagreements == {}
