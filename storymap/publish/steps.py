"""Every section's step as static data, so the page can move the map itself at the reader's action.

A step is what the page changes when a section becomes the one being read: the map's highlights
and framing, the status line, the legend and the progress count. The page applies it the moment
the reader scrolls, presses a key or clicks; Python hears of it afterwards and only keeps the
record. Status, legend and progress are rendered by the same functions the app renders them with,
so the two can never say different things.
"""

from __future__ import annotations

from typing import Any

from storymap.model.resolve import ResolvedSection, ResolvedStory
from storymap.model.shapes import Bounds
from storymap.model.story import Role
from storymap.render.keys import key_moves
from storymap.render.panels import legend_html, progress_label, progress_text, status_text


def highlight_payload(
    key: str, bounds: Bounds, places: list[tuple[str, Role]], max_zoom: int | None = None
) -> dict[str, Any]:
    """What the browser needs to highlight places and frame a view: ids, roles and bounds only,
    and how close the frame may come where a view needs closer than the map's default."""
    payload: dict[str, Any] = {
        "section": key,
        "bounds": [list(bounds[0]), list(bounds[1])],
        "places": [{"id": place_id, "role": role.value} for place_id, role in places],
    }
    if max_zoom is not None:
        payload["maxZoom"] = max_zoom
    return payload


def step_payload(section: ResolvedSection) -> dict[str, Any]:
    """What one step of the story sends to the browser; no geometry, no notes."""
    return highlight_payload(section.id, section.bounds, [(p.id, p.role) for p in section.places])


def story_steps(story: ResolvedStory) -> dict[str, Any]:
    """Every section's step, in reading order, and the keys that step (storymap/render/keys.py)."""
    count = len(story.sections)
    return {
        "keys": key_moves(),
        "sections": [
            {
                **step_payload(section),
                "title": section.title,
                "status": status_text(section),
                "legend": legend_html(section, templates=story.meta.template_dir),
                "progress": progress_text(index, count),
                "progress_label": progress_label(index, count),
            }
            for index, section in enumerate(story.sections)
        ],
    }
