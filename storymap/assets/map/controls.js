/* The map's own controls: where they lie (places and labels keep clear of them), the Reset view
 * button, and the stepping keys pressed while the map has focus, which go to the page. */
(() => {
  "use strict";
  const StoryMap = (globalThis.StoryMap ??= {});

  // Kept between a place and the map's own controls, in pixels.
  const CONTROL_MARGIN = 6;

  // The map's own controls, as boxes in its pixels: labels keep clear of them.
  function controlBoxes(sm) {
    const origin = sm.container.getBoundingClientRect();
    return Array.from(sm.container.querySelectorAll(".leaflet-control"), (el) => {
      const box = el.getBoundingClientRect();
      return {left: box.left - origin.left, top: box.top - origin.top, right: box.right - origin.left,
              bottom: box.bottom - origin.top, corner: el.parentElement.className};
    }).filter((box) => box.right > box.left && box.bottom > box.top);
  }

  // The room the controls take along the map's edges (zoom on the left, Reset view on top, scale
  // and credit along the bottom), with a margin: a frame keeps the places clear of them, on a
  // phone's small map too.
  function controlRoom(sm) {
    const size = sm.map.getSize();
    const room = {left: 0, top: 0, bottom: 0};
    for (const box of controlBoxes(sm)) {
      if (box.right > size.x || box.bottom > size.y || box.left < 0 || box.top < 0) { continue; }  // not laid out yet
      if (box.corner.includes("leaflet-bottom")) {
        room.bottom = Math.max(room.bottom, size.y - box.top + CONTROL_MARGIN);
        continue;
      }
      if (box.corner.includes("leaflet-left")) { room.left = Math.max(room.left, box.right + CONTROL_MARGIN); }
      if (box.corner.includes("leaflet-right")) { room.top = Math.max(room.top, box.bottom + CONTROL_MARGIN); }
    }
    return room;
  }

  function addReset(sm) {
    const Reset = L.Control.extend({
      options: {position: "topright"},
      onAdd: () => {
        const button = L.DomUtil.create("button", "storymap-reset");
        button.type = "button";
        button.textContent = "Reset view";
        button.title = "Frame this section again";
        L.DomEvent.disableClickPropagation(button);
        L.DomEvent.on(button, "click", () => StoryMap.framing.frame(sm));
        return button;
      },
    });
    sm.map.addControl(new Reset());
  }

  // Stepping keys pressed while the map has focus go to the page; arrows stay with the map
  // (`options.forwardKeys`, from storymap/render/keys.py). Escape puts a place shown from its name away.
  function forwardKeys(sm) {
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && sm.state.shown) {
        StoryMap.framing.frame(sm);
        return;
      }
      if (!sm.options.forwardKeys.includes(event.key) || event.altKey || event.ctrlKey || event.metaKey) { return; }
      try {
        window.parent.document.dispatchEvent(new KeyboardEvent("keydown", {key: event.key, bubbles: true}));
        event.preventDefault();
      } catch { /* a parent on another origin: nothing to forward to */ }
    });
  }

  StoryMap.controls = {controlBoxes, controlRoom, addReset, forwardKeys};
})();
