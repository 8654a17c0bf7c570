"""Embed: the snippets for newsrooms (the scroll-driven one first, where the static edition is
published), the credit line, the section's map as images, and a live preview."""

from urllib.parse import urljoin

import streamlit as st
import streamlit.components.v1 as components

from storymap.render.embed import (
    app_address,
    attribution,
    embed_url,
    host_snippet,
    iframe_snippet,
    preview_page,
    responsive_snippet,
    static_url,
)
from storymap.render.images import section_images
from storymap.ui.bundle import app_settings, page_bundle

bundle = page_bundle("Embed")
story = bundle.story
templates = story.meta.template_dir
titles = {s.id: s.title for s in story.sections}


@st.cache_data(show_spinner=False, max_entries=64)
def _images(section_id: str, version: str) -> tuple[str, bytes]:
    """The section's map as SVG and PNG, drawn once per section of this version of the story."""
    return section_images(story.sections[list(titles).index(section_id)], bundle.shapes)


def _code(label: str, snippet: str) -> None:
    st.markdown(label)
    st.code(snippet, language=None, wrap_lines=True)


st.title("Embed the story")
st.caption("Put the story in your article: it opens at the section you choose and readers can still scroll and step.")
col_form, col_code = st.columns([4, 8], gap="large")
with col_form:
    section = st.selectbox("Open at", list(titles), format_func=titles.__getitem__, key="embed_section")
    theme = st.radio("Theme (live app)", ["light", "dark"], horizontal=True, key="embed_theme")
    height = st.slider("Height (pixels)", 400, 1200, 720, step=20, key="embed_height")
base = app_address(st.context.url or "http://localhost:8501/", str(st.get_option("server.baseUrlPath") or ""))
# A published address may be a path on this server (`make serve` publishes it under <base>/read/).
published = urljoin(f"{base}/", app_settings().static_url) if app_settings().static_url else ""
url = embed_url(base, section, theme)
chosen = story.sections[list(titles).index(section)]
with col_code:
    if published:
        scrolled = host_snippet(published, chosen, story.meta.title, templates=templates)
        _code(
            "**Copy this into your article**: the story becomes part of the page; the article's own "
            "scroll drives it, its map stays in view while the story is on screen, and the article goes "
            "on after it. Without scripts it shows the section's map, linked to the story.",
            scrolled,
        )
        _code(
            "**Or a plain iframe of the same story** (a fixed height that scrolls inside itself)",
            iframe_snippet(static_url(published, section), story.meta.title, height, templates=templates),
        )
        st.caption(
            f"Light theme only. To share this section with a preview of its map: "
            f"{published.rstrip('/')}/share/{section}.html"
        )
        st.markdown("**Or the live app** (with its other pages; it holds a server session for each reader)")
    _code(
        "**Copy this into your page**" if not published else "Its iframe:",
        iframe_snippet(url, story.meta.title, height, templates=templates),
    )
    _code(
        "**Responsive version** (fills the column, most of a screen high, at least 480 px)",
        responsive_snippet(url, story.meta.title, templates=templates),
    )
    if not published:
        st.caption(
            "A static edition of the story (`python -m storymap site`, or `make serve`, which publishes it "
            "under /read/) loads far lighter, costs no server work per reader, and gives a snippet the "
            "article's own scroll drives; set STORYMAP_STATIC_URL (or --static-url) to where it is published."
        )
    _code("**Print this under it**", attribution(story))
    st.markdown("**This section's map as an image** (for print or a link preview)")
    try:
        svg, png = _images(section, bundle.version)
    except OSError:
        st.caption("The map images need the system's Cairo library (Debian: libcairo2), which is missing here.")
    else:
        png_col, svg_col = st.columns(2)
        png_col.download_button("PNG, 1200 px", png, file_name=f"{section}.png", mime="image/png", key="map_png")
        svg_col.download_button("SVG", svg, file_name=f"{section}.svg", mime="image/svg+xml", key="map_svg")
st.header("Preview", anchor=False)
if published:
    st.caption("The snippet in an article that scrolls: scroll inside the box to read on.")
    components.html(preview_page(scrolled, templates=templates), height=height, scrolling=True)
else:
    components.iframe(url, height=height)
