"""The gazetteer: every place a story may name, its names in text, its note and its source."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from storymap.datafile import entry_namer, read_yaml, validate
from storymap.errors import StoryDataError

PlaceId = Annotated[str, StringConstraints(pattern=r"^([A-Z]{3}|[A-Z]{2}-[A-Z0-9]{1,3}|[a-z0-9]+(-[a-z0-9]+)*)$")]
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
    note: Text
    source: Text
    approximate: bool = False
    point: tuple[float, float] | None = Field(default=None, description="latitude, longitude (cities)")

    @model_validator(mode="after")
    def _point_only_for_cities(self) -> Self:
        if (self.kind is PlaceKind.CITY) != (self.point is not None):
            raise ValueError("a city needs a point [latitude, longitude]; other kinds are drawn from shapes")
        return self

    def terms(self) -> list[str]:
        """Every form of words that refers to this place in running text."""
        return [self.name, *(a.name for a in self.aliases), *self.demonyms, *self.phrases]


class GazetteerFile(Strict):
    """The gazetteer file as written: sources by key, then places."""

    sources: dict[str, Source]
    places: list[Place]


class Gazetteer:
    """Places by id, with their sources resolved."""

    def __init__(self, data: GazetteerFile, path: Path):
        self.path = path
        self.sources = data.sources
        self.places: dict[str, Place] = {}
        for index, place in enumerate(data.places):
            if place.id in self.places:
                raise StoryDataError(path, "duplicate place id", place.id, f"places[{index}].id", "place")
            if place.source not in self.sources:
                raise StoryDataError(
                    path, f"unknown source '{place.source}'", place.id, f"places[{index}].source", "place"
                )
            self.places[place.id] = place

    def __contains__(self, place_id: object) -> bool:
        return place_id in self.places

    def __getitem__(self, place_id: str) -> Place:
        return self.places[place_id]

    def source_of(self, place_id: str) -> Source:
        """The source of a place's note."""
        return self.sources[self.places[place_id].source]


def load_gazetteer(path: Path) -> Gazetteer:
    """Read and validate a gazetteer YAML file."""
    data = validate(path, read_yaml(path), GazetteerFile, section_of=entry_namer("places"), entry="place")
    return Gazetteer(data, path)
