"""One colour table for the map, the legend and the marked text (Okabe-Ito, colour-blind safe)."""

from __future__ import annotations

from typing import Any

from storymap.model.story import Role

SEA = "#dbe7ef"
LAND = "#f4f1ea"
BORDER = "#b9b3a6"
LABEL = "#5b554a"

ROLE_STYLE: dict[Role, dict[str, Any]] = {
    Role.FOCUS: {"color": "#0072B2", "fillColor": "#0072B2", "fillOpacity": 0.45, "weight": 2.5, "dashArray": None},
    Role.CONTEXT: {"color": "#D55E00", "fillColor": "#E69F00", "fillOpacity": 0.14, "weight": 1.5, "dashArray": "5 4"},
}
ROLE_LABEL = {Role.FOCUS: "In focus", Role.CONTEXT: "Also mentioned"}
# Outline added to shapes drawn from a reconstruction, whatever their role.
APPROXIMATE_DASH = "2 4"
