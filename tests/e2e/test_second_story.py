"""End to end: the tests' second story (drafted from an article, edited, checked) in a real server and Chromium."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

from storymap.model.project import load_resolved
from support.devserver import serve
from tests.e2e.reader import TIMEOUT_MS, Reader
from tests.second_story import OP_ED_WORDS, WORLD_STORY

ROOT = Path(__file__).resolve().parents[2]


def test_the_map_highlights_the_second_story_at_every_step(page: Page) -> None:
    story = load_resolved(WORLD_STORY, ROOT / "geodata")
    with serve(args=["--story", str(WORLD_STORY)]) as server:  # the flag, as the commands take it
        reader = Reader(page, server.url).open(f"?mode=step&section={story.sections[0].id}")
        loaded = reader.map_load_id()
        for index, section in enumerate(story.sections):
            reader.wait_for_section(section.id)
            assert reader.map_highlights() == {p.id: p.role.value for p in section.places}, section.id
            assert reader.status_places() == [p.id for p in section.places]
            reader.wait_for_url_section(section.id)
            reader.page.locator(f"#passage-{section.id}").wait_for(timeout=TIMEOUT_MS)
            assert reader.map_load_id() == loaded, "the map reloaded"
            if index + 1 < len(story.sections):
                page.keyboard.press("ArrowRight")
        reader.open("?mode=step&section=roasters-in-atlanta-georgia-buy")
        reader.wait_for_section("roasters-in-atlanta-georgia-buy")
        reader.wait_until_framed()
        georgia = reader.map_frame().locator('path[data-place="US-GA"]')
        box = georgia.bounding_box()
        # Drawn from its shape, not a point: a US state fills a real area of the map.
        assert box is not None and box["width"] > 10 and box["height"] > 10
        assert "Georgia" in reader.page.locator('.map-status[role="status"]').inner_text()
        shown = reader.page.inner_text("body")
        assert story.meta.title in shown and OP_ED_WORDS.findall(shown) == []
