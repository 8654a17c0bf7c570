"""Embedding the story in another site: the iframe snippet, a responsive recipe, the credit line."""

from __future__ import annotations

from typing import Literal
from urllib.parse import urlencode, urlsplit

from markupsafe import Markup

from storymap.model.resolve import ResolvedSection, ResolvedStory
from storymap.render.images import IMAGE_DIR
from storymap.render.panels import status_text
from storymap.render.templates import render

Theme = Literal["light", "dark"]
# The host script, at the root of the static edition (storymap/assets/embed.js).
HOST_SCRIPT = "embed.js"


def app_address(page_url: str, base_path: str) -> str:
    """Where the live app is served: the page's origin and Streamlit's base path
    (`server.baseUrlPath`, e.g. `story` behind the production recipe's `--base-path /story`);
    an iframe of the origin alone would miss the app."""
    parts = urlsplit(page_url)
    path = base_path.strip("/")
    return f"{parts.scheme}://{parts.netloc}" + (f"/{path}" if path else "")


def embed_url(base_url: str, section: str, theme: Theme) -> str:
    """The app in Streamlit's embed view, opened at a section, in the chosen theme."""
    query = urlencode({"embed": "true", "embed_options": f"{theme}_theme", "section": section})
    return f"{base_url.rstrip('/')}/?{query}"


def static_url(base_url: str, section: str) -> str:
    """The static edition, published at `base_url`, opened at a section."""
    return f"{base_url.rstrip('/')}/?{urlencode({'section': section})}"


def host_snippet(base_url: str, section: ResolvedSection, title: str, *, templates: str | None = None) -> Markup:
    """The scroll-driven embed of the static edition published at `base_url`: a placeholder that its
    `embed.js` turns into a frame the article's own scroll drives, and, without scripts, the
    section's map linking to the story."""
    base = base_url.rstrip("/")
    return render(
        "host_snippet.html",
        templates,
        url=static_url(base, section.id),
        title=title,
        script=f"{base}/{HOST_SCRIPT}",
        image=f"{base}/{IMAGE_DIR}/{section.id}.png",
        image_alt=status_text(section),
    )


def preview_page(snippet: Markup, *, templates: str | None = None) -> Markup:
    """A stand-in article around `snippet`, text above and below, to preview the embed as it reads."""
    return render("embed_preview.html", templates, snippet=snippet)


def iframe_snippet(url: str, title: str, height: int, *, templates: str | None = None) -> Markup:
    """A copy-ready iframe; every attribute value is HTML-escaped by its template."""
    return render("iframe_snippet.html", templates, url=url, title=title, height=int(height))


def responsive_snippet(url: str, title: str, *, templates: str | None = None) -> Markup:
    """An iframe that takes the column's width and most of a screen's height, with a floor for phones."""
    return render("responsive_snippet.html", templates, url=url, title=title)


def attribution(story: ResolvedStory) -> str:
    """The line to print under an embed."""
    meta = story.meta
    return " ".join(
        filter(None, [f"{meta.label} by {meta.author}, presented with an interactive map.", meta.map_credit])
    )
