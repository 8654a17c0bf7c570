"""Reading YAML data files into typed models, with errors that point at the broken field."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from storymap.model.errors import StoryDataError

Model = TypeVar("Model", bound=BaseModel)
# Given the raw data and a validation error's location, name the section it falls in.
SectionNamer = Callable[[Any, Sequence[int | str]], str | None]


def read_yaml(path: Path) -> Any:
    """Parse one YAML file; a missing or malformed file becomes a StoryDataError."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise StoryDataError(path, "file not found") from None
    except UnicodeDecodeError as exc:
        raise StoryDataError(path, f"is not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:  # its str() names the absolute path, which readers must not see
        raise StoryDataError(path, f"cannot be read ({exc.strerror or type(exc).__name__})") from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise StoryDataError(path, f"is not valid YAML{where}: {problem}") from None


def validate(
    path: Path, raw: Any, model: type[Model], section_of: SectionNamer | None = None, entry: str = "section"
) -> Model:
    """Validate raw data against a model, reporting the first problem by section and field."""
    if not isinstance(raw, dict):
        raise StoryDataError(path, "must be a mapping of fields (is the file empty?)")
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = first["loc"]
        section = section_of(raw, loc) if section_of else None
        raise StoryDataError(path, _message(first), section, field_path(loc), entry) from None


def entry_namer(list_key: str) -> SectionNamer:
    """Name the entry of `raw[list_key]` that an error's location falls in, by its id or position."""

    def name(raw: Any, loc: Sequence[int | str]) -> str | None:
        if len(loc) < 2 or loc[0] != list_key or not isinstance(loc[1], int):
            return None
        entries = raw.get(list_key) or []
        entry = entries[loc[1]] if loc[1] < len(entries) else None
        return str(entry.get("id", f"#{loc[1] + 1}")) if isinstance(entry, dict) else f"#{loc[1] + 1}"

    return name


def field_path(loc: Sequence[int | str]) -> str:
    """Dotted field path with list indexes in brackets: sections[3].places.focus[0]."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _message(error: Any) -> str:
    if error["type"] == "missing":
        return "is required"
    if error["type"] == "extra_forbidden":
        return "is not a known field"
    if error["type"] == "string_too_short":
        return "must not be empty"
    return str(error["msg"])
