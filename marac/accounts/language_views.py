"""The page where a signed-in person chooses the language of the pages."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache

from marac.accounts import languages, preferences
from marac.accounts.forms import FOLLOW_LOCALITY, LanguageForm


@never_cache
def language(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    locality = actor.locality if actor else None
    locality_language = languages.supported_language(locality.language if locality else None)
    own = languages.supported_language(request.session.get(languages.SESSION_LANGUAGE_KEY))
    form = LanguageForm(
        request.POST or None,
        initial={"language": own or FOLLOW_LOCALITY},
        locality_language=locality_language or settings.LANGUAGE_CODE,
    )
    if request.method == "POST" and form.is_valid():
        preference = preferences.language_choose(actor=actor, language=form.chosen_language())
        languages.remember_choice(request, preference.language)
        # Said in the language just chosen, which the next page will be in.
        with translation.override(languages.language_for(request)):
            messages.success(request, gettext("Your choice of language has been saved."))
        return redirect("accounts:language")
    return render(request, "accounts/language.html", {"form": form})
