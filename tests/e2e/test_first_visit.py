"""A first visit's weight, as a CDN sends it: what the reader's browser fetches before the map first
shows a section. Bytes are stable, so the budget is a test; times are in bench/first_visit.py.

Also: the TopoJSON the map fetches decodes, in the browser, to the shapes of geodata/shapes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, Request
from shapely.geometry import shape

from storymap.model.resolve import ResolvedStory
from storymap.model.shapes import ShapeIndex
from storymap.publish.topology import shape_chunks
from support.fetched import before, first_map_at, recorder
from tests.e2e.reader import TIMEOUT_MS, Reader

ROOT = Path(__file__).resolve().parents[2]
BUDGET_BYTES = 120_000
DESKTOP = {"width": 1366, "height": 850}
# The quantisation grid of a chunk that spans the world (storymap/publish/topology.py), in degrees.
GRID = 360 / 50_000
# The views that reach beyond the region the story shows (20 to 72° E, 15 to 55° N) at this size:
# France, framed from Brittany to the Caspian, and Israel with all of Iran, which the map shows at
# zoom 4, 63 degrees of longitude wide. Their first map waits for the world's shapes too.
BEYOND_THE_REGION = {"security-and-iran", "france"}


def _first_visit(page: Page, url: str) -> tuple[list[str], list[Request]]:
    """'<CDN bytes> <url>' for each request made before the first map; and every request."""
    requests = recorder(page)
    page.goto(url, wait_until="commit")
    fetched = before(requests, first_map_at(page, timeout_s=60))
    return [f"{f.cdn} {f.url}" for f in fetched], requests


def _total(fetched: list[str]) -> int:
    return sum(int(line.split()[0]) for line in fetched)


def test_every_deep_link_fits_the_budget(
    open_page: Callable[..., Page], static_site: str, resolved: ResolvedStory
) -> None:
    """Each section's deep link, in a fresh browser: under 120 KB before its first map, with only
    the region's shapes; the views beyond the region wait for the world's too."""
    over: dict[str, int] = {}
    for section in resolved.sections:
        fetched, _ = _first_visit(open_page(viewport=DESKTOP), f"{static_site}/?section={section.id}")
        world = any("/geodata/world." in line for line in fetched)
        assert any("/geodata/region." in line for line in fetched), section.id
        assert world == (section.id in BEYOND_THE_REGION), (section.id, fetched)
        if section.id not in BEYOND_THE_REGION and _total(fetched) > BUDGET_BYTES:
            over[section.id] = _total(fetched)
    assert over == {}, f"over {BUDGET_BYTES:,} bytes: {over}"


def test_places_beyond_the_region_are_drawn_once_their_shapes_come(
    open_page: Callable[..., Page], static_site: str
) -> None:
    """The peace conference's frame stays in the region, but the United States is mentioned: its
    shape comes after the first map, and is highlighted then, without moving the map."""
    page = open_page(viewport=DESKTOP, reduced_motion="reduce")
    reader = Reader(page, static_site, map_page="map.html").open("?section=a-peace-conference")
    reader.wait_for_section("a-peace-conference")
    framed = reader.wait_until_framed()
    usa = "path[data-place='USA'][data-role='context']"
    reader.map_frame().wait_for_selector(usa, state="attached", timeout=TIMEOUT_MS)
    assert reader.map_view() == framed


def test_the_live_app_fetches_the_world_after_its_first_map(
    open_page: Callable[..., Page], server: str, resolved: ResolvedStory
) -> None:
    """The live app cuts the shapes' share the same way; the rest of the world follows the first
    map, so a later step beyond the region finds its shapes."""
    page = open_page(viewport=DESKTOP)
    fetched, requests = _first_visit(page, f"{server}/?section={resolved.sections[4].id}")
    assert any("/geodata/region." in line for line in fetched)
    assert not any("/geodata/world." in line for line in fetched)
    for _ in range(300):
        if any("/geodata/world." in r.url and r.response() for r in requests):
            break
        page.wait_for_timeout(100)
    reader = Reader(page, server)
    reader.scroll_to("france")
    reader.wait_for_section("france")
    assert reader.map_highlights()["FRA"] == "focus"


def test_the_browser_decodes_the_shapes_the_build_wrote(
    page: Page, shapes: ShapeIndex, resolved: ResolvedStory
) -> None:
    """Every shape the map fetches, decoded by storymap/assets/map/topology.js, against its GeoJSON:
    the same place to within the quantisation grid."""
    page.set_content("<!doctype html><title>decode</title>")
    page.add_script_tag(path=str(ROOT / "storymap" / "assets" / "map" / "topology.js"))
    decoded: dict[str, dict[str, object]] = {}
    for chunk in shape_chunks(shapes, resolved):
        topology = chunk.topology.decode("utf-8")
        features = page.evaluate("t => StoryMap.topology.features(JSON.parse(t), 'shapes')", topology)
        decoded.update({f["properties"]["id"]: f["geometry"] for f in features})
    assert len(decoded) > 240
    misplaced = {}
    for place_id, geometry in decoded.items():
        source = shapes.geometry(place_id)
        drawn = shape(geometry).buffer(0)
        assert max(abs(a - b) for a, b in zip(drawn.bounds, source.bounds, strict=True)) < GRID, place_id
        # The area between the two outlines: a sliver along the outline no wider than the grid.
        if drawn.symmetric_difference(source).area > 0.01 * source.area + source.length * GRID:
            misplaced[place_id] = drawn.symmetric_difference(source).area / source.area
    assert misplaced == {}
