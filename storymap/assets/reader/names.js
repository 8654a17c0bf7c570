/* Text and map, both ways: a place's name in the passage (a `mark.place` button, passage.html)
 * pointed at or focused links its shape on the map, and a shape pointed at on the map links its
 * names in the passage being read (both carry `data-linked` meanwhile); a click, a tap, Enter or
 * Space on a name shows the place on the map (framed, its note open) without changing the
 * section, the URL or Python's record. Only the passage being read has its names in the tab order. */
(() => {
  "use strict";
  const StoryMap = (globalThis.StoryMap ??= {});

  // A place's name in a passage (storymap/templates/passage.html); a button where the template says so.
  const NAME = "mark.place[data-place]";
  const NAME_BUTTON = `${NAME}[role="button"]`;

  // The passage being read: in scroll mode the marked one; one passage at a time, the one shown
  // (which follows a step a moment later).
  function readingPassage(reader) {
    const {scrolling, passages} = StoryMap.viewport;
    return document.getElementById(`passage-${reader.current}`) || (scrolling() ? null : passages()[0] || null);
  }

  // Only the names of the passage being read are in the tab order, so Tab does not stop at every
  // name of the whole story; the others stay reachable by pointer.
  function tabStops(reader) {
    const here = readingPassage(reader);
    for (const name of document.querySelectorAll(NAME_BUTTON)) {
      const index = here && here.contains(name) ? "0" : "-1";
      if (name.getAttribute("tabindex") !== index) { name.setAttribute("tabindex", index); }
    }
  }

  function nameAt(node) {
    return node && node.closest ? node.closest(NAME) : null;
  }

  // Mark the names of one place inside `scope` (a passage) as linked, and no others.
  function linkNames(scope, id) {
    for (const name of document.querySelectorAll(`${NAME}[data-linked]`)) {
      if (!id || name.dataset.place !== id || !scope || !scope.contains(name)) { name.removeAttribute("data-linked"); }
    }
    if (!id || !scope) { return; }
    for (const name of scope.querySelectorAll(NAME)) {
      if (name.dataset.place === id) { name.setAttribute("data-linked", ""); }
    }
  }

  // The reader points at (or focuses) a name, or at none: its names in that passage and its shape
  // on the map are linked.
  function point(name) {
    const id = name ? name.dataset.place : null;
    linkNames(name && name.closest(".passage"), id);
    const map = StoryMap.panel.storyMap();
    if (map && map.link) { map.link(id); }
  }

  // The map frames the named place and opens its note; the section, the URL and Python's record stay.
  function showPlace(name) {
    const map = StoryMap.panel.storyMap();
    if (map && map.show) { map.show(name.dataset.place); }
  }

  // A mouse or pen over a name links it; a touch links nothing by passing over it (a tap is a click).
  function onPointerOver(reader, event) {
    const name = nameAt(event.target);
    if (event.pointerType === "touch" || !name || name === reader.pointed) { return; }
    reader.pointed = name;
    point(name);
  }

  function onPointerOut(reader, event) {
    const name = nameAt(event.target);
    if (!name || name !== reader.pointed || name.contains(event.relatedTarget)) { return; }
    reader.pointed = null;
    point(nameAt(document.activeElement));  // back to the name that has the focus, if any
  }

  function onFocusIn(event) {
    const name = nameAt(event.target);
    if (name) { point(name); }
  }

  function onFocusOut(reader, event) {
    const name = nameAt(event.target);
    if (name && !name.contains(event.relatedTarget)) { point(reader.pointed && reader.pointed.isConnected ? reader.pointed : null); }
  }

  // The reader points at a highlighted shape on the map: its names in the passage being read are
  // linked; when the pointer leaves, a name that has the focus is linked again.
  function onMapLink(reader, event) {
    const id = (event.detail && event.detail.place) || null;
    if (id) {
      linkNames(readingPassage(reader), id);
    } else {
      point(nameAt(document.activeElement));
    }
  }

  StoryMap.names = {tabStops, nameAt, linkNames, showPlace, onPointerOver, onPointerOut, onFocusIn, onFocusOut, onMapLink};
})();
