"""A section's map as image files, for link previews, downloads and print: the handout's SVG
(the same shapes and palette as the live map) and a PNG rendered from it by CairoSVG."""

from __future__ import annotations

from storymap.model.resolve import ResolvedSection
from storymap.model.shapes import ShapeIndex
from storymap.render.svgmap import section_svg

# Where the static edition keeps them: maps/<section>.png and .svg.
IMAGE_DIR = "maps"
# Link previews want about 1.91:1 and at least 1200 px wide; the section maps are 2:1.
PREVIEW_WIDTH = 1200


def section_images(section: ResolvedSection, shapes: ShapeIndex) -> tuple[str, bytes]:
    """The section's map as SVG text and as PNG bytes."""
    # Imported here: CairoSVG loads the system's libcairo2 on import, which only drawing PNGs needs
    # (the app and `export` run without it).
    import cairosvg

    svg = section_svg(section, shapes)
    return svg, cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_width=PREVIEW_WIDTH)
