"""Shared fixtures: the real project data, loaded once per test session through the app's own loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from storymap.model.gazetteer import Gazetteer
from storymap.model.project import Project, load_geodata, load_project
from storymap.model.resolve import ResolvedStory
from storymap.model.shapes import ShapeIndex
from storymap.model.story import Story

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
E2E = Path(__file__).resolve().parent / "e2e"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test under tests/e2e/ drives a browser, nginx or npm: the `browser` tier."""
    for item in items:
        if E2E in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def project() -> Project:
    return load_project(ROOT / "story", load_geodata(ROOT / "geodata"))


@pytest.fixture(scope="session")
def gazetteer(project: Project) -> Gazetteer:
    return project.gazetteer


@pytest.fixture(scope="session")
def shapes(project: Project) -> ShapeIndex:
    return project.shapes


@pytest.fixture(scope="session")
def story(project: Project) -> Story:
    return project.story


@pytest.fixture(scope="session")
def resolved(project: Project) -> ResolvedStory:
    return project.resolved
