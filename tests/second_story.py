"""The second story (tests/fixtures/world-story), which proves the engine knows nothing of the
op-ed, and the words that would give the op-ed away in its pages."""

from __future__ import annotations

import re
from pathlib import Path

WORLD_STORY = Path(__file__).resolve().parent / "fixtures" / "world-story"
# Written out, not read from our story: what would give the op-ed away in another story's pages.
OP_ED_WORDS = re.compile(
    r"\b(Karabakh|Artsakh|Azerbaijan\w*|Armenia\w*|Israel\w*|Iran\w*|Jerusalem|Caucasus|Baku|Syunik|"
    r"Nakhchivan|Castro|Aliyev|Netanyahu|Arutz|op-ed)\b",
    re.IGNORECASE,
)
