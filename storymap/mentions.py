"""Finding the gazetteer's names, aliases and demonyms in a passage."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from storymap.gazetteer import Gazetteer


@dataclass(frozen=True)
class Mention:
    """A stretch of text that refers to a place."""

    start: int
    end: int
    term: str
    place_id: str


@lru_cache(maxsize=2048)
def _pattern(term: str) -> re.Pattern[str]:
    """Whole-word match; case-insensitive except for acronyms, so 'US' never matches 'us'."""
    flags = 0 if term.isupper() else re.IGNORECASE
    return re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", flags)


def find_mentions(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """Every mention of every gazetteer place, longest first where two overlap."""
    found = [
        Mention(m.start(), m.end(), term, place.id)
        for place in gazetteer.places.values()
        for term in place.terms()
        for m in _pattern(term).finditer(text)
    ]
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    for mention in found:
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept


def unannotated(text: str, gazetteer: Gazetteer, annotated: set[str], waived: set[str]) -> list[Mention]:
    """Mentions of places the section neither lists nor waives by term."""
    waived_lower = {w.lower() for w in waived}
    return [
        m
        for m in find_mentions(text, gazetteer)
        if m.place_id not in annotated and text[m.start : m.end].lower() not in waived_lower
    ]
