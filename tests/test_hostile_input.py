"""A story whose every text holds markup (tests/fixtures/hostile-story): every page and every
output shows it as text, never as markup."""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import folium
import pytest
from streamlit.testing.v1 import AppTest

import storymap.ui.bundle
from storymap.__main__ import main as cli
from storymap.model.classroom import load_classroom
from storymap.model.gazetteer import load_gazetteer
from storymap.model.project import load_geodata, load_project, load_resolved
from storymap.model.resolve import ResolvedStory
from storymap.model.shapes import load_shapes
from storymap.model.timeline import load_timeline
from storymap.publish.site import build_site
from storymap.publish.steps import story_steps
from storymap.render.controlmap import control_overlays, tooltip_text
from storymap.render.handout import handout_html
from support.apptest import open_app

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "hostile-story"
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
AMP = "&amp;"
QUOTED = "'single' \"double\""
# The fixture's places as its gazetteer names them, and the note each has.
AZERBAIJAN = f"Azerbaijan {SCRIPT}"
ARMENIA = "Armenia 'O\"Brien'"
KARABAKH = 'Nagorno-Karabakh &amp; "Artsakh" <b>bold</b>'
BAKU = IMG
NOTES = {
    "AZE": (AZERBAIJAN, f"Note {SCRIPT} {QUOTED} {IMG} {AMP}"),
    "ARM": (ARMENIA, f"Armenia's note {AMP} {IMG}"),
    "nagorno-karabakh": (KARABAKH, f"Region note {SCRIPT}"),
    "baku": (BAKU, f"City note {SCRIPT} {AMP}"),
}
# The fixture's sections in order: each one's title and the names of the places its map shows.
SECTIONS = {
    "photo": (f"Photo {SCRIPT} {QUOTED} {IMG} {AMP}", [AZERBAIJAN]),
    "first": (f"First {SCRIPT} {QUOTED} {IMG} {AMP}", [AZERBAIJAN, ARMENIA, BAKU]),
    "second": (f"Second {SCRIPT} {QUOTED} {IMG} {AMP}", [KARABAKH, AZERBAIJAN]),
}
# An unescaped `<` or `&` in Markdown source: a backslash before it makes it text.
_MARKDOWN_MARKUP = re.compile(r"(?<!\\)[<&]")
_MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """The hostile story and its gazetteer (beside the project's shapes), served by the app;
    its published files go to a scratch folder, not the project's static/ that a running
    server of the real story serves."""
    base = tmp_path_factory.mktemp("hostile")
    story, geodata = base / "story", base / "geodata"
    shutil.copytree(FIXTURE / "story", story)
    geodata.mkdir()
    shutil.copy(FIXTURE / "geodata" / "gazetteer.yaml", geodata / "gazetteer.yaml")
    (geodata / "shapes").symlink_to(ROOT / "geodata" / "shapes")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STORYMAP_STORY", str(story))
        patch.setenv("STORYMAP_GEODATA", str(geodata))
        patch.setattr(storymap.ui.bundle, "STATIC_DIR", base / "static")
        yield story, geodata


@pytest.fixture(scope="module")
def resolved_hostile(hostile: tuple[Path, Path]) -> ResolvedStory:
    return load_resolved(*hostile)


class _Markup(HTMLParser):
    """What a browser would make of an HTML string: its text, its attributes, its scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []
        self.tags: list[str] = []
        self._in_script = False
        self.scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(tag, name, value or "") for name, value in attrs]
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        (self.scripts if self._in_script else self.text).append(data)


def assert_inert_html(html: str, *shown: str) -> _Markup:
    """No handler attribute, no script running alert, no injected image; `shown` read as text."""
    markup = _Markup()
    markup.feed(html)
    markup.close()
    handlers = [(tag, name) for tag, name, _ in markup.attributes if name.lower().startswith("on")]
    assert not handlers, handlers
    assert not [s for s in markup.scripts if "alert" in s]
    assert not [(tag, v) for tag, name, v in markup.attributes if tag == "img" and name == "src" and v == "x"]
    assert "b" not in markup.tags, "a <b> from the data became a tag"
    readable = "\n".join(markup.text) + "\n" + "\n".join(v for _, _, v in markup.attributes)
    for text in shown:
        assert text in readable, text
    return markup


def assert_inert_markdown(source: str, *shown: str) -> None:
    """Markdown source that renders data as text: every `<` and `&` escaped, `shown` readable."""
    assert not _MARKDOWN_MARKUP.search(source), source
    readable = _MARKDOWN_ESCAPE.sub(r"\1", source)
    for text in shown:
        assert text in readable, text


def _page(page: str | None = None, **params: str) -> AppTest:
    at = open_app(page, params)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    return at


def _check_page(at: AppTest, *shown: str) -> list[str]:
    """Every Markdown element inert; every HTML element inert; `shown` somewhere, read as text.
    Returns the text of the tooltips on the page's maps, each checked inert."""
    html = "\n".join(element.proto.body for element in at.get("html"))
    markdown = [e.value for elements in (at.markdown, at.caption, at.header, at.subheader, at.title) for e in elements]
    markdown += [e.value for e in at.info] + [o for radio in at.radio for o in radio.options]
    for source in markdown:
        assert_inert_markdown(source)
    markup = assert_inert_html(html)
    readable = "\n".join(markup.text + [v for _, _, v in markup.attributes])
    readable += "\n" + "\n".join(_MARKDOWN_ESCAPE.sub(r"\1", s) for s in markdown)
    for text in shown:
        assert text in readable, text
    return [text for component in at.get("component_instance") for text in _check_tooltips(component.proto.json_args)]


