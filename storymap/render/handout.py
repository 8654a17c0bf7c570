"""A printable handout: for each section a small map, the passage and the classroom material.

One self-contained HTML page (maps as inline SVG, no scripts, no outside requests) laid out to
print on A4 and on US Letter alike (storymap/templates/handout.html holds the layout).
"""

from __future__ import annotations

from typing import NamedTuple

from markupsafe import Markup

from storymap.model.classroom import SectionMaterial
from storymap.model.resolve import ResolvedSection, ResolvedStory
from storymap.model.shapes import ShapeIndex
from storymap.model.story import Role
from storymap.render.panels import map_credit
from storymap.render.svgmap import section_svg
from storymap.render.templates import render


class _HandoutSection(NamedTuple):
    """What the handout shows of one section besides its text: its map, its caption, its material."""

    section: ResolvedSection
    map: Markup
    caption: str
    material: SectionMaterial | None


def handout_html(story: ResolvedStory, shapes: ShapeIndex, material: dict[str, SectionMaterial]) -> Markup:
    """The whole handout as one HTML document."""
    sections = [
        # Our own drawing, whose names section_svg escapes: markup to insert as it is.
        _HandoutSection(s, Markup(section_svg(s, shapes)), _caption(s), material.get(s.id))
        for s in story.sections
    ]
    return render("handout.html", story.meta.template_dir, meta=story.meta, sections=sections, credit=map_credit(story))


def _caption(section: ResolvedSection) -> str:
    """The map's caption in words: which places are in focus and which are only mentioned."""
    legend = "; ".join(
        f"{'in focus' if role is Role.FOCUS else 'also mentioned'}: "
        + ", ".join(p.name + (" (approximate outline)" if p.approximate else "") for p in places)
        for role in Role
        if (places := [p for p in section.places if p.role is role])
    )
    return legend or "No place highlighted."
