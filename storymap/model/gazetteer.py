"""The gazetteer: every place a story may name, its names in text, its note and its source."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from storymap.model.datafile import entry_namer, read_yaml, validate
from storymap.model.errors import StoryDataError
from storymap.model.world import WORLD_ALIAS_USE, WORLD_FILE, World, WorldEntry, load_world

# ISO 3166-1 alpha-3; ISO 3166-2; Natural Earth's admin-1 code where a unit has no ISO code; kebab-case.
PlaceId = Annotated[
    str, StringConstraints(pattern=r"^([A-Z]{3}|[A-Z]{2}-[A-Z0-9]{1,3}|[A-Z]{3}-[0-9]{1,5}|[a-z0-9]+(-[a-z0-9]+)*)$")
]
# A story folder's own notes on its places (optional), over the geodata folder's gazetteer.
STORY_PLACES_FILE = "places.yaml"
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Strict(BaseModel):
    """Data models reject unknown fields, so a typo in a key is an error, not a silent default."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class PlaceKind(StrEnum):
    """What a place is; decides how it is drawn."""

    COUNTRY = "country"
    REGION = "region"
    PROVINCE = "province"
    CITY = "city"


class Source(Strict):
    """Where a fact comes from, as a reader can look it up."""

    publisher: Text
    title: Text
    date: Text
    url: str | None = None

    @field_validator("date", mode="before")
    @classmethod
    def _date_as_written(cls, value: object) -> object:
        """YAML reads 2024-04-08 as a date; keep it as the text the editor wrote."""
        return value.isoformat() if isinstance(value, dt.date) else value

    def citation(self) -> str:
        """One-line citation: publisher, title, date."""
        return f"{self.publisher}, “{self.title}”, {self.date}"


class Alias(Strict):
    """Another name of a place, and who uses it."""

    name: Text
    used_by: Text


class Place(Strict):
    """One entry of the gazetteer."""

    id: PlaceId
    name: Text
    kind: PlaceKind
    aliases: list[Alias] = []
    demonyms: list[Text] = []
    phrases: list[Text] = Field(default=[], description="descriptive references to the place, e.g. 'the Jewish state'")
    note: Text | None = Field(default=None, description="one or two neutral sentences; world entries have none")
    source: Text | None = None
    also: list[Text] = Field(default=[], description="further sources of the note, where it rests on more than one")
    approximate: bool = False
    point: tuple[float, float] | None = Field(default=None, description="latitude, longitude (cities)")

    @model_validator(mode="after")
    def _point_only_for_cities(self) -> Self:
        if (self.kind is PlaceKind.CITY) != (self.point is not None):
            raise ValueError("a city needs a point [latitude, longitude]; other kinds are drawn from shapes")
        if (self.note is None) != (self.source is None) or (self.also and self.source is None):
            raise ValueError("a note and its source go together")
        return self

    def terms(self) -> list[str]:
        """Every form of words that refers to this place in running text."""
        return [self.name, *(a.name for a in self.aliases), *self.demonyms, *self.phrases]


class Credit(Strict):
    """Who made the shapes and points, as the maps must credit them."""

    short: Text = Field(description="the attribution in the map's corner")
    long: Text = Field(description="one sentence under the map: sources and licences")


class GazetteerFile(Strict):
    """The gazetteer file as written: the maps' credit, sources by key, then places."""

    credit: Credit | None = None
    sources: dict[str, Source]
    places: list[Place]


class Gazetteer:
    """Places by id, with their sources resolved; the world gazetteer answers for the rest."""

    def __init__(self, data: GazetteerFile, path: Path, world: World | None = None):
        self.path = path
        self.credit = data.credit
        self.sources = data.sources
        self.world = world
        self.places: dict[str, Place] = {}
        for index, place in enumerate(data.places):
            if place.id in self.places:
                raise StoryDataError(path, "duplicate place id", place.id, f"places[{index}].id", "place")
            if place.source is not None and place.source not in self.sources:
                raise StoryDataError(
                    path, f"unknown source '{place.source}'", place.id, f"places[{index}].source", "place"
                )
            for position, key in enumerate(place.also):
                if key not in self.sources:
                    field = f"places[{index}].also[{position}]"
                    raise StoryDataError(path, f"unknown source '{key}'", place.id, field, "place")
            self.places[place.id] = place

    def __contains__(self, place_id: object) -> bool:
        return place_id in self.places or (self.world is not None and place_id in self.world)

    def __getitem__(self, place_id: str) -> Place:
        if place_id in self.places:
            return self.places[place_id]
        if self.world is None:
            raise KeyError(place_id)
        return _world_place(self.world[place_id])

    def sources_of(self, place_id: str) -> list[Source]:
        """The sources of a place's note, the main one first; none for a place without a note."""
        place = self[place_id]
        keys = [place.source, *place.also] if place.source is not None else []
        return [self.sources[key] for key in keys]

    def with_story_places(self, story_dir: Path) -> Gazetteer:
        """This gazetteer with a story folder's own places file over it, where the folder has one.

        An entry there for a known place gives only what it changes (a note and its source, an
        alias): the rest comes from the entry it overrides."""
        path = story_dir / STORY_PLACES_FILE
        if not path.exists():
            return self
        raw = read_yaml(path)
        if isinstance(raw, dict) and isinstance(raw.get("places"), list):
            raw = dict(raw, sources=raw.get("sources") or {}, places=[self._completed(e) for e in raw["places"]])
        data = validate(path, raw, GazetteerFile, section_of=entry_namer("places"), entry="place")
        # Checked alone first, so an error points at the entry in the story's own file.
        own = Gazetteer(GazetteerFile(sources={**self.sources, **data.sources}, places=data.places), path)
        kept = [p for p in self.places.values() if p.id not in own.places]
        merged = GazetteerFile(credit=data.credit or self.credit, sources=own.sources, places=[*kept, *data.places])
        return Gazetteer(merged, path, self.world)

    def _completed(self, entry: object) -> object:
        """A story's entry for a known place, with the fields it leaves out taken from that place."""
        if not isinstance(entry, dict) or entry.get("id") not in self:
            return entry
        return {**self[str(entry["id"])].model_dump(mode="json", exclude_none=True), **entry}


@lru_cache(maxsize=4096)
def _world_place(entry: WorldEntry) -> Place:
    return Place(
        id=entry.id,
        name=entry.name,
        kind=PlaceKind(entry.kind),
        aliases=[Alias(name=a, used_by=WORLD_ALIAS_USE) for a in entry.aliases],
        demonyms=list(entry.demonyms),
        point=entry.point if entry.kind == PlaceKind.CITY else None,
    )


def load_gazetteer(path: Path) -> Gazetteer:
    """Read and validate a gazetteer YAML file, with the world gazetteer beside it when there is one."""
    data = validate(path, read_yaml(path), GazetteerFile, section_of=entry_namer("places"), entry="place")
    return Gazetteer(data, path, load_world(path.with_name(WORLD_FILE)))