def _check_tooltips(script: str) -> list[str]:
    """Folium pastes tooltip text into a JavaScript template literal that Leaflet sets as HTML:
    each literal inert; returns what each reads as, its whitespace collapsed."""
    texts = []
    for literal in re.findall(r"bindTooltip\(\s*`(.*?)`", json.loads(script).get("feature_group") or "", re.S):
        assert "${" not in literal and "`" not in literal
        texts.append(" ".join("".join(assert_inert_html(literal).text).split()))
    return texts


@pytest.mark.parametrize("mode", ["scroll", "step"])
def test_story_page_shows_markup_as_text(hostile: tuple[Path, Path], mode: str) -> None:
    at = _page(mode=mode, section="first")
    _check_page(
        at,
        f"Title {SCRIPT} {QUOTED} {IMG} {AMP}",
        f"First {SCRIPT} {QUOTED} {IMG} {AMP}",
        f"Fix note {SCRIPT} {QUOTED} {IMG} {AMP}",
        f"Azerbaijan {SCRIPT}",  # a place name, marked in the text and in the legend
        IMG,
        f"General note {SCRIPT} {QUOTED} {IMG} {AMP}",
    )
    assert re.findall(r'<mark class="place [^"]+" data-place="baku"', "".join(e.proto.body for e in at.get("html")))


def test_places_page_shows_names_aliases_notes_sources_as_text(hostile: tuple[Path, Path]) -> None:
    at = _page("pages/places.py")
    # Every place of the story, each once, listed by name.
    assert sorted(at.selectbox(key="place").options) == sorted(name for name, _ in NOTES.values())
    for place, (name, note) in NOTES.items():
        at.selectbox(key="place").select(place).run()
        assert not at.exception
        _check_page(at, name, note)
    at.selectbox(key="place").select("AZE").run()
    _check_page(
        at,
        f"Azerbaijan {SCRIPT}",
        f'Az "quoted" {IMG}',
        f"Used by 'single' {AMP} {SCRIPT}",
        f"Note {SCRIPT} {QUOTED} {IMG} {AMP}",
        "Gazetteer publisher",
        f"Azeri{AMP}",
    )
    link = next(m.value for m in at.caption if m.value.startswith("Source:"))
    assert "](https://example.org/gazetteer?x=" in link and "%20onerror" in link  # one link, its spaces encoded


def test_timeline_page_shows_events_sources_and_control_notes_as_text(hostile: tuple[Path, Path]) -> None:
    at = _page("pages/timeline.py")
    tooltips = _check_page(
        at,
        f"Event {SCRIPT} {QUOTED} {IMG} {AMP}",
        f"Event text {SCRIPT} {QUOTED} {IMG} {AMP}",
        f"When {SCRIPT} {AMP}",
        f"Control note {SCRIPT} {QUOTED} {IMG} {AMP}",
        f"Route {SCRIPT} {QUOTED} {IMG} {AMP}",
        f"Held by {SCRIPT}",
    )
    captions = "\n".join(c.value for c in at.caption)
    assert "](javascript:" not in captions  # a non-web address is never a link
    # The control map's tooltips: the route's label and the side that held the areas, as text.
    assert any(f"Route {SCRIPT} {QUOTED} {IMG} {AMP} `${{alert(1)}}`" in t for t in tooltips), tooltips
    assert any(f"Held by {SCRIPT} {QUOTED} {IMG} {AMP}" in t for t in tooltips), tooltips


def test_classroom_page_and_handout_show_markup_as_text(
    hostile: tuple[Path, Path], resolved_hostile: ResolvedStory
) -> None:
    at = _page("pages/classroom.py")
    at.button[1].click().run()
    at.toggle(key="show_questions").set_value(True).run()
    assert not at.exception
    _check_page(
        at,
        f"Question {SCRIPT} {QUOTED} {IMG} {AMP}",
        "1. *not a list* [not a link](javascript:alert(1)) $x$ :red[not red]",
        f"Term {SCRIPT} {QUOTED}",
        f"Definition {IMG} {AMP}",
    )
    story_dir, geodata = hostile
    shapes = load_shapes(geodata / "shapes")
    handout = handout_html(resolved_hostile, shapes, load_classroom(story_dir, resolved_hostile.section_ids()))
    assert_inert_html(
        handout,
        f"Title {SCRIPT} {QUOTED} {IMG} {AMP}",
        f"Credit {SCRIPT} {QUOTED} {IMG} {AMP}",
        f"Question {SCRIPT} {QUOTED} {IMG} {AMP}",
        f"Map: Azerbaijan {SCRIPT}",
    )


