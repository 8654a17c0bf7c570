"""`python -m storymap draft`: a story folder an editor can start from, and nothing written from bad input."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from bench.draft_recall import compare
from storymap.__main__ import main
from storymap.authoring.check import check_folder
from storymap.authoring.draft import DraftError, write_draft
from storymap.authoring.proposals import draft_sections
from storymap.model.gazetteer import Gazetteer
from storymap.model.story import Role, SectionKind, Story, load_story

ROOT = Path(__file__).resolve().parent.parent
COFFEE = ROOT / "tests" / "fixtures" / "world-article" / "coffee.txt"
EDITED_COFFEE = ROOT / "tests" / "fixtures" / "world-story"


def test_draft_of_the_op_ed_finds_the_places_editors_kept(story: Story, gazetteer: Gazetteer) -> None:
    """Recall of the places in story/story.yaml; the misses are implied places (see docs/authoring.md)."""
    scores = compare(draft_sections(story.source_text, gazetteer), story)
    assert scores.places.recall() >= 0.9, scores.places.missed
    assert scores.places.precision() >= 0.9, scores.places.extra


def test_draft_of_the_second_article_proposes_what_the_editor_kept(gazetteer: Gazetteer) -> None:
    edited = load_story(EDITED_COFFEE, gazetteer.with_story_places(EDITED_COFFEE))
    drafted = {d.id: d for d in draft_sections(COFFEE.read_text(encoding="utf-8"), gazetteer)}
    for section in edited.sections:
        proposed = {c for p in drafted[section.id].proposals for c in [p.place_id, *p.others]}
        assert {pid for pid, _ in section.places.by_role()} <= proposed, section.id


def test_ambiguous_names_are_flagged_in_the_yaml(gazetteer: Gazetteer, tmp_path: Path) -> None:
    write_draft(COFFEE, tmp_path / "draft", gazetteer)
    yaml_text = (tmp_path / "draft" / "story.yaml").read_text(encoding="utf-8")
    assert "# GEO: Georgia (country), from “Georgia”" in yaml_text
    assert "#   check: “Georgia” also names Georgia (US-GA)" in yaml_text
    assert "the country in the South Caucasus, or the US state" in yaml_text


@pytest.mark.parametrize("article", [COFFEE, ROOT / "story" / "op-ed.txt"], ids=["coffee", "op-ed"])
def test_draft_copies_the_text_and_passes_the_text_check(article: Path, gazetteer: Gazetteer, tmp_path: Path) -> None:
    out = tmp_path / "draft"
    write_draft(article, out, gazetteer)
    assert (out / article.name).read_bytes() == article.read_bytes()
    story = load_story(out, gazetteer)
    assert story.meta.source_sha256 == hashlib.sha256(article.read_bytes()).hexdigest()
    problems = check_folder(out, ROOT / "geodata")
    assert problems and all("placeholder" in p.message or "no note" in p.message for p in problems)


def test_sections_have_kinds_and_stable_ids(gazetteer: Gazetteer) -> None:
    text = "A photo of Lyon\nLyon grows. It grows fast.\n\nLyon grows. It grows fast.\nJane Doe is a writer in Lyon."
    first, second = draft_sections(text, gazetteer), draft_sections(text, gazetteer)
    assert (
        [s.id for s in first]
        == [s.id for s in second]
        == ["a-photo-of-lyon", "lyon-grows-it-grows-fast", "lyon-grows-it-grows-fast-2", "jane-doe-is-a-writer"]
    )
    assert [s.kind for s in first] == [SectionKind.CAPTION, SectionKind.BODY, SectionKind.BODY, SectionKind.AUTHOR_NOTE]


def test_roles_weigh_names_over_demonyms(gazetteer: Gazetteer) -> None:
    (section,) = draft_sections("France and France's allies met German and Italian envoys in Paris.", gazetteer)
    roles = {p.place_id: p.role for p in section.proposals}
    assert roles == {"FRA": Role.FOCUS, "DEU": Role.CONTEXT, "ITA": Role.CONTEXT, "paris-fr": Role.CONTEXT}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(b"", "is empty", id="empty"),
        pytest.param(b"  \n\n\t\n", "is empty", id="whitespace"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is a binary file", id="binary"),
        pytest.param("Café in Lyon".encode("latin-1"), "is not UTF-8 text", id="latin-1"),
    ],
)
def test_bad_article_says_so_and_writes_nothing(
    content: bytes, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article, out = tmp_path / "article.txt", tmp_path / "out"
    article.write_bytes(content)
    assert main(["draft", str(article), str(out)]) == 1
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_draft_never_overwrites_a_story(gazetteer: Gazetteer, tmp_path: Path) -> None:
    out = tmp_path / "story"
    shutil.copytree(EDITED_COFFEE, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    with pytest.raises(DraftError, match=r"already holds a story\.yaml"):
        write_draft(COFFEE, out, gazetteer)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_missing_article_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["draft", str(tmp_path / "nope.txt"), str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err.strip().endswith("nope.txt: no such file")
