"""Embedding the story in another site: the iframe snippet, a responsive recipe, the credit line."""

from __future__ import annotations

from typing import Literal
from urllib.parse import urlencode

from markupsafe import Markup

from storymap.model.resolve import ResolvedStory
from storymap.render.templates import render

Theme = Literal["light", "dark"]


def embed_url(base_url: str, section: str, theme: Theme) -> str:
    """The app in Streamlit's embed view, opened at a section, in the chosen theme."""
    query = urlencode({"embed": "true", "embed_options": f"{theme}_theme", "section": section})
    return f"{base_url.rstrip('/')}/?{query}"


def static_url(base_url: str, section: str) -> str:
    """The static edition, published at `base_url`, opened at a section."""
    return f"{base_url.rstrip('/')}/?{urlencode({'section': section})}"


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
