"""The story's timeline: dated, sourced context events, and who held what after some of them."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Self

import shapely
from pydantic import Field, StringConstraints, field_validator, model_validator
from shapely.geometry.base import BaseGeometry

from storymap.model.datafile import entry_namer, read_yaml, validate
from storymap.model.errors import StoryDataError
from storymap.model.gazetteer import Gazetteer, PlaceId, Source, Strict, Text
from storymap.model.shapes import ShapeIndex

TIMELINE_FILE = "timeline.yaml"
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _valid_date(value: str) -> str:
    """The date as written, if it is YYYY, YYYY-MM or YYYY-MM-DD and exists."""
    if not _DATE.match(value):
        raise ValueError("must be YYYY, YYYY-MM or YYYY-MM-DD")
    _first_day(value)  # raises ValueError on a date that does not exist
    return value


def _first_day(value: str) -> dt.date:
    """A written date as a day, with a missing month or day taken as the first."""
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def _label(value: str) -> str:
    """A written date at its precision: '1923', 'May 1994', '10 November 2020'."""
    day = _first_day(value)
    return [str(day.year), day.strftime("%B %Y"), f"{day.day} {day.strftime('%B %Y')}"][value.count("-")]


def _as_written(value: object) -> object:
    """YAML reads 2020-11-10 as a date and 2026 as a number; keep either as the text the editor wrote."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class EventKind(StrEnum):
    """What an event is about; decides its colour on the chart."""

    CONFLICT = "conflict"
    ALLIANCE = "alliance"
    PEACE = "peace"
    PUBLICATION = "publication"  # the piece the story tells: its own moment among the events


# Any feature id of the shape files: places, and first-level units such as AZE-5565.
ShapeId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$")]


class Partly(Strict):
    """A unit, within the held area, only part of which was held: hatched, as our units cannot draw the line."""

    id: ShapeId
    share: float | None = Field(default=None, gt=0, lt=1, description="the share held, where a source gives one")


class Route(Strict):
    """A line over a control map, such as a corridor; drawn as [latitude, longitude] points."""

    label: Text
    points: list[tuple[float, float]] = Field(min_length=2)


class Reported(Strict):
    """The held area as a source reports it, so the drawing can be checked against it."""

    low_km2: float = Field(gt=0)
    high_km2: float = Field(gt=0)
    sources: list[Text] = Field(min_length=1)
    computed: Text | None = Field(
        default=None,
        description="how the editors computed the figure from what the sources give, where no source gives it",
    )

    def label(self) -> str:
        """What the figure is: a reported area, or one the editors computed from reports."""
        return "Area, our computation from the sources" if self.computed else "Area reported"


class Control(Strict):
    """Areas held by one side after an event, as shape ids; always an approximation."""

    held: list[ShapeId]
    partly: list[Partly] = []
    minus: list[ShapeId] = []
    routes: list[Route] = []
    reported: Reported | None = None
    note: Text

    def unit_ids(self) -> list[str]:
        """Every shape id the control map draws from."""
        return self.held + [p.id for p in self.partly] + self.minus


class Event(Strict):
    """One dated event with one neutral sentence and its source."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    date: str
    kind: EventKind
    title: Text
    text: Text
    source: Text
    also: list[Text] = Field(default=[], description="further sources, where one sentence rests on more than one")
    places: list[PlaceId] = []
    control: Control | None = None
    when: Text | None = Field(default=None, description="the date in words, where the exact date is not known")

    @field_validator("date", mode="before")
    @classmethod
    def _date_as_written(cls, value: object) -> object:
        """YAML reads 2020-11-10 as a date; keep it as the text the editor wrote."""
        return _as_written(value)

    @field_validator("date")
    @classmethod
    def _iso_date(cls, value: str) -> str:
        return _valid_date(value)

    def day(self) -> dt.date:
        """The event's date, with a missing month or day taken as the first."""
        return _first_day(self.date)

    def source_keys(self) -> list[str]:
        """Every source the event cites, the main one first."""
        return [self.source, *self.also]

    def date_label(self) -> str:
        """The date at the precision written ('1923', 'May 1994', '10 November 2020'), or `when`."""
        return self.when or _label(self.date)


