"""Properties that hold for every valid instrument: more 'yes' never lowers the level, every possible score
falls in exactly one band, and judgement or the victim's view never lowers the final level."""

from hypothesis import given, settings
from hypothesis import strategies as st

from marac.risk.engine.loading import parse_instrument
from marac.risk.engine.scoring import score_answers
from marac.risk.levels import final_level
from marac.risk.scales import SCALES
from marac.risk.tests.instrument_data import as_text

ANSWERS = st.sampled_from(["yes", "no", "dont_know"])


@st.composite
def instruments(draw):
    scale = SCALES[draw(st.sampled_from(sorted(SCALES)))]
    scoring = draw(st.sampled_from(["count_yes", "weighted_sum"]))
    count = draw(st.integers(min_value=1, max_value=12))
    items = [{"id": f"q{n}", "label": f"Question {n}"} for n in range(count)]
    if scoring == "weighted_sum":
        for item in items:
            item["weight"] = draw(st.integers(min_value=0, max_value=5))
    max_score = count if scoring == "count_yes" else sum(item["weight"] for item in items)
    cuts = sorted(draw(st.sets(st.integers(min_value=1, max_value=max(max_score, 1)), max_size=len(scale.values) - 1)))
    ranks = sorted(
        draw(st.lists(st.integers(0, len(scale.values) - 1), min_size=len(cuts) + 1, max_size=len(cuts) + 1))
    )
    starts = [0, *cuts]
    bands = [
        {"min": start, "max": (starts[i + 1] - 1) if i + 1 < len(starts) else None, "level": scale.values[ranks[i]]}
        for i, start in enumerate(starts)
        if start <= max_score
    ]
    data = {
        "code": "generated",
        "version": "1",
        "name": "Generated",
        "scale": scale.code,
        "scoring": scoring,
        "items": items,
        "bands": bands,
    }
    if draw(st.booleans()):
        chosen = draw(st.lists(st.sampled_from([item["id"] for item in items]), min_size=1, unique=True))
        data["screen"] = {
            "level": draw(st.sampled_from(scale.values)),
            "rules": [{"items": chosen, "min_yes": draw(st.integers(1, len(chosen)))}],
        }
    return parse_instrument(as_text(data), filename="generated.json")


@settings(max_examples=300, deadline=None)
@given(instrument=instruments(), data=st.data())
def test_adding_a_yes_never_lowers_the_level(instrument, data):
    answers = {item.id: data.draw(ANSWERS) for item in instrument.items}
    flipped = data.draw(st.sampled_from(instrument.item_ids))
    before = score_answers(instrument, answers)
    after = score_answers(instrument, {**answers, flipped: "yes"})
    assert after.score >= before.score
    assert instrument.scale.rank(after.level) >= instrument.scale.rank(before.level)


@settings(max_examples=300, deadline=None)
@given(instrument=instruments())
def test_every_possible_score_falls_in_exactly_one_band(instrument):
    for score in range(instrument.max_score + 1):
        assert sum(1 for band in instrument.bands if band.contains(score)) == 1


@settings(max_examples=300, deadline=None)
@given(
    scale_code=st.sampled_from(sorted(SCALES)),
    data=st.data(),
)
def test_judgement_and_the_victims_view_never_lower_the_final_level(scale_code, data):
    scale = SCALES[scale_code]
    levels = st.sampled_from(scale.values)
    computed = data.draw(levels)
    judgement = data.draw(st.one_of(st.just(""), levels))
    victim_view = data.draw(st.one_of(st.just(""), levels))
    final = final_level(scale=scale, computed=computed, judgement=judgement, victim_view=victim_view)
    assert scale.rank(final) >= scale.rank(computed)
    assert final in {computed, judgement, victim_view}
    for raised in (judgement, victim_view):
        if raised:
            assert scale.rank(final) >= scale.rank(raised)
