"""The story file: metadata, editorial fixes and the sections a reader steps through."""

from __future__ import annotations

import hashlib
import re
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Self

from pydantic import Field, StringConstraints, model_validator

from storymap.model.datafile import entry_namer, read_yaml, validate
from storymap.model.errors import StoryDataError
from storymap.model.gazetteer import Gazetteer, PlaceId, Strict, Text

STORY_FILE = "story.yaml"
# The story's own words for its About page (Markdown, optional): how its maps were made, and the like.
ABOUT_FILE = "about.md"
SectionId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60)]


class SectionKind(StrEnum):
    """Where a passage stands in the published piece."""

    CAPTION = "caption"
    BODY = "body"
    AUTHOR_NOTE = "author-note"


class Role(StrEnum):
    """How much weight the map gives a place in a section."""

    FOCUS = "focus"
    CONTEXT = "context"


class SectionPlaces(Strict):
    """The places a passage names or means, by role."""

    focus: list[PlaceId] = []
    context: list[PlaceId] = []

    @model_validator(mode="after")
    def _each_place_once(self) -> Self:
        seen = self.focus + self.context
        repeated = sorted({p for p in seen if seen.count(p) > 1})
        if repeated:
            raise ValueError(f"listed more than once: {', '.join(repeated)}")
        return self

    def by_role(self) -> list[tuple[str, Role]]:
        """Every place with its role, focus first, in the order written."""
        return [(p, Role.FOCUS) for p in self.focus] + [(p, Role.CONTEXT) for p in self.context]


class View(Strict):
    """A section's own framing: places to frame, or a centre and zoom."""

    frame: list[PlaceId] | None = None
    center: tuple[float, float] | None = Field(default=None, description="latitude, longitude")
    zoom: int | None = Field(default=None, ge=1, le=12)

    @model_validator(mode="after")
    def _one_kind_of_view(self) -> Self:
        if (self.frame is None) == (self.center is None):
            raise ValueError("give either 'frame' (place ids) or 'center' with 'zoom'")
        if (self.center is None) != (self.zoom is None):
            raise ValueError("'center' and 'zoom' go together")
        return self


class Waiver(Strict):
    """A place name in the text deliberately left unannotated, with the reason."""

    term: Text
    reason: Text


class Section(Strict):
    """One step of the story."""

    id: SectionId
    editorial_title: Text = Field(description="our title, not the author's")
    kind: SectionKind = SectionKind.BODY
    text: Text
    credit: Text | None = None
    places: SectionPlaces = SectionPlaces()
    waive: list[Waiver] = []
    view: View | None = None

    @model_validator(mode="after")
    def _credit_only_on_captions(self) -> Self:
        if self.credit is not None and self.kind is not SectionKind.CAPTION:
            raise ValueError("only a caption section has a credit")
        return self

    def paragraphs(self) -> list[str]:
        """The text's paragraphs: split at blank lines, wrapped lines joined."""
        return [" ".join(block.split()) for block in re.split(r"\n\s*\n", self.text) if block.strip()]


class Fix(Strict):
    """A visible correction of a capture artifact in the source text."""

    section: SectionId
    original: Annotated[str, StringConstraints(min_length=1)] = Field(description="exact source text, spaces kept")
    replacement: str
    note: Text


class Meta(Strict):
    """What the story is and where its text comes from."""

    title: Text = Field(description="the app's title for the story (ours, not the author's)")
    author: Text
    label: Text = "Opinion"
    publication: Text | None = Field(
        default=None, description="where and when the piece was published, as far as the editors could find out"
    )
    source_file: Text
    source_sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    source_note: Text
    titles_note: Text
    notes: list[Text] = []
    fixes: list[Fix] = []
    default_frame: list[PlaceId] = Field(min_length=1, description="the places the map opens on")
    border_policy: Text | None = Field(
        default=None, description="how the story's maps draw disputed borders, shown on About and in the static edition"
    )
    citation: Text | None = Field(
        default=None, description="how to cite the story; the About page adds the date it was accessed"
    )


class StoryFile(Strict):
    """The story file as written."""

    meta: Meta
    sections: list[Section] = Field(min_length=1)


class Story:
    """A validated story whose place ids all exist in the gazetteer."""

    def __init__(self, data: StoryFile, path: Path, source_text: str, about: str | None = None):
        self.path = path
        self.meta = data.meta
        self.sections = data.sections
        self.source_text = source_text
        self.about = about


def load_story(story_dir: Path, gazetteer: Gazetteer) -> Story:
    """Read a story folder and check it against the gazetteer and its source text."""
    path = story_dir / STORY_FILE
    data = validate(path, read_yaml(path), StoryFile, section_of=entry_namer("sections"))
    _check_section_ids(path, data)
    _check_place_ids(path, data, gazetteer)
    _check_fixes(path, data)
    source_text = _read_source(path, story_dir / data.meta.source_file, data.meta.source_sha256)
    return Story(data, path, source_text, _read_about(story_dir / ABOUT_FILE))


def _read_about(path: Path) -> str | None:
    """The story's About text, if it has one; an unreadable file is an error, not a silent gap."""
    if not path.exists():
        return None
    try:
        return path.read_text(encoding="utf-8").strip() or None
    except UnicodeDecodeError as exc:
        raise StoryDataError(path, f"is not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def _check_section_ids(path: Path, data: StoryFile) -> None:
    seen: set[str] = set()
    for index, section in enumerate(data.sections):
        if section.id in seen:
            raise StoryDataError(path, "duplicate section id", section=section.id, field=f"sections[{index}].id")
        seen.add(section.id)


def _check_place_ids(path: Path, data: StoryFile, gazetteer: Gazetteer) -> None:
    for index, place_id in enumerate(data.meta.default_frame):
        if place_id not in gazetteer:
            raise StoryDataError(path, f"unknown place id '{place_id}'", field=f"meta.default_frame[{index}]")
    for index, section in enumerate(data.sections):
        lists = {"places.focus": section.places.focus, "places.context": section.places.context}
        if section.view and section.view.frame:
            lists["view.frame"] = section.view.frame
        for name, ids in lists.items():
            for position, place_id in enumerate(ids):
                if place_id not in gazetteer:
                    field = f"sections[{index}].{name}[{position}]"
                    raise StoryDataError(path, f"unknown place id '{place_id}'", section=section.id, field=field)


def _check_fixes(path: Path, data: StoryFile) -> None:
    ids = {s.id for s in data.sections}
    for index, fix in enumerate(data.meta.fixes):
        field = f"meta.fixes[{index}]"
        if fix.section not in ids:
            raise StoryDataError(path, f"unknown section id '{fix.section}'", field=f"{field}.section")
        section = next(s for s in data.sections if s.id == fix.section)
        landed = " ".join([*section.paragraphs(), section.credit or ""])
        if fix.replacement.strip() and fix.replacement.strip() not in landed:
            raise StoryDataError(
                path, "the replacement is not in the section's text", fix.section, f"{field}.replacement"
            )


def _read_source(story_path: Path, source: Path, sha256: str) -> str:
    try:
        raw = source.read_bytes()
    except FileNotFoundError:
        raise StoryDataError(story_path, f"source text {source.name} not found", field="meta.source_file") from None
    if hashlib.sha256(raw).hexdigest() != sha256:
        raise StoryDataError(source, "differs from the reference recorded in meta.source_sha256; keep it unchanged")
    return raw.decode("utf-8")
