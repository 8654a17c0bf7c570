"""Finding the gazetteer's names, aliases and demonyms in a passage.

A passage is read word by word: each word looks up the names that start with it, so the whole
world gazetteer (tens of thousands of names) costs no more per passage than a handful.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from storymap.model.gazetteer import Gazetteer, Place

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Term:
    """A form of words that names a place."""

    text: str
    place_id: str
    # World names count only where the text capitalises them: 'Reading', not 'reading'.
    proper: bool = False

    def matches(self, segment: str) -> bool:
        """Whether a stretch of text of the term's length is this term. Acronyms match their case
        exactly, so 'US' never matches 'us'; other words in any case, proper names capitalised."""
        if self.text.isupper():
            return segment == self.text
        if self.proper and self.text[:1].isupper() and not segment[:1].isupper():
            return False
        return segment.casefold() == self.text.casefold()


@dataclass(frozen=True)
class Mention:
    """A stretch of text that refers to a place (and, where the same words name several, to others)."""

    start: int
    end: int
    term: str
    place_id: str
    others: tuple[str, ...] = ()

    def candidates(self) -> tuple[str, ...]:
        """Every place the words may mean, the one proposed first."""
        return (self.place_id, *self.others)


class TermIndex:
    """Terms by their first word, casefolded; a term given earlier wins where two name the same words."""

    def __init__(self, terms: Iterable[Term]):
        # Each term with how many characters come before its first word ('<b>Baku' has 3).
        self._by_first: dict[str, list[tuple[Term, int]]] = {}
        for term in terms:
            first = _WORD.search(term.text)
            if first is not None:
                self._by_first.setdefault(first.group().casefold(), []).append((term, first.start()))

    def find(self, text: str) -> list[Mention]:
        """Every whole-word mention, longest first where two overlap."""
        spans: dict[tuple[int, int], list[Term]] = {}
        for word in _WORD.finditer(text):
            for term, lead in self._by_first.get(word.group().casefold(), ()):
                start = word.start() - lead
                end = start + len(term.text)
                if start < 0 or _word_char(text[start - 1 : start]) or _word_char(text[end : end + 1]):
                    continue
                if term.matches(text[start:end]):
                    spans.setdefault((start, end), []).append(term)
        kept: list[Mention] = []
        for (start, end), terms in sorted(spans.items(), key=lambda item: (item[0][0], -item[0][1])):
            if kept and start < kept[-1].end:
                continue
            ids = list(dict.fromkeys(t.place_id for t in terms))
            kept.append(Mention(start, end, terms[0].text, ids[0], tuple(ids[1:])))
        return kept


def _word_char(char: str) -> bool:
    return bool(char) and (char.isalnum() or char == "_")


def place_terms(places: Iterable[Place]) -> list[Term]:
    """The terms of the given places, in order."""
    return [Term(term, place.id) for place in places for term in place.terms()]


def gazetteer_terms(gazetteer: Gazetteer) -> list[Term]:
    """Every term of the gazetteer: its own places' first, then the world's for the names they do
    not claim (the hand-written entries stay authoritative), leaving out the words the world's
    names file ignores."""
    own = place_terms(gazetteer.places.values())
    if gazetteer.world is None:
        return own
    claimed = {t.text.casefold() for t in own} | gazetteer.world.ignored
    world = [
        Term(text, entry.id, proper=True)
        for entry in gazetteer.world.ranked()
        if entry.id not in gazetteer.places
        for text in entry.terms()
        if text.casefold() not in claimed
    ]
    return own + world


@lru_cache(maxsize=8)
def _index(gazetteer: Gazetteer) -> TermIndex:
    return TermIndex(gazetteer_terms(gazetteer))


def find_mentions(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """Every mention of every place the gazetteer knows, longest first where two overlap."""
    return _index(gazetteer).find(text)


def unannotated(text: str, gazetteer: Gazetteer, annotated: set[str], waived: set[str]) -> list[Mention]:
    """Mentions of places the section neither lists nor waives by term."""
    waived_lower = {w.casefold() for w in waived}
    return [
        m
        for m in find_mentions(text, gazetteer)
        if annotated.isdisjoint(m.candidates()) and text[m.start : m.end].casefold() not in waived_lower
    ]
