"""A first reading of an article: its sections, and the places each one names, with a role.

How a role is proposed (the editor decides): a place's weight in a passage is two for each time
it is named (its name or another name) and one for each time only its people are (a demonym:
"Israeli weapons"). A place weighing three or more is in focus; so, when none does, are the places
of the highest weight, the most specific kind first (a caption's city before its country). The
rest are context. Implied places ("the territories bordering Iran") are left to the editor.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from storymap.model.gazetteer import Gazetteer, PlaceKind
from storymap.model.mentions import Mention, find_mentions
from storymap.model.story import Role, SectionKind

FOCUS_WEIGHT = 3
# A line this short, not ending a sentence, is a caption or a credit line, not a paragraph.
CAPTION_MAX_WORDS = 20
# An author's note: the last paragraph, opening with a name and "is a/an/the"; or a short byline.
AUTHOR_NOTE = re.compile(r"^[A-Z][\w.'’-]*( [A-Z][\w.'’-]*)* is (a|an|the) ")
BYLINE = re.compile(r"^By [A-Z]")
ID_WORDS = 5
SPECIFIC_FIRST = (PlaceKind.CITY, PlaceKind.PROVINCE, PlaceKind.REGION, PlaceKind.COUNTRY)


@dataclass
class Proposal:
    """A place a passage names, how, and what the editor should look at."""

    place_id: str
    role: Role = Role.CONTEXT
    words: list[str] = field(default_factory=list)
    weight: int = 0
    flags: list[str] = field(default_factory=list)
    others: list[str] = field(default_factory=list)  # places the same words also name


@dataclass(frozen=True)
class Unplaced:
    """An ambiguous phrase a passage holds with no place proposed for it (e.g. "the Gulf")."""

    term: str
    why: str

    def __str__(self) -> str:
        return f"“{self.term}”: {self.why}"


@dataclass(frozen=True)
class DraftSection:
    """One paragraph of the article as a section to edit."""

    id: str
    kind: SectionKind
    text: str
    proposals: list[Proposal]
    unplaced: list[Unplaced]


def paragraphs(text: str) -> list[str]:
    """The article's paragraphs: its non-empty lines, as the story's text check reads the source."""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def kind_of(paragraph: str, index: int, count: int) -> SectionKind:
    """Caption for a short line that ends no sentence; author's note for a byline or a closing biography."""
    short = len(paragraph.split()) <= CAPTION_MAX_WORDS
    if (index == count - 1 and count > 1 and AUTHOR_NOTE.match(paragraph)) or (short and BYLINE.match(paragraph)):
        return SectionKind.AUTHOR_NOTE
    if short and not paragraph.rstrip("”\"')’").endswith((".", "!", "?", ":")):
        return SectionKind.CAPTION
    return SectionKind.BODY


def section_id(paragraph: str, taken: set[str]) -> str:
    """A readable id from the paragraph's first words; the same text always gives the same id."""
    ascii_text = unicodedata.normalize("NFKD", paragraph).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)[:ID_WORDS] or ["section"]
    base = "-".join(words)[:50].strip("-")
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def propose(text: str, gazetteer: Gazetteer) -> tuple[list[Proposal], list[Unplaced]]:
    """The places a passage names, with roles and flags, and the ambiguous phrases left unplaced."""
    by_place: dict[str, Proposal] = {}
    for mention in find_mentions(text, gazetteer):
        words = text[mention.start : mention.end]
        proposal = by_place.setdefault(mention.place_id, Proposal(mention.place_id))
        proposal.weight += 1 if words.casefold() in _demonyms(mention.place_id, gazetteer) else 2
        if words not in proposal.words:
            proposal.words.append(words)
        proposal.flags.extend(f for f in _flags(mention, words, gazetteer) if f not in proposal.flags)
        proposal.others.extend(o for o in mention.others if o not in proposal.others)
    proposals = list(by_place.values())
    _assign_roles(proposals, gazetteer)
    return proposals, _unplaced(text, gazetteer, {w for p in proposals for w in p.words})


def _demonyms(place_id: str, gazetteer: Gazetteer) -> set[str]:
    return {d.casefold() for d in gazetteer[place_id].demonyms}


def _flags(mention: Mention, words: str, gazetteer: Gazetteer) -> list[str]:
    flags = []
    if mention.others:
        others = ", ".join(f"{gazetteer[o].name} ({o})" for o in mention.others[:3])
        flags.append(f"“{words}” also names {others}{' and more' if len(mention.others) > 3 else ''}")
    rule = gazetteer.world.ambiguous.get(words.casefold()) if gazetteer.world else None
    if rule:
        flags.append(f"“{words}”: {rule[1]}")
    return flags


def _assign_roles(proposals: list[Proposal], gazetteer: Gazetteer) -> None:
    heavy = [p for p in proposals if p.weight >= FOCUS_WEIGHT]
    if not heavy and proposals:
        top = max(p.weight for p in proposals)
        tied = [p for p in proposals if p.weight == top]
        specific = min(SPECIFIC_FIRST.index(gazetteer[p.place_id].kind) for p in tied)
        heavy = [p for p in tied if SPECIFIC_FIRST.index(gazetteer[p.place_id].kind) == specific]
    for proposal in heavy:
        proposal.role = Role.FOCUS


def _unplaced(text: str, gazetteer: Gazetteer, placed: set[str]) -> list[Unplaced]:
    """Ambiguous phrases of the names file that the passage contains but no proposal covers."""
    if gazetteer.world is None:
        return []
    found = []
    for term, why in gazetteer.world.ambiguous.values():
        if term not in placed and re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text):
            found.append(Unplaced(term, why))
    return found


def draft_sections(text: str, gazetteer: Gazetteer) -> list[DraftSection]:
    """The article's paragraphs as sections, with proposed places."""
    paras = paragraphs(text)
    taken: set[str] = set()
    sections = []
    for index, paragraph in enumerate(paras):
        proposals, unplaced = propose(paragraph, gazetteer)
        sections.append(
            DraftSection(
                id=section_id(paragraph, taken),
                kind=kind_of(paragraph, index, len(paras)),
                text=paragraph,
                proposals=proposals,
                unplaced=unplaced,
            )
        )
    return sections
