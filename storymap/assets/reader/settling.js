/* Scrolling, and coming to rest. In scroll mode Python hears once scrolling has settled, so a
 * fast scroll past five passages is one rerun. A glide the page makes itself is held on its
 * passage until it arrives (re-aimed where the layout moves meanwhile), and a change of the
 * window's size keeps the passage being read. */
(() => {
  "use strict";
  const StoryMap = (globalThis.StoryMap ??= {});

  const SETTLE_MS = 140;
  // A scroll the page makes itself gets this long to arrive before the reader's position counts.
  const ARRIVAL_MS = 1500;
  // How many times a glide that came to rest off its passage is aimed again.
  const REAIMS = 3;
  // A change of the window's height alone by less than this (a phone's address bar) keeps the scroll.
  const KEEP_HEIGHT_PX = 150;

  function windowSize() {
    return {width: window.innerWidth, height: window.innerHeight};
  }

  // Bring a passage to the reading line and hold it there as the one read until the page comes to
  // rest on it (re-aimed where the layout moves meanwhile); passages passed on the way are no steps.
  function aim(reader, id, jump) {
    reader.target = id;
    reader.jump = jump;
    reader.arriveBy = performance.now() + ARRIVAL_MS;
    reader.reaims = REAIMS;
    if (!StoryMap.moves.scrollToPassage(id, jump)) { reader.target = null; }
    waitToSettle(reader);
  }

  // A window change (a tablet turned, a window resized or snapped, the browser zoomed) lays the page
  // out anew, and another passage may come to the reading line: the one being read stays the one
  // read, and comes back to the line at once. A phone's address bar (a little height) moves nothing.
  // A page hosted in an article leaves the article's scroll to the article.
  function onResize(reader) {
    const before = reader.size;
    reader.size = windowSize();
    StoryMap.panel.reinset();
    const changed = before && (before.width !== reader.size.width
      || Math.abs(before.height - reader.size.height) > KEEP_HEIGHT_PX);
    if (changed && StoryMap.viewport.scrolling() && StoryMap.viewport.isOwn() && reader.current) {
      aim(reader, reader.target || reader.current, true);
    } else {
      onScroll(reader);
    }
  }

  function onScroll(reader) {
    if (!StoryMap.viewport.scrolling()) { return; }
    const size = windowSize();
    if (reader.size && (size.width !== reader.size.width || size.height !== reader.size.height)) {
      onResize(reader);  // the layout changed under the scroll: the resize comes first
      return;
    }
    const el = StoryMap.viewport.passageRead();
    const id = el && el.dataset.section;
    if (reader.target && performance.now() > reader.arriveBy) { reader.target = null; }
    if (!reader.target && id && id !== reader.current) { StoryMap.moves.show(reader, id); }
    waitToSettle(reader);
  }

  function waitToSettle(reader) {
    StoryMap.moves.later(reader, "settle", SETTLE_MS, () => settle(reader));
  }

  // Scrolling has stopped: Python hears where the reader rests, once. A glide the page made comes
  // to rest on its passage; where the page's layout moved under it meanwhile (a deep link opens
  // while the page is still being laid out), it is aimed again, a few times at most.
  function settle(reader) {
    if (reader.target) {
      const el = StoryMap.viewport.scrolling() && StoryMap.viewport.passageRead();
      const arrived = !el || el.dataset.section === reader.target;
      if (!arrived && reader.reaims > 0) {
        reader.reaims -= 1;
        reader.arriveBy = performance.now() + ARRIVAL_MS;
        StoryMap.moves.scrollToPassage(reader.target, reader.jump);
        waitToSettle(reader);
        return;
      }
      if (!arrived && performance.now() < reader.arriveBy) {
        waitToSettle(reader);  // still on the way to where the page is scrolling
        return;
      }
    }
    reader.target = null;
    onScrollSettled(reader);
  }

  function onScrollSettled(reader) {
    if (StoryMap.viewport.scrolling()) {
      const el = StoryMap.viewport.passageRead();
      if (el && el.dataset.section !== reader.current) { StoryMap.moves.show(reader, el.dataset.section); }
    }
    StoryMap.moves.report(reader, reader.current);
  }

  StoryMap.settling = {windowSize, aim, onResize, onScroll, waitToSettle};
})();
