"""HTML for what sits beside the map: the passage with its places marked, the legend, the status line."""

from __future__ import annotations

from html import escape

from storymap.model.resolve import ResolvedSection, ResolvedStory
from storymap.model.story import Role, SectionKind
from storymap.render.palette import ROLE_LABEL, ROLE_STYLE


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


def passage_html(section: ResolvedSection, notes: list[str] | None = None) -> str:
    """A passage block: our title, the paragraphs with each place mention marked in its role's
    colour, and any editor's notes on it."""
    roles = {p.id: p.role for p in section.places}
    names = {p.id: p.name for p in section.places}
    pieces: list[str] = []
    cursor = 0
    for mention in section.mentions:
        pieces.append(escape(section.text[cursor : mention.start]))
        role = roles[mention.place_id]
        word = escape(section.text[mention.start : mention.end])
        title = escape(f"{names[mention.place_id]} ({ROLE_LABEL[role].lower()})")
        pieces.append(f'<mark class="place {role.value}" data-place="{mention.place_id}" title="{title}">{word}</mark>')
        cursor = mention.end
    pieces.append(escape(section.text[cursor:]))
    paragraphs = "".join(pieces).split("\n\n")
    css_class = f"passage passage-{section.kind.value}"
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    if section.kind is SectionKind.CAPTION:
        credit = f"<small>Photo: {escape(section.credit)}</small>" if section.credit else ""
        body = f"<figure><figcaption>{body}{credit}</figcaption></figure>"
    title = f'<h2 class="passage-title" title="Section title by the editors">{escape(section.title)}</h2>'
    footnotes = "".join(f'<p class="editors-note">Editor\'s note: {escape(n)}</p>' for n in notes or [])
    return (
        f'<section class="{css_class}" id="passage-{section.id}" data-section="{section.id}" '
        f'aria-label="{escape(section.title)}">{title}{body}{footnotes}</section>'
    )


def status_text(section: ResolvedSection) -> str:
    """The sentence a screen reader hears after a step."""
    if not section.places:
        return "Map shows: the region, nothing highlighted."
    names = [p.name + (" (approximate)" if p.approximate else "") for p in section.places]
    return "Map shows: " + ", ".join(names)


def status_html(section: ResolvedSection) -> str:
    """A polite live region that names, and lists by id, exactly what the map highlights."""
    ids = ",".join(p.id for p in section.places)
    return (
        f'<div class="map-status" role="status" aria-live="polite" data-section="{section.id}" '
        f'data-places="{escape(ids)}">{escape(status_text(section))}</div>'
    )


def progress_text(index: int, count: int) -> str:
    """Where a section stands in the story, e.g. "3 of 15"."""
    return f"{index + 1} of {count}"


def progress_label(index: int, count: int) -> str:
    """The same, as a screen reader hears it."""
    return f"Section {progress_text(index, count)}"


def progress_html(index: int, count: int) -> str:
    """The count shown between Previous and Next."""
    return f'<p class="progress" aria-label="{progress_label(index, count)}">{progress_text(index, count)}</p>'


def legend_html(section: ResolvedSection) -> str:
    """A legend of exactly the places highlighted in this step, grouped by role."""
    rows = []
    for role in Role:
        places = [p for p in section.places if p.role is role]
        if not places:
            continue
        style = ROLE_STYLE[role]
        border = "dashed" if style["dashArray"] else "solid"
        swatch = (
            f'<span class="swatch" style="background:{style["fillColor"]}66;'
            f'border:2px {border} {style["color"]}"></span>'
        )
        names = ", ".join(escape(p.name) + (" <em>(approximate outline)</em>" if p.approximate else "") for p in places)
        rows.append(f'<li data-role="{role.value}">{swatch}<strong>{ROLE_LABEL[role]}:</strong> {names}</li>')
    if not rows:
        rows.append("<li>Nothing highlighted in this passage.</li>")
    return f'<ul class="legend" aria-label="Map legend" data-section="{section.id}">{"".join(rows)}</ul>'


KEYS_HINT = "Keys: ← → or j k to step, Home and End for the first and last section."


def map_card_html(section: ResolvedSection) -> str:
    """The status line and the legend in one card, which the page lays over the map's lower edge
    on wide screens, so the map can take the column's whole height."""
    return f'<div class="map-card">{status_html(section)}{legend_html(section)}</div>'


def header_html(story: ResolvedStory) -> str:
    """Label, our title, the byline and the photo caption with its credit."""
    meta = story.meta
    caption = next((s for s in story.sections if s.kind is SectionKind.CAPTION), None)
    photo = ""
    if caption:
        photo = (
            f'<p class="photo-caption">Photo (not shown): {escape(caption.text)}'
            f"{' — ' + escape(caption.credit) if caption.credit else ''}</p>"
        )
    published = f"{escape(meta.publication)} · " if meta.publication else ""
    return (
        f'<header class="story-header"><span class="label">{escape(meta.label)}</span>'
        f"<h1>{escape(meta.title)}</h1>"
        f'<p class="byline">By {escape(meta.author)} · {published}'
        "The views in the text are the author's; titles, notes and map are ours.</p>"
        f"{photo}</header>"
    )
