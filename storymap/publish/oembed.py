"""oEmbed for the static edition: a static JSON per page, so a CMS that reads oEmbed embeds the
story from a pasted link (https://oembed.com/, section 2.3: type `rich`).

The `html` is a plain iframe, not the scroll-driven snippet: CMSes that accept oEmbed from any
provider keep an iframe and strip scripts (WordPress does), and the iframe works everywhere.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from storymap.model.resolve import ResolvedSection, ResolvedStory
from storymap.render.embed import iframe_snippet, static_url

# The story's document at the root, each section's in a folder of its own.
STORY_DOCUMENT = "oembed.json"
SECTION_DIR = "oembed"
WIDTH = 800
HEIGHT = 720
# The section map images of the static edition (storymap/render/images.py): 1200 by 600 pixels.
THUMBNAIL_SIZE = (1200, 600)


def oembed_document(
    story: ResolvedStory, public_url: str, section: ResolvedSection | None = None, image: str | None = None
) -> dict[str, Any]:
    """The oEmbed response for the story, or for one of its sections, as published at `public_url`."""
    meta = story.meta
    title = f"{section.title} · {meta.title}" if section else meta.title
    url = static_url(public_url, section.id) if section else f"{public_url.rstrip('/')}/"
    document: dict[str, Any] = {
        "version": "1.0",
        "type": "rich",
        "title": title,
        "author_name": meta.author,
        "provider_name": urlsplit(public_url).netloc,
        "provider_url": f"{public_url.rstrip('/')}/",
        "html": str(iframe_snippet(url, title, HEIGHT, templates=meta.template_dir)),
        "width": WIDTH,
        "height": HEIGHT,
    }
    if image:
        document |= {
            "thumbnail_url": image,
            "thumbnail_width": THUMBNAIL_SIZE[0],
            "thumbnail_height": THUMBNAIL_SIZE[1],
        }
    return document


def oembed_path(section: ResolvedSection | None = None) -> str:
    """Where a page's oEmbed document lies in the static edition, relative to its root."""
    return f"{SECTION_DIR}/{section.id}.json" if section else STORY_DOCUMENT
