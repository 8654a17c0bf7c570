"""The docs keep the code's promises, in datasette's manner: every setting, story-file field and make
target has an entry in its page, the README stays a door, and every relative link leads somewhere.

Each list is read from the code (the settings module, the pydantic models that validate a story
folder, the Makefile), so a new setting, field or target fails here until it is documented.
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import re
import typing
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import BaseModel

import storymap.model
from storymap import settings
from storymap.model.classroom import CLASSROOM_FILE, ClassroomFile
from storymap.model.gazetteer import STORY_PLACES_FILE, GazetteerFile, Strict
from storymap.model.story import STORY_FILE, StoryFile
from storymap.model.timeline import TIMELINE_FILE, TimelineFile

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
README_MAX_LINES = 150
# Each file of a story folder and the model that validates it; the page has a `## `file`` section each.
STORY_FILES: dict[str, type[BaseModel]] = {
    STORY_FILE: StoryFile,
    STORY_PLACES_FILE: GazetteerFile,
    TIMELINE_FILE: TimelineFile,
    CLASSROOM_FILE: ClassroomFile,
}
PAGES = sorted(DOCS.glob("*.md"))
LINKED = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *PAGES]


def _prose(path: Path) -> str:
    """A Markdown file without its fenced code blocks, where backticks and brackets are literal."""
    return re.sub(r"^```.*?^```", "", path.read_text(encoding="utf-8"), flags=re.MULTILINE | re.DOTALL)


def _code_spans(text: str) -> list[str]:
    """The inline code spans of Markdown text (a span may wrap onto the next line)."""
    return [" ".join(span.split()) for span in re.findall(r"`([^`]+)`", text)]


def _section(text: str, heading: str) -> str | None:
    """The part of a page under the level-2 heading that contains `heading`, up to the next one."""
    parts = re.split(r"^(?=## )", text, flags=re.MULTILINE)
    return next((part for part in parts if part.startswith("## ") and heading in part.splitlines()[0]), None)


def _models(annotation: object) -> Iterator[type[BaseModel]]:
    """The pydantic models inside a field's annotation: `list[Section]`, `dict[str, Source] | None`…"""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for argument in typing.get_args(annotation):
        yield from _models(argument)


def _field_tree(model: type[BaseModel], seen: set[type[BaseModel]]) -> Iterator[tuple[type[BaseModel], str]]:
    """Every (model, field name) a file's model declares, nested models included, each model once."""
    if model in seen:
        return
    seen.add(model)
    for name, info in model.model_fields.items():
        yield model, info.alias or name
        for nested in _models(info.annotation):
            yield from _field_tree(nested, seen)


def _strict_models() -> set[type[BaseModel]]:
    """Every model of a story-folder file: the subclasses of `Strict` in any module of storymap.model."""
    for module in pkgutil.iter_modules(storymap.model.__path__):
        importlib.import_module(f"storymap.model.{module.name}")
    found: set[type[BaseModel]] = set()
    pending: list[type[BaseModel]] = [Strict]
    while pending:
        for subclass in pending.pop().__subclasses__():
            found.add(subclass)
            pending.append(subclass)
    return found


def _story_fields() -> list[tuple[str, type[BaseModel], str]]:
    """(file, model, field) for every field the validating models declare, file by file."""
    return [(file, model, field) for file, root in STORY_FILES.items() for model, field in _field_tree(root, set())]


def _make_targets() -> list[str]:
    """The Makefile's targets: its .PHONY line and every rule named in plain words (not file targets)."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    phony = [name for line in re.findall(r"^\.PHONY:(.*)$", makefile, re.MULTILINE) for name in line.split()]
    rules = re.findall(r"^([A-Za-z][\w-]*)\s*:(?!=)", makefile, re.MULTILINE)
    return sorted(set(phony) | set(rules))


def _slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    """Every anchor a Markdown file's headings give (a repeated heading's gets -1, -2…)."""
    anchors: set[str] = set()
    for heading in re.findall(r"^#{1,6} (.+?)#*$", _prose(path), re.MULTILINE):
        slug, n = _slug(heading), 0
        while (candidate := slug if n == 0 else f"{slug}-{n}") in anchors:
            n += 1
        anchors.add(candidate)
    return anchors


def _relative_links(path: Path) -> list[str]:
    """The targets of a Markdown file's links and images that are neither absolute URLs nor mail."""
    text = re.sub(r"`[^`]+`", "", _prose(path))
    targets = re.findall(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)", text)
    return [t for t in targets if not re.match(r"[a-z][a-z0-9+.-]*:", t, re.IGNORECASE)]


