"""Streamlit AppTest: every section and every URL form renders, and stepping moves the story."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from storymap.model.resolve import ResolvedStory
from support.apptest import open_app

BROKEN = Path(__file__).resolve().parent / "fixtures" / "stories" / "unknown-place"


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the text inside each `p.progress`, as a parser reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.progress: list[str] = []
        self._in_progress = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self.tags.append((tag, attributes))
        self._in_progress = tag == "p" and "progress" in attributes.get("class", "").split()
        if self._in_progress:
            self.progress.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_progress = False

    def handle_data(self, data: str) -> None:
        if self._in_progress:
            self.progress[-1] += data


def _tags(at: AppTest) -> _Tags:
    parsed = _Tags()
    parsed.feed("\n".join(element.proto.body for element in at.get("html")))
    parsed.close()
    return parsed


def _passages(at: AppTest) -> list[str]:
    """The ids of the passages on the page, in order (the page scrolls to `passage-<id>`)."""
    return [a["id"].removeprefix("passage-") for _, a in _tags(at).tags if a.get("id", "").startswith("passage-")]


def _status(at: AppTest) -> dict[str, str]:
    """The attributes of the status line the map card shows."""
    found = [a for _, a in _tags(at).tags if a.get("role") == "status"]
    assert len(found) == 1, found
    return found[0]


def _status_places(at: AppTest) -> list[str]:
    return [p for p in _status(at)["data-places"].split(",") if p]


def _progress(at: AppTest) -> str:
    (text,) = _tags(at).progress
    return text.strip()


def _reader(at: AppTest) -> dict[str, Any]:
    """What Python tells the reader in the page: the section to show, and a nonce that, when it
    changes, asks the page to go there."""
    (component,) = at.get("bidi_component")
    data: dict[str, Any] = json.loads(component.proto.json)
    return data


def _assert_shows(at: AppTest, resolved: ResolvedStory, index: int) -> None:
    """The page is at section `index` whatever the mode: the picker, the URL, the count, the map
    card and the reader all name it."""
    section = resolved.sections[index]
    assert at.selectbox(key="picker").value == section.id
    assert at.query_params["section"] == section.id
    assert _progress(at) == f"{index + 1} of {len(resolved.sections)}"
    assert _status(at)["data-section"] == section.id
    assert _status_places(at) == [p.id for p in section.places]
    assert _reader(at)["section"] == section.id


@pytest.mark.parametrize("mode", ["scroll", "step"])
def test_every_section_renders(resolved: ResolvedStory, mode: str) -> None:
    """A link to any section opens there: in scroll mode the whole text, with the page asked to
    scroll to that section; one at a time, that passage alone."""
    ids = resolved.section_ids()
    for index, section in enumerate(resolved.sections):
        at = open_app(params=dict(section=section.id, mode=mode))
        assert not at.exception, section.id
        _assert_shows(at, resolved, index)
        assert _reader(at)["nonce"] >= 1, section.id  # a link to a section asks the page to go there
        assert _passages(at) == (ids if mode == "scroll" else [section.id])
        assert not at.info


def test_scroll_mode_shows_the_whole_text(resolved: ResolvedStory) -> None:
    assert _passages(open_app()) == [s.id for s in resolved.sections]


def test_step_mode_shows_one_passage(resolved: ResolvedStory) -> None:
    at = open_app(params=dict(mode="step", section=resolved.sections[3].id))
    assert _passages(at) == [resolved.sections[3].id]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("step", "step", id="step"),
        pytest.param("bogus", "scroll", id="bogus"),
        pytest.param("", "scroll", id="empty"),
    ],
)
def test_mode_param(value: str, expected: str) -> None:
    at = open_app(params=dict(mode=value))
    assert not at.exception
    assert at.session_state["mode"] == expected


def test_switching_mode_keeps_the_section(resolved: ResolvedStory) -> None:
    at = open_app(params=dict(section=resolved.sections[4].id))
    control: Any = at.get("button_group")[0]
    control.set_value("step").run()
    assert not at.exception
    assert at.query_params["mode"] == "step"
    assert _passages(at) == [resolved.sections[4].id]
    _assert_shows(at, resolved, 4)


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("", id="empty"),
        pytest.param("no-such-section", id="unknown"),
        pytest.param("x" * 500, id="over-long"),
        pytest.param("<script>alert(1)</script>", id="script-like"),
        pytest.param("../../etc/passwd", id="path-like"),
    ],
)
def test_bad_section_param_opens_the_first_section_with_a_notice(resolved: ResolvedStory, value: str) -> None:
    at = open_app(params=dict(section=value))
    assert not at.exception
    _assert_shows(at, resolved, 0)
    assert len(at.info) == 1
    assert "<script>" not in at.info[0].value
    assert not value or value not in at.info[0].value


def test_no_param_opens_the_first_section_quietly(resolved: ResolvedStory) -> None:
    at = open_app()
    assert not at.exception and not at.info
    _assert_shows(at, resolved, 0)
    assert _reader(at)["nonce"] == 0  # no section asked for: the page stays at the top


def test_embed_param_renders(resolved: ResolvedStory) -> None:
    at = open_app(params=dict(embed="true", section=resolved.sections[2].id))
    assert not at.exception
    _assert_shows(at, resolved, 2)


@pytest.mark.parametrize("mode", ["scroll", "step"])
def test_next_and_previous_buttons_step(resolved: ResolvedStory, mode: str) -> None:
    at = open_app(params=dict(section=resolved.sections[0].id, mode=mode))
    assert at.button(key="step-prev").disabled
    at.button(key="step-next").click().run()
    _assert_shows(at, resolved, 1)
    at.button(key="step-prev").click().run()
    _assert_shows(at, resolved, 0)


def test_last_section_disables_next(resolved: ResolvedStory) -> None:
    at = open_app(params=dict(section=resolved.sections[-1].id))
    assert at.button(key="step-next").disabled and not at.button(key="step-prev").disabled


def test_picker_jumps_to_a_section(resolved: ResolvedStory) -> None:
    """Scroll mode: the picked section, not only the text around it, and the page asked to go there."""
    at = open_app()
    nonce = _reader(at)["nonce"]
    at.selectbox(key="picker").select(resolved.sections[7].id).run()
    _assert_shows(at, resolved, 7)
    assert _reader(at)["nonce"] > nonce


def test_broken_story_shows_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYMAP_STORY", str(BROKEN))
    at = open_app()
    assert not at.exception
    assert len(at.error) == 1
    assert "unknown place id 'atlantis'" in at.error[0].value
