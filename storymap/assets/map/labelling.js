/* The map's labels: the standing names of countries and cities, and the names of regions while
 * in focus, each an HTML element in a marker (class storymap-label, for tests too). labels.js
 * places them; this puts them down again wherever the view ends up (a flight, a zoom, a resize,
 * a step) and says so in `data-labels`. */
(() => {
  "use strict";
  const StoryMap = (globalThis.StoryMap ??= {});

  function label(id, latlng, name, kind, point) {
    const marker = L.marker(latlng, {
      interactive: false,
      keyboard: false,
      icon: L.divIcon({className: `storymap-label storymap-label-${kind}`, html: StoryMap.elements.text(name), iconSize: null}),
    });
    return {id, latlng: L.latLng(latlng), point, marker, el: null};
  }

  // Countries and cities are named on every view.
  function addStanding(sm) {
    for (const [id, place] of Object.entries(sm.state.places)) {
      if (place.kind === "country" || place.kind === "city") {
        const standing = label(id, place.anchor, place.name, place.kind, place.kind === "city");
        standing.marker.addTo(sm.map);
        sm.state.labels.push(standing);
      }
    }
  }

  function placeLabels(sm) {
    const {state, map, container} = sm;
    const all = state.labels.concat(state.stepLabels);
    for (const item of all) { item.el = item.marker.getElement(); }
    StoryMap.labels.place(map, all.filter((item) => item.el), state.roles, state.points, StoryMap.controls.controlBoxes(sm));
    // Labels measured before the page's styles are in have the wrong size: tests and benches wait
    // for labels placed for the view shown, once the styles are in.
    if (state.styled) {
      container.setAttribute("data-labels", StoryMap.elements.viewString(map.getCenter(), map.getZoom()));
    }
  }

  StoryMap.labelling = {label, addStanding, placeLabels};
})();
