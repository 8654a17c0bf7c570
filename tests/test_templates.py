"""The HTML templates: each one is the engine's, escapes what a story says, and gives way to a
story folder's own file of the same name."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
import pytest
import yaml

from storymap.model.classroom import SectionMaterial, Term
from storymap.model.gazetteer import PlaceKind
from storymap.model.project import load_geodata, load_project, load_resolved
from storymap.model.resolve import EditorialNote, ResolvedPlace, ResolvedSection, ResolvedStory, StoryMeta, TextMention
from storymap.model.shapes import ShapeIndex
from storymap.model.story import Role, SectionKind
from storymap.model.timeline import Control, Route
from storymap.publish.site import build_site
from storymap.publish.steps import story_steps
from storymap.render.controlmap import control_legend
from storymap.render.embed import host_snippet, iframe_snippet, preview_page, responsive_snippet
from storymap.render.handout import handout_html
from storymap.render.panels import (
    header_html,
    legend_html,
    map_card_html,
    passage_html,
    progress_html,
    section_notes,
    status_html,
)
from tests.second_story import WORLD_STORY

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "storymap" / "templates"
MARKUP = '<script>alert(1)</script>" onmouseover="x'
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;&#34; onmouseover=&#34;x"


def _world_story(folder: Path, edit: Callable[[dict], None] | None = None) -> Path:
    """A copy of the tests' second story, its story.yaml changed by `edit`."""
    shutil.copytree(WORLD_STORY, folder)
    if edit:
        path = folder / "story.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        edit(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return folder


def _steps_file(site: Path) -> dict[str, Any]:
    steps: dict[str, Any] = json.loads(next((site / "static" / "storymap").glob("steps.*.json")).read_text("utf-8"))
    return steps


@pytest.fixture(scope="module")
def hostile(resolved: ResolvedStory) -> ResolvedStory:
    """A story whose every text holds markup, about a place with a real shape (for the handout's map)."""
    real = resolved.sections[1].places[0]
    place = ResolvedPlace(
        id=real.id,
        name=f"Place {MARKUP}",
        kind=PlaceKind.COUNTRY,
        role=Role.FOCUS,
        approximate=False,
        note="",
        source="",
        anchor=real.anchor,
    )
    text = f"Before {MARKUP} after.\n\nA second paragraph."
    start = text.index(MARKUP)
    body = ResolvedSection(
        id="hostile",
        title=f"Title {MARKUP}",
        kind=SectionKind.BODY,
        text=text,
        paragraphs=text.split("\n\n"),
        credit=None,
        places=[place],
        mentions=[TextMention(start=start, end=start + len(MARKUP), place_id=place.id)],
        bounds=resolved.sections[1].bounds,
    )
    caption = body.model_copy(update={"id": "photo", "kind": SectionKind.CAPTION, "credit": f"Credit {MARKUP}"})
    meta = StoryMeta(
        title=f"Story {MARKUP}",
        author=f"Author {MARKUP}",
        label=f"Label {MARKUP}",
        publication=f"Paper {MARKUP}",
        source_note=f"Source {MARKUP}",
        titles_note=f"Titles {MARKUP}",
        editorial_notes=[EditorialNote(section="hostile", note=f"Note {MARKUP}")],
        border_policy=f"Borders {MARKUP}",
        map_credit=f"Credit line {MARKUP}",
        default_bounds=resolved.meta.default_bounds,
    )
    return ResolvedStory(meta=meta, sections=[caption, body])