@pytest.mark.parametrize("option", settings.OPTIONS, ids=lambda o: o.variable)
def test_every_setting_is_documented(option: settings.Option) -> None:
    spans = _code_spans(_prose(DOCS / "settings.md"))
    assert option.variable in spans, f"docs/settings.md: add `{option.variable}` to the settings table"
    flagged = any(span.split()[0] == option.flag for span in spans)
    assert flagged, f"docs/settings.md: add `{option.flag}` to the settings table, beside {option.variable}"


def test_every_settings_field_has_a_flag_and_a_variable() -> None:
    flags = {option.flag for option in settings.OPTIONS}
    missing = [f.name for f in dataclasses.fields(settings.Settings) if "--" + f.name.replace("_", "-") not in flags]
    assert not missing, f"storymap/settings.py: give {missing} an entry in OPTIONS, then a row in docs/settings.md"


def test_every_story_file_model_is_read_from_a_documented_file() -> None:
    reached = {model for _, model, _ in _story_fields()}
    unread = sorted(m.__name__ for m in _strict_models() - reached)
    assert not unread, (
        f"models no story file reaches: {unread}; add their file to STORY_FILES here "
        "and a section for it to docs/story-format.md"
    )


@pytest.mark.parametrize(
    ("file", "model", "field"),
    [pytest.param(*row, id=f"{row[0]}:{row[1].__name__}.{row[2]}") for row in _story_fields()],
)
def test_every_story_file_field_is_documented(file: str, model: type[BaseModel], field: str) -> None:
    section = _section(_prose(DOCS / "story-format.md"), f"`{file}`")
    assert section is not None, f"docs/story-format.md: add a section headed ## `{file}`"
    words = {word for span in _code_spans(section) for word in re.findall(r"\w+", span)}
    assert field in words, f"docs/story-format.md, section `{file}`: document {model.__name__}'s field `{field}`"


@pytest.mark.parametrize("target", _make_targets())
def test_every_make_target_is_documented(target: str) -> None:
    spans = _code_spans(_prose(DOCS / "commands.md"))
    documented = any(re.match(rf"make {re.escape(target)}(\s|$)", span) for span in spans)
    assert documented, f"docs/commands.md: add `make {target}` to the table of make targets"


def test_the_readme_is_a_door() -> None:
    lines = len((ROOT / "README.md").read_text(encoding="utf-8").splitlines())
    assert lines <= README_MAX_LINES, (
        f"README.md has {lines} lines, at most {README_MAX_LINES}: move detail into a page of docs/"
    )


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_docs_page_is_linked_from_the_readme(page: Path) -> None:
    assert f"docs/{page.name}" in _relative_links(ROOT / "README.md"), (
        f"README.md: link docs/{page.name} under Documentation, or no reader finds it"
    )


@pytest.mark.parametrize("path", LINKED, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_leads_somewhere(path: Path) -> None:
    broken = []
    for link in _relative_links(path):
        target, _, anchor = link.partition("#")
        linked = (path.parent / target).resolve() if target else path
        if not linked.exists():
            broken.append(f"{link} (no such file)")
        elif anchor and linked.suffix == ".md" and anchor not in _anchors(linked):
            broken.append(f"{link} (no heading gives #{anchor})")
    where = path.relative_to(ROOT)
    assert not broken, f"{where}: fix these links (from docs/, a file of the repository is ../path): {broken}"
