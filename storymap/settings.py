"""Where the story and its geodata are, and where the static edition is published: read once, the
same way, by the app, its pages and every command.

Each setting has an environment variable and a flag; the flag wins. The app takes the flags after
`--` (`streamlit run app.py -- --story path/`), the commands as usual
(`python -m storymap site OUT --story path/`).
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent


class Option(NamedTuple):
    """One setting as the outside world names it; public so docs/settings.md can be checked against it."""

    flag: str
    variable: str
    default: str
    help_text: str


OPTIONS = (
    Option("--story", "STORYMAP_STORY", str(ROOT / "story"), "story folder (default: story/)"),
    Option("--geodata", "STORYMAP_GEODATA", str(ROOT / "geodata"), "gazetteer and shapes folder (default: geodata/)"),
    Option(
        "--static-url", "STORYMAP_STATIC_URL", "", "where the static edition is published, for its snippets and links"
    ),
    Option(
        "--studio", "STORYMAP_STUDIO", "off", "the Studio page, where authors draft stories: on or off (default off)"
    ),
    Option(
        "--drafts",
        "STORYMAP_DRAFTS",
        str(ROOT / ".studio" / "drafts.sqlite3"),
        "the SQLite file that keeps the Studio's drafts (default: .studio/drafts.sqlite3)",
    ),
    Option(
        "--redis",
        "STORYMAP_REDIS",
        "",
        "Redis URL where classes are kept, shared by every app process (default: each process alone)",
    ),
)
ON = {"on", "1", "true", "yes"}


@dataclass(frozen=True)
class Settings:
    """The knobs every entry point shares."""

    story: Path
    geodata: Path
    static_url: str = ""
    studio: bool = False
    drafts: Path = ROOT / ".studio" / "drafts.sqlite3"
    redis: str = ""


def add_arguments(parser: argparse.ArgumentParser, environ: Mapping[str, str] = os.environ) -> None:
    """Give a parser the settings' flags, each defaulting to its environment variable."""
    for flag, variable, default, text in OPTIONS:
        parser.add_argument(flag, default=environ.get(variable, default), help=f"{text}; or {variable}")


def from_args(args: argparse.Namespace) -> Settings:
    """The settings a parser given `add_arguments` has read."""
    return Settings(
        story=Path(args.story),
        geodata=Path(args.geodata),
        static_url=args.static_url,
        studio=str(args.studio).strip().lower() in ON,
        drafts=Path(args.drafts),
        redis=args.redis,
    )


def read(argv: Sequence[str] = (), environ: Mapping[str, str] = os.environ) -> Settings:
    """The settings from flags (unknown ones ignored, as Streamlit may pass its own) over the environment."""
    parser = argparse.ArgumentParser(add_help=False)
    add_arguments(parser, environ)
    known, _ = parser.parse_known_args(list(argv))
    return from_args(known)
