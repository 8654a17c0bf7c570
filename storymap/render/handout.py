"""A printable handout: for each section a small map, the passage and the classroom material.

One self-contained HTML page (maps as inline SVG, no scripts, no outside requests) laid out to
print on A4 and on US Letter alike: the content is 180 mm wide, which fits both with 15 mm
margins, and no section is split across pages.
"""

from __future__ import annotations

from html import escape

from storymap.model.classroom import SectionMaterial
from storymap.model.resolve import ResolvedSection, ResolvedStory
from storymap.model.shapes import ShapeIndex
from storymap.model.story import Role
from storymap.render.svgmap import section_svg

_CSS = """
@page { margin: 15mm; }
* { box-sizing: border-box; }
body { font: 11pt/1.45 Georgia, 'Times New Roman', serif; color: #111; margin: 0 auto; max-width: 180mm; }
header { border-bottom: 2px solid #111; margin-bottom: 6mm; }
.label { font: 700 8pt system-ui, sans-serif; text-transform: uppercase; letter-spacing: .08em; }
h1 { font-size: 18pt; margin: 2mm 0; }
.meta, .ours, .note { font: 9pt system-ui, sans-serif; color: #444; }
section.handout-section { break-inside: avoid; page-break-inside: avoid; margin-bottom: 8mm; }
h2 { font-size: 13pt; margin: 0 0 2mm; }
figure { margin: 0 0 2mm; }
svg { width: 100%; height: auto; border: 1px solid #999; }
figcaption { font: 8.5pt system-ui, sans-serif; color: #333; }
.questions { font: 9.5pt system-ui, sans-serif; background: #f3f3f3; padding: 2mm 4mm; }
.questions h3 { font-size: 9.5pt; margin: 1mm 0; }
@media screen { body { padding: 10mm; } }
"""


def handout_html(story: ResolvedStory, shapes: ShapeIndex, material: dict[str, SectionMaterial]) -> str:
    """The whole handout as one HTML document."""
    meta = story.meta
    sections = "".join(_section_html(s, shapes, material.get(s.id)) for s in story.sections)
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{escape(meta.title)}: handout</title><style>{_CSS}</style></head><body>"
        f"<header><span class='label'>{escape(meta.label)}</span><h1>{escape(meta.title)}</h1>"
        f"<p class='meta'>By {escape(meta.author)}. {escape(meta.source_note)}</p>"
        f"<p class='ours'>{escape(meta.titles_note)} Maps, questions and key terms are ours too.</p></header>"
        f"{sections}"
        "<p class='note'>Maps: Natural Earth (public domain), internationally recognised borders; "
        "city points: GeoNames (CC BY 4.0).</p></body></html>"
    )


def _section_html(section: ResolvedSection, shapes: ShapeIndex, material: SectionMaterial | None) -> str:
    legend = "; ".join(
        f"{'in focus' if role is Role.FOCUS else 'also mentioned'}: "
        + ", ".join(p.name + (" (approximate outline)" if p.approximate else "") for p in places)
        for role in Role
        if (places := [p for p in section.places if p.role is role])
    )
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in section.paragraphs)
    if section.credit:
        paragraphs += f"<p class='note'>Photo (not shown): {escape(section.credit)}</p>"
    caption = escape(legend or "No place highlighted.")
    return (
        f"<section class='handout-section' data-section='{section.id}'>"
        f"<h2>{escape(section.title)}</h2>"
        f"<figure>{section_svg(section, shapes)}<figcaption>{caption}</figcaption></figure>"
        f"{paragraphs}{_material_html(material)}</section>"
    )


def _material_html(material: SectionMaterial | None) -> str:
    if not material or not (material.questions or material.terms):
        return ""
    questions = "".join(f"<li>{escape(q)}</li>" for q in material.questions)
    terms = "".join(f"<li><strong>{escape(t.term)}</strong>: {escape(t.definition)}</li>" for t in material.terms)
    return (
        "<div class='questions'><h3>For discussion (our questions)</h3>"
        f"<ol>{questions}</ol>{'<h3>Key terms (our definitions)</h3><ul>' + terms + '</ul>' if terms else ''}</div>"
    )
