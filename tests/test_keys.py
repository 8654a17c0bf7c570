"""The one table of stepping keys: the help text names each, the map's frame forwards all but the
arrows, and the steps file hands every one of them to the page's reader."""

from __future__ import annotations

import json
from pathlib import Path

from storymap.model.resolve import ResolvedStory
from storymap.model.shapes import load_shapes
from storymap.publish.static_assets import publish
from storymap.render.keys import STEP_KEYS, forwarded_keys, key_moves, keys_hint
from storymap.render.panels import KEYS_HINT

SHAPES = load_shapes(Path(__file__).resolve().parent.parent / "geodata" / "shapes")


def test_the_help_text_names_every_key() -> None:
    assert keys_hint() == KEYS_HINT
    assert keys_hint() == "Keys: ← →, j k or PgUp PgDn to step, Home and End for the first and last section."
    assert all(step_key.label in KEYS_HINT for step_key in STEP_KEYS)


def test_the_map_keeps_the_arrows_and_forwards_the_rest() -> None:
    assert forwarded_keys() == ["j", "k", "PageUp", "PageDown", "Home", "End"]


def test_the_steps_file_carries_the_keys(tmp_path: Path, resolved: ResolvedStory) -> None:
    urls = publish(tmp_path, SHAPES, resolved)
    steps = json.loads((tmp_path / urls.steps.removeprefix("/app/static/").split("?")[0]).read_text(encoding="utf-8"))
    assert steps["keys"] == key_moves()
    assert set(key_moves().values()) == {"next", "prev", "first", "last"}
