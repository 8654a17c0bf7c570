"""Embedding the story in another site: the iframe snippet, a responsive recipe, the credit line."""

from __future__ import annotations

from html import escape
from typing import Literal
from urllib.parse import urlencode

from storymap.model.resolve import ResolvedStory

Theme = Literal["light", "dark"]


def embed_url(base_url: str, section: str, theme: Theme) -> str:
    """The app in Streamlit's embed view, opened at a section, in the chosen theme."""
    query = urlencode({"embed": "true", "embed_options": f"{theme}_theme", "section": section})
    return f"{base_url.rstrip('/')}/?{query}"


def static_url(base_url: str, section: str) -> str:
    """The static edition, published at `base_url`, opened at a section."""
    return f"{base_url.rstrip('/')}/?{urlencode({'section': section})}"


def iframe_snippet(url: str, title: str, height: int) -> str:
    """A copy-ready iframe; every attribute value is HTML-escaped."""
    return (
        f'<iframe src="{escape(url, quote=True)}" title="{escape(title, quote=True)}" '
        f'width="100%" height="{int(height)}" style="border:0;" loading="lazy" '
        'allow="fullscreen"></iframe>'
    )


def responsive_snippet(url: str, title: str) -> str:
    """An iframe that takes the column's width and most of a screen's height, with a floor for phones."""
    return (
        '<div style="position:relative;width:100%;height:min(85vh,760px);min-height:480px;">\n'
        f'  <iframe src="{escape(url, quote=True)}" title="{escape(title, quote=True)}" '
        'style="position:absolute;inset:0;width:100%;height:100%;border:0;" loading="lazy" '
        'allow="fullscreen"></iframe>\n</div>'
    )


def attribution(story: ResolvedStory) -> str:
    """The line to print under an embed."""
    meta = story.meta
    return " ".join(
        filter(None, [f"{meta.label} by {meta.author}, presented with an interactive map.", meta.map_credit])
    )
