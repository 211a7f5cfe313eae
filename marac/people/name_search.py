"""Finding a name as it was typed, or with one typing mistake in a word.

A search by name is run by someone who heard the name on the telephone or read it from another agency's form: a
letter dropped, doubled, replaced or two letters swapped must still find the person. Each word typed (of at least
`FORGIVING_LENGTH` letters) is turned into a regular expression matching every whole word within one such mistake of
it, which PostgreSQL answers through the trigram index on the normalised names and SQLite through Python's `re`, so
the search finds the same people on both.
"""

import re
from dataclasses import dataclass

from django.db.models import Q
from django.db.models.functions import Lower
from django.db.models.lookups import Regex

from marac.people.normalise import normalise_name

# Shorter words are taken as typed: one mistake in a word of three letters would match most short names.
FORGIVING_LENGTH = 4
LETTER = "[a-z]"


def _within_one_mistake(word: str) -> str:
    """Every way `word` reads after one mistake, as alternatives of a regular expression."""
    ways = {re.escape(word)}
    for at in range(len(word)):
        # A letter replaced or dropped.
        ways.add(re.escape(word[:at]) + LETTER + "?" + re.escape(word[at + 1 :]))
        # A letter added before this one.
        ways.add(re.escape(word[:at]) + LETTER + re.escape(word[at:]))
        if at + 1 < len(word) and word[at] != word[at + 1]:
            # Two letters swapped.
            ways.add(re.escape(word[:at] + word[at + 1] + word[at] + word[at + 2 :]))
    ways.add(re.escape(word) + LETTER)
    return "|".join(sorted(ways))


def _unchanged_part(field: str, word: str) -> Q | None:
    """A condition every name within one mistake of `word` meets, that a trigram index answers.

    One mistake leaves the first half of the word or the second half as typed, unless it swapped the two letters
    where the halves meet. PostgreSQL gives up on the trigrams of a long word's regular expression (it has too many
    ways) and would read every name of the locality; these plain substrings it finds by index. Halves of fewer than
    three letters have no trigram to look up, so short words go without.
    """
    half = len(word) // 2
    if half < 3:
        return None
    swapped_where_halves_meet = word[: half - 1] + word[half] + word[half - 1] + word[half + 1 :]
    return (
        Q(**{f"{field}__contains": word[:half]})
        | Q(**{f"{field}__contains": word[half:]})
        | Q(**{f"{field}__contains": swapped_where_halves_meet})
    )


def whole_word_pattern(word: str) -> str:
    """A regular expression matching a normalised name that has `word` as one of its words, give or take a mistake."""
    return f"(^| )({_within_one_mistake(word)})( |$)"


@dataclass(frozen=True)
class NameMatch:
    """The conditions on one normalised-name field: the letters as typed, and each word within one mistake."""

    as_typed: Q
    forgiving: Q

    @property
    def either(self) -> Q:
        return self.as_typed | self.forgiving


def name_match(field: str, query: str) -> NameMatch | None:
    """How the normalised name in `field` matches `query`; None when the query has no letters to match."""
    key = normalise_name(query)
    if not key:
        return None
    as_typed = Q(**{f"{field}__contains": key})
    words = key.split(" ")
    if all(len(word) < FORGIVING_LENGTH for word in words):
        return NameMatch(as_typed=as_typed, forgiving=as_typed)
    forgiving = Q()
    for word in words:
        if len(word) < FORGIVING_LENGTH:
            # A short word typed beside a longer one is taken as the start of a word of the name ("jo" of "joanna").
            forgiving &= Q(**{f"{field}__regex": f"(^| ){re.escape(word)}"})
            continue
        unchanged = _unchanged_part(field, word)
        if unchanged is None:
            forgiving &= Q(**{f"{field}__regex": whole_word_pattern(word)})
        else:
            # The expression asked of lower() so that PostgreSQL checks it on the names the index found, rather
            # than try its trigrams as well.
            forgiving &= unchanged & Q(Regex(Lower(field), whole_word_pattern(word)))
    return NameMatch(as_typed=as_typed, forgiving=forgiving)
