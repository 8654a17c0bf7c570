"""Rendering a resolved story: HTML fragments and pages from autoescaped templates, the folium map,
and static SVG and PNG maps."""
