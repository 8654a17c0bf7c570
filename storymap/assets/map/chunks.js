/* The shapes come in chunks, nearest first (storymap/publish/topology.py): a view inside a chunk's
 * `within` needs that chunk and those before it, no more. The first map waits only for what its
 * view needs; the rest follows once it is drawn. The container counts the chunks drawn
 * (`data-shapes`, "2/3"): tests wait for all before reading highlights. */
(() => {
  "use strict";
  const StoryMap = (globalThis.StoryMap ??= {});

  async function fetchJson(url) {
    const response = await fetch(url);
    return response.json();
  }

  function chunksOf(shapes) {
    return shapes.map((chunk) => ({url: chunk.url, within: chunk.within && L.latLngBounds(chunk.within), loading: null, done: false}));
  }

  function fetchChunk(sm, chunk) {
    if (!chunk.loading) {
      chunk.loading = fetchJson(chunk.url).then((topology) => {
        addShapes(sm, StoryMap.topology.features(topology, "shapes"));
        chunk.done = true;
        sm.container.setAttribute("data-shapes", `${sm.chunks.filter((c) => c.done).length}/${sm.chunks.length}`);
      });
    }
    return chunk.loading;
  }

  function fetchAll(sm) { return Promise.all(sm.chunks.map((chunk) => fetchChunk(sm, chunk))); }

  // The rest of the world, after the first map (a frame later, so it never delays that one).
  function fetchRest(sm) { requestAnimationFrame(() => setTimeout(() => fetchAll(sm), 0)); }

  function allLoaded(sm) { return sm.chunks.every((chunk) => chunk.done); }

  // The chunks a step's view needs: the first whose `within` holds it, and those before it.
  function chunksFor(sm, step) {
    const view = step.bounds && StoryMap.framing.viewOf(sm, step);
    const needed = [];
    for (const chunk of sm.chunks) {
      needed.push(chunk);
      if (view && chunk.within && chunk.within.contains(view)) { break; }
    }
    return needed;
  }

  // Every shape as a layer in the base style; countries are drawn at once, in their own pane.
  function addShapes(sm, features) {
    const {state, map, options} = sm;
    for (const feature of features) {
      const {id, kind} = feature.properties;
      const pane = kind === "country" ? "storymapCountries" : "overlayPane";
      const layer = L.geoJSON(feature, {style: options.base, pane});
      state.layers[id] = layer;
      state.features[id] = feature;
      StoryMap.linking.pointable(sm, layer, id);
      state.kinds[id] = kind;
      if (kind === "country") { layer.addTo(map); }
    }
    if (state.step) { StoryMap.highlights.fill(sm, state.step); }
  }

  StoryMap.chunks = {fetchJson, chunksOf, fetchChunk, fetchAll, fetchRest, allLoaded, chunksFor};
})();
