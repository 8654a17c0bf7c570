/* What the map writes into its page: names as text nodes (never HTML: names and notes come from
 * data files, and Leaflet sets a string as HTML), a place's note, and a view as the string that
 * tests and benches read from the map's data attributes. */
(() => {
  "use strict";
  const StoryMap = (globalThis.StoryMap ??= {});

  function text(value) {
    const span = document.createElement("span");
    span.textContent = value;
    return span;
  }

  // A place's name, its note and the note's source, for its popup.
  function describe(place) {
    const box = document.createElement("div");
    const title = document.createElement("strong");
    title.textContent = place.name + (place.approximate ? " (approximate outline)" : "");
    box.appendChild(title);
    if (place.note) {
      const note = document.createElement("p");
      note.textContent = place.note;
      const source = document.createElement("small");
      source.textContent = `Source: ${place.source}`;
      box.appendChild(note);
      box.appendChild(source);
    }
    return box;
  }

  function viewString(center, zoom) {
    return `${center.lat.toFixed(3)},${center.lng.toFixed(3)},${zoom}`;
  }

  StoryMap.elements = {text, describe, viewString};
})();
