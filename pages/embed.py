"""Embed: a copy-ready iframe for newsrooms, with a live preview and the credit line."""

from urllib.parse import urlsplit

import streamlit as st
import streamlit.components.v1 as components

from storymap.render.embed import attribution, embed_url, iframe_snippet, responsive_snippet, static_url
from storymap.render.images import section_images
from storymap.ui.shared import app_settings, page_bundle

bundle = page_bundle("Embed")
story = bundle.story
titles = {s.id: s.title for s in story.sections}


@st.cache_data(show_spinner=False, max_entries=64)
def _images(section_id: str, version: str) -> tuple[str, bytes]:
    """The section's map as SVG and PNG, drawn once per section of this version of the story."""
    return section_images(story.sections[list(titles).index(section_id)], bundle.shapes)


st.title("Embed the story")
st.caption("Put the story in your article: it opens at the section you choose and readers can still scroll and step.")
col_form, col_code = st.columns([4, 8], gap="large")
with col_form:
    section = st.selectbox("Open at", list(titles), format_func=titles.__getitem__, key="embed_section")
    theme = st.radio("Theme", ["light", "dark"], horizontal=True, key="embed_theme")
    height = st.slider("Height (pixels)", 400, 1200, 720, step=20, key="embed_height")
parts = urlsplit(st.context.url or "http://localhost:8501/")
base = f"{parts.scheme}://{parts.netloc}"
url = embed_url(base, section, theme)
snippet = iframe_snippet(url, story.meta.title, height, templates=story.meta.template_dir)
with col_code:
    st.markdown("**Copy this into your page**")
    st.code(snippet, language=None, wrap_lines=True)
    st.markdown("**Responsive version** (fills the column, most of a screen high, at least 480 px)")
    st.code(
        responsive_snippet(url, story.meta.title, templates=story.meta.template_dir), language=None, wrap_lines=True
    )
    st.markdown("**Print this under it**")
    st.code(attribution(story), language=None, wrap_lines=True)
    published = app_settings().static_url
    if published:
        st.markdown(
            "**Or embed the static edition** (the same story from any web host: a few hundred kilobytes "
            "on a first visit and no server work per reader; the live app above loads Streamlit's whole "
            "frontend, megabytes, and holds a server session for each reader)"
        )
        st.code(
            iframe_snippet(static_url(published, section), story.meta.title, height, templates=story.meta.template_dir),
            language=None,
            wrap_lines=True,
        )
        st.caption(
            f"Light theme only. To share this section with a preview of its map: "
            f"{published.rstrip('/')}/share/{section}.html"
        )
    else:
        st.caption(
            "A static edition of the story (`python -m storymap site`) loads far lighter and costs no server "
            "work per reader; set STORYMAP_STATIC_URL to where it is published to get its snippet here."
        )
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
components.iframe(url, height=height)
