/* A place shown from its name (the reader clicks it in the passage): the map frames the place and
 * opens its note and source above it (`data-shown` names it meanwhile); the section stays as it
 * is. Escape, Reset view or the next step put it away. */
(() => {
  "use strict";
  const StoryMap = (globalThis.StoryMap ??= {});

  // Where a place's popup points: its city point, or its label's anchor inside the shape.
  function anchorOf(sm, id) {
    const place = sm.state.places[id];
    return place && (place.point || place.anchor);
  }

  // Bring a place into the frame and open its note and source; false for a place the map does not
  // know (or before it is ready). The popup lies above the place's anchor, so the frame leaves
  // room for it on top. A place whose shape has not come yet is shown once it has.
  function show(sm, id) {
    const {state, map, options} = sm;
    const bounds = state.ready && StoryMap.framing.placeBounds(sm, id);
    if (!bounds && state.ready && state.places[id] && !StoryMap.chunks.allLoaded(sm)) {
      StoryMap.chunks.fetchAll(sm).then(() => show(sm, id));
      return true;
    }
    if (!bounds) { return false; }
    if (state.shown !== id) { unshow(sm); }
    state.shown = id;
    sm.container.setAttribute("data-shown", id);
    StoryMap.linking.reveal(sm, id);
    const room = Math.max(0, map.getSize().y - state.covered - 2 * options.padding[1]);
    if (state.popup) { map.closePopup(state.popup); }
    const popup = L.popup({maxWidth: 280, maxHeight: Math.max(96, Math.round(room * 0.55)), autoPan: false,
                           className: "storymap-shown"});
    popup.setLatLng(anchorOf(sm, id)).setContent(StoryMap.elements.describe(state.places[id]));
    state.popup = popup;
    map.openPopup(popup);
    const box = popup.getElement();
    const content = box && box.querySelector(".leaflet-popup-content");
    if (content && content.scrollHeight > content.clientHeight) {
      content.tabIndex = 0;  // a note longer than the room scrolls, and the keyboard can scroll it
    }
    StoryMap.framing.fit(sm, bounds, options.maxFrameZoom, box ? Math.min(box.offsetHeight + 16, room * 0.6) : 0);
    return true;
  }

  // Put a shown place away: its popup closes, its own drawing goes. Says whether one was shown.
  function unshow(sm) {
    const {state} = sm;
    const id = state.shown;
    if (!id) { return false; }
    state.shown = null;
    sm.container.removeAttribute("data-shown");
    if (state.popup) { sm.map.closePopup(state.popup); }
    state.popup = null;
    StoryMap.linking.release(sm, id);
    return true;
  }

  StoryMap.popup = {show, unshow};
})();
