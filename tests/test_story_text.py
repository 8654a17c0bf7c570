"""The story says exactly what the source says, apart from the documented fixes."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from storymap.model.reference import FixNotFoundError, apply_fixes, expected_paragraphs, story_paragraphs
from storymap.model.story import Fix, SectionKind, Story

SHARED_SOURCE = Path(__file__).resolve().parents[2] / "shared" / "source" / "op-ed.txt"


def test_story_text_equals_source_after_fixes(story: Story) -> None:
    assert story_paragraphs(story) == expected_paragraphs(story)


def test_every_fix_changes_the_text(story: Story) -> None:
    for fix in story.meta.fixes:
        assert fix.original != fix.replacement
        assert fix.original not in " ".join(story_paragraphs(story))


def test_source_copy_matches_the_recorded_hash(story: Story) -> None:
    digest = hashlib.sha256(story.source_text.encode("utf-8")).hexdigest()
    assert digest == story.meta.source_sha256


@pytest.mark.skipif(not SHARED_SOURCE.exists(), reason="../shared is only on our machines")
def test_source_copy_is_the_shared_original(story: Story) -> None:
    assert SHARED_SOURCE.read_text(encoding="utf-8") == story.source_text


def test_reading_order_caption_first_author_note_last(story: Story) -> None:
    kinds = [s.kind for s in story.sections]
    assert kinds[0] is SectionKind.CAPTION
    assert kinds[-1] is SectionKind.AUTHOR_NOTE
    assert all(k is SectionKind.BODY for k in kinds[1:-1])


def test_no_invented_headline_or_address(story: Story) -> None:
    text = " ".join(story_paragraphs(story))
    assert "@" not in text and "[email" not in text
    assert story.meta.title not in story.source_text


def test_a_changed_word_is_caught(story: Story) -> None:
    tampered = [p.replace("robust", "strong") for p in story_paragraphs(story)]
    assert tampered != expected_paragraphs(story)


def test_fix_must_match_exactly_once() -> None:
    fix = Fix(section="s", original="the", replacement="a", note="n")
    with pytest.raises(FixNotFoundError, match="2 times"):
        apply_fixes("the cat and the dog", [fix])
    with pytest.raises(FixNotFoundError, match="0 times"):
        apply_fixes("a cat", [fix])