_MATERIAL = {"hostile": SectionMaterial(questions=[f"Question {MARKUP}"], terms=[Term(term="Term", definition="D")])}
_CONTROL = Control.model_construct(
    held=["AZ-LAC"],
    routes=[Route.model_construct(label=f"Route {MARKUP}", points=[(39.5, 46.5), (40, 47)])],
    note="A control map whose route has a hostile label.",
)
Fragment = Callable[[ResolvedStory, ShapeIndex], str]


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        pytest.param(
            lambda story, _: passage_html(story.sections[1], section_notes(story, "hostile")),
            [
                f'aria-label="Title {ESCAPED}"><h2 class="passage-title" title="Section title by the editors">'
                f"Title {ESCAPED}</h2>",
                f'<p>Before <mark class="place focus" data-place="{{id}}" title="Place {ESCAPED} (in focus)" '
                f'role="button" tabindex="-1" aria-label="Show Place {ESCAPED} on the map">'
                f"{ESCAPED}</mark> after.</p><p>A second paragraph.</p>",
                f'<p class="editors-note">Editor\'s note: Note {ESCAPED}</p></section>',
            ],
            id="passage",
        ),
        pytest.param(
            lambda story, _: passage_html(story.sections[0]),
            [f"</p><small>Photo: Credit {ESCAPED}</small></figcaption></figure></section>"],
            id="passage-caption",
        ),
        pytest.param(
            lambda story, _: status_html(story.sections[1]),
            [f'data-section="hostile" data-places="{{id}}">Map shows: Place {ESCAPED}</div>'],
            id="status",
        ),
        pytest.param(
            lambda story, _: legend_html(story.sections[1]),
            [f"<strong>In focus:</strong> Place {ESCAPED}</li></ul>"],
            id="legend",
        ),
        pytest.param(
            lambda story, _: map_card_html(story.sections[1]),
            [f"Map shows: Place {ESCAPED}</div><ul", f"<strong>In focus:</strong> Place {ESCAPED}</li></ul></div>"],
            id="map-card",
        ),
        pytest.param(
            lambda story, _: header_html(story),
            [
                f'<span class="label">Label {ESCAPED}</span><h1>Story {ESCAPED}</h1>',
                f'<p class="byline">By Author {ESCAPED} · Paper {ESCAPED} · The views',
                f'<p class="photo-caption">Photo (not shown): Before {ESCAPED} after.\n\nA second paragraph. — '
                f"Credit {ESCAPED}</p></header>",
            ],
            id="story-header",
        ),
        pytest.param(
            lambda story, shapes: handout_html(story, shapes, _MATERIAL),
            [
                f"<title>Story {ESCAPED}: handout</title>",
                f"<p class='meta'>By Author {ESCAPED}. Source {ESCAPED}</p>",
                f"<h2>Title {ESCAPED}</h2>",
                f"<figcaption>in focus: Place {ESCAPED}</figcaption>",
                f"<p>Before {ESCAPED} after.</p>",
                f"<p class='note'>Photo (not shown): Credit {ESCAPED}</p>",
                f"<li>Question {ESCAPED}</li>",
                f"<p class='note'>Credit line {ESCAPED}</p>",
                f"<p class='note'>Borders: Borders {ESCAPED}</p>",
            ],
            id="handout",
        ),
        pytest.param(
            lambda story, _: iframe_snippet(f"https://example.org/?a={MARKUP}&b=1", story.meta.title, 600),
            [f'<iframe src="https://example.org/?a={ESCAPED}&amp;b=1" title="Story {ESCAPED}" width="100%"'],
            id="iframe-snippet",
        ),
        pytest.param(
            lambda story, _: responsive_snippet("https://example.org/", story.meta.title),
            [f'<iframe src="https://example.org/" title="Story {ESCAPED}" style="position:absolute;'],
            id="responsive-snippet",
        ),
        pytest.param(
            lambda *_: control_legend(_CONTROL, f"Side {MARKUP}"),
            [f"></span> Held by Side {ESCAPED} (approximate)<br><span ", f"></span> Route {ESCAPED}"],
            id="control-legend",
        ),
    ],
)
def test_markup_in_the_story_is_text_in_every_fragment(
    fragment: Fragment, expected: list[str], hostile: ResolvedStory, shapes: ShapeIndex
) -> None:
    html = fragment(hostile, shapes)
    assert "<script>" not in html and '" onmouseover' not in html
    for part in expected:
        assert part.replace("{id}", hostile.sections[1].places[0].id) in html


def test_markup_in_the_story_is_text_in_the_static_editions_pages(tmp_path: Path) -> None:
    def hostile_titles(data: dict) -> None:
        data["meta"]["title"] = f"Coffee {MARKUP}"
        data["sections"][1]["editorial_title"] = f"Growing {MARKUP}"

    folder = _world_story(tmp_path / "story", hostile_titles)
    section = yaml.safe_load((folder / "story.yaml").read_text(encoding="utf-8"))["sections"][1]["id"]
    start = build_site(tmp_path / "site", load_project(folder, load_geodata(ROOT / "geodata")))
    share = (tmp_path / "site" / "share" / f"{section}.html").read_text(encoding="utf-8")
    for page, expected in [
        (start.read_text(encoding="utf-8"), [f"<title>Coffee {ESCAPED}</title>", f">Growing {ESCAPED}</option>"]),
        (share, [f"<title>Growing {ESCAPED} · Coffee {ESCAPED}</title>", f"Open the story at “Growing {ESCAPED}”"]),
    ]:
        assert "<script>" not in page and '" onmouseover' not in page
        for part in expected:
            assert part in page


