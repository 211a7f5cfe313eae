"""The final level of an assessment: the instrument's, raised by professional judgement or by the victim's own
view of her risk, never lowered (EIGE step 2)."""

from marac.risk.scales import Scale


class LoweringRefused(ValueError):
    """A judgement or a victim's view below the instrument's result: it may raise the level, never lower it."""


def final_level(*, scale: Scale, computed: str, judgement: str = "", victim_view: str = "") -> str:
    return scale.highest(computed, judgement, victim_view)


def refuse_lowering(*, scale: Scale, computed: str, judgement: str = "", victim_view: str = "") -> None:
    """Raise `LoweringRefused` when either given level is below the computed one, naming which."""
    for source, level in (("Professional judgement", judgement), ("The victim's view", victim_view)):
        if level and scale.rank(level) < scale.rank(computed):
            raise LoweringRefused(
                f"{source} ({scale.label(level)}) is below the instrument's result ({scale.label(computed)}). "
                "It may raise the level, never lower it."
            )
