/* The map's panel as Python renders it (status line, legend, count, Previous and Next, the picker,
 * the map's frame): painted for each step by the page, kept so while Python re-renders it, and
 * the card's reach over the map told to the map. */
(() => {
  "use strict";
  const StoryMap = (globalThis.StoryMap ??= {});

  // Previous and Next (st.button keys step-prev and step-next): the page steps, Python is told.
  const BUTTONS = [[".st-key-step-prev button", "prev"], [".st-key-step-next button", "next"]];
  // The "Go to section" picker: Streamlit's selectbox keyed "picker", or a native <select> in it.
  const PICKER = ".st-key-picker";

  // The story map's own API, in its frame (same origin); null until the map has started.
  function storyMap() {
    const frame = document.querySelector(".st-key-map-panel iframe");
    try {
      return (frame && frame.contentWindow && frame.contentWindow.StoryMap && frame.contentWindow.StoryMap.map) || null;
    } catch {
      return null;
    }
  }

  // Status line, legend, count and the ends of Previous and Next as Python renders them for this
  // step (Streamlit styles a button by its :disabled state, so the look follows). The status line is
  // a live region: its text changes once per step, so a screen reader hears each step once.
  function paint(reader, step) {
    const status = document.querySelector(".st-key-map-panel .map-status");
    if (status && status.dataset.section !== step.section) {
      status.dataset.section = step.section;
      status.dataset.places = step.places.map((p) => p.id).join(",");
      status.textContent = step.status;
    }
    const legend = document.querySelector(".st-key-map-panel .legend");
    if (legend && legend.dataset.section !== step.section) { legend.outerHTML = step.legend; }
    const progress = document.querySelector("p.progress");
    if (progress && progress.textContent !== step.progress) {
      progress.textContent = step.progress;
      progress.setAttribute("aria-label", step.progress_label);
    }
    const select = document.querySelector(`${PICKER} select`);
    if (select && select.value !== step.section) { select.value = step.section; }
    const ids = Array.from(reader.steps.keys());
    for (const [selector, direction] of BUTTONS) {
      const button = document.querySelector(selector);
      const end = step.section === (direction === "prev" ? ids[0] : ids[ids.length - 1]);
      if (button && button.disabled !== end) { button.disabled = end; }
    }
  }

  // How far the card of status and legend reaches up over the map's lower edge, in the map's
  // pixels: the map frames each section in the part the card leaves free.
  function coveredBelow() {
    const frame = document.querySelector(".st-key-map-panel iframe");
    const card = document.querySelector(".st-key-map-panel .map-card");
    if (!frame || !card) { return 0; }
    const map = frame.getBoundingClientRect();
    const box = card.getBoundingClientRect();
    const across = Math.min(map.right, box.right) - Math.max(map.left, box.left);
    return across > 0 && box.height > 1 ? Math.max(0, Math.min(map.bottom, box.bottom + 8) - Math.max(map.top, box.top)) : 0;
  }

  function inset(map) {
    return Boolean(map && map.inset && map.inset({bottom: coveredBelow()}));
  }

  // The card covers another part of the map than the map last heard (a resize, the page's styles
  // coming in after the first step, a rerun): the map frames what it frames again, clear of it.
  function reinset() {
    const map = storyMap();
    if (inset(map)) { if (map.refit) { map.refit(); } else { map.frame(); } }
  }

  // Python re-rendering the status line, legend, count or buttons (a late or full rerun, a reconnect)
  // must not put an older section on screen: repaint before the browser draws.
  function guard(reader) {
    const map = document.querySelector(".st-key-map-panel");
    const panel = map && (map.closest(".st-key-story-layout, .st-key-presenter") || map);
    if (!panel || reader.guarded === panel) { return; }
    if (reader.observer) { reader.observer.disconnect(); }
    if (reader.sizes) { reader.sizes.disconnect(); }
    reader.guarded = panel;
    reader.observer = new MutationObserver(() => {
      const step = reader.current && reader.steps.get(reader.current);
      if (step) { paint(reader, step); }
      StoryMap.names.tabStops(reader);  // one passage at a time, Python has just put the passage in
      reinset();
    });
    reader.observer.observe(panel, {childList: true, subtree: true, attributes: true, attributeFilter: ["disabled"]});
    reader.sizes = new ResizeObserver(reinset);  // the card's or the map's box changed
    reader.sizes.observe(map);
    for (const card of map.querySelectorAll(".map-card")) { reader.sizes.observe(card); }
  }

  StoryMap.panel = {BUTTONS, PICKER, storyMap, paint, inset, reinset, guard};
})();
