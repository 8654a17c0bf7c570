/* Text and map, both ways: the page links a place while the reader points at its name (its shape
 * or point carries `data-linked`, drawn thicker), and the reader pointing at a highlighted shape
 * here is told to the page as a `storymap:link` event on its window (`detail.place`: the id, or
 * null when the pointer leaves). A place the step does not highlight gets a drawing of its own
 * while it is pointed at or shown. */
(() => {
  "use strict";
  const StoryMap = (globalThis.StoryMap ??= {});

  // Tell the page (the map's parent, same origin) which place the reader points at on the map.
  function tellPage(id) {
    try {
      window.parent.dispatchEvent(new CustomEvent("storymap:link", {detail: {place: id}}));
    } catch { /* a parent on another origin links nothing */ }
  }

  // Every drawn part (SVG path) of a layer.
  function eachPath(layer, callback) {
    layer.eachLayer((part) => {
      if (part._path) { callback(part._path); } else if (part.eachLayer) { eachPath(part, callback); }
    });
  }

  // What the map draws for a place: its highlight in this step or, for a place the step does not
  // highlight, an outline (or point) of its own while the reader points at it or shows it.
  function reveal(sm, id) {
    const {state, options, map} = sm;
    if (state.drawn[id]) { return state.drawn[id]; }
    if (state.extra[id]) { return state.extra[id].layer; }
    const place = state.places[id];
    const look = {...options.linked};
    if (place && place.approximate) { look.dashArray = options.approximateDash; }
    const extra = {layer: null, added: false, point: false};
    if (place && place.point) {
      extra.layer = L.featureGroup([L.circleMarker(place.point, {radius: StoryMap.labels.POINT_RADIUS, ...look})]);
      extra.point = true;
      sm.extras.addLayer(extra.layer);
    } else if (state.layers[id]) {
      extra.layer = state.layers[id];
      extra.added = !map.hasLayer(extra.layer);
      if (extra.added) { map.addLayer(extra.layer); }
      extra.layer.setStyle(look);
      extra.layer.bringToFront();
    } else {
      return null;
    }
    eachPath(extra.layer, (path) => path.setAttribute("data-place", id));
    state.extra[id] = extra;
    return extra.layer;
  }

  // Put a place's own drawing away, unless it is still pointed at or shown.
  function release(sm, id) {
    const {state} = sm;
    const extra = state.extra[id];
    if (!extra || id === state.linked || id === state.shown) { return; }
    delete state.extra[id];
    if (extra.point) {
      sm.extras.removeLayer(extra.layer);
    } else if (extra.added) {
      sm.map.removeLayer(extra.layer);
    } else {
      extra.layer.setStyle(sm.options.base);
    }
  }

  function setLinked(layer, on) {
    eachPath(layer, (path) => {
      if (on) { path.setAttribute("data-linked", ""); } else { path.removeAttribute("data-linked"); }
    });
  }

  // Emphasise one place (the reader points at its name, or at its shape), or none.
  function link(sm, id) {
    const {state} = sm;
    id = id || null;
    if (id === state.linked || (id && !state.ready)) { return; }
    const before = state.linked;
    state.linked = id;
    if (before) {
      const previous = state.drawn[before] || (state.extra[before] && state.extra[before].layer);
      if (previous) { setLinked(previous, false); }
      release(sm, before);
      restack(sm);
    }
    const layer = id && reveal(sm, id);
    if (layer) {
      setLinked(layer, true);
      layer.bringToFront();
    }
  }

  // The places in focus drawn on top again, after a place was brought forward.
  function restack(sm) {
    const {state} = sm;
    for (const [id, role] of Object.entries(state.roles)) {
      if (role === "focus" && state.drawn[id]) { state.drawn[id].bringToFront(); }
    }
  }

  // The reader points at a highlighted shape (or point) on the map: link it, and tell the page.
  function pointable(sm, layer, id) {
    layer.on("mouseover", () => {
      if (!sm.state.roles[id]) { return; }
      link(sm, id);
      tellPage(id);
    });
    layer.on("mouseout", () => {
      if (sm.state.linked !== id) { return; }
      link(sm, null);
      tellPage(null);
    });
  }

  StoryMap.linking = {eachPath, reveal, release, link, restack, pointable};
})();
