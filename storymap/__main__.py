"""Command line: `python -m storymap export [--story DIR] [--geodata DIR]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from storymap.errors import StoryDataError
from storymap.resolve import load_resolved

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    """Print the resolved story as JSON, or one clear error line."""
    parser = argparse.ArgumentParser(prog="python -m storymap")
    commands = parser.add_subparsers(dest="command", required=True)
    export = commands.add_parser("export", help="print the resolved story as JSON")
    export.add_argument("--story", type=Path, default=ROOT / "story", help="story folder (default: story/)")
    export.add_argument("--geodata", type=Path, default=ROOT / "geodata", help="geodata folder (default: geodata/)")
    args = parser.parse_args(argv)
    try:
        story = load_resolved(args.story, args.geodata)
    except StoryDataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(story.model_dump_json(indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
