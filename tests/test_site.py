"""The static edition: every file it names exists, nothing leaves the folder, and each section's
step equals what `python -m storymap export` resolves."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from storymap.__main__ import main
from storymap.model.project import Project
from storymap.model.resolve import ResolvedStory
from storymap.publish.headers import HEADERS_FILE, INLINE_SCRIPT, SITE_POLICY, security_headers
from storymap.publish.site import build_site

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, project: Project) -> Path:
    out = tmp_path_factory.mktemp("site")
    build_site(out, project)
    return out


def _references(html: str) -> list[str]:
    return re.findall(r'(?:src|href)="([^"]+)"', html)


def test_the_embed_script_is_at_the_root_under_its_own_name(site: Path) -> None:
    """Newsrooms name `embed.js` in their articles: it keeps its name, with no content hash."""
    assert (site / "embed.js").read_bytes() == (ROOT / "storymap" / "assets" / "embed.js").read_bytes()


def test_every_file_the_pages_name_is_in_the_folder(site: Path) -> None:
    for page in ("index.html", "map.html"):
        for reference in _references((site / page).read_text(encoding="utf-8")):
            if reference.startswith(("data:", "#")):
                continue
            parsed = urlparse(reference)
            assert not parsed.scheme and not parsed.netloc, f"{page} names another host: {reference}"
            assert (site / parsed.path).is_file(), f"{page} names a missing file: {reference}"


def test_the_map_options_name_only_files_in_the_folder(site: Path) -> None:
    options = re.search(r"StoryMap\.init\([^,]+, (\{.*\})\);", _map_start(site))
    assert options, "the map does not start the story map"
    named = json.loads(options.group(1))
    urls = [named["placesUrl"], *(chunk["url"] for chunk in named["shapes"])]
    assert len(urls) == 3  # the places, the region's shapes, the world's
    for url in urls:
        assert (site / urlparse(url).path).is_file(), url


def _map_start(site: Path) -> str:
    """The code map.html starts the map with (folium's, moved out of the page into files)."""
    names = [r for r in _references((site / "map.html").read_text(encoding="utf-8")) if "/map-start." in r]
    assert names, "map.html loads no start script"
    return "".join((site / urlparse(name).path).read_text(encoding="utf-8") for name in names)


def test_no_page_runs_an_inline_script(site: Path) -> None:
    """The static edition's policy (storymap/publish/headers.py) allows scripts from files only."""
    assert SITE_POLICY["script-src"] == ["'self'"]
    for page in sorted(site.rglob("*.html")):
        assert INLINE_SCRIPT.findall(page.read_text(encoding="utf-8")) == [], f"{page.name} has an inline script"
    assert "L.map(" in _map_start(site)


def test_the_headers_file_carries_the_security_headers(site: Path) -> None:
    """Netlify's and Cloudflare Pages' format: a path, then its headers indented, one a line."""
    path, *lines = (site / HEADERS_FILE).read_text(encoding="utf-8").splitlines()
    assert path == "/*"
    assert dict(line.strip().split(": ", 1) for line in lines) == security_headers(SITE_POLICY)


def test_each_sections_step_equals_the_export(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export"]) == 0
    exported = json.loads(capsys.readouterr().out)["sections"]
    steps_file = next((site / "static" / "storymap").glob("steps.*.json"))
    steps = json.loads(steps_file.read_text(encoding="utf-8"))["sections"]
    assert [s["section"] for s in steps] == [s["id"] for s in exported]
    for step, section in zip(steps, exported, strict=True):
        assert step["places"] == [{"id": p["id"], "role": p["role"]} for p in section["places"]]
        assert step["bounds"] == section["bounds"]


def test_the_page_carries_the_story_and_its_labels(site: Path, resolved: ResolvedStory) -> None:
    page = (site / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'id="passage-([^"]+)"', page) == resolved.section_ids()
    assert resolved.meta.label in page and resolved.meta.author in page
    assert 'role="status"' in page and 'class="legend"' in page
    assert "internationally recognised borders" in page and "Nagorno-Karabakh is drawn as a region inside" in page


def test_each_section_has_a_share_page_with_its_map(site: Path, resolved: ResolvedStory) -> None:
    for section in resolved.sections:
        page = (site / "share" / f"{section.id}.html").read_text(encoding="utf-8")
        assert f'<meta property="og:image" content="../maps/{section.id}.png">' in page
        assert f"url=../index.html?section={section.id}" in page
        assert section.title.replace("'", "&#39;") in page
        png = (site / "maps" / f"{section.id}.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(png[16:20], "big") == 1200, "preview width"
        svg = (site / "maps" / f"{section.id}.svg").read_text(encoding="utf-8")
        assert svg.startswith("<svg") and svg.count("<path") > 5


def test_a_public_url_makes_preview_addresses_absolute(
    tmp_path: Path, project: Project, resolved: ResolvedStory
) -> None:
    build_site(tmp_path, project, public_url="https://news.example/story/")
    section = resolved.sections[3].id
    page = (tmp_path / "share" / f"{section}.html").read_text(encoding="utf-8")
    assert f'<meta property="og:image" content="https://news.example/story/maps/{section}.png">' in page
    assert f'<meta property="og:url" content="https://news.example/story/share/{section}.html">' in page


def test_a_new_build_leaves_nothing_of_the_old_one(tmp_path: Path, project: Project) -> None:
    build_site(tmp_path, project)
    (tmp_path / "share" / "a-removed-section.html").write_text("old", encoding="utf-8")
    (tmp_path / "maps" / "a-removed-section.png").write_bytes(b"old")
    build_site(tmp_path, project)
    assert not (tmp_path / "share" / "a-removed-section.html").exists()
    assert not (tmp_path / "maps" / "a-removed-section.png").exists()


def test_the_command_writes_the_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["site", str(tmp_path / "out")]) == 0
    assert Path(capsys.readouterr().out.strip()) == tmp_path / "out" / "index.html"
    assert (tmp_path / "out" / "map.html").is_file()
