"""Whatever query string a reader arrives with, every page renders and never echoes a value back;
the story page opens the section the URL names, or the first section with a notice that says why.

The expectations come from the story file and from the notices written out below, never from
the app's own parsing (storymap/model/urlstate.py). The property tests are real AppTest runs
(~0.3-1 s each), so the examples are few and fixed (`derandomize`); the number run, and that every
kind of `section` value came up, are checked and printed at the end.
"""

from __future__ import annotations

from collections import Counter
from html import escape
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from storymap.ui.pages import PAGES as SITE_PAGES
from support.apptest import open_app

ROOT = Path(__file__).resolve().parent.parent
PAGES = [None, *(p.script for p in SITE_PAGES if p.url_path)]
STORY_EXAMPLES = 100
PAGE_EXAMPLES = 30

_STORY = yaml.safe_load((ROOT / "story" / "story.yaml").read_text(encoding="utf-8"))
IDS: list[str] = [section["id"] for section in _STORY["sections"]]
FIRST = IDS[0]
# What the story must tell a reader whose link names no usable section (the app opens the first).
NO_SECTION = "The link named no section, so the story opens at the start."
TOO_LONG = "The link's section name is too long to be one of ours, so the story opens at the start."
UNKNOWN = "The link named a section this story does not have, so the story opens at the start."
LONGEST = 80  # characters: a longer value is too long to be a section id, whatever it says

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
    "x" * (LONGEST + 1),
    "ä" * 5000,
    "step",
    "scroll",
    "true",
    "dark_theme",
]
NAMES = ["section", "mode", "embed", "embed_options"]


def _expected(sections: list[str]) -> tuple[str, list[str], str]:
    """The section the story page must open for the URL's `section` values (the last one counts),
    the notices it must show, and what kind of value that was."""
    if not sections:
        return FIRST, [], "absent"
    value = sections[-1]
    if value in IDS:
        return value, [], "section id"
    if not value.strip():
        return FIRST, [NO_SECTION], "blank"
    if len(value) > LONGEST:
        return FIRST, [TOO_LONG], "too long"
    return FIRST, [UNKNOWN], "unknown"


def _values() -> st.SearchStrategy[str]:
    unicode = st.text(st.characters(exclude_categories=["Cs", "Cc"]), max_size=300)
    return st.one_of(st.sampled_from(HOSTILE + IDS), unicode, st.text(min_size=500, max_size=3000))


def _params() -> st.SearchStrategy[dict[str, list[str]]]:
    """Known and unknown names, each with one to three values (repeated parameters)."""
    names = st.one_of(st.sampled_from(NAMES), st.text(st.characters(exclude_categories=["Cs", "Cc"]), min_size=1))
    return st.dictionaries(names, st.lists(_values(), min_size=1, max_size=3), max_size=4)


def _run(params: dict[str, list[str]], page: str | None = None) -> AppTest:
    """One value as itself, several as a repeated parameter."""
    return open_app(page, {name: values if len(values) > 1 else values[0] for name, values in params.items()})


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


def _assert_opens(at: AppTest, section: str, notices: list[str]) -> None:
    """The story page shows `section`, puts it in the URL and shows exactly `notices`."""
    assert not at.exception, at.exception
    assert at.selectbox(key="picker").value == section
    assert at.query_params["section"] == section
    assert [i.value for i in at.info] == notices


@pytest.fixture(scope="module")
def known() -> dict[str | None, str]:
    """What each page shows with no query string, plus the story's own words (a passage shown
    one at a time is not on the first page): a value found there is not an echo."""
    words = "\n".join(str(s.get(field, "")) for s in _STORY["sections"] for field in ("text", "credit"))
    return {page: _shown(_run({}, page)) + words for page in PAGES}


