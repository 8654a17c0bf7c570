"""Embed: a copy-ready iframe for newsrooms, with a live preview and the credit line."""

from urllib.parse import urlsplit

import streamlit as st
import streamlit.components.v1 as components

from storymap.embed import attribution, embed_url, iframe_snippet, responsive_snippet
from storymap.ui import page_bundle

bundle = page_bundle("Embed")
story = bundle.story
titles = {s.id: s.title for s in story.sections}

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
snippet = iframe_snippet(url, story.meta.title, height)
with col_code:
    st.markdown("**Copy this into your page**")
    st.code(snippet, language="html")
    st.markdown("**Responsive version** (fills the column, most of a screen high, at least 480 px)")
    st.code(responsive_snippet(url, story.meta.title), language="html")
    st.markdown("**Print this under it**")
    st.code(attribution(story), language="text")
st.subheader("Preview", anchor=False)
components.iframe(url, height=height)
