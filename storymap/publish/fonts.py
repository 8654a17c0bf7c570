"""Streamlit's own fonts, cut to what a first view draws: two thirds of a reader's first visit to
the live app were three font files (Material Symbols, 375 KB, which Streamlit's page loads at start
whatever the app shows; Source Sans upright, preloaded by its page, and italic, 309 KB together).

- Source Sans: the production recipe serves, at Streamlit's own URLs, the faces cut to the Latin
  range below (`FIRST_VIEW`, the range font services call "latin"), a third of their size. Nothing
  is lost for other scripts: the app's pages declare the whole faces again under the same family
  for every other character (`fallback_faces`), and a browser fetches a face only for the
  characters it draws, so a page with Greek, Cyrillic or Vietnamese gets the very glyphs it had.
- Material Symbols: an icon is a ligature (the letters of its name become its glyph), so it cannot
  be cut by characters. The cut keeps every icon whose name appears in Streamlit's frontend or in
  the app's code (`icon_names`), and nothing else: a few KB.

fontTools does the cutting; the files come from the installed Streamlit, so an upgrade brings its own.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from importlib.util import find_spec
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont


def package_folder(name: str) -> Path:
    """Where an installed package lives, found without importing it (Streamlit warns when it is
    imported outside a running app, and this layer never runs one)."""
    spec = find_spec(name)
    if spec is None or spec.origin is None:
        raise RuntimeError(f"{name} is not installed")
    return Path(spec.origin).resolve().parent


STREAMLIT_STATIC = package_folder("streamlit") / "static" / "static"
MEDIA = STREAMLIT_STATIC / "media"
# The characters a first view is drawn with: Basic Latin, Latin-1 and the punctuation, currency
# and symbols Latin text uses (Google Fonts' "latin" subset), with the four arrows (the stepping
# buttons' ← and →). tests/test_fonts.py checks the app's own words and the story's stay inside.
FIRST_VIEW = (
    "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,"
    "U+20AC,U+2122,U+2190-2193,U+2212,U+2215,U+FEFF,U+FFFD"
)
# Streamlit's text faces (file stem: CSS font-style), all of family "Source Sans", weights 100 to 900.
TEXT_FACES = {"SourceSansVF-Upright": "normal", "SourceSansVF-Italic": "italic"}
TEXT_FAMILY = "Source Sans"
ICON_FACE = "MaterialSymbols-Rounded"
ICON_NAME = re.compile(rb":material/([a-z0-9_]+):")
LAST_CODEPOINT = 0x10FFFF


def streamlit_font(stem: str) -> Path:
    """The installed Streamlit's font file of that stem (its name carries a content hash)."""
    found = sorted(MEDIA.glob(f"{stem}.*woff2"))
    if len(found) != 1:
        raise RuntimeError(f"Streamlit's {stem} font: expected one file in {MEDIA}, found {len(found)}")
    return found[0]


def codepoints(ranges: str) -> set[int]:
    """The code points of a CSS unicode-range list such as 'U+0000-00FF,U+0131'."""
    return set(subset.parse_unicodes(ranges.replace("U+", "")))


def rest_of(ranges: str) -> str:
    """Every code point outside `ranges`, as a CSS unicode-range list."""
    inside = sorted(codepoints(ranges))
    spans, start = [], 0
    for point in [*inside, LAST_CODEPOINT + 1]:
        if point > start:
            spans.append(f"U+{start:X}" if point - 1 == start else f"U+{start:X}-{point - 1:X}")
        start = point + 1
    return ",".join(spans)


def cut_text_face(source: Path, ranges: str = FIRST_VIEW) -> bytes:
    """A text face with only the glyphs of `ranges` (and every OpenType feature and variation
    axis), as WOFF2."""
    return _subset(TTFont(source), unicodes=codepoints(ranges))


def icon_names(*sources: Path) -> set[str]:
    """Every `:material/name:` in Streamlit's frontend and in the given Python files and folders."""
    ours = [file for source in sources for file in ([source] if source.is_file() else source.rglob("*.py"))]
    files = [*STREAMLIT_STATIC.glob("js/*.js"), *ours]
    return {match.decode() for file in files for match in ICON_NAME.findall(file.read_bytes())}


def cut_icon_face(source: Path, names: Iterable[str]) -> bytes:
    """The icon face with only the icons named, each still drawn from its name's letters."""
    font = TTFont(source)
    cmap = font.getBestCmap()
    letters = {cmap[ord(c)]: c for name in names for c in name if ord(c) in cmap}
    keep = set(names)
    for lookup in font["GSUB"].table.LookupList.Lookup:
        for table in lookup.SubTable:
            table = getattr(table, "ExtSubTable", table)
            if not hasattr(table, "ligatures"):
                continue
            table.ligatures = {
                first: kept
                for first, ligatures in table.ligatures.items()
                if (kept := [lig for lig in ligatures if _spelled(first, lig.Component, letters) in keep])
            }
    unicodes = {ord(c) for c in letters.values()}
    return _subset(font, unicodes=unicodes)


def _spelled(first: str, rest: list[str], letters: dict[str, str]) -> str:
    """The name a ligature spells ('?' for a glyph that is none of the names' letters)."""
    return "".join(letters.get(glyph, "?") for glyph in [first, *rest])


def _subset(font: TTFont, unicodes: set[int]) -> bytes:
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    cutter = subset.Subsetter(options)
    cutter.populate(unicodes=unicodes)
    cutter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out)
    return out.getvalue()


def fallback_faces(urls: dict[str, str]) -> str:
    """@font-face rules declaring each whole text face again (`urls`: CSS font-style → URL of
    Streamlit's file, published by the app) for every character outside the first view's range.
    Declared after Streamlit's own, they are tried first, but only for the characters they cover."""
    rest = rest_of(FIRST_VIEW)
    return "".join(
        f'@font-face{{font-family:"{TEXT_FAMILY}";font-weight:100 900;font-style:{style};'
        f'src:url("{url}") format("woff2");unicode-range:{rest}}}'
        for style, url in urls.items()
    )
