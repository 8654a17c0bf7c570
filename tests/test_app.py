"""Streamlit AppTest: every section and every URL form renders, and stepping moves the story."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from storymap.model.resolve import ResolvedStory

APP = str(Path(__file__).resolve().parent.parent / "app.py")
BROKEN = Path(__file__).resolve().parent / "fixtures" / "stories" / "unknown-place"


def _run(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    return at.run()


def _html(at: AppTest) -> str:
    return "\n".join(element.proto.body for element in at.get("html"))


def _status_places(at: AppTest) -> list[str]:
    match = re.search(r'role="status"[^>]*data-places="([^"]*)"', _html(at))
    assert match, "no status element"
    return [p for p in match.group(1).split(",") if p]


def _section_ids(resolved: ResolvedStory) -> list[str]:
    return resolved.section_ids()


@pytest.mark.parametrize("mode", ["scroll", "step"])
def test_every_section_renders(resolved: ResolvedStory, mode: str) -> None:
    for section in resolved.sections:
        at = _run(section=section.id, mode=mode)
        assert not at.exception, section.id
        assert at.selectbox[0].value == section.id
        assert _status_places(at) == [p.id for p in section.places]
        assert f'id="passage-{section.id}"' in _html(at)
        assert at.query_params["section"] == section.id
        assert not at.info


def test_scroll_mode_shows_the_whole_op_ed(resolved: ResolvedStory) -> None:
    html = _html(_run())
    assert [s.id for s in resolved.sections] == re.findall(r'<section class="passage[^"]*" id="passage-([^"]+)"', html)


def test_step_mode_shows_one_passage(resolved: ResolvedStory) -> None:
    at = _run(mode="step", section=resolved.sections[3].id)
    assert re.findall(r'id="passage-([^"]+)"', _html(at)) == [resolved.sections[3].id]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("step", "step", id="step"),
        pytest.param("bogus", "scroll", id="bogus"),
        pytest.param("", "scroll", id="empty"),
    ],
)
def test_mode_param(value: str, expected: str) -> None:
    at = _run(mode=value)
    assert not at.exception
    assert at.session_state["mode"] == expected


def test_switching_mode_keeps_the_section(resolved: ResolvedStory) -> None:
    at = _run(section=resolved.sections[4].id)
    control: Any = at.get("button_group")[0]
    control.set_value("step").run()
    assert not at.exception
    assert at.query_params["mode"] == "step"
    assert re.findall(r'id="passage-([^"]+)"', _html(at)) == [resolved.sections[4].id]


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
    at = _run(section=value)
    assert not at.exception
    assert at.selectbox[0].value == resolved.sections[0].id
    assert len(at.info) == 1
    assert "<script>" not in at.info[0].value
    assert not value or value not in at.info[0].value
    assert at.query_params["section"] == resolved.sections[0].id


def test_no_param_opens_the_first_section_quietly(resolved: ResolvedStory) -> None:
    at = _run()
    assert not at.exception and not at.info
    assert at.selectbox[0].value == resolved.sections[0].id


def test_embed_param_renders(resolved: ResolvedStory) -> None:
    at = _run(embed="true", section=resolved.sections[2].id)
    assert not at.exception
    assert at.selectbox[0].value == resolved.sections[2].id


@pytest.mark.parametrize("mode", ["scroll", "step"])
def test_next_and_previous_buttons_step(resolved: ResolvedStory, mode: str) -> None:
    ids = _section_ids(resolved)
    at = _run(section=ids[0], mode=mode)
    previous, following = at.button[0], at.button[1]
    assert previous.disabled
    following.click().run()
    assert at.selectbox[0].value == ids[1]
    assert at.query_params["section"] == ids[1]
    assert _status_places(at) == [p.id for p in resolved.sections[1].places]
    at.button[0].click().run()
    assert at.selectbox[0].value == ids[0]


def test_last_section_disables_next(resolved: ResolvedStory) -> None:
    at = _run(section=resolved.sections[-1].id)
    assert at.button[1].disabled and not at.button[0].disabled


def test_picker_jumps_to_a_section(resolved: ResolvedStory) -> None:
    at = _run()
    target = resolved.sections[7].id
    at.selectbox[0].select(target).run()
    assert at.query_params["section"] == target
    assert f'id="passage-{target}"' in _html(at)


def test_broken_story_shows_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYMAP_STORY", str(BROKEN))
    at = _run()
    assert not at.exception
    assert len(at.error) == 1
    assert "unknown place id 'atlantis'" in at.error[0].value
