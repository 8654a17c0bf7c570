"""The Link header that has the story page fetch its map's files early (storymap/publish/preloads.py):
every URL in it is a file the app publishes or streamlit-folium ships, named as the page uses it."""

from __future__ import annotations

import re
from pathlib import Path

from storymap.model.project import Project
from storymap.publish.preloads import MAP_COMPONENT, MAP_COMPONENT_BUILD, link_header, story_map
from storymap.publish.static_assets import STATIC_URL, publish

BASE = "/story"


def test_every_preload_is_a_file_the_map_fetches(project: Project, tmp_path: Path) -> None:
    urls = publish(tmp_path, project.shapes, project.resolved, f"{BASE}{STATIC_URL}")
    header = link_header(story_map(urls, BASE))
    links = dict(re.findall(r"<([^>]+)>; ([^,]+)", header))
    assert len(links) == 9
    for url in links:
        path = url.split("?")[0]
        if path.startswith(f"{BASE}/{MAP_COMPONENT}/"):
            assert (MAP_COMPONENT_BUILD / path.removeprefix(f"{BASE}/{MAP_COMPONENT}/")).is_file(), url
        else:
            assert (tmp_path / path.removeprefix(f"{BASE}{STATIC_URL}/")).is_file(), url
    assert links[urls.reader_js] == "rel=modulepreload", "the reader is imported as a module"
    assert links[urls.steps] == "rel=preload; as=fetch; crossorigin", "fetched with fetch(): a CORS request"
    assert links[urls.leaflet_js] == "rel=preload; as=script"
    assert urls.shapes[0].url in links and all(s.url not in links for s in urls.shapes[1:]), "the first chunk only"
