"""Command line: `python -m storymap export|site|draft|check|preloads`; `--help` on each says what it takes."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from storymap import settings
from storymap.authoring.check import report
from storymap.authoring.draft import DraftError, write_draft
from storymap.model.errors import StoryDataError
from storymap.model.project import load_geodata, load_project
from storymap.publish.preloads import link_header, story_map
from storymap.publish.site import build_site
from storymap.publish.static_assets import STATIC_URL, publish


def main(argv: list[str] | None = None) -> int:
    """Run one command; bad input is one clear error line and exit code 1, never a traceback."""
    parser = argparse.ArgumentParser(prog="python -m storymap")
    commands = parser.add_subparsers(dest="command", required=True)
    export = commands.add_parser("export", help="print the resolved story as JSON")
    site = commands.add_parser("site", help="write the static edition into a folder")
    site.add_argument("out", type=Path, help="folder to write (created if missing)")
    site.add_argument("--public-url", default="", help="where it will be published, for link previews")
    draft = commands.add_parser("draft", help="a story folder to edit, from an article's plain text")
    draft.add_argument("article", type=Path, help="the article as UTF-8 text, one paragraph per line")
    draft.add_argument("out", type=Path, help="a new story folder (refused if it already holds a story)")
    check = commands.add_parser("check", help="every check a story folder must pass, as one report")
    check.add_argument("folder", type=Path, nargs="?", help="the story folder to check (default: --story)")
    preloads = commands.add_parser(
        "preloads", help="the Link header that has the story page fetch its map's files early"
    )
    preloads.add_argument("--base-path", default="", help="the app's path below its host, e.g. /story")
    for command in (export, site, draft, check, preloads):
        settings.add_arguments(command)
    args = parser.parse_args(argv)
    try:
        return _run(args, settings.from_args(args))
    except (StoryDataError, DraftError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace, config: settings.Settings) -> int:
    if args.command == "check":
        text, code = report(args.folder or config.story, config.geodata)
        print(text)
        return code
    geodata = load_geodata(config.geodata)
    if args.command == "draft":
        written = write_draft(args.article, args.out, geodata.gazetteer)
        print("wrote " + ", ".join(str(p) for p in written))
        print(f"next: edit {args.out}/story.yaml, then run `python -m storymap check {args.out}`")
        return 0
    project = load_project(config.story, geodata)
    if args.command == "site":
        print(build_site(args.out, project, args.public_url))
    elif args.command == "preloads":
        with tempfile.TemporaryDirectory() as folder:  # the URLs only: the app publishes the files
            urls = publish(Path(folder), project.shapes, project.resolved, f"{args.base_path}{STATIC_URL}")
        print(link_header(story_map(urls, args.base_path)))
    else:
        print(project.resolved.model_dump_json(indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
