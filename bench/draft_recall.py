"""How close a draft comes to an edited story: recall and precision of its places and their roles.

`python -m bench.draft_recall` drafts story/op-ed.txt as `python -m storymap draft` would and
compares the proposals with the edited story/story.yaml, section by section; `--world-only`
drafts with the world gazetteer alone, without our hand-written entries (their phrases such as
"the Jewish state" and their aliases), to show what a new story starts from.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path

from storymap.authoring.proposals import DraftSection, draft_sections, paragraphs
from storymap.model.gazetteer import Gazetteer, GazetteerFile, load_gazetteer
from storymap.model.story import Role, Story, load_story

ROOT = Path(__file__).resolve().parent.parent
# Paragraphs are matched to the edited sections by their opening words, which fixes leave alone.
ALIGN_CHARS = 40


@dataclass
class Tally:
    """True positives, false positives and false negatives of one kind of proposal."""

    hits: int = 0
    extra: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    def recall(self) -> float:
        return self.hits / (self.hits + len(self.missed)) if self.hits + len(self.missed) else 1.0

    def precision(self) -> float:
        return self.hits / (self.hits + len(self.extra)) if self.hits + len(self.extra) else 1.0

    def add(self, proposed: set[str], kept: set[str], section_id: str) -> None:
        self.hits += len(proposed & kept)
        self.extra += [f"{section_id}: {p}" for p in sorted(proposed - kept)]
        self.missed += [f"{section_id}: {p}" for p in sorted(kept - proposed)]


@dataclass
class Scores:
    """Places (any role), places in focus, places as context."""

    places: Tally = field(default_factory=Tally)
    focus: Tally = field(default_factory=Tally)
    context: Tally = field(default_factory=Tally)


def compare(drafted: list[DraftSection], story: Story) -> Scores:
    """Score the draft's proposals against the places the editors kept in each section."""
    scores = Scores()
    for section in story.sections:
        opening = _opening(section.paragraphs()[0])
        aligned = [d for d in drafted if _opening(d.text) == opening]
        proposed = {p.place_id: p.role for d in aligned for p in d.proposals}
        kept = dict(section.places.by_role())
        scores.places.add(set(proposed), set(kept), section.id)
        for role, tally in ((Role.FOCUS, scores.focus), (Role.CONTEXT, scores.context)):
            tally.add(_with(proposed, role), _with(kept, role), section.id)
    return scores


def _opening(paragraph: str) -> str:
    return " ".join(paragraph.split())[:ALIGN_CHARS]


def _with(roles: dict[str, Role], role: Role) -> set[str]:
    return {pid for pid, r in roles.items() if r is role}


def world_only(gazetteer: Gazetteer) -> Gazetteer:
    """The same world gazetteer with no hand-written entries over it."""
    return Gazetteer(GazetteerFile(sources={}, places=[]), gazetteer.path, gazetteer.world)


def main() -> None:
    """Print the scores and every difference, for docs/authoring.md and the closing note."""
    parser = argparse.ArgumentParser(prog="python -m bench.draft_recall")
    parser.add_argument("--story", type=Path, default=ROOT / "story", help="the edited story folder")
    parser.add_argument("--geodata", type=Path, default=ROOT / "geodata")
    parser.add_argument("--world-only", action="store_true", help="draft without the hand-written gazetteer")
    args = parser.parse_args()
    gazetteer = load_gazetteer(args.geodata / "gazetteer.yaml").with_story_places(args.story)
    story = load_story(args.story, gazetteer)
    drafting = world_only(gazetteer) if args.world_only else gazetteer
    drafted = draft_sections(story.source_text, drafting)
    scores = compare(drafted, story)
    print(f"{len(paragraphs(story.source_text))} paragraphs drafted against {len(story.sections)} edited sections")
    print("| proposals | recall | precision | kept, found | missed | not kept |")
    print("|---|---|---|---|---|---|")
    for name, tally in (("places", scores.places), ("in focus", scores.focus), ("as context", scores.context)):
        print(
            f"| {name} | {tally.recall():.2f} | {tally.precision():.2f} | {tally.hits} | "
            f"{len(tally.missed)} | {len(tally.extra)} |"
        )
    agreed = scores.focus.hits + scores.context.hits
    print(f"roles agree for {agreed} of the {scores.places.hits} places found ({agreed / scores.places.hits:.2f})")
    for name, items in (("missed", scores.places.missed), ("proposed, not kept", scores.places.extra)):
        print(f"{name}: {', '.join(items) or 'none'}")
    for name, tally in (("in focus", scores.focus), ("as context", scores.context)):
        print(f"role {name}, missed: {', '.join(tally.missed) or 'none'}")


if __name__ == "__main__":
    main()
