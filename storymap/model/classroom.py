"""Classroom material: discussion questions and key terms per section, written by the editors."""

from __future__ import annotations

from pathlib import Path

from storymap.model.datafile import read_yaml, validate
from storymap.model.errors import StoryDataError
from storymap.model.gazetteer import Strict, Text

CLASSROOM_FILE = "classroom.yaml"


class Term(Strict):
    """A key term and a plain definition."""

    term: Text
    definition: Text


class SectionMaterial(Strict):
    """What a teacher gets for one section."""

    questions: list[Text] = []
    terms: list[Term] = []


class ClassroomFile(Strict):
    """The classroom file as written: material by section id."""

    sections: dict[str, SectionMaterial]


def load_classroom(story_dir: Path, section_ids: list[str]) -> dict[str, SectionMaterial]:
    """Read a story's classroom material, if any; every key must be a section of the story."""
    path = story_dir / CLASSROOM_FILE
    if not path.exists():
        return {}
    data = validate(path, read_yaml(path), ClassroomFile)
    for section_id in data.sections:
        if section_id not in section_ids:
            raise StoryDataError(path, "not a section of the story", section_id, f"sections.{section_id}")
    return data.sections