def test_no_template_turns_escaping_off() -> None:
    """Trusted markup (our fragments, the drawn map) arrives as Markup; no template needs `safe`."""
    for template in TEMPLATES.glob("*.html"):
        text = template.read_text(encoding="utf-8").replace(" ", "")
        assert "|safe" not in text and "autoescapefalse" not in text, template.name


def test_every_template_is_rendered_by_the_engine(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, hostile: ResolvedStory, shapes: ShapeIndex
) -> None:
    loaded: list[str] = []
    get_template = jinja2.Environment.get_template

    def record(self: jinja2.Environment, name: str, *args: object, **kwargs: object) -> jinja2.Template:
        loaded.append(name)
        return get_template(self, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "get_template", record)
    section = hostile.sections[1]
    outputs = [
        passage_html(section),
        status_html(section),
        legend_html(section),
        map_card_html(section),
        progress_html(2, 5),
        header_html(hostile),
        handout_html(hostile, shapes, _MATERIAL),
        iframe_snippet("https://example.org/", "t", 400),
        responsive_snippet("https://example.org/", "t"),
        control_legend(_CONTROL, "a side"),
        preview_page(host_snippet("https://example.org/", section, "t")),
    ]
    build_site(tmp_path, load_project(WORLD_STORY, load_geodata(ROOT / "geodata")))
    assert all(outputs)
    assert {t.name for t in TEMPLATES.glob("*.html")} <= set(loaded)
    assert progress_html(2, 5) == '<p class="progress" aria-label="Section 3 of 5">3 of 5</p>'


# A story's own templates, the first ending in a newline as a saved file does (the output has none),
# and with `"<b>"`, which theirs escape as ours do.
_OUR_PASSAGE = (
    '<article class="our-passage" data-section="{{ section.id }}">{{ section.title }} {{ "<b>" }}</article>\n'
)
_OUR_LEGEND = '<ul class="our-legend" data-section="{{ section.id }}"></ul>'


def test_a_story_folders_templates_replace_ours(tmp_path: Path) -> None:
    plain = _world_story(tmp_path / "plain")
    custom = _world_story(tmp_path / "custom")
    (custom / "templates").mkdir()
    (custom / "templates" / "passage.html").write_text(_OUR_PASSAGE, encoding="utf-8")
    (custom / "templates" / "legend.html").write_text(_OUR_LEGEND, encoding="utf-8")
    theirs, ours = load_resolved(custom, ROOT / "geodata"), load_resolved(plain, ROOT / "geodata")
    assert theirs.meta.template_dir == str(custom / "templates") and ours.meta.template_dir is None
    assert "template_dir" not in theirs.model_dump_json(), "a path on this machine is no part of the export"

    section = theirs.sections[1]
    overridden = passage_html(section, templates=theirs.meta.template_dir)
    assert overridden == f'<article class="our-passage" data-section="{section.id}">{section.title} &lt;b&gt;</article>'
    assert 'role="status"' in status_html(section, templates=theirs.meta.template_dir), "what it lacks stays ours"
    assert passage_html(ours.sections[1]).startswith(f'<section class="passage passage-body" id="passage-{section.id}"')
    assert story_steps(theirs)["sections"][1]["legend"] == f'<ul class="our-legend" data-section="{section.id}"></ul>'

    geodata = load_geodata(ROOT / "geodata")
    their_site = build_site(tmp_path / "their-site", load_project(custom, geodata)).read_text(encoding="utf-8")
    our_site = build_site(tmp_path / "our-site", load_project(plain, geodata)).read_text(encoding="utf-8")
    assert their_site.count('<article class="our-passage"') == len(theirs.sections)
    assert 'class="passage ' not in their_site and '<ul class="our-legend"' in their_site
    assert our_site.count('<section class="passage ') == len(ours.sections) and "our-passage" not in our_site
    legends = [s["legend"] for s in _steps_file(tmp_path / "their-site")["sections"]]
    assert legends == [f'<ul class="our-legend" data-section="{s.id}"></ul>' for s in theirs.sections]
