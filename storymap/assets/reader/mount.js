/* The reader: the page moves the story itself, at the reader's action.
 *
 * Every section's step (highlights and framing, status line, legend, count) and the keys that step
 * are static data (storymap/publish/steps.py, published as steps.json and fetched once). The
 * other files of this folder apply a step (moves.js), follow the scroll (settling.js), the keys and
 * clicks (input.js) and the names in the text (names.js), as plain functions of one `reader`.
 *
 * Python hears afterwards, for its record: in scroll mode once scrolling has settled; in
 * one-passage mode at once, because it sends the passage text. Python's own moves (a deep link, a
 * mode switch) arrive as a new nonce in the component's data. Python never steps this map, so its
 * reruns cannot move or flash it, and the reader keeps reading while the server is away.
 *
 * `StoryMap.reader.mount(component)` is what Streamlit's in-page component (storymap/ui/reader.py)
 * and the static edition (site.js) call on each render; the reader of the page is
 * `StoryMap.activeReader`. */
(() => {
  "use strict";
  const StoryMap = (globalThis.StoryMap ??= {});

  async function loadSteps(url) {
    const response = await fetch(url);
    if (!response.ok) { throw new Error(`storymap: the story's steps (${url}) did not load: ${response.status}`); }
    const {sections, keys} = await response.json();
    const titles = new Map();
    for (const s of sections) { titles.set(s.title, titles.has(s.title) ? null : s.section); }
    return {steps: new Map(sections.map((s) => [s.section, s])), titles, keys};
  }

  // The reader of this page. A new mount (another page, another mode) starts afresh; the document's
  // listeners are added once and follow the newest reader.
  function readerFor(component) {
    const shared = StoryMap.activeReader;
    if (shared && shared.key === component.key && shared.parent === component.parentElement) { return shared; }
    const reader = shared || {timers: {}, mount: 0};
    Object.values(reader.timers).forEach(clearTimeout);
    if (reader.observer) { reader.observer.disconnect(); }
    if (reader.sizes) { reader.sizes.disconnect(); }
    for (const name of ["current", "python", "sent", "target", "echo", "guarded", "observer", "sizes", "latest", "pointed"]) {
      reader[name] = null;
    }
    Object.assign(reader, {key: component.key, parent: component.parentElement, nonce: 0, sentAt: 0, arriveBy: 0, reaims: 0,
                           jump: false, size: StoryMap.settling.windowSize(), timers: {}, mount: reader.mount + 1});
    if (!shared) {
      StoryMap.activeReader = reader;
      StoryMap.input.listen(reader);
    }
    return reader;
  }

  function scrollWhenReady(reader, id, tries) {
    if (document.getElementById(`passage-${id}`) || tries <= 0) {
      StoryMap.moves.go(reader, id);
      return;
    }
    StoryMap.moves.later(reader, "arrive", 50, () => scrollWhenReady(reader, id, tries - 1));
  }

  async function mount(component) {
    const {moves, viewport} = StoryMap;
    const {data, setTriggerValue} = component;
    const reader = readerFor(component);
    reader.setTrigger = setTriggerValue;
    reader.latest = data;
    if (!reader.steps || reader.stepsUrl !== data.steps) {
      reader.stepsUrl = data.steps;
      reader.loading = reader.loading && reader.loadingUrl === data.steps ? reader.loading : loadSteps(data.steps);
      reader.loadingUrl = data.steps;
      Object.assign(reader, await reader.loading);
      if (reader.latest !== data) { return; }  // a newer render has arrived meanwhile and answers
    }
    reader.python = data.section;
    if (data.section === reader.sent) { reader.sent = null; }  // Python has it
    StoryMap.panel.guard(reader);
    const echoed = data.section === reader.echo;
    if (echoed) { reader.echo = null; }  // Python has recorded the reader's choice in the picker
    if (data.nonce !== reader.nonce) {  // Python asks the page to go somewhere
      reader.nonce = data.nonce;
      if (!echoed) {
        if (viewport.scrolling()) { scrollWhenReady(reader, data.section, 40); } else { moves.go(reader, data.section); }
        return;
      }
    }
    // Streamlit writes the query string it last knew into the URL when a session starts again (a
    // reconnect, perhaps to another replica); the URL must keep naming the section the reader is at.
    if (reader.current) { moves.later(reader, "url", 0, () => moves.replaceUrl(reader.current)); }
    if (!reader.current) {
      // A fresh mount (the page opened, or the reader came back from another page): show Python's
      // section, and bring its passage to the reading line if another one is there.
      const here = viewport.scrolling() && viewport.passageRead();
      if (here && here.dataset.section !== data.section) { scrollWhenReady(reader, data.section, 40); } else { moves.show(reader, data.section); }
    } else if (viewport.scrolling()) {
      StoryMap.settling.waitToSettle(reader);  // reconciles: if Python shows another section than the page, it hears of it
    } else {
      moves.report(reader, reader.current);
    }
  }

  StoryMap.reader = {mount};
})();
