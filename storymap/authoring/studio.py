"""A story in the making, as the Studio keeps it: the article, its passages with the places the
draft proposed (why, and how sure), the questions an ambiguous name raises, the author's notes and
sources; and the story folder it becomes, which `check` reads as it reads any other.

The draft (storymap/authoring/proposals.py) does the reading, as `python -m storymap draft` does;
this module only keeps the author's decisions and writes them out. Nothing here knows Streamlit.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from collections import Counter
from enum import StrEnum

import yaml
from pydantic import BaseModel, ValidationError

from storymap.authoring.check import DRAFT_MARK
from storymap.authoring.draft import DraftError, decode_article
from storymap.authoring.proposals import DraftSection, Proposal, draft_sections
from storymap.model.gazetteer import STORY_PLACES_FILE, Gazetteer
from storymap.model.story import STORY_FILE, Role, SectionKind

ARTICLE_FILE = "article.txt"
DRAFT_FILE = "studio-draft.json"
# An op-ed is 5-15 KB of text; a long feature 60 KB. Larger uploads are refused, not truncated.
MAX_ARTICLE_BYTES = 200_000
MAX_ZIP_BYTES = 2_000_000
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown")
NONE_OF_THESE = "-"  # an answer: the name is no place on this map
TITLES_NOTE = "Section titles are ours, written to help you find your way; they are not the author's."
WAIVE_REASON = "the author's choice in the Studio: not a place on this map"


class Sureness(StrEnum):
    """How sure the draft is of a place: named often and plainly; named; or the words name others too."""

    SURE = "sure"
    LIKELY = "likely"
    UNSURE = "unsure"


class Reason(BaseModel):
    """Why the draft proposed a place: the words it came from, and how sure it is."""

    words: list[str]
    weight: int
    sureness: Sureness


class Question(BaseModel):
    """An ambiguous name in a passage: the places it may mean. `answer` is a place id, NONE_OF_THESE,
    or None while the author has not decided."""

    term: str
    why: str
    options: list[str]
    answer: str | None = None


class Passage(BaseModel):
    """One section of the story to be: the article's paragraph(s), our title and the places."""

    id: str
    kind: SectionKind = SectionKind.BODY
    title: str = ""
    text: str
    focus: list[str] = []
    context: list[str] = []
    reasons: dict[str, Reason] = {}
    questions: list[Question] = []
    waived: list[str] = []


class SourceEntry(BaseModel):
    """A source of a place note, as the story's places file holds it."""

    publisher: str
    title: str
    date: str
    url: str | None = None


class PlaceNote(BaseModel):
    """The author's note on a place the map highlights, and the key of its source."""

    note: str
    source: str


class StudioDraft(BaseModel):
    """Everything an author has done in the Studio, kept whole after every change."""

    version: int = 1
    title: str = ""
    author: str = ""
    publication: str = ""
    label: str = "Opinion"
    article: str
    passages: list[Passage]
    notes: dict[str, PlaceNote] = {}
    sources: dict[str, SourceEntry] = {}


def read_upload(name: str, data: bytes) -> str:
    """The text of an uploaded or pasted article; a clear DraftError for anything else."""
    label = name or "the article"
    if name and not name.lower().endswith(ARTICLE_SUFFIXES):
        raise DraftError(f"{label}: only plain text or Markdown (.txt, .md) can be read; save the article as text")
    if len(data) > MAX_ARTICLE_BYTES:
        raise DraftError(
            f"{label}: is {len(data) // 1000} KB; the Studio reads articles up to {MAX_ARTICLE_BYTES // 1000} KB"
        )
    return decode_article(data, label)


def new_draft(
    text: str, gazetteer: Gazetteer, *, title: str = "", author: str = "", publication: str = ""
) -> StudioDraft:
    """The draft's reading of an article, as passages the author goes through."""
    sections = draft_sections(text, gazetteer)
    return StudioDraft(
        title=title,
        author=author,
        publication=publication,
        article=text,
        passages=[_passage(section) for section in sections],
    )


def _passage(section: DraftSection) -> Passage:
    proposals = section.proposals
    questions = [
        Question(term=p.words[0], why="; ".join(p.flags), options=[p.place_id, *p.others])
        for p in proposals
        if p.others or p.flags
    ]
    questions += [Question(term=u.term, why=u.why, options=[]) for u in section.unplaced]
    return Passage(
        id=section.id,
        kind=section.kind,
        text=section.text,
        focus=[p.place_id for p in proposals if p.role is Role.FOCUS],
        context=[p.place_id for p in proposals if p.role is Role.CONTEXT],
        reasons={p.place_id: _reason(p) for p in proposals},
        questions=questions,
    )