def test_embed_snippets_escape_the_title(hostile: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """Three snippets: the live app's iframe, its responsive version, the static edition's iframe."""
    monkeypatch.setenv("STORYMAP_STATIC_URL", "https://news.example/story")
    at = _page("pages/embed.py")
    _check_page(at)
    title = f"Title {SCRIPT} {QUOTED} {IMG} {AMP}"
    snippets = [c.value for c in at.code if "<iframe" in c.value]
    assert len(snippets) == 3, snippets
    for snippet in snippets:
        markup = assert_inert_html(snippet)
        assert ("iframe", "title", title) in markup.attributes
        assert markup.tags.count("iframe") == 1


def test_about_page_shows_markup_as_text(hostile: tuple[Path, Path]) -> None:
    _check_page(_page("pages/about.py"), f"Author {SCRIPT} O'Brien \"Doc\" {IMG} {AMP}'s")


def test_control_map_tooltips_are_text(hostile: tuple[Path, Path]) -> None:
    """Before: folium pasted the route's label into `bindTooltip(`…`)`, so `${alert(1)}` ran."""
    _, geodata = hostile
    shapes = load_shapes(geodata / "shapes")
    timeline = load_timeline(hostile[0], load_gazetteer(geodata / "gazetteer.yaml"), shapes)
    assert timeline is not None
    event = timeline.events[0]
    assert event.control is not None
    fmap = folium.Map(tiles=None)
    for overlay in control_overlays(event.control, shapes, timeline.held_by or ""):
        overlay.add_to(fmap)
    rendered = fmap.get_root().render()
    tooltips = re.findall(r"bindTooltip\(\s*`(.*?)`", rendered, re.S)
    assert len(tooltips) == 4
    for tooltip in tooltips:
        assert "${" not in tooltip and "`" not in tooltip
        assert_inert_html(tooltip)
    assert tooltip_text("a `${b}` \\ <c>") == "a &#96;&#36;{b}&#96; &#92; &lt;c&gt;"


def test_export_keeps_the_text_as_data(hostile: tuple[Path, Path]) -> None:
    """The export is JSON for programs: the text exactly as written, neither escaped nor lost."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli(["export", "--story", str(hostile[0]), "--geodata", str(hostile[1])]) == 0
    exported = json.loads(out.getvalue())
    assert exported["meta"]["title"] == f"Title {SCRIPT} {QUOTED} {IMG} {AMP}"
    assert exported["sections"][1]["places"][2]["name"] == IMG


def test_steps_file_holds_text_and_inert_legends(resolved_hostile: ResolvedStory) -> None:
    """steps.json: the page sets status and title as text (textContent) and the legend as HTML."""
    steps = story_steps(resolved_hostile)["sections"]
    assert [step["section"] for step in steps] == list(SECTIONS)
    for step in steps:
        title, names = SECTIONS[step["section"]]
        assert step["title"] == title
        assert all(name in step["status"] for name in names), (step["status"], names)
        assert_inert_html(step["legend"], *names)


def test_static_edition_shows_markup_as_text(
    hostile: tuple[Path, Path], resolved_hostile: ResolvedStory, tmp_path: Path
) -> None:
    start = build_site(tmp_path, load_project(hostile[0], load_geodata(hostile[1])), "https://news.example/story")
    assert_inert_html(
        start.read_text(encoding="utf-8"),
        f"Title {SCRIPT} {QUOTED} {IMG} {AMP}",
        f"Second {SCRIPT} {QUOTED} {IMG} {AMP}",
        f"General note {SCRIPT} {QUOTED} {IMG} {AMP}",
        'Nagorno-Karabakh &amp; "Artsakh" <b>bold</b>',
    )
    # One share page (its preview naming the places the map shows) and one map image per section.
    for section, (title, names) in SECTIONS.items():
        share = (tmp_path / "share" / f"{section}.html").read_text(encoding="utf-8")
        assert_inert_html(share, f"Title {SCRIPT} {QUOTED} {IMG} {AMP}", title, *names)
        assert_inert_html((tmp_path / "maps" / f"{section}.svg").read_text(encoding="utf-8"))
    (steps_file,) = (tmp_path / "static" / "storymap").glob("steps.*.json")
    steps = json.loads(steps_file.read_text(encoding="utf-8"))["sections"]
    assert [step["section"] for step in steps] == list(SECTIONS)
    for step in steps:
        assert_inert_html(step["legend"], *SECTIONS[step["section"]][1])


def test_map_script_sets_names_as_text() -> None:
    """The map's script: Leaflet sets a string tooltip or popup as HTML, so place names go in as nodes."""
    script = "".join(path.read_text(encoding="utf-8") for path in (ROOT / "storymap" / "assets" / "map").glob("*.js"))
    calls = re.findall(r"\.(bindTooltip|bindPopup)\(StoryMap\.elements\.(\w+)\(", script)
    assert calls and all(builder in ("text", "describe") for _, builder in calls)
    assert len(calls) == len(re.findall(r"\.(?:bindTooltip|bindPopup)\(", script))
