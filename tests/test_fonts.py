"""Streamlit's fonts cut to a first view (storymap/publish/fonts.py): what the cuts keep, and that
the app's own words and the story's are drawn from the cut, not from the whole face."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from hypothesis import given, settings
from hypothesis import strategies as st

from storymap.publish import fonts

ROOT = Path(__file__).resolve().parent.parent
# What the app writes on its pages, and the story's text. (The timeline's sources keep their
# titles in their own languages, Russian among them: those come from the whole face.)
APP_WORDS = [ROOT / "app.py", ROOT / "pages", ROOT / "storymap" / "ui", ROOT / "storymap" / "render"]
APP_WORDS += [ROOT / "story" / name for name in ("story.yaml", "op-ed.txt", "about.md", "classroom.yaml")]


def _characters(paths: list[Path]) -> set[str]:
    files = [
        f
        for p in paths
        for f in ([p] if p.is_file() else p.rglob("*"))
        if f.suffix in {".py", ".md", ".yaml", ".txt", ".html"}
    ]
    return {c for f in files for c in f.read_text(encoding="utf-8")}


def _cmap(content: bytes) -> set[int]:
    return set(TTFont(io.BytesIO(content)).getBestCmap())


def _ligature_names(font: TTFont) -> set[str]:
    """The names the font's ligatures spell, read from its GSUB table."""
    letters = {glyph: chr(code) for code, glyph in font.getBestCmap().items()}
    names = set()
    for lookup in font["GSUB"].table.LookupList.Lookup:
        for table in lookup.SubTable:
            table = getattr(table, "ExtSubTable", table)
            for first, ligatures in getattr(table, "ligatures", {}).items():
                names |= {"".join(letters.get(g, "?") for g in [first, *lig.Component]) for lig in ligatures}
    return names


def test_the_apps_words_and_the_storys_are_in_the_cut() -> None:
    """A character outside the cut costs a reader the whole face (170 KB): every one the app and
    this story write, and which Source Sans has, is inside it."""
    whole = TTFont(fonts.streamlit_font("SourceSansVF-Upright")).getBestCmap()
    outside = {c for c in _characters(APP_WORDS) if ord(c) in whole} - {
        chr(p) for p in fonts.codepoints(fonts.FIRST_VIEW)
    }
    assert outside == set()


@pytest.mark.parametrize("stem", list(fonts.TEXT_FACES))
def test_a_text_face_is_cut_to_the_first_view_and_keeps_its_axes(stem: str) -> None:
    source = fonts.streamlit_font(stem)
    whole = TTFont(source)
    cut = fonts.cut_text_face(source)
    assert _cmap(cut) == set(whole.getBestCmap()) & fonts.codepoints(fonts.FIRST_VIEW)
    assert [a.axisTag for a in TTFont(io.BytesIO(cut))["fvar"].axes] == [a.axisTag for a in whole["fvar"].axes]
    assert len(cut) < 0.4 * source.stat().st_size


def test_the_icon_face_keeps_exactly_the_icons_named() -> None:
    source = fonts.streamlit_font(fonts.ICON_FACE)
    wanted = {"expand_more", "keyboard_double_arrow_right", "speed_1_75", "not_an_icon"}
    cut = TTFont(io.BytesIO(fonts.cut_icon_face(source, wanted)))
    assert _ligature_names(cut) == wanted - {"not_an_icon"}
    assert "home" in _ligature_names(TTFont(source))


def test_the_icons_kept_are_streamlits_and_ours() -> None:
    names = fonts.icon_names(ROOT / "storymap", ROOT / "pages", ROOT / "app.py")
    assert {"expand_more", "keyboard_double_arrow_left", "content_copy"} <= names, "Streamlit's own, from its frontend"


@settings(max_examples=20)  # each example counts all 1.1 million code points
@given(st.lists(st.tuples(st.integers(0, 0x10FFFF), st.integers(0, 300)), min_size=1, max_size=6))
def test_the_fallback_range_is_exactly_the_rest(spans: list[tuple[int, int]]) -> None:
    """The whole faces are declared for every code point the cut lacks, and for none it has."""
    ranges = ",".join(f"U+{lo:X}-{min(lo + n, 0x10FFFF):X}" for lo, n in spans)
    inside, rest = fonts.codepoints(ranges), fonts.codepoints(fonts.rest_of(ranges))
    assert not inside & rest
    assert len(inside) + len(rest) == 0x110000


def test_the_pages_declare_the_whole_faces_for_the_rest() -> None:
    css = fonts.fallback_faces({"normal": "/a.woff2", "italic": "/b.woff2"})
    assert css.count("@font-face") == 2 and 'font-family:"Source Sans"' in css
    assert f"unicode-range:{fonts.rest_of(fonts.FIRST_VIEW)}" in css
