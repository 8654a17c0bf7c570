/* A step on the map: its places highlighted by role (context first, so the places in focus are
 * drawn on top), each path tagged with `data-place` and `data-role` for tests, a tooltip and a
 * popup per place, then the section framed. The container names the section and its places
 * (`data-section`, `data-places`). */
(() => {
  "use strict";
  const StoryMap = (globalThis.StoryMap ??= {});

  function tag(layer, id, role) {
    layer.eachLayer((part) => {
      if (!part._path) { return; }
      part._path.setAttribute("data-place", id);
      if (role) { part._path.setAttribute("data-role", role); } else { part._path.removeAttribute("data-role"); }
    });
  }

  function clear(sm) {
    const {state, map, options} = sm;
    StoryMap.popup.unshow(sm);
    StoryMap.linking.link(sm, null);
    for (const id of Object.keys(state.extra)) { StoryMap.linking.release(sm, id); }
    for (const id of state.lit) {
      const layer = state.layers[id];
      layer.unbindTooltip();
      layer.unbindPopup();
      if (state.kinds[id] === "country") {
        layer.setStyle(options.base);
        tag(layer, id, null);
      } else {
        map.removeLayer(layer);
      }
    }
    Object.assign(state, {lit: [], drawn: {}, stepLabels: [], roles: {}, points: []});
    sm.markers.clearLayers();
  }

  function highlight(sm, step) {
    const {state, map, options} = sm;
    const place = state.places[step.id];
    const look = {...options.roles[step.role]};
    if (place.approximate) { look.dashArray = options.approximateDash; }
    let layer;
    state.roles[step.id] = step.role;
    if (place.point) {
      layer = L.featureGroup([L.circleMarker(place.point, {radius: StoryMap.labels.POINT_RADIUS, ...look})]);
      sm.markers.addLayer(layer);
      StoryMap.linking.pointable(sm, layer, step.id);
      state.points.push(place.point);
    } else {
      layer = state.layers[step.id];
      if (!layer) { return; }
      if (!map.hasLayer(layer)) { map.addLayer(layer); }
      layer.setStyle(look);
      layer.bringToFront();
      state.lit.push(step.id);
    }
    layer.bindTooltip(StoryMap.elements.text(place.name + (place.approximate ? " (approximate)" : "")), {sticky: true});
    layer.bindPopup(StoryMap.elements.describe(place), {maxWidth: 280});
    tag(layer, step.id, step.role);
    state.drawn[step.id] = layer;
    if (step.role === "focus" && options.labelOnFocus.includes(place.kind)) {
      const named = StoryMap.labelling.label(step.id, place.anchor, place.name, "region", false);
      sm.markers.addLayer(named.marker);
      state.stepLabels.push(named);
    }
  }

  function apply(sm, step) {
    const {state, container} = sm;
    clear(sm);
    // Context first, so the places in focus end up drawn on top.
    for (const place of step.places.filter((p) => p.role !== "focus")) { highlight(sm, place); }
    for (const place of step.places.filter((p) => p.role === "focus")) { highlight(sm, place); }
    Object.assign(state, {step, bounds: step.bounds, maxZoom: step.maxZoom || null, section: step.section});
    container.setAttribute("data-section", step.section);
    container.setAttribute("data-places", step.places.map((p) => p.id).join(","));
    StoryMap.labelling.placeLabels(sm);
    StoryMap.framing.frame(sm);
    // When the reader first sees a map: benches and tests count what was fetched before it.
    if (!state.firstMap) {
      state.firstMap = performance.mark("storymap:first-map");
      StoryMap.chunks.fetchRest(sm);
    }
  }

  // Highlight the places of the step shown whose shapes came after it (off its frame, since the
  // step waited for the chunks its view needs), leaving the view as it is.
  function fill(sm, step) {
    const {state} = sm;
    const late = step.places.filter((p) => !state.drawn[p.id] && state.layers[p.id]);
    if (!late.length) { return; }
    for (const place of late) { highlight(sm, place); }
    StoryMap.linking.restack(sm);
    StoryMap.labelling.placeLabels(sm);
  }

  StoryMap.highlights = {apply, fill};
})();
