"""Reading the `section` URL parameter safely: anything unexpected opens the first section."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

MAX_PARAM_LENGTH = 80
UNKNOWN_SECTION = "The link named a section this story does not have, so the story opens at the start."


def section_from_param(value: str | Sequence[str] | None, section_ids: Sequence[str]) -> tuple[str, str | None]:
    """The section to open and, when the value was not usable, a short notice for the reader."""
    first = section_ids[0]
    if not isinstance(value, str):
        if not value:
            return first, None
        value = value[-1]
    if value in section_ids:
        return value, None
    if not value.strip():
        return first, "The link named no section, so the story opens at the start."
    if len(value) > MAX_PARAM_LENGTH:
        return first, "The link's section name is too long to be one of ours, so the story opens at the start."
    return first, UNKNOWN_SECTION


def mode_from_param(value: str | None) -> Literal["scroll", "step"]:
    """`?mode=step` opens the one-passage-at-a-time view; anything else reads by scrolling."""
    return "step" if value == "step" else "scroll"
