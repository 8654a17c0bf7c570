"""Every check a story folder must pass before readers see it, as one report an editor can work through.

The same checks the test suite runs on our own story, for any folder: the text against its
source, every place name annotated or waived, every place drawable, every highlighted place with
a note and a source, and titles written rather than drafted.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from storymap.model.errors import StoryDataError
from storymap.model.gazetteer import Gazetteer
from storymap.model.mentions import unannotated
from storymap.model.project import Geodata, load_geodata, load_project
from storymap.model.reference import FixNotFoundError, expected_paragraphs
from storymap.model.shapes import ShapeIndex, drawable
from storymap.model.story import STORY_FILE, Section, Story

# What `python -m storymap draft` puts before every title and field an editor still has to write.
DRAFT_MARK = "[draft]"


@dataclass(frozen=True)
class Problem:
    """One thing to fix, located as the app's own errors are: file, section, field."""

    file: str
    message: str
    section: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        return str(StoryDataError(self.file, self.message, self.section, self.field))


def check_folder(story_dir: Path, geodata_dir: Path) -> list[Problem]:
    """Every problem of a story folder; a file that does not load is one problem, reported alone."""
    return check_project(story_dir, load_geodata(geodata_dir))


def check_project(story_dir: Path, geodata: Geodata) -> list[Problem]:
    """Every problem of a story folder against geodata already read (the Studio checks at every change)."""
    try:
        project = load_project(story_dir, geodata)
    except StoryDataError as exc:
        return [_problem(exc)]
    story, gazetteer, shapes = project.story, project.gazetteer, project.shapes
    file = str(story.path)
    problems = [
        *_text_problems(story, file),
        *_title_problems(story, file),
        *(p for index, s in enumerate(story.sections) for p in _section_problems(s, index, gazetteer, shapes, file)),
    ]
    if not problems:
        try:  # what the app does next; anything the checks above do not cover fails here
            project.resolved  # noqa: B018
        except StoryDataError as exc:
            return [_problem(exc)]
    return problems


def _problem(error: StoryDataError) -> Problem:
    return Problem(error.file, error.message, error.section, error.field)


def _text_problems(story: Story, file: str) -> list[Problem]:
    """The sections, read in order, must say what the source says after the documented fixes."""
    try:
        expected = expected_paragraphs(story)
    except FixNotFoundError as exc:
        return [Problem(file, str(exc), field="meta.fixes")]
    told = [(s.id, p) for s in story.sections for p in [*s.paragraphs(), *([s.credit] if s.credit else [])]]
    for position, (section_id, paragraph) in enumerate(told):
        if position >= len(expected):
            return [Problem(file, "this text is not in the source", section_id, "text")]
        if paragraph != expected[position]:
            hint = f"the source has “{_clip(expected[position])}” where the story has “{_clip(paragraph)}”"
            return [Problem(file, f"differs from the source: {hint}", section_id, "text")]
    if len(told) < len(expected):
        return [Problem(file, f"the source goes on: “{_clip(expected[len(told)])}” is in no section")]
    return []


def _clip(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _title_problems(story: Story, file: str) -> list[Problem]:
    meta = story.meta
    problems = [
        Problem(file, "still the draft's placeholder; write ours", field=f"meta.{name}")
        for name, value in (("title", meta.title), ("author", meta.author), ("source_note", meta.source_note))
        if value.startswith(DRAFT_MARK)
    ]
    problems += [
        Problem(file, "still the draft's placeholder title; write ours", s.id, f"sections[{index}].editorial_title")
        for index, s in enumerate(story.sections)
        if s.editorial_title.startswith(DRAFT_MARK)
    ]
    return problems


def _section_problems(
    section: Section, index: int, gazetteer: Gazetteer, shapes: ShapeIndex, file: str
) -> list[Problem]:
    text = "\n\n".join(section.paragraphs())
    annotated = set(section.places.focus + section.places.context)
    problems = [
        Problem(
            file,
            f"“{text[m.start : m.end]}” names {_named(m.candidates(), gazetteer)}, which the section does not "
            "list: add it to places, or waive the term with a reason",
            section.id,
            f"sections[{index}].places",
        )
        for m in unannotated(text, gazetteer, annotated, {w.term for w in section.waive})
    ]
    for place_id, role in section.places.by_role():
        field = f"sections[{index}].places.{role.value}[{_role_index(section, place_id)}]"
        place = gazetteer[place_id]
        if not drawable(place_id, gazetteer, shapes):
            problems.append(
                Problem(file, f"'{place_id}' has no shape: run the shape build with this story", section.id, field)
            )
        if place.note is None:
            problems.append(
                Problem(
                    file,
                    f"'{place_id}' ({place.name}) is highlighted but has no note and source: add them to the "
                    "story's places.yaml",
                    section.id,
                    field,
                )
            )
    unused = [w.term for w in section.waive if w.term.casefold() not in text.casefold()]
    problems += [Problem(file, f"waives “{t}”, which the text does not contain", section.id, "waive") for t in unused]
    return problems


def _role_index(section: Section, place_id: str) -> int:
    listed = section.places.focus if place_id in section.places.focus else section.places.context
    return listed.index(place_id)


def _named(candidates: tuple[str, ...], gazetteer: Gazetteer) -> str:
    names = [f"{gazetteer[c].name} ({c})" for c in candidates[:3]]
    return " or ".join(names) + (" or others" if len(candidates) > 3 else "")


def report(story_dir: Path, geodata_dir: Path) -> tuple[str, int]:
    """The check's report and exit code: 0 when the folder is ready for readers."""
    problems = check_folder(story_dir, geodata_dir)
    if not problems:
        return f"{story_dir}: no problems; every check passed ({STORY_FILE}, source, places, notes, titles)", 0
    lines = [str(p) for p in problems]
    lines.append(f"{len(problems)} problem{'s' if len(problems) > 1 else ''} in {story_dir}")
    return "\n".join(lines), 1
