"""HTML for what sits beside the map: the passage with its places marked, the legend, the status line.

Each fragment is rendered from its template (storymap/templates); `templates` names a story's
folder of overrides (`story.meta.template_dir`), None for ours alone.
"""

from __future__ import annotations

from typing import NamedTuple

from markupsafe import Markup

from storymap.model.resolve import ResolvedPlace, ResolvedSection, ResolvedStory
from storymap.model.story import Role, SectionKind
from storymap.render.keys import keys_hint
from storymap.render.palette import ROLE_LABEL, ROLE_STYLE
from storymap.render.templates import render


class _Run(NamedTuple):
    """A stretch of a paragraph: plain text, or the words naming one of the section's places, with
    what pointing at them does (`action`, their accessible name: they show the place on the map)."""

    text: str
    place: ResolvedPlace | None = None
    action: str = ""


def link_label(words: str, name: str) -> str:
    """What a place's name in the text says it does, to screen readers and speech input: "Show
    Syunik on the map", led by the words themselves where the place's name does not contain them
    ("Armenian: show Armenia on the map"), so the visible words stay part of the name (WCAG 2.5.3)."""
    if words.casefold() in name.casefold():
        return f"Show {name} on the map"
    return f"{words}: show {name} on the map"


def section_notes(story: ResolvedStory, section_id: str) -> list[str]:
    """The editors' notes on one section (its fixes), shown under its passage."""
    return [n.note for n in story.meta.editorial_notes if n.section == section_id]


def story_notes(story: ResolvedStory) -> str:
    """Where the text comes from, that titles are ours, and the editors' general notes."""
    meta = story.meta
    general = " ".join(n.note for n in meta.editorial_notes if n.section is None)
    return f"{meta.source_note} {meta.titles_note} {general}"


def map_credit(story: ResolvedStory) -> str:
    """The map's sources and licences (the geodata's credit), and which outlines are approximate."""
    approximate = sorted({p.name for s in story.sections for p in s.places if p.approximate})
    outlines = f"Approximate outlines: {', '.join(approximate)}." if approximate else ""
    return " ".join(filter(None, [story.meta.map_credit, outlines]))


def _paragraph_runs(section: ResolvedSection) -> list[list[_Run]]:
    """The section's paragraphs as runs of text, each mention of a place a run of its own, so the
    template can mark it without taking the text apart."""
    places = {p.id: p for p in section.places}
    paragraphs: list[list[_Run]] = [[]]
    cursor = 0

    def plain(text: str) -> None:
        first, *others = text.split("\n\n")
        paragraphs[-1].append(_Run(first))
        paragraphs.extend([_Run(other)] for other in others)

    for mention in section.mentions:
        plain(section.text[cursor : mention.start])
        words, place = section.text[mention.start : mention.end], places[mention.place_id]
        paragraphs[-1].append(_Run(words, place, link_label(words, place.name)))
        cursor = mention.end
    plain(section.text[cursor:])
    return paragraphs


def passage_html(section: ResolvedSection, notes: list[str] | None = None, *, templates: str | None = None) -> Markup:
    """A passage block: our title, the paragraphs with each place mention marked in its role's
    colour, and any editor's notes on it."""
    paragraphs = _paragraph_runs(section)
    return render(
        "passage.html", templates, section=section, paragraphs=paragraphs, notes=notes or [], role_labels=ROLE_LABEL
    )


def status_text(section: ResolvedSection) -> str:
    """The sentence a screen reader hears after a step."""
    if not section.places:
        return "Map shows: the region, nothing highlighted."
    names = [p.name + (" (approximate)" if p.approximate else "") for p in section.places]
    return "Map shows: " + ", ".join(names)


def status_html(section: ResolvedSection, *, templates: str | None = None) -> Markup:
    """A polite live region that names, and lists by id, exactly what the map highlights."""
    ids = ",".join(p.id for p in section.places)
    return render("status.html", templates, section=section, places=ids, text=status_text(section))


def progress_text(index: int, count: int) -> str:
    """Where a section stands in the story, e.g. "3 of 15"."""
    return f"{index + 1} of {count}"


def progress_label(index: int, count: int) -> str:
    """The same, as a screen reader hears it."""
    return f"Section {progress_text(index, count)}"


def progress_html(index: int, count: int, *, templates: str | None = None) -> Markup:
    """The count shown between Previous and Next."""
    return render("progress.html", templates, text=progress_text(index, count), label=progress_label(index, count))


def legend_html(section: ResolvedSection, *, templates: str | None = None) -> Markup:
    """A legend of exactly the places highlighted in this step, grouped by role."""
    groups = [(role, places) for role in Role if (places := [p for p in section.places if p.role is role])]
    return render("legend.html", templates, section=section, groups=groups, styles=ROLE_STYLE, role_labels=ROLE_LABEL)


KEYS_HINT = keys_hint()


def map_card_html(section: ResolvedSection, *, templates: str | None = None) -> Markup:
    """The status line and the legend in one card, which the page lays over the map's lower edge
    on wide screens, so the map can take the column's whole height."""
    status, legend = status_html(section, templates=templates), legend_html(section, templates=templates)
    return render("map_card.html", templates, status=status, legend=legend)


def header_html(story: ResolvedStory) -> Markup:
    """Label, our title, the byline and the photo caption with its credit."""
    caption = next((s for s in story.sections if s.kind is SectionKind.CAPTION), None)
    return render("story_header.html", story.meta.template_dir, meta=story.meta, caption=caption)
