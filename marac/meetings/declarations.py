"""The confidentiality declaration each person attending a meeting confirms when it starts.

Every version ever used stays here, so a declaration recorded under an old version still shows what that person
confirmed. To change the wording, add a new version and point `CURRENT_DECLARATION` at it; never edit one in place.
Each statement is shown in the reader's language; the version names the English wording and its translations.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class DeclarationText:
    version: str
    statements: tuple[str | Promise, ...]


DECLARATION_TEXTS: dict[str, DeclarationText] = {
    text.version: text
    for text in (
        DeclarationText(
            version="2026-1",
            statements=(
                _(
                    "What is shared at this meeting is confidential. I will not pass it on to anyone, inside or "
                    "outside my agency, unless they need it to carry out an action agreed here to keep someone safe."
                ),
                _(
                    "I will use what I learn here only to reduce the risk to the victims, their children and others "
                    "in danger, and for no other purpose."
                ),
                _(
                    "I will keep any record of it only in my agency's secure systems, as our information-sharing "
                    "agreement requires, and will not copy, photograph or forward it anywhere else."
                ),
                _(
                    "If I know anyone discussed personally, I will say so to the chair before their case is heard, "
                    "and leave while it is discussed."
                ),
            ),
        ),
    )
}

CURRENT_DECLARATION = DECLARATION_TEXTS["2026-1"]
