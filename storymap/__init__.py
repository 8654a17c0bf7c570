"""Engine for map stories: a story folder and a geodata folder in, a map story out.

Nothing here knows about a particular story. The package is layered; each layer imports only
the ones above it:

- `model`: the story, its places and shapes, timeline and classroom files, loaded, validated and
  resolved (no Streamlit, no HTML);
- `render`: HTML from the templates in `templates/`, the folium map, SVG and PNG maps;
- `publish`: the files browsers fetch (static assets, steps) and the static edition;
- `authoring`: drafting a story folder from an article, and checking one;
- `ui`: the Streamlit glue the app and its pages share (the only layer that imports Streamlit);
- `assets/`: the browser code and styles, served as static files.

`settings` reads where the story and geodata are, once, for the app and every command.
"""
