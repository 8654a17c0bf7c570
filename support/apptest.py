"""A new reader's session of the app under Streamlit's AppTest, at any page and query string."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def open_app(page: str | None = None, params: Mapping[str, str | Sequence[str]] | None = None) -> AppTest:
    """Open the story page with the query string `params` (a list repeats a parameter), then, if
    given, switch to the page script `page` (e.g. "pages/places.py"), as a reader clicking its link."""
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in (params or {}).items():
        at.query_params[name] = value if isinstance(value, str) else list(value)
    at.run()
    return at.switch_page(page).run() if page else at
