"""One way to name the story and geodata folders: environment variable or flag, for the app and every command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from storymap import settings
from tests.second_story import WORLD_STORY

ROOT = Path(__file__).resolve().parent.parent
COFFEE_TITLE = "Coffee on the move: a test story for the map engine"


def test_defaults_are_the_projects_own_folders() -> None:
    config = settings.read([], environ={})
    assert config == settings.Settings(story=ROOT / "story", geodata=ROOT / "geodata", static_url="")


def test_the_environment_names_the_folders() -> None:
    environ = {"STORYMAP_STORY": "/s", "STORYMAP_GEODATA": "/g", "STORYMAP_STATIC_URL": "https://x.example/"}
    assert settings.read([], environ) == settings.Settings(Path("/s"), Path("/g"), "https://x.example/")


def test_a_flag_wins_over_the_environment_and_unknown_flags_are_left_alone() -> None:
    config = settings.read(["--story", "/flag", "--server.port", "1"], {"STORYMAP_STORY": "/env"})
    assert config.story == Path("/flag")


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "storymap", *args]
    environ = {"PATH": "/usr/bin:/bin", **(env or {})}
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=environ, check=False, timeout=120)


@pytest.mark.parametrize(
    "how",
    [pytest.param({"env": {"STORYMAP_STORY": str(WORLD_STORY)}}, id="environment"), pytest.param({}, id="flag")],
)
def test_every_command_reads_the_story_folder_the_same_way(how: dict[str, dict[str, str]], tmp_path: Path) -> None:
    flag = [] if how else ["--story", str(WORLD_STORY)]
    env = how.get("env")
    exported = _run("export", *flag, env=env)
    assert exported.returncode == 0, exported.stderr
    assert json.loads(exported.stdout)["meta"]["title"] == COFFEE_TITLE
    checked = _run("check", *flag, env=env)
    assert checked.returncode == 0 and str(WORLD_STORY) in checked.stdout, checked.stdout + checked.stderr
    built = _run("site", str(tmp_path / "site"), *flag, env=env)
    assert built.returncode == 0, built.stderr
    assert COFFEE_TITLE in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
