"""Broken story and gazetteer files give one clear message naming file, section and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from storymap.model.errors import StoryDataError
from storymap.model.gazetteer import Gazetteer, load_gazetteer
from storymap.model.story import load_story

STORIES = Path(__file__).resolve().parent / "fixtures" / "stories"


def test_valid_fixture_loads(gazetteer: Gazetteer) -> None:
    story = load_story(STORIES / "valid", gazetteer)
    assert [s.id for s in story.sections] == ["neighbours", "oil"]


@pytest.mark.parametrize(
    ("case", "section", "field", "message"),
    [
        pytest.param(
            "unknown-place", "oil", "sections[1].places.focus[1]", "unknown place id 'atlantis'", id="unknown-place"
        ),
        pytest.param(
            "duplicate-section", "neighbours", "sections[1].id", "duplicate section id", id="duplicate-section"
        ),
        pytest.param("empty-text", "oil", "sections[1].text", "must not be empty", id="empty-text"),
        pytest.param("unknown-field", "oil", "sections[1].colour", "is not a known field", id="unknown-field"),
        pytest.param("missing-source", None, "meta.source_file", "missing.txt not found", id="missing-source"),
        pytest.param("malformed", None, None, "is not valid YAML at line", id="malformed"),
        pytest.param("no-such-story", None, None, "file not found", id="missing-file"),
    ],
)
def test_broken_story_message(
    gazetteer: Gazetteer, case: str, section: str | None, field: str | None, message: str
) -> None:
    with pytest.raises(StoryDataError) as caught:
        load_story(STORIES / case, gazetteer)
    error = caught.value
    assert error.file.endswith(f"{case}/story.yaml")
    assert (error.section, error.field) == (section, field)
    assert message in error.message
    text = str(error)
    assert case in text and message in text
    if section:
        assert f"section '{section}'" in text


def test_tampered_source_is_refused(gazetteer: Gazetteer, tmp_path: Path) -> None:
    story_dir = tmp_path / "story"
    story_dir.mkdir()
    (tmp_path / "source.txt").write_text((STORIES / "source.txt").read_text() + "An extra line.\n")
    (story_dir / "story.yaml").write_text((STORIES / "valid" / "story.yaml").read_text())
    with pytest.raises(StoryDataError, match="differs from the reference"):
        load_story(story_dir, gazetteer)


def test_gazetteer_duplicate_place(tmp_path: Path) -> None:
    path = tmp_path / "gazetteer.yaml"
    place = "- {id: ARM, name: Armenia, kind: country, note: n, source: s}\n"
    path.write_text("sources:\n  s: {publisher: p, title: t, date: d}\nplaces:\n" + place + place)
    with pytest.raises(StoryDataError, match=r"place 'ARM', field 'places\[1\].id': duplicate place id"):
        load_gazetteer(path)


def test_gazetteer_city_without_point(tmp_path: Path) -> None:
    path = tmp_path / "gazetteer.yaml"
    path.write_text(
        "sources:\n  s: {publisher: p, title: t, date: d}\n"
        "places:\n- {id: baku, name: Baku, kind: city, note: n, source: s}\n"
    )
    with pytest.raises(StoryDataError, match=r"place 'baku'.*needs a point"):
        load_gazetteer(path)
