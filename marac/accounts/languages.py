"""The language of the pages: the person's own choice, else her locality's, else the site's.

The choice is read from the database once, when she signs in, and kept in the session, so that pages whose
number of queries is pinned do not pay for it on every request. Someone not signed in (the sign-in page, the
page after signing out) gets the language this browser last had, kept in Django's language cookie.
"""

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from marac.accounts.models import UserPreference

# The person's own choice of language ("" for none), as stored in her UserPreference.
SESSION_LANGUAGE_KEY = "marac_language"


def supported_language(code: str | None) -> str | None:
    """The code among settings.LANGUAGES that `code` names ("es-ES" is "es"), or None for one we do not have."""
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def stored_choice(user: AbstractBaseUser) -> str:
    return UserPreference.objects.filter(user=user).values_list("language", flat=True).first() or ""


def remember_choice(request: HttpRequest, language: str) -> None:
    request.session[SESSION_LANGUAGE_KEY] = language


def language_for(request: HttpRequest) -> str:
    if not request.user.is_authenticated:
        return supported_language(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)) or settings.LANGUAGE_CODE
    if SESSION_LANGUAGE_KEY not in request.session:
        # A session begun before preferences existed: read once, then kept like any other.
        remember_choice(request, stored_choice(request.user))
    actor = getattr(request, "actor", None)
    locality = actor.locality if actor else None
    return (
        supported_language(request.session[SESSION_LANGUAGE_KEY])
        or supported_language(locality.language if locality else None)
        or settings.LANGUAGE_CODE
    )


def html_lang(language: str) -> str:
    """The BCP 47 tag for <html lang>: Django's "en-gb" is written "en-GB"."""
    base, _, region = language.partition("-")
    return f"{base}-{region.upper()}" if region else base


class LanguageMiddleware:
    """Activates the request's language for everything after it. Comes after ActorMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = language_for(request)
        # Decided before the view runs, which may sign the person in or out.
        chosen_for_someone = request.user.is_authenticated
        request.LANGUAGE_CODE = language
        # override, not activate: the language goes back to the site's once the response is made.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        if chosen_for_someone and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE or settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE or "Lax",
            )
        return response
