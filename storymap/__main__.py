"""Command line: `python -m storymap export|site [--story DIR] [--geodata DIR]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from storymap.errors import StoryDataError
from storymap.resolve import load_resolved
from storymap.site import build_site

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    """Print the resolved story as JSON, or one clear error line."""
    parser = argparse.ArgumentParser(prog="python -m storymap")
    commands = parser.add_subparsers(dest="command", required=True)
    export = commands.add_parser("export", help="print the resolved story as JSON")
    site = commands.add_parser("site", help="write the static edition into a folder")
    site.add_argument("out", type=Path, help="folder to write (created if missing)")
    site.add_argument("--public-url", default="", help="where it will be published, for link previews")
    for command in (export, site):
        command.add_argument("--story", type=Path, default=ROOT / "story", help="story folder (default: story/)")
        command.add_argument(
            "--geodata", type=Path, default=ROOT / "geodata", help="geodata folder (default: geodata/)"
        )
    args = parser.parse_args(argv)
    try:
        story = load_resolved(args.story, args.geodata)
    except StoryDataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.command == "site":
        print(build_site(args.out, story, args.geodata / "shapes", args.public_url))
    else:
        print(story.model_dump_json(indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
