"""Checking a story's text against its unchanged source, fix by documented fix."""

from __future__ import annotations

from storymap.model.story import Fix, Story


class FixNotFoundError(ValueError):
    """A fix whose original text does not occur exactly once in the source."""


def apply_fixes(source_text: str, fixes: list[Fix]) -> str:
    """The source with each documented fix applied; each original must occur exactly once."""
    text = source_text
    for fix in fixes:
        count = text.count(fix.original)
        if count != 1:
            raise FixNotFoundError(f"fix for section '{fix.section}': original occurs {count} times in the source")
        text = text.replace(fix.original, fix.replacement)
    return text


def expected_paragraphs(story: Story) -> list[str]:
    """The source's non-empty lines after the fixes: what the story must say, in order."""
    fixed = apply_fixes(story.source_text, story.meta.fixes)
    return [" ".join(line.split()) for line in fixed.splitlines() if line.strip()]


def story_paragraphs(story: Story) -> list[str]:
    """The story's own text in reading order: each section's paragraphs, a caption's credit after it."""
    out: list[str] = []
    for section in story.sections:
        out.extend(section.paragraphs())
        if section.credit:
            out.append(section.credit)
    return out
