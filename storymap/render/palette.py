"""One colour table for the map, the legend and the marked text (Okabe-Ito, colour-blind safe)."""

from __future__ import annotations

from typing import Any

from storymap.model.story import Role
from storymap.model.timeline import EventKind

SEA = "#dbe7ef"
LAND = "#f4f1ea"
BORDER = "#b9b3a6"
LABEL = "#5b554a"

ROLE_STYLE: dict[Role, dict[str, Any]] = {
    Role.FOCUS: {"color": "#0072B2", "fillColor": "#0072B2", "fillOpacity": 0.45, "weight": 2.5, "dashArray": None},
    Role.CONTEXT: {"color": "#D55E00", "fillColor": "#E69F00", "fillOpacity": 0.14, "weight": 1.5, "dashArray": "5 4"},
}
# The timeline's kinds of event, in the same Okabe-Ito colours (green for agreements).
EVENT_COLOUR: dict[EventKind, str] = {
    EventKind.CONFLICT: ROLE_STYLE[Role.CONTEXT]["color"],
    EventKind.ALLIANCE: ROLE_STYLE[Role.FOCUS]["color"],
    EventKind.PEACE: "#009E73",
    EventKind.PUBLICATION: "#000000",
}
ROLE_LABEL = {Role.FOCUS: "In focus", Role.CONTEXT: "Also mentioned"}
# A place the step does not highlight, drawn while the reader points at its name or shows it.
LINKED_STYLE: dict[str, Any] = {
    "color": "#3d3a35",
    "fillColor": "#3d3a35",
    "fillOpacity": 0.08,
    "weight": 2,
    "dashArray": None,
}
# Outline added to shapes drawn from a reconstruction, whatever their role.
APPROXIMATE_DASH = "2 4"
