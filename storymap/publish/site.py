"""The static edition: the story as a folder of files that any web host serves, no Python at read time.

It is built from the same resolved story as the app, with the same HTML panels, the same folium
base map (in its own frame, as in the app) and the same browser code: reader.js steps the map from
steps.json. The page's markup carries the class names the reader looks for, which the app gets
from Streamlit's element keys (`st-key-…`), and site.js hands the reader what Streamlit would.
"""

from __future__ import annotations

import shutil
import sys
from html import escape
from pathlib import Path

from storymap.model.project import Project
from storymap.model.resolve import ResolvedSection, ResolvedStory
from storymap.model.shapes import ShapeIndex
from storymap.model.urlstate import UNKNOWN_SECTION
from storymap.publish.static_assets import ASSETS, publish, publish_file
from storymap.render.images import section_images
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

ASSET_DIR = "static"
MAP_PAGE = "map.html"
SHARE_DIR = "share"
IMAGE_DIR = "maps"


def build_site(out: Path, project: Project, public_url: str = "") -> Path:
    """Write the static edition into `out` and return its start page. `public_url` is where it
    will be published: link previews need absolute image addresses (relative ones otherwise)."""
    story, shapes_dir = project.resolved, project.shapes_dir
    for folder in (ASSET_DIR, SHARE_DIR, IMAGE_DIR):  # nothing of an earlier build is left to publish
        shutil.rmtree(out / folder, ignore_errors=True)
    if not public_url:
        print("note: no public URL given; link previews name their images by relative address", file=sys.stderr)
    _write_share(out, story, project.shapes, public_url.rstrip("/"))
    static = out / ASSET_DIR
    urls = publish(static, shapes_dir, story, base_url=ASSET_DIR)
    styles = [publish_file(ASSETS / name, static, f"storymap/{name}", ASSET_DIR) for name in ("page.css", "site.css")]
    script = publish_file(ASSETS / "site.js", static, "storymap/site.js", ASSET_DIR)
    (out / MAP_PAGE).write_text(base_map(urls, story).get_root().render(), encoding="utf-8")
    start = out / "index.html"
    start.write_text(_page(story, styles, script, urls.reader_js, urls.steps), encoding="utf-8")
    return start


def _page(story: ResolvedStory, styles: list[str], script: str, reader_url: str, steps_url: str) -> str:
    first = story.sections[0]
    meta = story.meta
    links = "".join(f'<link rel="stylesheet" href="{url}">' for url in styles)
    passages = "".join(passage_html(s, section_notes(story, s.id)) for s in story.sections)
    options = "".join(f'<option value="{s.id}">{escape(s.title)}</option>' for s in story.sections)
    description = escape(f"{meta.label} by {meta.author}, told beside a map of the places it names.")
    border_policy = f"<p>Borders: {escape(meta.border_policy)}</p>\n" if meta.border_policy else ""
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(meta.title)}</title>
<meta name="description" content="{description}">
<meta property="og:title" content="{escape(meta.title)}">
<link rel="icon" href="data:,">
{links}
</head>
<body>
<main class="site" data-reader="{reader_url}" data-steps="{steps_url}" data-unknown="{escape(UNKNOWN_SECTION)}">
{header_html(story)}
<div class="st-key-story-layout site-layout">
<div class="site-text"><p class="site-keys">{KEYS_HINT}</p><div class="story-passages">{passages}</div></div>
<div class="site-map"><div class="st-key-map-panel">
<div class="st-key-stepper site-stepper">
<div class="st-key-step-prev"><button type="button" disabled>← Previous</button></div>
{progress_html(0, len(story.sections))}
<div class="st-key-step-next"><button type="button">Next →</button></div>
<label class="st-key-picker"><span class="visually-hidden">Go to section</span> <select>{options}</select></label>
</div>
{map_card_html(first)}
<iframe class="site-map-frame" src="{MAP_PAGE}" title="Map of the places the passage names"></iframe>
</div></div>
</div>
<footer class="site-footer">
<p>{escape(story_notes(story))}</p>
<p>{escape(map_credit(story))}</p>
{border_policy}</footer>
</main>
<script type="module" src="{script}"></script>
</body>
</html>
"""


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
        (out / SHARE_DIR / f"{section.id}.html").write_text(page, encoding="utf-8")


def _share_page(story: ResolvedStory, section: ResolvedSection, public_url: str) -> str:
    meta = story.meta
    base = f"{public_url}/" if public_url else "../"
    image = escape(f"{base}{IMAGE_DIR}/{section.id}.png")
    page = escape(f"{base}{SHARE_DIR}/{section.id}.html")
    target = escape(f"../index.html?section={section.id}")
    title = escape(f"{section.title} · {meta.title}")
    description = escape(
        f"{meta.label} by {meta.author}, told beside a map. Section title by the editors. "
        f"{status_text(section).rstrip('.')}."
    )
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<meta name="description" content="{description}">
<meta property="og:type" content="article">
<meta property="og:url" content="{page}">
<meta property="og:title" content="{title}">
<meta property="og:description" content="{description}">
<meta property="og:image" content="{image}">
<meta property="og:image:alt" content="{escape(status_text(section))}">
<meta name="twitter:card" content="summary_large_image">
<link rel="icon" href="data:,">
<meta http-equiv="refresh" content="0; url={target}">
</head>
<body>
<p><a href="{target}">Open the story at “{escape(section.title)}”</a></p>
</body>
</html>
"""
