"""The app's pages in one table, and the frame each page draws first: the wide layout, our styles
and, outside an article, the row of page links.

Streamlit routes by the `pages/` folder beside app.py (its first multipage API): the table must
list exactly those scripts, which `tests/test_pages.py` checks. We do not route with
`st.navigation`: with a `pages/` folder present, Streamlit 1.67 still runs a fresh server's first
request through the folder (its `PagesManager.uses_pages_directory` is cleared only once
`st.navigation` has run), so a first reader landing on /timeline got the page without its frame.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

PAGE_CSS = (Path(__file__).resolve().parents[1] / "assets" / "page.css").read_text(encoding="utf-8")


@dataclass(frozen=True)
class SitePage:
    """A page of the app: its script (relative to the project) and its link's label."""

    script: str
    label: str
    studio: bool = False  # linked only where the Studio is on (a setting)

    @property
    def url_path(self) -> str:
        """Its path in the app's address: Streamlit names a page after its script; the story is the root."""
        return "" if self.script == "app.py" else Path(self.script).stem


PAGES = (
    SitePage("app.py", "Story"),
    SitePage("pages/places.py", "Places"),
    SitePage("pages/timeline.py", "Timeline"),
    SitePage("pages/classroom.py", "Classroom"),
    SitePage("pages/embed.py", "Embed"),
    SitePage("pages/about.py", "About"),
    SitePage("pages/studio.py", "Studio", studio=True),
)


def page_frame(title: str, studio: bool, font_faces: str) -> None:
    """What every page draws first: `font_faces` are the whole text faces for the characters a
    first view's cut of them lacks (storymap/publish/fonts.py). Outside an article the page links
    come first, so a keyboard reaches them before the page's own controls."""
    st.set_page_config(page_title=title, layout="wide", initial_sidebar_state="collapsed")
    st.html(f"<style>{font_faces}{PAGE_CSS}</style>")
    if not st.context.is_embedded:
        with st.container(key="site-nav", horizontal=True):
            for page in PAGES:
                if page.studio and not studio:
                    continue
                st.page_link(page.script, label=page.label)
