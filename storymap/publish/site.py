"""The static edition: the story as a folder of files that any web host serves, no Python at read time.

It is built from the same resolved story as the app, with the same HTML panels, the same folium
base map (in its own frame, as in the app) and the same browser code: the reader
(storymap/assets/reader/) steps the map from steps.json. The page's markup carries the class names
the reader looks for, which the app gets from Streamlit's element keys (`st-key-…`), and site.js,
bundled after the reader, hands it what Streamlit would.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sys
from pathlib import Path

from markupsafe import Markup

from storymap.model.project import Project
from storymap.model.resolve import ResolvedSection, ResolvedStory
from storymap.model.shapes import ShapeIndex
from storymap.model.urlstate import UNKNOWN_SECTION
from storymap.publish.headers import HEADERS_FILE, INLINE_SCRIPT, SITE_POLICY, headers_file, security_headers
from storymap.publish.oembed import SECTION_DIR, oembed_document, oembed_path
from storymap.publish.static_assets import ASSETS, publish, publish_bundle, publish_file
from storymap.render.embed import HOST_SCRIPT
from storymap.render.images import IMAGE_DIR, section_images
from storymap.render.mapview import base_map
from storymap.render.panels import (
    KEYS_HINT,
    header_html,
    map_card_html,
    map_credit,
    passage_html,
    progress_html,
    section_notes,
    status_text,
    story_notes,
)
from storymap.render.templates import render

ASSET_DIR = "static"
MAP_PAGE = "map.html"
SHARE_DIR = "share"


def build_site(out: Path, project: Project, public_url: str = "") -> Path:
    """Write the static edition into `out` and return its start page. `public_url` is where it
    will be published: link previews need absolute image addresses (relative ones otherwise)."""
    story = project.resolved
    for folder in (ASSET_DIR, SHARE_DIR, IMAGE_DIR, SECTION_DIR):  # nothing of an earlier build is left to publish
        shutil.rmtree(out / folder, ignore_errors=True)
    public_url = public_url.rstrip("/")
    if public_url:
        _write_oembed(out, story, public_url)
    else:
        print(
            "note: no public URL given; link previews name their images by relative address, and no oEmbed is written",
            file=sys.stderr,
        )
    _write_share(out, story, project.shapes, public_url)
    static = out / ASSET_DIR
    urls = publish(static, project.shapes, story, base_url=ASSET_DIR)
    styles = [publish_file(ASSETS / name, static, f"storymap/{name}", ASSET_DIR) for name in ("page.css", "site.css")]
    script = publish_bundle("site", static, ASSET_DIR)
    # Newsrooms read the script they put in their articles: it goes out as written.
    shutil.copyfile(ASSETS / HOST_SCRIPT, out / HOST_SCRIPT)
    (out / HEADERS_FILE).write_text(headers_file(security_headers(SITE_POLICY)), encoding="utf-8")
    map_page = _without_inline_scripts(base_map(urls, story).get_root().render(), static)
    (out / MAP_PAGE).write_text(map_page, encoding="utf-8")
    start = out / "index.html"
    oembed = f"{public_url}/{oembed_path()}" if public_url else None
    start.write_text(f"{_page(story, styles, script, urls.steps, oembed)}\n", encoding="utf-8")
    return start


def _without_inline_scripts(html: str, static: Path) -> str:
    """folium writes the map's start as inline scripts, which the static edition's policy refuses
    (storymap/publish/headers.py): each becomes a file named by its content, loaded in its place."""

    def external(script: re.Match[str]) -> str:
        content = script.group(1).encode("utf-8")
        digest = hashlib.sha256(content).hexdigest()[:12]
        (static / "storymap" / f"map-start.{digest}.js").write_bytes(content)
        return f'<script src="{ASSET_DIR}/storymap/map-start.{digest}.js?v={digest}"></script>'

    return INLINE_SCRIPT.sub(external, html)


def _page(story: ResolvedStory, styles: list[str], script: str, steps_url: str, oembed: str | None) -> Markup:
    templates = story.meta.template_dir
    passages = Markup("").join(passage_html(s, section_notes(story, s.id), templates=templates) for s in story.sections)
    return render(
        "site_page.html",
        templates,
        meta=story.meta,
        sections=story.sections,
        styles=styles,
        script=script,
        steps_url=steps_url,
        unknown_section=UNKNOWN_SECTION,
        header=header_html(story),
        keys_hint=KEYS_HINT,
        passages=passages,
        progress=progress_html(0, len(story.sections), templates=templates),
        map_card=map_card_html(story.sections[0], templates=templates),
        map_page=MAP_PAGE,
        notes=story_notes(story),
        credit=map_credit(story),
        oembed=oembed,
    )


def _write_oembed(out: Path, story: ResolvedStory, public_url: str) -> None:
    """The oEmbed documents of the story and of each section's share page."""
    documents = {oembed_path(): oembed_document(story, public_url)}
    for section in story.sections:
        image = f"{public_url}/{IMAGE_DIR}/{section.id}.png"
        documents[oembed_path(section)] = oembed_document(story, public_url, section, image)
    for relative, document in documents.items():
        (out / relative).parent.mkdir(parents=True, exist_ok=True)
        (out / relative).write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")


def _write_share(out: Path, story: ResolvedStory, shapes: ShapeIndex, public_url: str) -> None:
    """Per section: its map as SVG and PNG, and a share page whose link preview shows that map
    and which opens the story there."""
    (out / IMAGE_DIR).mkdir(parents=True, exist_ok=True)
    (out / SHARE_DIR).mkdir(parents=True, exist_ok=True)
    for section in story.sections:
        svg, png = section_images(section, shapes)
        (out / IMAGE_DIR / f"{section.id}.svg").write_text(svg, encoding="utf-8")
        (out / IMAGE_DIR / f"{section.id}.png").write_bytes(png)
        page = _share_page(story, section, public_url)
        (out / SHARE_DIR / f"{section.id}.html").write_text(f"{page}\n", encoding="utf-8")


def _share_page(story: ResolvedStory, section: ResolvedSection, public_url: str) -> Markup:
    meta = story.meta
    base = f"{public_url}/" if public_url else "../"
    description = (
        f"{meta.label} by {meta.author}, told beside a map. Section title by the editors. "
        f"{status_text(section).rstrip('.')}."
    )
    return render(
        "share_page.html",
        meta.template_dir,
        section=section,
        title=f"{section.title} · {meta.title}",
        description=description,
        page=f"{base}{SHARE_DIR}/{section.id}.html",
        image=f"{base}{IMAGE_DIR}/{section.id}.png",
        image_alt=status_text(section),
        target=f"../index.html?section={section.id}",
        oembed=f"{public_url}/{oembed_path(section)}" if public_url else None,
    )
