"""oEmbed: the static edition's story and share pages announce a static JSON that a CMS can read
(https://oembed.com/, sections 2.3 and 4), and the scroll-driven snippet the Embed page offers."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from storymap.model.project import Project
from storymap.model.resolve import ResolvedStory
from storymap.publish.site import build_site
from storymap.render.embed import host_snippet

PUBLIC = "https://news.example/story/"
LINK = re.compile(r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)" title="([^"]*)">')


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, project: Project) -> Path:
    out = tmp_path_factory.mktemp("oembed-site")
    build_site(out, project, public_url=PUBLIC)
    return out


def _assert_valid_rich(document: dict[str, Any]) -> None:
    """The specification's rules for a response of type rich, written out."""
    assert document["version"] == "1.0"
    assert document["type"] == "rich"
    assert isinstance(document["html"], str) and document["html"].strip()
    for size in ("width", "height"):
        assert isinstance(document[size], int) and document[size] > 0, size
    thumbnail = {"thumbnail_url", "thumbnail_width", "thumbnail_height"} & document.keys()
    assert thumbnail in (set(), {"thumbnail_url", "thumbnail_width", "thumbnail_height"}), "all three or none"
    for text in ("title", "author_name", "provider_name", "provider_url"):
        assert isinstance(document[text], str) and document[text], text


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def test_every_page_announces_a_valid_oembed_document(site: Path, resolved: ResolvedStory) -> None:
    pages = [site / "index.html"] + [site / "share" / f"{s.id}.html" for s in resolved.sections]
    for page in pages:
        links = LINK.findall(page.read_text(encoding="utf-8"))
        assert len(links) == 1, page.name
        href, _title = links[0]
        assert href.startswith(PUBLIC), "a CMS fetches it from elsewhere: an absolute address"
        document = json.loads((site / href.removeprefix(PUBLIC)).read_text(encoding="utf-8"))
        _assert_valid_rich(document)
        assert document["author_name"] == "Rafael Castro"
        assert document["provider_url"] == PUBLIC and document["provider_name"] == "news.example"
        ((tag, attrs),) = _tags(document["html"])
        assert tag == "iframe" and str(attrs["src"]).startswith(PUBLIC) and attrs["title"]


def test_a_sections_document_opens_it_and_shows_its_map(site: Path, resolved: ResolvedStory) -> None:
    section = resolved.sections[3]
    document = json.loads((site / "oembed" / f"{section.id}.json").read_text(encoding="utf-8"))
    assert f"section={section.id}" in document["html"] and section.title in document["title"]
    assert document["thumbnail_url"] == f"{PUBLIC}maps/{section.id}.png"
    assert (site / "maps" / f"{section.id}.png").exists()


def test_without_a_public_address_no_oembed_is_announced(tmp_path: Path, project: Project) -> None:
    build_site(tmp_path, project)
    assert not LINK.search((tmp_path / "index.html").read_text(encoding="utf-8"))
    assert not (tmp_path / "oembed.json").exists()


def test_the_scroll_driven_snippet_needs_no_inline_script(resolved: ResolvedStory) -> None:
    section = resolved.sections[2]
    snippet = str(host_snippet(PUBLIC, section, 'A "title" <b>'))
    tags = _tags(snippet)
    assert [t for t, _ in tags] == ["div", "noscript", "a", "img", "script"]
    div, script = tags[0][1], tags[-1][1]
    assert div["class"] == "storymap-embed" and div["data-src"] == f"{PUBLIC}?section={section.id}"
    assert div["data-title"] == 'A "title" <b>'
    assert script["src"] == f"{PUBLIC}embed.js" and "async" in script
    assert re.search(r"<script[^>]*></script>", snippet), "the script element carries no inline code"
    assert tags[3][1]["src"] == f"{PUBLIC}maps/{section.id}.png" and urlsplit(str(tags[2][1]["href"])).query
