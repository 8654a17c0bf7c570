"""The steps file the page applies by itself says exactly what Python renders for each section."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

from storymap.model.resolve import ResolvedStory
from storymap.model.shapes import load_shapes
from storymap.publish.static_assets import publish
from storymap.render.panels import legend_html, progress_html, status_html

SHAPES = load_shapes(Path(__file__).resolve().parent.parent / "geodata" / "shapes")


class _Element(HTMLParser):
    """The first element of an HTML fragment: its attributes and its text."""

    def __init__(self, html: str):
        super().__init__()
        self.attributes: dict[str, str | None] = {}
        self.text = ""
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.attributes:
            self.attributes = dict(attrs)

    def handle_data(self, data: str) -> None:
        self.text += data


def _published_steps(tmp_path: Path, story: ResolvedStory) -> list[dict[str, object]]:
    urls = publish(tmp_path, SHAPES, story)
    path = tmp_path / urls.steps.removeprefix("/app/static/").split("?")[0]
    return list(json.loads(path.read_text(encoding="utf-8"))["sections"])


def test_every_section_has_one_step_in_reading_order(tmp_path: Path, resolved: ResolvedStory) -> None:
    steps = _published_steps(tmp_path, resolved)
    assert [s["section"] for s in steps] == resolved.section_ids()
    assert [s["title"] for s in steps] == [s.title for s in resolved.sections]


def test_each_step_says_what_the_python_status_line_and_legend_say(tmp_path: Path, resolved: ResolvedStory) -> None:
    steps = _published_steps(tmp_path, resolved)
    for index, (step, section) in enumerate(zip(steps, resolved.sections, strict=True)):
        status = _Element(status_html(section))
        assert status.attributes["data-section"] == step["section"] == section.id
        assert status.attributes["data-places"] == ",".join(p["id"] for p in step["places"])  # type: ignore[attr-defined]
        assert status.text == step["status"], section.id
        assert step["legend"] == legend_html(section), section.id
        progress = _Element(progress_html(index, len(steps)))
        assert (progress.text, progress.attributes["aria-label"]) == (step["progress"], step["progress_label"])


def test_each_step_highlights_and_frames_what_the_section_resolves_to(tmp_path: Path, resolved: ResolvedStory) -> None:
    for step, section in zip(_published_steps(tmp_path, resolved), resolved.sections, strict=True):
        assert step["places"] == [{"id": p.id, "role": p.role.value} for p in section.places]
        assert step["bounds"] == [list(section.bounds[0]), list(section.bounds[1])]


def test_a_changed_story_gets_a_new_steps_url(tmp_path: Path, resolved: ResolvedStory) -> None:
    first = publish(tmp_path, SHAPES, resolved).steps
    retitled = [resolved.sections[0].model_copy(update={"title": "Another title"}), *resolved.sections[1:]]
    assert publish(tmp_path, SHAPES, resolved.model_copy(update={"sections": retitled})).steps != first
