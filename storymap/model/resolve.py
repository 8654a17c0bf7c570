"""The resolved story: the one model that the app, the tests and the export all read."""

from __future__ import annotations

from pydantic import BaseModel, Field

from storymap.model.errors import StoryDataError
from storymap.model.gazetteer import Gazetteer, PlaceKind
from storymap.model.mentions import TermIndex, place_terms
from storymap.model.shapes import Bounds, ShapeIndex, drawable, frame_bounds, label_anchor, place_geometry
from storymap.model.story import Role, Section, SectionKind, Story

# A story folder's own templates, over the engine's (storymap/render/templates.py).
TEMPLATES_DIR = "templates"


class ResolvedPlace(BaseModel):
    """A place as one section uses it."""

    id: str
    name: str
    kind: PlaceKind
    role: Role
    approximate: bool
    note: str
    source: str
    point: tuple[float, float] | None = None
    anchor: tuple[float, float]


class TextMention(BaseModel):
    """Where a passage names one of its places, for marking it in the place's colour."""

    start: int
    end: int
    place_id: str


class ResolvedSection(BaseModel):
    """One step: its text, its places and the bounds the map frames."""

    id: str
    title: str
    kind: SectionKind
    text: str
    paragraphs: list[str]
    credit: str | None
    places: list[ResolvedPlace]
    mentions: list[TextMention]
    bounds: Bounds
    center: tuple[float, float] | None = None
    zoom: int | None = None


class EditorialNote(BaseModel):
    """Something the editors changed or want the reader to know, tied to a section where it applies."""

    section: str | None
    note: str


class StoryMeta(BaseModel):
    """Who wrote the piece, where it comes from and what the editors did to it."""

    title: str
    author: str
    label: str
    publication: str | None
    source_note: str
    titles_note: str
    editorial_notes: list[EditorialNote]
    border_policy: str | None = None
    citation: str | None = None
    about: str | None = None
    map_attribution: str = ""
    map_credit: str = ""
    default_bounds: Bounds
    # The story folder's own templates (storymap/render/templates.py), where it has any: a place on
    # this machine, which the export leaves out.
    template_dir: str | None = Field(default=None, exclude=True)


class ResolvedStory(BaseModel):
    """A whole story, ready to render or export."""

    meta: StoryMeta
    sections: list[ResolvedSection]

    def section_ids(self) -> list[str]:
        """Section ids in reading order."""
        return [s.id for s in self.sections]


def resolve(story: Story, gazetteer: Gazetteer, shapes: ShapeIndex) -> ResolvedStory:
    """Join a story with the gazetteer and the shapes."""
    _check_drawable(story, gazetteer, shapes)
    meta = story.meta
    notes = [EditorialNote(section=f.section, note=f.note) for f in meta.fixes]
    notes += [EditorialNote(section=None, note=n) for n in meta.notes]
    default = frame_bounds(place_geometry(p, gazetteer, shapes) for p in meta.default_frame)
    assert default is not None  # default_frame has at least one place
    templates = story.path.parent / TEMPLATES_DIR
    return ResolvedStory(
        meta=StoryMeta(
            title=meta.title,
            author=meta.author,
            label=meta.label,
            publication=meta.publication,
            source_note=meta.source_note,
            titles_note=meta.titles_note,
            editorial_notes=notes,
            border_policy=meta.border_policy,
            citation=meta.citation,
            about=story.about,
            map_attribution=gazetteer.credit.short if gazetteer.credit else "",
            map_credit=gazetteer.credit.long if gazetteer.credit else "",
            default_bounds=default,
            template_dir=str(templates) if templates.is_dir() else None,
        ),
        sections=[_resolve_section(s, gazetteer, shapes, default) for s in story.sections],
    )


def _check_drawable(story: Story, gazetteer: Gazetteer, shapes: ShapeIndex) -> None:
    """Every place the story frames or highlights has a point or a shape; a world place may have neither yet."""
    lists: dict[str, tuple[str | None, list[str] | None]] = {"meta.default_frame": (None, story.meta.default_frame)}
    for index, section in enumerate(story.sections):
        lists[f"sections[{index}].places.focus"] = (section.id, section.places.focus)
        lists[f"sections[{index}].places.context"] = (section.id, section.places.context)
        lists[f"sections[{index}].view.frame"] = (section.id, section.view.frame if section.view else None)
    for field, (section_id, ids) in lists.items():
        for position, place_id in enumerate(ids or []):
            if not drawable(place_id, gazetteer, shapes):
                message = f"'{place_id}' has no shape: run the shape build with this story"
                raise StoryDataError(story.path, message, section_id, f"{field}[{position}]")


def _resolve_section(section: Section, gazetteer: Gazetteer, shapes: ShapeIndex, default: Bounds) -> ResolvedSection:
    places = [_resolve_place(pid, role, gazetteer, shapes) for pid, role in section.places.by_role()]
    text = "\n\n".join(section.paragraphs())
    listed = TermIndex(place_terms(gazetteer[p.id] for p in places))
    mentions = [TextMention(start=m.start, end=m.end, place_id=m.place_id) for m in listed.find(text)]
    view = section.view
    framed = (view.frame if view and view.frame else None) or section.places.focus or [p.id for p in places]
    bounds = frame_bounds(place_geometry(p, gazetteer, shapes) for p in framed) or default
    return ResolvedSection(
        id=section.id,
        title=section.editorial_title,
        kind=section.kind,
        text=text,
        paragraphs=section.paragraphs(),
        credit=section.credit,
        places=places,
        mentions=mentions,
        bounds=bounds,
        center=view.center if view else None,
        zoom=view.zoom if view else None,
    )


def _resolve_place(place_id: str, role: Role, gazetteer: Gazetteer, shapes: ShapeIndex) -> ResolvedPlace:
    place = gazetteer[place_id]
    anchor = label_anchor(place_geometry(place_id, gazetteer, shapes))
    return ResolvedPlace(
        id=place.id,
        name=place.name,
        kind=place.kind,
        role=role,
        approximate=place.approximate,
        note=place.note or "",
        source="; ".join(source.citation() for source in gazetteer.sources_of(place_id)),
        point=place.point,
        anchor=(round(anchor.y, 3), round(anchor.x, 3)),
    )
