"""The world gazetteer: every country, first-level unit and larger city, by name, without notes.

Built by `python -m geodata.world` into `world.json` beside the hand-written gazetteer, which
stays authoritative: the world only answers for ids and names the hand-written entries lack.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, StringConstraints

from storymap.model.datafile import read_yaml, validate
from storymap.model.errors import StoryDataError

WORLD_FILE = "world.json"
# How to read the world's names in English prose: words to ignore, names to flag for the editor.
NAMES_FILE = "names.yaml"
# Who uses a world entry's other names, as the place's aliases say.
WORLD_ALIAS_USE = "another name in the world gazetteer's sources"
# Kinds in the order a name shared by several places is first proposed as.
KIND_ORDER = ("country", "city", "province", "region")


@dataclass(frozen=True)
class WorldEntry:
    """One place of the world gazetteer, as the build wrote it."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    country: str | None = None
    point: tuple[float, float] | None = None
    population: int = 0

    def terms(self) -> list[str]:
        """Every form of words that names the place."""
        return [self.name, *self.aliases, *self.demonyms]

    def rank(self) -> tuple[int, int]:
        """Sort key: countries first, then cities by size, then units."""
        return (KIND_ORDER.index(self.kind), -self.population)


class NamesFile(BaseModel):
    """The names file as written."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    ignore: list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]] = []
    ambiguous: dict[str, Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]] = {}
    aliases: dict[str, list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]]] = {}


class World:
    """World entries by id, and the rules for reading their names."""

    def __init__(self, entries: list[WorldEntry], names: NamesFile | None = None):
        names = names or NamesFile()
        self.entries = {
            e.id: replace(e, aliases=(*e.aliases, *names.aliases[e.id])) if e.id in names.aliases else e
            for e in entries
        }
        self.ignored = frozenset(n.casefold() for n in names.ignore)
        self.ambiguous = {term.casefold(): (term, why) for term, why in names.ambiguous.items()}

    def __contains__(self, place_id: object) -> bool:
        return place_id in self.entries

    def __getitem__(self, place_id: str) -> WorldEntry:
        return self.entries[place_id]

    def ranked(self) -> list[WorldEntry]:
        """Every entry in the order a shared name is proposed as."""
        return sorted(self.entries.values(), key=WorldEntry.rank)


def load_world(path: Path) -> World | None:
    """The world gazetteer at `path` with the names file beside it, or None where a geodata folder has none."""
    if not path.exists():
        return None
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        entries = [_entry(item) for item in raw["places"]]
    except (ValueError, KeyError, TypeError) as exc:
        raise StoryDataError(path, f"is not a world gazetteer written by `python -m geodata.world` ({exc})") from None
    names_path = path.with_name(NAMES_FILE)
    names = validate(names_path, read_yaml(names_path), NamesFile) if names_path.exists() else None
    return World(entries, names)


def _entry(item: dict[str, Any]) -> WorldEntry:
    point = item.get("point")
    return WorldEntry(
        id=item["id"],
        name=item["name"],
        kind=item["kind"],
        aliases=tuple(item.get("aliases", ())),
        demonyms=tuple(item.get("demonyms", ())),
        country=item.get("country"),
        point=(float(point[0]), float(point[1])) if point else None,
        population=int(item.get("population", 0)),
    )