def _reason(proposal: Proposal) -> Reason:
    if proposal.others or proposal.flags:
        sureness = Sureness.UNSURE
    elif proposal.weight >= 4:
        sureness = Sureness.SURE
    else:
        sureness = Sureness.LIKELY
    return Reason(words=proposal.words, weight=proposal.weight, sureness=sureness)


def open_questions(draft: StudioDraft) -> list[tuple[Passage, int]]:
    """The review queue: every ambiguous name not yet decided, as (passage, question index)."""
    return [(p, i) for p in draft.passages for i, q in enumerate(p.questions) if q.answer is None]


def answer(passage: Passage, index: int, choice: str) -> None:
    """Decide a question: the place the name means (it takes the proposed one's role, or context),
    or NONE_OF_THESE (the proposed place goes, and the name is waived)."""
    question = passage.questions[index]
    proposed = question.options[0] if question.options else None
    previous = question.answer if question.answer not in (None, NONE_OF_THESE) else proposed
    role = _role_of(passage, previous) if previous else None
    if previous:
        _remove(passage, previous)
    if choice == NONE_OF_THESE:
        if question.term not in passage.waived:
            passage.waived.append(question.term)
    else:
        if question.term in passage.waived:
            passage.waived.remove(question.term)
        _place(passage, choice, role or Role.CONTEXT)
    question.answer = choice


def set_role(passage: Passage, place_id: str, role: Role | None) -> None:
    """Move a place between focus and context, or drop it (None): a dropped place's words are
    waived, so the check does not ask for it again."""
    _remove(passage, place_id)
    if role is None:
        reason = passage.reasons.get(place_id)
        for words in reason.words if reason else []:
            if words not in passage.waived:
                passage.waived.append(words)
    else:
        _place(passage, place_id, role)


def _role_of(passage: Passage, place_id: str) -> Role | None:
    if place_id in passage.focus:
        return Role.FOCUS
    return Role.CONTEXT if place_id in passage.context else None


def _remove(passage: Passage, place_id: str) -> None:
    passage.focus = [p for p in passage.focus if p != place_id]
    passage.context = [p for p in passage.context if p != place_id]


def _place(passage: Passage, place_id: str, role: Role) -> None:
    _remove(passage, place_id)
    (passage.focus if role is Role.FOCUS else passage.context).append(place_id)


def merge_with_next(draft: StudioDraft, index: int) -> None:
    """Join a passage and the next into one section (their paragraphs, places and questions)."""
    first, second = draft.passages[index], draft.passages[index + 1]
    first.text = f"{first.text}\n\n{second.text}"
    first.focus += [p for p in second.focus if p not in first.focus + first.context]
    first.context += [p for p in second.context if p not in first.focus + first.context]
    first.reasons = {**second.reasons, **first.reasons}
    first.questions += second.questions
    first.waived += [w for w in second.waived if w not in first.waived]
    del draft.passages[index + 1]


def split(draft: StudioDraft, index: int, gazetteer: Gazetteer) -> None:
    """Undo a merge: each paragraph of a passage becomes a passage of its own, read afresh."""
    passage = draft.passages[index]
    paragraphs = passage.text.split("\n\n")
    if len(paragraphs) < 2:
        return
    taken = {p.id for p in draft.passages}
    parts = []
    for n, paragraph in enumerate(paragraphs):
        part = _passage(draft_sections(paragraph, gazetteer)[0])
        part.id = passage.id if n == 0 else _free_id(f"{passage.id}-{n + 1}", taken)
        part.kind = passage.kind if n == 0 else SectionKind.BODY
        part.title = passage.title if n == 0 else ""
        parts.append(part)
    draft.passages[index : index + 1] = parts


