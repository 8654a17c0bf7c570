"""The engine knows nothing of our op-ed: the tests' second story (a coffee article) through every
page of the app, the handout, the map images, the embed credit and the static edition, with none
of the op-ed's places, people or words anywhere a reader looks.

The one exception is the geodata folder's own provenance note (About, behind "Data sources"): the
second story shares our geodata folder, whose note documents how its shapes were made, including
the Nagorno-Karabakh outline built for the op-ed. A story with its own geodata shows its own.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from storymap.model.project import Project, load_geodata, load_project
from storymap.publish.site import build_site
from storymap.render.embed import attribution
from storymap.render.handout import handout_html
from storymap.render.svgmap import section_svg
from storymap.ui.pages import PAGES as SITE_PAGES
from support.apptest import open_app
from tests.second_story import OP_ED_WORDS, WORLD_STORY

ROOT = Path(__file__).resolve().parent.parent
PROVENANCE_LABEL = "Data sources"
PAGES = [p.script for p in SITE_PAGES if p.url_path and not p.studio]


@pytest.fixture(scope="module")
def world() -> Project:
    return load_project(WORLD_STORY, load_geodata(ROOT / "geodata"))


def _texts(node: Any) -> list[str]:
    """Every string an element of the page carries (bodies, labels, options, HTML, component
    arguments), leaving out the geodata's provenance note."""
    if getattr(node, "type", None) == "expander" and node.proto.label.startswith(PROVENANCE_LABEL):
        return [node.proto.label]
    own = [str(node.proto)] if hasattr(node, "proto") and node.proto is not None else []
    return own + [t for child in getattr(node, "children", {}).values() for t in _texts(child)]


def _page_text(page: str | None, monkeypatch: pytest.MonkeyPatch, **params: str) -> str:
    monkeypatch.setenv("STORYMAP_STORY", str(WORLD_STORY))
    at = open_app(page, params)
    assert not at.exception and not at.error, [*at.exception, *at.error]
    text = "\n".join(_texts(at._tree))
    assert len(text) > 500, "the page showed next to nothing"
    return text


def _named(text: str) -> list[str]:
    return sorted(set(OP_ED_WORDS.findall(text)))


@pytest.mark.parametrize("mode", ["scroll", "step"])
def test_the_story_page_names_none_of_the_op_ed(world: Project, mode: str, monkeypatch: pytest.MonkeyPatch) -> None:
    text = _page_text(None, monkeypatch, mode=mode, section=world.resolved.sections[-1].id)
    assert world.resolved.meta.title in text and "Minas Gerais" in text
    assert _named(text) == []


@pytest.mark.parametrize("page", PAGES, ids=[Path(p).stem for p in PAGES])
def test_every_page_names_none_of_the_op_ed(page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _named(_page_text(page, monkeypatch)) == []


def test_the_about_page_speaks_of_the_second_story(monkeypatch: pytest.MonkeyPatch) -> None:
    text = _page_text("pages/about.py", monkeypatch)
    assert "The storymap tests" in text and "Coffee on the move" in text
    assert "The text is **The storymap tests" in text, "the author is named"
    assert not re.search(r"tests\\?'s", text), "a plural author's possessive is a lone apostrophe"
    assert "Borders." not in text, "the second story has no border policy, so none is shown"


def test_handout_images_and_embed_credit_name_none_of_the_op_ed(world: Project) -> None:
    story = world.resolved
    handout = handout_html(story, world.shapes, world.classroom)
    assert "Minas Gerais" in handout
    assert _named(handout) == []
    assert _named(" ".join(section_svg(s, world.shapes) for s in story.sections)) == []
    credit = attribution(story)
    assert credit.startswith("Test text by The storymap tests") and _named(credit) == []


def test_the_static_edition_names_none_of_the_op_ed(world: Project, tmp_path: Path) -> None:
    build_site(tmp_path, world)
    # The shape files are the world map itself (every country, Azerbaijan among them); all else is read.
    read = [
        f
        for f in tmp_path.rglob("*")
        if f.is_file() and f.suffix in {".html", ".json", ".js", ".css", ".svg"} and "vendor" not in f.parts
    ]
    assert {"index.html", "map.html"} <= {f.name for f in read} and len(read) > 20
    found = {f.relative_to(tmp_path).as_posix(): _named(f.read_text(encoding="utf-8")) for f in read}
    assert {name: words for name, words in found.items() if words} == {}
