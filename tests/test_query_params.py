"""Property-based: whatever query string a reader arrives with, every page renders, never echoes a
value back, and an unusable `section` opens the first section with a notice (storymap/model/urlstate.py).

Each case is a real AppTest run (~0.3-1 s), so the examples are few and fixed (`derandomize`),
and the number run is checked and printed at the end.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from storymap.model.resolve import ResolvedStory
from storymap.model.urlstate import MAX_PARAM_LENGTH, UNKNOWN_SECTION, section_from_param
from storymap.render.panels import passage_html

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGES = [None, "pages/places.py", "pages/timeline.py", "pages/classroom.py", "pages/embed.py", "pages/about.py"]
STORY_EXAMPLES = 100
PAGE_EXAMPLES = 30
HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\"'><svg onload=alert(1)>",
    "javascript:alert(1)",
    "../../etc/passwd",
    "%3Cscript%3E",
    "&amp;",
    " ",
    "",
    "x" * (MAX_PARAM_LENGTH + 1),
    "ä" * 5000,
    "step",
    "scroll",
    "true",
    "dark_theme",
]
NAMES = ["section", "mode", "embed", "embed_options"]


def _values(ids: list[str]) -> st.SearchStrategy[str]:
    unicode = st.text(st.characters(exclude_categories=["Cs", "Cc"]), max_size=300)
    return st.one_of(st.sampled_from(HOSTILE + ids), unicode, st.text(min_size=500, max_size=3000))


def _params(ids: list[str]) -> st.SearchStrategy[dict[str, list[str]]]:
    """Known and unknown names, each with one to three values (repeated parameters)."""
    names = st.one_of(st.sampled_from(NAMES), st.text(st.characters(exclude_categories=["Cs", "Cc"]), min_size=1))
    return st.dictionaries(names, st.lists(_values(ids), min_size=1, max_size=3), max_size=4)


def _run(params: dict[str, list[str]], page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for name, values in params.items():
        at.query_params[name] = values if len(values) > 1 else values[0]
    at.run()
    if page:
        at.switch_page(page).run()
    return at


def _shown(at: AppTest) -> str:
    """Everything the page shows a reader as text or HTML."""
    parts = [e.proto.body for e in at.get("html")]
    for elements in (at.markdown, at.caption, at.header, at.subheader, at.title, at.code):
        parts += [str(e.value) for e in elements]
    parts += [e.value for alerts in (at.info, at.error, at.warning) for e in alerts]
    parts += [o for widgets in (at.selectbox, at.radio) for widget in widgets for o in widget.options]
    return "\n".join(parts)


def _assert_not_echoed(shown: str, params: dict[str, list[str]], known: str) -> None:
    """No name or value of the query string appears in the page unless the page says it anyway."""
    for text in [*params, *(v for values in params.values() for v in values)]:
        for form in {text.strip(), escape(text.strip())}:
            if len(form) >= 3 and form not in known:
                assert form not in shown, form


class _Count:
    cases = 0


@pytest.fixture(scope="module")
def known(resolved: ResolvedStory) -> dict[str | None, str]:
    """What each page shows with no query string, plus every passage: a value found there is not an echo."""
    passages = "".join(passage_html(s) for s in resolved.sections)
    return {page: _shown(_run({}, page)) + passages for page in PAGES}


def test_story_page_survives_any_query_string(
    resolved: ResolvedStory, known: dict[str | None, str], capsys: pytest.CaptureFixture[str]
) -> None:
    ids = resolved.section_ids()
    count = _Count()

    @settings(
        max_examples=STORY_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(_params(ids))
    def story(params: dict[str, list[str]]) -> None:
        count.cases += 1
        at = _run(params)
        assert not at.exception, at.exception
        _assert_not_echoed(_shown(at), params, known[None])
        sections = params.get("section", [])
        expected, notice = section_from_param(sections, ids)
        assert at.selectbox[0].value == expected
        assert at.query_params["section"] == expected
        assert [i.value for i in at.info] == ([notice] if notice else [])
        if sections and sections[-1] not in ids:
            assert expected == ids[0] and notice is not None
        if sections and sections[-1].strip() and sections[-1] not in ids and len(sections[-1]) <= MAX_PARAM_LENGTH:
            assert notice == UNKNOWN_SECTION
        mode = params.get("mode", [None])[-1]
        assert at.session_state["mode"] == ("step" if mode == "step" else "scroll")

    story()
    _report(capsys, "story page", count.cases, STORY_EXAMPLES)


def test_other_pages_survive_any_query_string(
    resolved: ResolvedStory, known: dict[str | None, str], capsys: pytest.CaptureFixture[str]
) -> None:
    """The pages around the story read no query parameter; a hostile one must not reach them."""
    count = _Count()

    @settings(
        max_examples=PAGE_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(_params(resolved.section_ids()), st.sampled_from(PAGES[1:]))
    def page(params: dict[str, list[str]], script: str) -> None:
        count.cases += 1
        at = _run(params, script)
        assert not at.exception, at.exception
        assert not at.error
        _assert_not_echoed(_shown(at), params, known[script])

    page()
    _report(capsys, "other pages", count.cases, PAGE_EXAMPLES)


def _report(capsys: pytest.CaptureFixture[Any], what: str, cases: int, planned: int) -> None:
    """Say how many cases ran, even under -q, and fail if Hypothesis ran far fewer than planned."""
    with capsys.disabled():
        print(f"\n[hypothesis] query strings, {what}: {cases} cases ran")
    assert cases >= planned * 0.9
