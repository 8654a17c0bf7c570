"""AppTest for every page around the story."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from storymap.model.resolve import ResolvedStory
from storymap.ui.pages import PAGES
from support.apptest import open_app

ROOT = Path(__file__).resolve().parent.parent
BROKEN = ROOT / "tests" / "fixtures" / "stories" / "unknown-place"


def _text(at: AppTest) -> str:
    parts: list[str] = [m.value for m in at.markdown] + [c.value for c in at.caption] + [c.value for c in at.code]
    parts += [h.value for h in [*at.header, *at.subheader]]
    parts += [h.proto.body for h in at.get("html")]
    return "\n".join(parts)


@pytest.mark.parametrize("page", [p.script for p in PAGES if p.url_path])
def test_page_renders(page: str) -> None:
    at = open_app(page)
    assert not at.exception
    assert not at.error


def test_places_page_shows_names_note_and_passages(resolved: ResolvedStory) -> None:
    at = open_app("pages/places.py")
    at.selectbox(key="place").select("nagorno-karabakh").run()
    text = _text(at)
    assert "Artsakh" in text and "Qarabağ" in text and "approximate" in text
    mentioning = [s for s in resolved.sections if any(p.id == "nagorno-karabakh" for p in s.places)]
    for section in mentioning:
        assert f"(./?section={section.id})" in text


def test_timeline_page_lists_sourced_events_and_draws_control() -> None:
    at = open_app("pages/timeline.py")
    text = _text(at)
    assert "Source: Central Intelligence Agency" in text and "published on or before 25 July 2023" in text
    assert "checked this context against their sources up to" in text
    at.radio(key="control_event").set_value("handovers-2020").run()
    assert not at.exception
    shown = _text(at)
    assert "Shusha" in shown
    assert "Area, our computation from the sources: about 2,900 km²" in shown and "Area reported" not in shown


def test_classroom_page_steps_and_offers_the_handout(resolved: ResolvedStory) -> None:
    at = open_app("pages/classroom.py")
    assert f'id="passage-{resolved.sections[0].id}"' in _text(at)
    at.button[1].click().run()
    assert f'id="passage-{resolved.sections[1].id}"' in _text(at)
    at.toggle(key="show_questions").set_value(True).run()
    assert "For discussion" in _text(at)
    download: Any = at.get("download_button")
    assert len(download) == 1


def test_embed_page_builds_an_escaped_snippet(resolved: ResolvedStory) -> None:
    at = open_app("pages/embed.py")
    target = resolved.sections[4].id
    at.selectbox(key="embed_section").select(target).run()
    at.radio(key="embed_theme").set_value("dark").run()
    snippet = at.code[0].value
    assert snippet.startswith("<iframe ") and f"section={target}" in snippet
    assert "embed=true&amp;embed_options=dark_theme" in snippet


@pytest.mark.parametrize(
    ("base_path", "prefix"), [("", "http://localhost:8501/?"), ("story", "http://localhost:8501/story/?")]
)
def test_embed_page_keeps_the_deployments_base_path(base_path: str, prefix: str) -> None:
    """Behind `--base-path /story` the app lives under /story/: the live app's snippet must say so."""
    before = config.get_option("server.baseUrlPath")
    config.set_option("server.baseUrlPath", base_path)
    try:
        at = open_app("pages/embed.py")
    finally:
        config.set_option("server.baseUrlPath", before)
    urls = re.findall(r'src="([^"]+)"', at.code[0].value)
    assert urls and all(url.startswith(prefix) for url in urls), urls


def test_about_page_has_provenance_citation_and_accessibility() -> None:
    text = _text(open_app("pages/about.py"))
    for needle in ("PROVENANCE", "How to cite", "Accessibility", "Natural Earth", "approximate", "How current"):
        assert needle.lower() in text.lower(), needle


def test_pages_show_a_broken_story_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYMAP_STORY", str(BROKEN))
    at = open_app("pages/places.py")
    assert not at.exception
    assert "unknown place id 'atlantis'" in at.error[0].value


@pytest.mark.parametrize("published", ["https://news.example/story", "https://news.example/story/"])
def test_embed_page_offers_the_static_edition_and_the_map_images(
    published: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STORYMAP_STATIC_URL", published)
    at = open_app("pages/embed.py")
    assert not at.exception
    static = [c.value for c in at.code if "news.example" in c.value]
    assert len(static) == 2, static
    scrolled, plain = static
    assert at.code[0].value == scrolled, "the scroll-driven snippet comes first"
    assert scrolled.startswith('<div class="storymap-embed" data-src="https://news.example/story/?section=')
    assert '<script src="https://news.example/story/embed.js" async></script>' in scrolled
    assert plain.startswith('<iframe src="https://news.example/story/?section=')
    live = [c.value for c in at.code if c.value.startswith("<iframe") and "embed=true" in c.value]
    assert live, "the live app's iframe is still offered"
    assert {b.proto.label for b in at.get("download_button")} == {"PNG, 1200 px", "SVG"}


def test_the_page_table_lists_exactly_the_scripts_streamlit_routes() -> None:
    """Streamlit routes app.py and every script in pages/; the links, the tests and the docs read
    the table, so a page added to one and not the other would be unreachable or untested."""
    routed = {"app.py", *(f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py"))}
    assert {p.script for p in PAGES} == routed
    assert len({p.label for p in PAGES}) == len(PAGES), "two pages share a label"
