/* The reader's keys, clicks, pointer and picker, heard on the document once per page and handed
 * to the reader of the page as it is now. */
(() => {
  "use strict";
  const StoryMap = (globalThis.StoryMap ??= {});

  function onKey(reader, event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || StoryMap.stepping.typing(event.target)) { return; }
    const name = StoryMap.names.nameAt(event.target);
    if (name && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();  // Space would scroll the page
      if (!event.repeat) { StoryMap.names.showPlace(name); }
      return;
    }
    if (event.key === "Escape") {
      const map = StoryMap.panel.storyMap();
      if (map && map.shown && map.shown()) { map.frame(); }
      return;
    }
    const move = StoryMap.stepping.moveFor(reader.keys, event.key);
    if (!move) { return; }
    event.preventDefault();
    StoryMap.moves.step(reader, move);
  }

  // Previous and Next are the page's to handle: Python's callback would step from the section it
  // last heard of, which can be behind the reader.
  function onClick(reader, event) {
    for (const [selector, move] of StoryMap.panel.BUTTONS) {
      const button = event.target.closest && event.target.closest(selector);
      if (button) {
        event.preventDefault();
        event.stopPropagation();
        StoryMap.moves.step(reader, move);
        return;
      }
    }
    const option = event.target.closest && event.target.closest('[role="option"]');
    if (option) { pick(reader, option); }
    // A click or a tap (a touch that moves scrolls, and is no click) on a place's name.
    const name = StoryMap.names.nameAt(event.target);
    if (name) { StoryMap.names.showPlace(name); }
  }

  // The picker's list is drawn apart from the picker; an option of ours names a section title.
  function onPickerKey(reader, event) {
    if (event.key !== "Enter" || !event.target.closest || !event.target.closest(StoryMap.panel.PICKER)) { return; }
    const active = event.target.getAttribute("aria-activedescendant");
    const option = active && document.getElementById(active);
    if (option) { pick(reader, option); }
  }

  // A choice in a native picker (the static edition's).
  function onPickerChange(reader, event) {
    const select = event.target.closest && event.target.closest(`${StoryMap.panel.PICKER} select`);
    if (select) { StoryMap.moves.go(reader, select.value); }
  }

  // A choice in the picker: the map moves now; Python records the choice as the widget's value and
  // echoes it back as a move of its own, which the page has made already.
  function pick(reader, option) {
    if (!document.querySelector(`${StoryMap.panel.PICKER} [aria-expanded="true"]`)) { return; }
    const id = reader.titles.get(option.textContent.trim());
    if (!id) { return; }
    reader.echo = id;
    StoryMap.moves.go(reader, id);
  }

  // The map's frame announces itself when it has started (also after a remount): show it the step.
  function onMapReady(reader) {
    const map = StoryMap.panel.storyMap();
    const step = reader.current && reader.steps.get(reader.current);
    StoryMap.panel.inset(map);
    if (map && step) { map.step(step); }
  }

  function listen(reader) {
    const {names, settling} = StoryMap;
    const live = (handler) => (event) => { if (reader.steps && reader.parent.isConnected) { handler(event); } };
    document.addEventListener("keydown", live((event) => onKey(reader, event)));
    document.addEventListener("keydown", live((event) => onPickerKey(reader, event)), {capture: true});
    document.addEventListener("click", live((event) => onClick(reader, event)), {capture: true});
    document.addEventListener("change", live((event) => onPickerChange(reader, event)));
    document.addEventListener("scroll", live(() => settling.onScroll(reader)), {capture: true, passive: true});
    document.addEventListener("pointerover", live((event) => names.onPointerOver(reader, event)), {passive: true});
    document.addEventListener("pointerout", live((event) => names.onPointerOut(reader, event)), {passive: true});
    document.addEventListener("focusin", live(names.onFocusIn));
    document.addEventListener("focusout", live((event) => names.onFocusOut(reader, event)));
    window.addEventListener("storymap:link", live((event) => names.onMapLink(reader, event)));
    window.addEventListener("resize", live(() => settling.onResize(reader)));
    // The reader's own wheel or finger takes over from a scroll the page was making.
    const takeOver = live(() => { reader.target = null; });
    document.addEventListener("wheel", takeOver, {capture: true, passive: true});
    document.addEventListener("touchstart", takeOver, {capture: true, passive: true});
    window.addEventListener("storymap:map-ready", live(() => onMapReady(reader)));
  }

  StoryMap.input = {listen};
})();