class Chart(Strict):
    """The dot chart's range: the whole period, and an optional closer look at its recent part."""

    start: int | None = Field(default=None, description="first year shown (default: the first event's)")
    end: int | None = Field(default=None, description="last year shown (default: the last event's)")
    detail_from: int | None = Field(default=None, description="first year of a second, closer chart")

    @model_validator(mode="after")
    def _years_in_order(self) -> Self:
        years = [y for y in (self.start, self.detail_from, self.end) if y is not None]
        if years != sorted(years):
            raise ValueError("start, detail_from and end must be in that order")
        return self


class TimelineFile(Strict):
    """The timeline file as written."""

    note: Text | None = Field(
        default=None, description="what the reader should know about the timeline, shown above it"
    )
    chart: Chart = Chart()
    sources: dict[str, Source]
    held_by: Text | None = Field(default=None, description="who held the areas the control maps draw")
    checked: str | None = Field(
        default=None, description="the date up to which the editors checked the context against sources"
    )
    events: list[Event] = Field(min_length=1)

    @field_validator("checked", mode="before")
    @classmethod
    def _checked_as_written(cls, value: object) -> object:
        return _as_written(value)

    @field_validator("checked")
    @classmethod
    def _checked_date(cls, value: str | None) -> str | None:
        return None if value is None else _valid_date(value)

    def checked_label(self) -> str | None:
        """The date the context was checked up to, at the precision written ('July 2026'), if given."""
        return None if self.checked is None else _label(self.checked)

    def years(self) -> tuple[int, int]:
        """The chart's first and last year: as written, or the events' own."""
        days = [e.day() for e in self.events]
        return (self.chart.start or min(days).year, self.chart.end or max(days).year)


def load_timeline(story_dir: Path, gazetteer: Gazetteer, shapes: ShapeIndex) -> TimelineFile | None:
    """Read a story's timeline, if it has one, checking every id and source it names."""
    path = story_dir / TIMELINE_FILE
    if not path.exists():
        return None
    data = validate(path, read_yaml(path), TimelineFile, section_of=entry_namer("events"), entry="event")
    for index, event in enumerate(data.events):
        problem = _problem(event, data, gazetteer, shapes)
        if problem:
            message, field = problem
            raise StoryDataError(path, message, event.id, f"events[{index}].{field}", "event")
    return data


def _problem(event: Event, data: TimelineFile, gazetteer: Gazetteer, shapes: ShapeIndex) -> tuple[str, str] | None:
    """The first id in an event that points nowhere, or a date past the file's `checked`, with its field."""
    if data.checked is not None and event.day() > _first_day(data.checked):
        return f"is later than the date the context was checked up to ({data.checked})", "date"
    if event.source not in data.sources:
        return f"unknown source '{event.source}'", "source"
    for index, key in enumerate(event.also):
        if key not in data.sources:
            return f"unknown source '{key}'", f"also[{index}]"
    for place_id in event.places:
        if place_id not in gazetteer:
            return f"unknown place id '{place_id}'", "places"
    control = event.control
    if control is None:
        return None
    for unit in control.unit_ids():
        if unit not in shapes:
            return f"no shape for '{unit}'", "control"
    if data.held_by is None:
        return "a control map needs the file's held_by: who held the areas", "control"
    held = _union(control.held, shapes)
    for index, partly in enumerate(control.partly):
        if shapes.geometry(partly.id).intersection(held).area == 0:
            return f"'{partly.id}' is not within the held units", f"control.partly[{index}]"
    if control.reported is not None:
        for index, key in enumerate(control.reported.sources):
            if key not in data.sources:
                return f"unknown source '{key}'", f"control.reported.sources[{index}]"
        if control.reported.high_km2 < control.reported.low_km2:
            return "high_km2 is below low_km2", "control.reported"
    return None


def _union(ids: list[str], shapes: ShapeIndex) -> BaseGeometry:
    return shapely.union_all([shapes.geometry(u) for u in ids])


def control_geometry(control: Control, shapes: ShapeIndex) -> BaseGeometry:
    """The area held whole: the held units without the excepted and the partly held ones."""
    return _union(control.held, shapes).difference(_union(control.minus + [p.id for p in control.partly], shapes))


def partly_geometry(control: Control, shapes: ShapeIndex) -> BaseGeometry:
    """The part of the held area that was held only in part: drawn hatched, never as held."""
    partly = _union([p.id for p in control.partly], shapes).intersection(_union(control.held, shapes))
    return partly.difference(_union(control.minus, shapes))
