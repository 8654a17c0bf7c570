/* Framing: the map flies to a section's places (or a place shown from its name), clear of its own
 * controls and of the page's card over its lower edge, and frames again whenever its size changes.
 * The frame reached is written to `data-frame-view`, which tests compare with `data-view`. */
(() => {
  "use strict";
  const StoryMap = (globalThis.StoryMap ??= {});

  function fittingFor(sm, maxZoom, above) {
    const pad = sm.options.padding;
    const room = StoryMap.controls.controlRoom(sm);
    return {paddingTopLeft: [Math.max(pad[0], room.left), Math.max(pad[1], room.top) + above],
            paddingBottomRight: [pad[0], Math.max(pad[1] + sm.state.covered, room.bottom)], maxZoom};
  }

  // Fly to bounds, clear of the page's card below and of `above` pixels on top (a popup). A new
  // flight cancels the one under way (Leaflet's flyTo stops it), so a fast run of steps ends on
  // the last one with no queue of flights behind it. Returns the view it goes to.
  function fit(sm, bounds, maxZoom, above) {
    const fitting = fittingFor(sm, maxZoom, above);
    const target = sm.map._getBoundsCenterZoom(L.latLngBounds(bounds), fitting);
    if (sm.reduced) {
      sm.map.fitBounds(bounds, {animate: false, ...fitting});
    } else {
      sm.map.flyTo(target.center, target.zoom, {duration: sm.options.flightSeconds});
    }
    return target;
  }

  // The part of the world the map shows once a step's frame is reached.
  function viewOf(sm, step) {
    const {map} = sm;
    const target = map._getBoundsCenterZoom(L.latLngBounds(step.bounds), fittingFor(sm, step.maxZoom || sm.options.maxFrameZoom, 0));
    const half = map.getSize().divideBy(2);
    const centre = map.project(target.center, target.zoom);
    return L.latLngBounds(map.unproject(centre.subtract(half), target.zoom), map.unproject(centre.add(half), target.zoom));
  }

  // The bounds a place is framed in, as the engine frames a section's places: a city's point
  // with a margin, a shape's main body (geometry.js).
  function placeBounds(sm, id) {
    const {state, options} = sm;
    const place = state.places[id];
    if (place && place.point) {
      const m = options.pointMargin;
      return L.latLngBounds([place.point[0] - m, place.point[1] - m], [place.point[0] + m, place.point[1] + m]);
    }
    const bounds = StoryMap.geometry.mainBodyBounds(state.features[id] && state.features[id].geometry, options.mainPartShare);
    return bounds && L.latLngBounds(bounds);
  }

  // Frame the section again (each step, Reset view, the page's Escape): a place shown from its
  // name is put away, its popup closed.
  function frame(sm) {
    StoryMap.popup.unshow(sm);
    frameSection(sm);
  }

  function frameSection(sm) {
    const {state} = sm;
    if (!state.bounds) { return; }
    const target = fit(sm, state.bounds, state.maxZoom || sm.options.maxFrameZoom, 0);
    sm.container.setAttribute("data-frame-view", StoryMap.elements.viewString(target.center, target.zoom));
  }

  // Frame what is framed now again: the place shown, or the section.
  function refit(sm) {
    if (sm.state.shown) { StoryMap.popup.show(sm, sm.state.shown); } else { frameSection(sm); }
  }

  // The container's size can change after the map starts (late styles, phones, rotation):
  // tell Leaflet, and frame again. Leaflet tells of no change under a pixel's shift of its
  // centre, which still moves the view off its frame: any change of size frames again.
  function followSize(sm) {
    let size = null;
    const resized = () => {
      const now = `${sm.container.clientWidth}x${sm.container.clientHeight}`;
      if (now === size) { return; }
      size = now;
      sm.map.invalidateSize({pan: false});
      refit(sm);
    };
    sm.map.on("resize", resized);
    if (window.ResizeObserver) { new ResizeObserver(resized).observe(sm.container); }
  }

  StoryMap.framing = {fit, viewOf, placeBounds, frame, frameSection, refit, followSize};
})();