def _free_id(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def highlighted(draft: StudioDraft) -> list[str]:
    """Every place the map highlights somewhere in the story, in order of first appearance."""
    return list(dict.fromkeys(p for passage in draft.passages for p in passage.focus + passage.context))


def story_files(draft: StudioDraft) -> dict[str, bytes]:
    """The story folder the draft becomes: story.yaml, places.yaml, the article, and the draft itself
    (so the folder's zip opens again in the Studio)."""
    raw = draft.article.encode("utf-8")
    return {
        STORY_FILE: _yaml(_story_data(draft, hashlib.sha256(raw).hexdigest())),
        STORY_PLACES_FILE: _yaml(_places_data(draft)),
        ARTICLE_FILE: raw,
        DRAFT_FILE: draft.model_dump_json(indent=1).encode("utf-8"),
    }


def _story_data(draft: StudioDraft, sha256: str) -> dict[str, object]:
    focus_counts = Counter(p for passage in draft.passages for p in passage.focus)
    default_frame = [p for p, _ in focus_counts.most_common(3)] or highlighted(draft)[:3]
    meta: dict[str, object] = {
        "title": draft.title.strip() or f"{DRAFT_MARK} our title for the story",
        "author": draft.author.strip() or f"{DRAFT_MARK} the author's name",
        "label": draft.label.strip() or "Opinion",
        "source_file": ARTICLE_FILE,
        "source_sha256": sha256,
        "source_note": _source_note(draft),
        "titles_note": TITLES_NOTE,
        "default_frame": default_frame,
    }
    if draft.publication.strip():
        meta["publication"] = draft.publication.strip()
    return {"meta": meta, "sections": [_section_data(p) for p in draft.passages]}


def _source_note(draft: StudioDraft) -> str:
    if not draft.author.strip():
        return f"{DRAFT_MARK} who wrote it, where and when it appeared"
    where = f", {draft.publication.strip()}" if draft.publication.strip() else ""
    return f"By {draft.author.strip()}{where}. The views in it are the author's."


def _section_data(passage: Passage) -> dict[str, object]:
    title = passage.title.strip() or f"{DRAFT_MARK} {' '.join(passage.text.split()[:6])}"
    section: dict[str, object] = {"id": passage.id, "editorial_title": title}
    if passage.kind is not SectionKind.BODY:
        section["kind"] = passage.kind.value
    section["text"] = passage.text
    places = {role: ids for role, ids in (("focus", passage.focus), ("context", passage.context)) if ids}
    if places:
        section["places"] = places
    waived = [w for w in passage.waived if w.casefold() in passage.text.casefold()]
    if waived:
        section["waive"] = [{"term": w, "reason": WAIVE_REASON} for w in waived]
    return section


def _places_data(draft: StudioDraft) -> dict[str, object]:
    used = set(highlighted(draft))
    notes = {p: n for p, n in draft.notes.items() if p in used and n.note.strip()}
    keys = {n.source for n in notes.values()}
    sources = {k: s.model_dump(exclude_none=True) for k, s in draft.sources.items() if k in keys}
    return {
        "sources": sources,
        "places": [{"id": p, "note": n.note.strip(), "source": n.source} for p, n in notes.items()],
    }


def _yaml(data: dict[str, object]) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100).encode("utf-8")


def folder_zip(draft: StudioDraft) -> bytes:
    """The story folder as a zip: unpack it and run `python -m storymap check` or `--story` on it."""
    return zip_files(story_files(draft))


def zip_files(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in sorted(files.items()):
            archive.writestr(name, content)
    return buffer.getvalue()


def draft_from_zip(data: bytes) -> StudioDraft:
    """A draft saved as its folder's zip, opened again; a clear DraftError for anything else."""
    if len(data) > MAX_ZIP_BYTES:
        raise DraftError(f"the zip is {len(data) // 1000} KB; a saved draft is at most {MAX_ZIP_BYTES // 1000} KB")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo(DRAFT_FILE)
            if info.file_size > MAX_ZIP_BYTES:
                raise DraftError(f"{DRAFT_FILE} in the zip is too large to be a saved draft")
            body = archive.read(info)
    except (zipfile.BadZipFile, KeyError, OSError):
        raise DraftError(f"not a draft saved by the Studio (a zip holding {DRAFT_FILE})") from None
    try:
        return StudioDraft.model_validate(json.loads(body.decode("utf-8")))
    except (ValueError, ValidationError):
        raise DraftError(f"{DRAFT_FILE} in the zip is damaged; it cannot be opened") from None


SLUG = re.compile(r"[^a-z0-9]+")


def file_stem(draft: StudioDraft) -> str:
    """A file name for the draft's downloads, from its title."""
    return SLUG.sub("-", draft.title.lower()).strip("-")[:40] or "story"


def search_places(gazetteer: Gazetteer, query: str, limit: int = 20) -> list[str]:
    """Places whose name or other name contains `query`, a whole-name match first, then a start."""
    wanted = query.strip().casefold()
    if len(wanted) < 2:
        return []
    names: dict[str, list[str]] = {p.id: [p.name, *(a.name for a in p.aliases)] for p in gazetteer.places.values()}
    if gazetteer.world:
        for entry in gazetteer.world.ranked():
            names.setdefault(entry.id, [entry.name, *entry.aliases])
    scored = []
    for order, (place_id, terms) in enumerate(names.items()):
        folded = [t.casefold() for t in terms]
        if any(wanted in t for t in folded):
            score = 0 if wanted in folded else 1 if any(t.startswith(wanted) for t in folded) else 2
            scored.append((score, order, place_id))
    return [place_id for _, _, place_id in sorted(scored)[:limit]]
