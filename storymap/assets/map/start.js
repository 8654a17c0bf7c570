/* The story map's browser side: a light basemap from static TopoJSON, labels, a reset control,
 * and `StoryMap.map.step()`, which highlights a section's places by id. Shapes and place notes
 * are fetched once; a step carries only ids, roles and bounds. folium's script for the map calls
 * `StoryMap.init` (storymap/render/mapview.py); the story page (reader/) steps it through
 * `StoryMap.map`, and hears `storymap:map-ready` on its window when it is ready.
 *
 * The other files of this folder hold the parts, as plain functions of one story map `sm`
 * ({map, options, container, state, …}); this one starts them and says what the page may call. */
(() => {
  "use strict";
  const StoryMap = (globalThis.StoryMap ??= {});

  function freshState() {
    return {layers: {}, kinds: {}, features: {}, places: {}, lit: [], drawn: {}, extra: {}, ready: false,
            pending: null, bounds: null, maxZoom: null, section: null, labels: [], stepLabels: [], roles: {},
            points: [], covered: 0, linked: null, shown: null, popup: null, step: null, firstMap: null, styled: false};
  }

  // The frame's stylesheets (Leaflet's and ours), all loaded: the app's component writes them into
  // its frame after the frame itself has loaded, so the frame's load event says nothing of them.
  function stylesIn() {
    const pending = Array.from(document.querySelectorAll('link[rel="stylesheet"]')).filter((link) => !link.sheet);
    return Promise.all(pending.map((link) => new Promise((resolve) => {
      link.addEventListener("load", resolve);
      link.addEventListener("error", resolve);
    })));
  }

  // The map's container and frame, as the page and tests know them.
  function dress(sm) {
    const {map, container, options} = sm;
    container.style.background = options.sea;
    // Streamlit titles a component's frame with the component's name; screen readers announce it.
    try {
      const host = window.frameElement;
      if (host && (!host.title || host.title.startsWith("streamlit"))) { host.title = "Map of the places in the story"; }
    } catch { /* a frame on another origin keeps its own title */ }
    // A fresh id per page load of the map: tests read it to prove that steps never reload the map.
    container.setAttribute("data-load-id", String(Math.random()).slice(2));
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution(options.attribution);
  }

  // Labels are put down again wherever the view ends up; the view reached is in `data-view`.
  // Controls and labels measured before the page's styles are in are misplaced: once they are,
  // frame again (clear of the controls where they really are) and put the labels down again.
  function followViews(sm) {
    const {map, container} = sm;
    const placeLabels = () => StoryMap.labelling.placeLabels(sm);
    map.on("moveend", () => {
      placeLabels();
      container.setAttribute("data-view", StoryMap.elements.viewString(map.getCenter(), map.getZoom()));
    });
    map.on("zoomend viewreset", placeLabels);
    if (document.fonts && document.fonts.ready) { document.fonts.ready.then(placeLabels); }
    stylesIn().then(() => {
      sm.state.styled = true;
      placeLabels();
      StoryMap.framing.refit(sm);
    });
  }

  // Show a step once the places and the chunks its view needs are there: at once if they are.
  function whenDrawable(sm, step) {
    const {state} = sm;
    const needed = StoryMap.chunks.chunksFor(sm, step);
    if (state.ready && needed.every((chunk) => chunk.done)) {
      state.pending = null;
      StoryMap.highlights.apply(sm, step);
      return;
    }
    state.pending = step;
    if (!state.ready) { return; }  // the first step is shown when the map is ready, in `load`
    Promise.all(needed.map((chunk) => StoryMap.chunks.fetchChunk(sm, chunk))).then(() => {
      if (state.pending === step) { whenDrawable(sm, step); }
    });
  }

  // The places' notes and the first chunk, then the step asked for meanwhile; the page hears that
  // the map is ready, and the rest of the world follows even if no step comes (yet).
  function load(sm) {
    const {state, options} = sm;
    const places = StoryMap.chunks.fetchJson(options.placesUrl).then((loaded) => {
      state.places = loaded;
      StoryMap.labelling.addStanding(sm);
    });
    Promise.all([places, StoryMap.chunks.fetchChunk(sm, sm.chunks[0])]).then(() => {
      state.ready = true;
      if (state.pending) { whenDrawable(sm, state.pending); } else { StoryMap.labelling.placeLabels(sm); }
      try {
        window.parent.dispatchEvent(new CustomEvent("storymap:map-ready"));
      } catch { /* a parent on another origin steps nothing */ }
      setTimeout(() => StoryMap.chunks.fetchAll(sm), options.restAfterMs);
    });
  }

  // What the page may ask of the map (reader/ through `StoryMap.map`, and the Places page).
  function api(sm) {
    const {state} = sm;
    return {
      // A step already shown is not shown again: repeating it must not move or flash the map.
      step: (step) => {
        if (step.section === state.section && state.ready) { state.pending = null; } else { whenDrawable(sm, step); }
      },
      // Frame the section again; a place shown from its name is put away.
      frame: () => StoryMap.framing.frame(sm),
      // Frame what is framed now again (the place shown, or the section), after a resize.
      refit: () => StoryMap.framing.refit(sm),
      // Emphasise a place (the reader points at its name), or none (null).
      link: (id) => StoryMap.linking.link(sm, id),
      // Frame a place and open its note and source, leaving the section as it is; false for a
      // place the map does not know (or before it is ready).
      show: (id) => StoryMap.popup.show(sm, id),
      // The place shown from its name, or null.
      shown: () => state.shown,
      // The page lays its own card over the map's lower edge; the next frame keeps clear of it.
      // Says whether it changed, so the page can frame again where no step follows.
      inset: (covered) => {
        const bottom = Math.round(covered.bottom || 0);
        const changed = bottom !== state.covered;
        state.covered = bottom;
        return changed;
      },
    };
  }

  function init(map, options) {
    const sm = {
      map,
      options,
      container: map.getContainer(),
      reduced: Boolean(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches),
      state: freshState(),
      markers: L.layerGroup().addTo(map),
      // Places the step does not highlight, drawn while the reader points at or shows them.
      extras: L.layerGroup().addTo(map),
      chunks: StoryMap.chunks.chunksOf(options.shapes),
    };
    // Countries load after the page's own overlays may have been drawn (a control map, say); in a
    // pane of their own, below the overlay pane, they never cover them.
    map.createPane("storymapCountries").style.zIndex = 350;
    dress(sm);
    StoryMap.framing.followSize(sm);
    followViews(sm);
    StoryMap.controls.addReset(sm);
    // A wheel over the map scrolls the page; Ctrl or ⌘ + wheel and a pinch zoom it (gestures.js).
    StoryMap.gestures.cooperate(map);
    StoryMap.controls.forwardKeys(sm);
    load(sm);
    return api(sm);
  }

  StoryMap.init = init;
})();
