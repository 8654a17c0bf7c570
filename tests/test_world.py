"""The world gazetteer: every country, unit and larger city found by name, the hand-written entries first."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bench.draft_recall import world_only
from storymap.model.errors import StoryDataError
from storymap.model.gazetteer import Gazetteer, load_gazetteer
from storymap.model.mentions import find_mentions

ROOT = Path(__file__).resolve().parent.parent
GEODATA = ROOT / "geodata"


def _found(text: str, gazetteer: Gazetteer) -> list[tuple[str, tuple[str, ...]]]:
    return [(text[m.start : m.end], m.candidates()) for m in find_mentions(text, gazetteer)]


def test_every_country_shape_has_a_world_entry(gazetteer: Gazetteer) -> None:
    """Natural Earth's few non-ISO features (bases, disputed scraps) aside, the world names every shape."""
    countries = json.loads((GEODATA / "shapes" / "countries.geojson").read_text())["features"]
    iso_ids = [f["properties"]["id"] for f in countries if f["properties"]["id"] not in NATURAL_EARTH_ONLY]
    assert len(iso_ids) > 230
    assert [i for i in iso_ids if i not in gazetteer] == []


NATURAL_EARTH_ONLY = {"ALD", "ATC", "CLP", "CSI", "ESB", "IOA", "KAS", "PGA", "USG", "WSB"}


def test_world_entries_resolve_to_places(gazetteer: Gazetteer) -> None:
    assert gazetteer["DE-BY"].name == "Bavaria" and gazetteer["DE-BY"].note is None
    assert gazetteer["lyon-fr"].point is not None
    assert gazetteer["BRA"].demonyms[:1] == ["Brazilian"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("a summit in Jerusalem", [("Jerusalem", ("jerusalem",))], id="hand-written-entry-wins"),
        pytest.param("flights to Lyon and Osaka", [("Lyon", ("lyon-fr",)), ("Osaka", ("osaka-jp",))], id="cities"),
        pytest.param("the state of Bavaria", [("Bavaria", ("DE-BY",))], id="first-level-unit"),
        pytest.param("Brazilian farmers", [("Brazilian", ("BRA",))], id="demonym"),
        pytest.param("reading the papers in a nice van", [], id="common-words-lowercase"),
        pytest.param("Reading the papers. Nice weather.", [], id="ignored-names-capitalised"),
        pytest.param("Middle Eastern politics", [], id="compass-words"),
        pytest.param("Atlanta, Georgia", [("Atlanta", ("atlanta-us",)), ("Georgia", ("GEO", "US-GA"))], id="shared"),
    ],
)
def test_world_mentions(text: str, expected: list[tuple[str, tuple[str, ...]]], gazetteer: Gazetteer) -> None:
    assert _found(text, gazetteer) == expected


def test_names_file_adds_english_names_the_sources_lack(gazetteer: Gazetteer) -> None:
    """world-countries calls Turkey only Türkiye; the names file gives it back its English name."""
    assert _found("Turkey and Britain", world_only(gazetteer)) == [("Turkey", ("TUR",)), ("Britain", ("GBR",))]


def test_broken_world_file_names_itself(tmp_path: Path) -> None:
    shutil.copy(GEODATA / "gazetteer.yaml", tmp_path / "gazetteer.yaml")
    (tmp_path / "world.json").write_text('{"places": [{"id": "X"}]}')
    with pytest.raises(StoryDataError, match=r"world\.json: is not a world gazetteer"):
        load_gazetteer(tmp_path / "gazetteer.yaml")


def test_story_places_file_adds_a_note_to_a_world_place(gazetteer: Gazetteer, tmp_path: Path) -> None:
    (tmp_path / "places.yaml").write_text(
        "sources: {ne: {publisher: Natural Earth, title: Admin 1, date: '5.1'}}\n"
        "places: [{id: DE-BY, note: A state of Germany., source: ne}]\n"
    )
    merged = gazetteer.with_story_places(tmp_path)
    assert merged["DE-BY"].note == "A state of Germany." and merged["DE-BY"].aliases == gazetteer["DE-BY"].aliases
    assert merged.sources_of("DE-BY") != [] and gazetteer["DE-BY"].note is None


def test_story_places_file_errors_name_place_and_field(gazetteer: Gazetteer, tmp_path: Path) -> None:
    (tmp_path / "places.yaml").write_text("sources: {}\nplaces: [{id: DE-BY, note: A state., source: nowhere}]\n")
    with pytest.raises(StoryDataError) as caught:
        gazetteer.with_story_places(tmp_path)
    assert str(caught.value).endswith("places.yaml, place 'DE-BY', field 'places[0].source': unknown source 'nowhere'")
