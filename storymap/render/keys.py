"""The keys that step the story: one table, which the help text is written from, the map's frame
forwards to the page (storymap/assets/map/controls.js) and the page's reader steps by
(storymap/assets/reader/stepping.js, through the steps file, storymap/publish/steps.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Move = Literal["next", "prev", "first", "last"]


@dataclass(frozen=True)
class StepKey:
    """A key (as the browser names it in `KeyboardEvent.key`), the move it makes, and how the help
    text names it. An arrow key pressed while the map has focus pans the map, so the map keeps it."""

    key: str
    move: Move
    label: str
    map_keeps: bool = False


# In the help text's order: pairs of previous and next, then the ends.
STEP_KEYS = (
    StepKey("ArrowLeft", "prev", "←", map_keeps=True),
    StepKey("ArrowRight", "next", "→", map_keeps=True),
    StepKey("j", "next", "j"),
    StepKey("k", "prev", "k"),
    StepKey("PageUp", "prev", "PgUp"),
    StepKey("PageDown", "next", "PgDn"),
    StepKey("Home", "first", "Home"),
    StepKey("End", "last", "End"),
)


def key_moves() -> dict[str, Move]:
    """Each key and its move, as the page's reader reads them."""
    return {step_key.key: step_key.move for step_key in STEP_KEYS}


def forwarded_keys() -> list[str]:
    """The keys the map's frame hands on to the page when the map has focus."""
    return [step_key.key for step_key in STEP_KEYS if not step_key.map_keeps]


def keys_hint() -> str:
    """The help text the app and the static edition show: the stepping keys in pairs of previous
    and next, then the keys to the ends."""
    steps = [k.label for k in STEP_KEYS if k.move in ("prev", "next")]
    *pairs, last = [f"{a} {b}" for a, b in zip(steps[::2], steps[1::2], strict=True)]
    ends = " and ".join(k.label for k in STEP_KEYS if k.move in ("first", "last"))
    return f"Keys: {', '.join(pairs)} or {last} to step, {ends} for the first and last section."
