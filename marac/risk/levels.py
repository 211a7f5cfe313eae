"""The final level of an assessment: the instrument's, raised by professional judgement or by the victim's own
view of her risk, never lowered (EIGE step 2)."""

from django.utils.translation import gettext_lazy

from marac.risk.scales import Scale


class LoweringRefused(ValueError):
    """A judgement or a victim's view below the instrument's result: it may raise the level, never lower it."""


# Whole sentences, one per source, so that a language can word each one as it needs.
_JUDGEMENT_BELOW = gettext_lazy(
    "Professional judgement (%(level)s) is below the instrument's result (%(computed)s). "
    "It may raise the level, never lower it."
)
_VICTIM_VIEW_BELOW = gettext_lazy(
    "The victim's view (%(level)s) is below the instrument's result (%(computed)s). "
    "It may raise the level, never lower it."
)


def final_level(*, scale: Scale, computed: str, judgement: str = "", victim_view: str = "") -> str:
    return scale.highest(computed, judgement, victim_view)


def refuse_lowering(*, scale: Scale, computed: str, judgement: str = "", victim_view: str = "") -> None:
    """Raise `LoweringRefused` when either given level is below the computed one, naming which."""
    for refusal, level in ((_JUDGEMENT_BELOW, judgement), (_VICTIM_VIEW_BELOW, victim_view)):
        if level and scale.rank(level) < scale.rank(computed):
            raise LoweringRefused(refusal % {"level": scale.label(level), "computed": scale.label(computed)})
