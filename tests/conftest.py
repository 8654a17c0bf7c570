"""Shared fixtures: the real project data, loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from storymap.model.gazetteer import Gazetteer, load_gazetteer
from storymap.model.resolve import ResolvedStory, resolve
from storymap.model.shapes import ShapeIndex, load_shapes
from storymap.model.story import Story, load_story

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return load_gazetteer(ROOT / "geodata" / "gazetteer.yaml")


@pytest.fixture(scope="session")
def shapes() -> ShapeIndex:
    return load_shapes(ROOT / "geodata" / "shapes")


@pytest.fixture(scope="session")
def story(gazetteer: Gazetteer) -> Story:
    return load_story(ROOT / "story", gazetteer)


@pytest.fixture(scope="session")
def resolved(story: Story, gazetteer: Gazetteer, shapes: ShapeIndex) -> ResolvedStory:
    return resolve(story, gazetteer, shapes)
