/* Cooperative gestures: the map never keeps a reader from reading on. start.js calls
 * `StoryMap.gestures.cooperate(map)` on every map of ours.
 *
 * A plain wheel, or a two-finger trackpad scroll, over the map scrolls the page (or the article
 * around an embedded story) as if the map were not there, and a short hint says how to zoom.
 * Ctrl + wheel (⌘ + wheel on a Mac) zooms the map, and so does a trackpad pinch, which Chromium and
 * Firefox report as a wheel with Ctrl held and Safari as gesture events. On touch screens one
 * finger scrolls the page; two fingers move and pinch the map. The + − buttons and the keyboard
 * still zoom. The map's container says which gesture the hint last explained (`data-hint`), so
 * tests know it was shown. */
(() => {
  "use strict";
  const StoryMap = (globalThis.StoryMap ??= {});

  const HINT_MS = 1200;

  function onMac() {
    const platform = (navigator.userAgentData && navigator.userAgentData.platform) || navigator.platform || "";
    return /mac|iphone|ipad/i.test(platform);
  }

  // One hint over the map, shown for a moment whenever a gesture it explains is tried.
  function hinter(container) {
    const hint = L.DomUtil.create("div", "storymap-gesture-hint", container);
    hint.setAttribute("aria-hidden", "true");
    let timer = null;
    return (kind, message) => {
      hint.textContent = message;
      hint.classList.add("is-shown");
      container.setAttribute("data-hint", kind);
      clearTimeout(timer);
      timer = setTimeout(() => { hint.classList.remove("is-shown"); }, HINT_MS);
    };
  }

  // Leaflet hears a wheel only with Ctrl or ⌘ held (a pinch, or a zoom asked for); every other
  // wheel is stopped before it reaches the map (capture phase, on the window) and left to the
  // browser, which scrolls whatever lies under the map.
  function wheelScrollsThePage(map, hint) {
    const container = map.getContainer();
    const message = `${onMac() ? "⌘" : "Ctrl"} + scroll to zoom the map`;
    window.addEventListener("wheel", (event) => {
      if (event.ctrlKey || event.metaKey || !container.contains(event.target)) { return; }
      event.stopPropagation();
      if (Math.abs(event.deltaY) >= Math.abs(event.deltaX)) { hint("wheel", message); }
    }, {capture: true, passive: true});
  }

  // Safari reports a trackpad pinch as gesture events, not as a wheel: zoom around the pointer,
  // and keep the browser from zooming the page.
  function pinchZooms(map) {
    const container = map.getContainer();
    let start = null;
    container.addEventListener("gesturestart", (event) => {
      event.preventDefault();
      start = map.getZoom();
    });
    container.addEventListener("gesturechange", (event) => {
      event.preventDefault();
      if (start === null || !(event.scale > 0)) { return; }
      const point = map.mouseEventToContainerPoint(event);
      map.setZoomAround(point, start + Math.log(event.scale) / Math.LN2, {animate: false});
    });
    container.addEventListener("gestureend", (event) => {
      event.preventDefault();
      start = null;
    });
  }

  // On touch screens one finger scrolls the page, as it does everywhere else; two fingers move
  // the map (Leaflet's pinch zoom stays on).
  function twoFingersMove(map, hint) {
    if (!L.Browser.touch) { return; }
    const container = map.getContainer();
    map.dragging.disable();
    container.addEventListener("touchstart", (event) => {
      if (event.touches.length >= 2) { map.dragging.enable(); }
    }, {passive: true});
    container.addEventListener("touchmove", (event) => {
      if (event.touches.length === 1) { hint("touch", "Use two fingers to move the map"); }
    }, {passive: true});
    container.addEventListener("touchend", (event) => {
      if (event.touches.length < 2) { map.dragging.disable(); }
    }, {passive: true});
  }

  function cooperate(map) {
    const hint = hinter(map.getContainer());
    wheelScrollsThePage(map, hint);
    pinchZooms(map);
    twoFingersMove(map, hint);
  }

  StoryMap.gestures = {cooperate};
})();