@pytest.mark.parametrize(
    ("values", "section", "notices"),
    [
        pytest.param([], FIRST, [], id="absent"),
        pytest.param(["france"], "france", [], id="a-section"),
        pytest.param([IDS[-1]], IDS[-1], [], id="the-last-section"),
        pytest.param(["no-such-section", "france"], "france", [], id="repeated-last-wins"),
        pytest.param(["france", "no-such-section"], FIRST, [UNKNOWN], id="repeated-last-unknown"),
        pytest.param(["France"], FIRST, [UNKNOWN], id="ids-are-case-sensitive"),
        pytest.param([" france "], FIRST, [UNKNOWN], id="ids-are-not-trimmed"),
        pytest.param(["no-such-section"], FIRST, [UNKNOWN], id="unknown"),
        pytest.param(["<script>alert(1)</script>"], FIRST, [UNKNOWN], id="script-like"),
        pytest.param([""], FIRST, [NO_SECTION], id="empty"),
        pytest.param(["   "], FIRST, [NO_SECTION], id="blank"),
        pytest.param(["x" * LONGEST], FIRST, [UNKNOWN], id="longest-unknown"),
        pytest.param(["x" * (LONGEST + 1)], FIRST, [TOO_LONG], id="over-long"),
    ],
)
def test_section_param_opens(values: list[str], section: str, notices: list[str]) -> None:
    assert section in IDS  # the story file still has the section this case names
    at = _run({"section": values} if values else {})
    _assert_opens(at, section, notices)


def test_story_page_survives_any_query_string(known: dict[str | None, str], capsys: pytest.CaptureFixture[str]) -> None:
    """For any query string: the section the last `section` value names if it is one of
    story.yaml's ids, otherwise the first id with the notice for that kind of value; the mode
    the last `mode` value names if it is `step`, otherwise scrolling; and no value echoed."""
    kinds: Counter[str] = Counter()

    @settings(
        max_examples=STORY_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(_params())
    # Every kind of value at least once, whatever Hypothesis draws, with other parameters beside it.
    @example({"section": ["no-such-section", IDS[-1]], "mode": ["step"]})
    @example({"section": [" "], "embed": ["true"]})
    @example({"section": ["<b>" * 30], "mode": ["scroll", "step"]})
    @example({"section": [IDS[1], "../../etc/passwd"], "sektion": ["france"]})
    def story(params: dict[str, list[str]]) -> None:
        at = _run(params)
        section, notices, kind = _expected(params.get("section", []))
        kinds[kind] += 1
        _assert_opens(at, section, notices)
        _assert_not_echoed(_shown(at), params, known[None])
        mode = params.get("mode", [None])[-1]
        assert at.session_state["mode"] == ("step" if mode == "step" else "scroll")

    story()
    _report(capsys, "story page", kinds.total(), STORY_EXAMPLES, kinds)
    assert set(kinds) == {"absent", "section id", "blank", "too long", "unknown"}, kinds


def test_other_pages_survive_any_query_string(known: dict[str | None, str], capsys: pytest.CaptureFixture[str]) -> None:
    """The pages around the story read no query parameter; a hostile one must not reach them."""
    cases: Counter[str] = Counter()

    @settings(
        max_examples=PAGE_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(_params(), st.sampled_from(PAGES[1:]))
    def page(params: dict[str, list[str]], script: str) -> None:
        cases[script] += 1
        at = _run(params, script)
        assert not at.exception, at.exception
        assert not at.error
        _assert_not_echoed(_shown(at), params, known[script])

    for script in PAGES[1:]:  # every page at least once, whatever Hypothesis draws
        page = example({"section": ["<script>alert(1)</script>"], "mode": ["step"]}, script)(page)
    page()
    _report(capsys, "other pages", cases.total(), PAGE_EXAMPLES, cases)
    assert set(cases) == set(PAGES[1:]), cases


def _report(capsys: pytest.CaptureFixture[Any], what: str, cases: int, planned: int, kinds: Counter[str]) -> None:
    """Say how many cases ran, and of which kind, even under -q; fail if Hypothesis ran far fewer
    than planned."""
    with capsys.disabled():
        print(f"\n[hypothesis] query strings, {what}: {cases} cases ran ({dict(sorted(kinds.items()))})")
    assert cases >= planned * 0.9
