"""`python -m storymap draft ARTICLE DIR`: a story folder to edit, from an article's text.

The draft proposes; the editor decides. It copies the article unchanged (the reference the
story is checked against), splits it into sections, and writes YAML in which every place is a
proposal with the words it came from, and everything still to write is marked DRAFT_MARK.
"""

from __future__ import annotations

import hashlib
import json
import textwrap
from pathlib import Path

from storymap.authoring.check import DRAFT_MARK
from storymap.authoring.proposals import DraftSection, Proposal, draft_sections
from storymap.model.gazetteer import STORY_PLACES_FILE, Gazetteer
from storymap.model.story import STORY_FILE, Role, SectionKind

TEXT_WIDTH = 92
# Names the source copy must not take, since the story folder's own files have them.
RESERVED_NAMES = {STORY_FILE, STORY_PLACES_FILE, "timeline.yaml", "classroom.yaml"}
DEFAULT_FRAME_SIZE = 3


class DraftError(Exception):
    """An article the draft cannot start from, or a folder it must not write into."""


def read_article(path: Path) -> tuple[bytes, str]:
    """The article's bytes (copied as they are) and its text; refuses what is not plain text."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DraftError(f"{path}: no such file") from None
    except OSError as exc:
        raise DraftError(f"{path}: cannot be read ({exc.strerror or type(exc).__name__})") from None
    return raw, decode_article(raw, str(path))


def decode_article(raw: bytes, label: str) -> str:
    """The text of an article's bytes; refuses binary, non-UTF-8 and empty input, naming `label`."""
    if b"\x00" in raw:
        raise DraftError(f"{label}: is a binary file, not text; save the article as plain UTF-8 text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DraftError(f"{label}: is not UTF-8 text (byte {exc.start}); save it as plain UTF-8 text") from None
    if not text.strip():
        raise DraftError(f"{label}: is empty; there is no text to draft from")
    return text


def write_draft(article: Path, out_dir: Path, gazetteer: Gazetteer) -> list[Path]:
    """Write the draft folder and return the files written; writes nothing if anything is wrong."""
    raw, text = read_article(article)
    if (out_dir / STORY_FILE).exists():
        raise DraftError(f"{out_dir}: already holds a {STORY_FILE}; draft into a new folder (nothing written)")
    if out_dir.exists() and not out_dir.is_dir():
        raise DraftError(f"{out_dir}: is a file, not a folder (nothing written)")
    copy_name = article.name if article.name not in RESERVED_NAMES else f"source-{article.name}"
    sections = draft_sections(text, gazetteer)
    files = {
        copy_name: raw,
        STORY_FILE: story_yaml(sections, copy_name, hashlib.sha256(raw).hexdigest(), gazetteer).encode(),
        STORY_PLACES_FILE: places_yaml(sections, gazetteer).encode(),
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in files.items():
        (out_dir / name).write_bytes(content)
        written.append(out_dir / name)
    return written


def story_yaml(sections: list[DraftSection], source_file: str, sha256: str, gazetteer: Gazetteer) -> str:
    """The story file: comments for the editor, then meta and every section."""
    lines = [
        f"# A first draft by `python -m storymap draft`, from {source_file}. Write everything marked",
        f"# {DRAFT_MARK}; every place is a proposal (the comment above it names the words it came from):",
        "# keep it, move it between focus and context, or delete it, and add the places the text means",
        "# without naming them. Focus: a place named twice or more (its people count half); when none",
        "# is, the most named, most specific place. Then run `python -m storymap check` on this folder",
        "# until it reports no problems. Field reference: docs/story-format.md.",
        "",
        "meta:",
        f"  title: {_q(DRAFT_MARK + ' our title for the story, not the author’s')}",
        f"  author: {_q(DRAFT_MARK + ' the author’s name')}",
        "  label: Opinion  # what the piece is, shown beside it: Opinion, Analysis, Report…",
        f"  source_file: {_q(source_file)}",
        f"  source_sha256: {sha256}",
        f"  source_note: {_q(DRAFT_MARK + ' who wrote it, where and when it appeared; its views are the author’s')}",
        "  titles_note: Section titles are ours, written to help you find your way; they are not the author's.",
        f"  default_frame: {_ids(_default_frame(sections))}  # framed before a section is chosen",
        "",
        "sections:",
    ]
    for section in sections:
        lines += _section_lines(section, gazetteer)
    return "\n".join(lines) + "\n"


def _section_lines(section: DraftSection, gazetteer: Gazetteer) -> list[str]:
    title = "About the author" if section.kind is SectionKind.AUTHOR_NOTE else " ".join(section.text.split()[:6])
    lines = [
        f"  - id: {section.id}",
        f"    editorial_title: {_q(f'{DRAFT_MARK} {title}')}",
    ]
    if section.kind is not SectionKind.BODY:
        lines.append(f"    kind: {section.kind.value}")
    lines.append("    text: |-")
    lines += [f"      {line}" for line in _wrap(section.text)]
    lines += [f"    # check: {flag}" for flag in section.unplaced]
    if section.proposals:
        lines.append("    places:")
        for role in Role:
            chosen = [p for p in section.proposals if p.role is role]
            for proposal in chosen:
                lines.append(f"      # {_explained(proposal, gazetteer)}")
                lines += [f"      #   check: {flag}" for flag in proposal.flags]
            lines.append(f"      {role.value}: {_ids([p.place_id for p in chosen])}")
    lines.append("")
    return lines


def _explained(proposal: Proposal, gazetteer: Gazetteer) -> str:
    place = gazetteer[proposal.place_id]
    words = ", ".join(f"“{w}”" for w in proposal.words)
    return f"{proposal.place_id}: {place.name} ({place.kind.value}), from {words}"


def _wrap(text: str) -> list[str]:
    """Lines for a YAML block; never broken at a hyphen, so joining them gives the text back."""
    return textwrap.wrap(text, TEXT_WIDTH, break_on_hyphens=False, break_long_words=False) or [text]


def _default_frame(sections: list[DraftSection]) -> list[str]:
    """The places most often in focus: what the story as a whole is about."""
    counts: dict[str, int] = {}
    for section in sections:
        for proposal in section.proposals:
            if proposal.role is Role.FOCUS:
                counts[proposal.place_id] = counts.get(proposal.place_id, 0) + 1
    return sorted(counts, key=lambda pid: -counts[pid])[:DEFAULT_FRAME_SIZE]


def places_yaml(sections: list[DraftSection], gazetteer: Gazetteer) -> str:
    """The story's own place notes: empty, with every proposed place still without a note listed."""
    missing = dict.fromkeys(p.place_id for s in sections for p in s.proposals if gazetteer[p.place_id].note is None)
    lines = [
        "# Notes on the story's places, over the gazetteers of geodata/ (the hand-written one and the",
        "# world's). Every place the map highlights needs a note (one or two neutral sentences) and the",
        "# key of its source; `python -m storymap check` lists those still missing. An entry for a known",
        "# place gives only what it adds: its id, note and source.",
        "sources: {}",
        "#  factbook-france:",
        "#    publisher: Central Intelligence Agency",
        '#    title: "The World Factbook: France"',
        "#    date: edition with 2024 estimates",
        "places: []",
    ]
    if missing:
        lines.append("# Proposed places without a note yet:")
    for place_id in missing:
        place = gazetteer[place_id]
        lines += [f"#  - id: {place_id}  # {place.name} ({place.kind.value})", "#    note: …", "#    source: …"]
    return "\n".join(lines) + "\n"


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _ids(ids: list[str]) -> str:
    return "[" + ", ".join(ids) + "]"
