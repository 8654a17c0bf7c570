"""`python -m storymap export`: the resolved story as JSON, or one error line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from storymap.model.resolve import ResolvedStory
from storymap.model.story import Story

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "stories"


def _export(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "storymap", "export", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_export_prints_the_resolved_story(story: Story) -> None:
    result = _export()
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data["meta"]) >= {"title", "author", "source_note", "editorial_notes"}
    assert [s["id"] for s in data["sections"]] == [s.id for s in story.sections]
    first = data["sections"][0]
    assert set(first) >= {"id", "title", "text", "places", "bounds"}
    assert set(first["places"][0]) >= {"id", "name", "kind", "role"}


def test_export_of_a_broken_story_is_one_clear_line() -> None:
    result = _export("--story", str(FIXTURES / "unknown-place"))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip().count("\n") == 0
    assert "unknown place id 'atlantis'" in result.stderr
    assert "Traceback" not in result.stderr


def test_bounds_frame_the_focus_places(resolved: ResolvedStory) -> None:
    for section in resolved.sections:
        (south, west), (north, east) = section.bounds
        assert -90 <= south < north <= 90 and -180 <= west < east <= 180, section.id
    drawbacks = next(
        s for s in resolved.sections if any(p.id == "nagorno-karabakh" and p.role == "focus" for p in s.places)
    )
    (south, west), (north, east) = drawbacks.bounds
    assert south < 39.5 and north > 40.0 and west < 46.5 and east > 47.0


def test_mentions_point_at_listed_places(resolved: ResolvedStory) -> None:
    for section in resolved.sections:
        listed = {p.id for p in section.places}
        for mention in section.mentions:
            assert mention.place_id in listed
            assert section.text[mention.start : mention.end]
