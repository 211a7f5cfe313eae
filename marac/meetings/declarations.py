"""The confidentiality declaration each person attending a meeting confirms when it starts.

Every version ever used stays here, so a declaration recorded under an old version still shows what that person
confirmed. To change the wording, add a new version and point `CURRENT_DECLARATION` at it; never edit one in place.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class DeclarationText:
    version: str
    statements: tuple[str, ...]


DECLARATION_TEXTS: dict[str, DeclarationText] = {
    text.version: text
    for text in (
        DeclarationText(
            version="2026-1",
            statements=(
                "What is shared at this meeting is confidential. I will not pass it on to anyone, inside or "
                "outside my agency, unless they need it to carry out an action agreed here to keep someone safe.",
                "I will use what I learn here only to reduce the risk to the victims, their children and others "
                "in danger, and for no other purpose.",
                "I will keep any record of it only in my agency's secure systems, as our information-sharing "
                "agreement requires, and will not copy, photograph or forward it anywhere else.",
                "If I know anyone discussed personally, I will say so to the chair before their case is heard, "
                "and leave while it is discussed.",
            ),
        ),
    )
}

CURRENT_DECLARATION = DECLARATION_TEXTS["2026-1"]
