"""The tests' second story, drafted from an article and edited, in Streamlit's AppTest: every section, both modes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from storymap.model.project import load_resolved
from storymap.model.resolve import ResolvedStory
from support.apptest import open_app
from tests.second_story import WORLD_STORY

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def world_story() -> ResolvedStory:
    return load_resolved(WORLD_STORY, ROOT / "geodata")


def _html(at: AppTest) -> str:
    return "\n".join(element.proto.body for element in at.get("html"))


@pytest.mark.parametrize("mode", ["scroll", "step"])
def test_every_section_of_the_second_story_renders(
    world_story: ResolvedStory, mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STORYMAP_STORY", str(WORLD_STORY))
    for section in world_story.sections:
        at = open_app(params={"section": section.id, "mode": mode})
        assert not at.exception and not at.error, section.id
        html = _html(at)
        status = re.search(r'role="status"[^>]*data-section="([^"]*)"[^>]*data-places="([^"]*)"', html)
        assert status, "no status element"
        assert status.group(1) == section.id
        assert [p for p in status.group(2).split(",") if p] == [p.id for p in section.places]
        assert f'id="passage-{section.id}"' in html and world_story.meta.title in html
        passage = re.findall(rf'id="passage-{section.id}".*?</section>', html, re.S)[0]
        assert set(re.findall(r'data-place="([^"]+)"', passage)) == {p.id for p in section.places}, section.id


def test_a_world_place_without_a_shape_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A world unit the shape build has not drawn yet: one line naming file, section and field, no traceback."""
    folder = tmp_path / "story"
    shutil.copytree(WORLD_STORY, folder)
    story = folder / "story.yaml"
    story.write_text(story.read_text(encoding="utf-8").replace("focus: [BRA, BR-MG]", "focus: [BRA, BR-MG, BR-SP]"))
    monkeypatch.setenv("STORYMAP_STORY", str(folder))
    at = open_app()
    assert not at.exception
    (error,) = [str(e.value).replace("\\", "") for e in at.error]
    assert error == (
        "The story could not be loaded. story/story.yaml, section 'brazil-grows-more-coffee-than', "
        "field 'sections[1].places.focus[2]': 'BR-SP' has no shape: run the shape build with this story"
    )
