"""`python -m storymap check`: every check the tests run on our story, for any folder, in one report."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from storymap.__main__ import main
from storymap.authoring.check import check_folder
from tests.second_story import WORLD_STORY

ROOT = Path(__file__).resolve().parent.parent
GEODATA = ROOT / "geodata"


@pytest.mark.parametrize("folder", [ROOT / "story", WORLD_STORY], ids=["op-ed", "world-story"])
def test_our_stories_pass(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check_folder(folder, GEODATA) == []
    assert main(["check", str(folder)]) == 0
    assert "no problems" in capsys.readouterr().out


def _broken(tmp_path: Path, file: str, old: str, new: str) -> Path:
    folder = tmp_path / "story"
    shutil.copytree(WORLD_STORY, folder)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        pytest.param(
            "story.yaml",
            "focus: [US-GA, DE-BY]",
            "focus: [DE-BY]",
            # The story's own entry for US-GA claims the name, as the hand-written gazetteer's entries do.
            "section 'roasters-in-atlanta-georgia-buy', field 'sections[3].places': “Georgia” names Georgia (US-GA), "
            "which the section does not list",
            id="unannotated-name",
        ),
        pytest.param(
            "story.yaml",
            "the beans cross",
            "the beans sail",
            "section 'from-the-port-of-santos', field 'text': differs from the source: the source has “From the port",
            id="text-changed",
        ),
        pytest.param(
            "story.yaml",
            'editorial_title: "Where the coffee grows"',
            'editorial_title: "[draft] Brazil grows"',
            "field 'sections[1].editorial_title': still the draft's placeholder title",
            id="placeholder-title",
        ),
        pytest.param(
            "places.yaml",
            "  - id: DE-BY\n    note: A state of Germany.\n    source: natural-earth\n",
            "",
            "field 'sections[3].places.focus[1]': 'DE-BY' (Bavaria) is highlighted but has no note and source",
            id="no-note",
        ),
        pytest.param(
            "story.yaml",
            "focus: [BRA, BR-MG]",
            "focus: [BRA, BR-MG, BR-SP]",
            "field 'sections[1].places.focus[2]': 'BR-SP' has no shape",
            id="no-shape",
        ),
        pytest.param(
            "story.yaml",
            "      focus: [BR-MG]\n",
            "      focus: [BR-MG]\n    waive: [{term: Lisbon, reason: not a place here}]\n",
            "section 'coffee-cherries-drying-on-a', field 'waive': waives “Lisbon”, which the text does not contain",
            id="stale-waiver",
        ),
        pytest.param(
            "story.yaml",
            "focus: [santos-br, hamburg-de]",
            "focus: [santos-br, atlantis]",
            "field 'sections[2].places.focus[1]': unknown place id 'atlantis'",
            id="unknown-place",
        ),
        pytest.param("places.yaml", "places:", "places: [", "places.yaml: is not valid YAML at line", id="broken-yaml"),
    ],
)
def test_broken_folder_reports(
    file: str, old: str, new: str, expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _broken(tmp_path, file, old, new)
    assert main(["check", str(folder)]) == 1
    out = capsys.readouterr().out
    assert expected in out
    assert out.rstrip().endswith(f"in {folder}")


def test_a_name_in_any_section_is_caught(tmp_path: Path) -> None:
    """The case the issue found: a story that names Iran in its second section and does not list it."""
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "a.txt").write_text("Turkey and Russia talk.\nBaku, France and Ukraine watch; Iran waits.\n")
    assert main(["draft", str(folder / "a.txt"), str(tmp_path / "draft")]) == 0
    story = (tmp_path / "draft" / "story.yaml").read_text(encoding="utf-8")
    (tmp_path / "draft" / "story.yaml").write_text(story.replace(", IRN]", "]"), encoding="utf-8")
    problems = [p for p in check_folder(tmp_path / "draft", GEODATA) if "does not list" in p.message]
    assert [(p.section, p.message.split(",")[0]) for p in problems] == [
        ("baku-france-and-ukraine-watch", "“Iran” names Iran (IRN)")
    ]


def test_every_problem_is_reported_not_only_the_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _broken(tmp_path, "story.yaml", 'editorial_title: "About this text"', 'editorial_title: "[draft] x"')
    story = folder / "story.yaml"
    story.write_text(story.read_text().replace("context: [VNM, COL]", "context: [VNM]"))
    main(["check", str(folder)])
    assert capsys.readouterr().out.rstrip().endswith(f"2 problems in {folder}")
