"""Loading a story folder against a geodata folder: the one loader the app, `check`, `export` and
`site` share, so a folder that loads in one loads the same way in all of them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from storymap.model.classroom import SectionMaterial, load_classroom
from storymap.model.gazetteer import Gazetteer, load_gazetteer
from storymap.model.resolve import ResolvedStory, resolve
from storymap.model.shapes import ShapeIndex, load_shapes
from storymap.model.story import Story, load_story
from storymap.model.timeline import TimelineFile, load_timeline

GAZETTEER_FILE = "gazetteer.yaml"
SHAPES_DIR = "shapes"


@dataclass(frozen=True)
class Geodata:
    """A geodata folder read: the gazetteer (before a story's own places) and the shapes."""

    folder: Path
    gazetteer: Gazetteer
    shapes: ShapeIndex


def load_geodata(folder: Path) -> Geodata:
    """Read a geodata folder; the app keeps it across story edits, since it rarely changes."""
    return Geodata(folder, load_gazetteer(folder / GAZETTEER_FILE), load_shapes(folder / SHAPES_DIR))


@dataclass(frozen=True)
class Project:
    """A story folder loaded and validated against its geodata; every file of it checked."""

    story: Story
    gazetteer: Gazetteer
    shapes: ShapeIndex
    timeline: TimelineFile | None
    classroom: dict[str, SectionMaterial]

    @cached_property
    def resolved(self) -> ResolvedStory:
        """The story joined with its places and shapes; raises where a place cannot be drawn, which
        `check` reports among the rest instead."""
        return resolve(self.story, self.gazetteer, self.shapes)


def load_project(story_dir: Path, geodata: Geodata) -> Project:
    """Read and validate every file of a story folder; raises StoryDataError at the first broken one."""
    gazetteer = geodata.gazetteer.with_story_places(story_dir)
    story = load_story(story_dir, gazetteer)
    return Project(
        story=story,
        gazetteer=gazetteer,
        shapes=geodata.shapes,
        timeline=load_timeline(story_dir, gazetteer, geodata.shapes),
        classroom=load_classroom(story_dir, [s.id for s in story.sections]),
    )


def load_resolved(story_dir: Path, geodata_dir: Path) -> ResolvedStory:
    """A story folder resolved against a geodata folder, read from scratch (tests, benches, `export`)."""
    return load_project(story_dir, load_geodata(geodata_dir)).resolved
