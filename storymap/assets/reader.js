/* The reader: the page moves the story itself, at the reader's action.
 *
 * Every section's step (highlights and framing, status line, legend, count) is static data
 * (storymap/publish/steps.py, published as steps.json and fetched once). A key, a click on Previous or
 * Next, a choice in the picker, or a passage crossing the reading line applies its step at once,
 * in the same frame: the map (its frame is on the same origin), the status line, the legend, the
 * count, the marked passage and the URL (history.replaceState: no entry per passage).
 *
 * Python hears afterwards, for its record: in scroll mode once scrolling has settled, so a fast
 * scroll past five passages is one rerun; in one-passage mode at once, because it sends the
 * passage text. Python's own moves (a deep link, a mode switch) arrive as a new nonce in the
 * component's data. Python never steps this map, so its reruns cannot move or flash it, and the
 * reader keeps reading while the server is away.
 *
 * Text and map, both ways: a place's name in the passage (a `mark.place` button, passage.html)
 * pointed at or focused links its shape on the map, and a shape pointed at on the map links its
 * names in the passage being read (both carry `data-linked` meanwhile); a click, a tap, Enter or
 * Space on a name shows the place on the map (framed, its note open) without changing the
 * section, the URL or Python's record; Escape, Reset view or the next step frames the section
 * again. Only the passage being read has its names in the tab order.
 */
const SETTLE_MS = 140;
const LEAD_PX = 24;
// A scroll the page makes itself gets this long to arrive before the reader's position counts.
const ARRIVAL_MS = 1500;
// How many times a glide that came to rest off its passage is aimed again.
const REAIMS = 3;
// A change of the window's height alone by less than this (a phone's address bar) keeps the scroll.
const KEEP_HEIGHT_PX = 150;
// A section sent to Python that it has not shown after this long is sent again.
const RESEND_MS = 3000;
const STEP_KEYS = {ArrowRight: "next", ArrowLeft: "prev", j: "next", k: "prev",
                   PageDown: "next", PageUp: "prev", Home: "first", End: "last"};
// Previous and Next (st.button keys step-prev and step-next): the page steps, Python is told.
const BUTTONS = [[".st-key-step-prev button", "prev"], [".st-key-step-next button", "next"]];
// The "Go to section" picker: Streamlit's selectbox keyed "picker", or a native <select> in it.
const PICKER = ".st-key-picker";
// A place's name in a passage (storymap/templates/passage.html); a button where the template says so.
const NAME = "mark.place[data-place]";
const NAME_BUTTON = NAME + '[role="button"]';
// Where the reader looks: the window, unless the page is hosted in an article (site.js with
// embed.js), where the article's scrolling moves it. `visible()` is the part of this page the
// reader sees, in this page's viewport coordinates; `scrollTo` scrolls `scroller` to `top`.
const OWN_VIEWPORT = {
  visible: () => ({top: 0, height: window.innerHeight}),
  scrollTo: (scroller, top, behavior) => scroller.scrollTo({top, behavior}),
};
let viewport = OWN_VIEWPORT;

// Read and scroll through another viewport (a hosting article's); null goes back to the window's.
export function useViewport(custom) {
  viewport = custom || OWN_VIEWPORT;
}

// The section whose passage is at the reading line now (a hosted page starts there).
export function sectionAtReadingLine() {
  const el = activeAt(readingLine());
  return el ? el.dataset.section : null;
}

function passages() {
  return Array.from(document.querySelectorAll(".passage[data-section]"));
}

// The page as Python last laid it out tells the mode; the component's own data can lag a rerun.
function scrolling() {
  return Boolean(document.querySelector(".story-passages"));
}

// The part of the screen the text can use: all of it, or (phones) what the pinned map leaves.
function textAreaTop() {
  const panel = document.querySelector(".st-key-map-panel");
  const column = panel && (panel.closest('[data-testid="stColumn"]') || panel);
  const box = column && column.getBoundingClientRect();
  const view = viewport.visible();
  const pinnedOnTop = box && box.top - view.top <= 8 && box.bottom - view.top < view.height * 0.6
    && box.width >= window.innerWidth * 0.8;
  return pinnedOnTop ? box.bottom : view.top;
}

// The passage crossing this line is the one being read.
function readingLine() {
  return lineBelow(textAreaTop());
}

function lineBelow(top) {
  const view = viewport.visible();
  return top + (view.top + view.height - top) * 0.4;
}

// Where the map is pinned above the text (phones), its sticky box: a deep link's first scroll
// starts with the map still in the page's flow, and ends with it pinned.
function pinnedAbove() {
  const panel = document.querySelector(".st-key-map-panel");
  for (let node = panel; node && node !== document.body; node = node.parentElement) {
    if (getComputedStyle(node).position === "sticky") {
      return node.getBoundingClientRect().width >= window.innerWidth * 0.8 ? node : null;
    }
  }
  return null;
}

// The reading line as it will be once the page has scrolled into the story: below the pinned
// map where the map is pinned above the text, wherever the map is now.
function readingLineAfterScroll() {
  const pinned = pinnedAbove();
  if (!pinned) { return readingLine(); }
  const top = parseFloat(getComputedStyle(pinned).top) || 0;
  const view = viewport.visible();
  return lineBelow(view.top + Math.min(top + pinned.offsetHeight, view.height * 0.6));
}

function scrollParent(el) {
  for (let node = el.parentElement; node; node = node.parentElement) {
    const style = getComputedStyle(node);
    if (/(auto|scroll)/.test(style.overflowY) && node.scrollHeight > node.clientHeight) { return node; }
  }
  return document.scrollingElement;
}

function activeAt(line) {
  let found = null;
  for (const el of passages()) {
    const box = el.getBoundingClientRect();
    if (box.top <= line) { found = el; }
    if (box.bottom >= line) { break; }
  }
  return found || passages()[0] || null;
}

function reduced() {
  return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
}

// Scroll so the passage starts just above the reading line: it becomes the one being read. The
// destination is absolute: a glide already under way is re-aimed, not added to. `jump` skips the glide.
function scrollToPassage(id, jump) {
  const el = document.getElementById("passage-" + id);
  if (!el) { return false; }
  const scroller = scrollParent(el);
  const top = scroller.scrollTop + el.getBoundingClientRect().top - (readingLineAfterScroll() - LEAD_PX);
  viewport.scrollTo(scroller, top, jump || reduced() ? "auto" : "smooth");
  return true;
}

function replaceUrl(id) {
  const url = new URL(window.location.href);
  if (url.searchParams.get("section") === id) { return; }
  url.searchParams.set("section", id);
  try {
    window.history.replaceState(window.history.state, "", url.toString());
  } catch (error) { /* some browsers refuse very frequent calls; the next step writes it */ }
}

function mark(id) {
  for (const el of passages()) { el.classList.toggle("is-active", el.dataset.section === id); }
}

// The passage being read: in scroll mode the marked one; one passage at a time, the one shown
// (which follows a step a moment later).
function readingPassage(reader) {
  return document.getElementById("passage-" + reader.current) || (scrolling() ? null : passages()[0] || null);
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
  for (const name of document.querySelectorAll(NAME + "[data-linked]")) {
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
  const map = storyMap();
  if (map && map.link) { map.link(id); }
}

// The map frames the named place and opens its note; the section, the URL and Python's record stay.
function showPlace(name) {
  const map = storyMap();
  if (map && map.show) { map.show(name.dataset.place); }
}

// The story map's own API, in its frame (same origin); null until the map has started.
function storyMap() {
  const frame = document.querySelector(".st-key-map-panel iframe");
  try {
    return (frame && frame.contentWindow && frame.contentWindow.storymap) || null;
  } catch (error) {
    return null;
  }
}

// Status line, legend, count and the ends of Previous and Next as Python renders them for this
// step (Streamlit styles a button by its :disabled state, so the look follows). The status line is
// a live region: its text changes once per step, so a screen reader hears each step once.
function paintPanel(reader, step) {
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
  const select = document.querySelector(PICKER + " select");
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

// The one place a step is applied: everything the page shows about the section, at once.
function show(reader, id) {
  const step = reader.steps.get(id);
  if (!step) { return; }
  reader.current = id;
  paintPanel(reader, step);
  const map = storyMap();
  inset(map);
  if (map) { map.step(step); }
  if (scrolling()) { mark(id); }
  tabStops(reader);
  linkNames(null, null);  // the map has put its links away with the step
  reader.pointed = null;
  replaceUrl(id);
}

function neighbour(reader, id, step) {
  const ids = Array.from(reader.steps.keys());
  const index = Math.max(0, ids.indexOf(id));
  const target = {next: index + 1, prev: index - 1, first: 0, last: ids.length - 1}[step];
  return ids[Math.max(0, Math.min(ids.length - 1, target))];
}

// Tell Python where the reader is, unless it shows that already (and is not about to move off
// it) or has just been told. A report Python has not answered in RESEND_MS (lost on a reconnect)
// is sent again.
function report(reader, id) {
  const pending = reader.sent !== null && performance.now() < reader.sentAt + RESEND_MS;
  if (!id || (id === reader.python && !pending) || (pending && id === reader.sent)) { return; }
  reader.sent = id;
  reader.sentAt = performance.now();
  reader.setTrigger("section", id);
  later(reader, "resend", RESEND_MS, () => {
    if (reader.sent === null) { return; }
    reader.sent = null;
    report(reader, reader.current);
  });
}

// A timer of this reader: one per name, dropped when the reader's page is gone or remounted.
function later(reader, name, ms, callback) {
  clearTimeout(reader.timers[name]);
  const mount = reader.mount;
  reader.timers[name] = setTimeout(() => {
    if (reader.mount === mount && reader.parent.isConnected) { callback(); }
  }, ms);
}

// Go to a section the reader asked for: the map moves now; in scroll mode the page then glides
// there, and the passages it passes on the way are not steps.
function go(reader, id) {
  if (!id) { return; }
  show(reader, id);
  if (!scrolling()) {
    report(reader, id);
    return;
  }
  aim(reader, id, false);
}

// Bring a passage to the reading line and hold it there as the one read until the page comes to
// rest on it (re-aimed where the layout moves meanwhile); passages passed on the way are no steps.
function aim(reader, id, jump) {
  reader.target = id;
  reader.jump = jump;
  reader.arriveBy = performance.now() + ARRIVAL_MS;
  reader.reaims = REAIMS;
  if (!scrollToPassage(id, jump)) { reader.target = null; }
  waitToSettle(reader);
}

// A window change (a tablet turned, a window resized or snapped, the browser zoomed) lays the page
// out anew, and another passage may come to the reading line: the one being read stays the one
// read, and comes back to the line at once. A phone's address bar (a little height) moves nothing.
// A page hosted in an article leaves the article's scroll to the article.
function onResize(reader) {
  const before = reader.size;
  reader.size = windowSize();
  reinset();
  const changed = before && (before.width !== reader.size.width
    || Math.abs(before.height - reader.size.height) > KEEP_HEIGHT_PX);
  if (changed && scrolling() && viewport === OWN_VIEWPORT && reader.current) {
    aim(reader, reader.target || reader.current, true);
  } else {
    onScroll(reader);
  }
}

function windowSize() {
  return {width: window.innerWidth, height: window.innerHeight};
}

function step(reader, direction) {
  go(reader, neighbour(reader, reader.target || reader.current, direction));
}

function onScroll(reader) {
  if (!scrolling()) { return; }
  const size = windowSize();
  if (reader.size && (size.width !== reader.size.width || size.height !== reader.size.height)) {
    onResize(reader);  // the layout changed under the scroll: the resize comes first
    return;
  }
  const el = activeAt(readingLine());
  const id = el && el.dataset.section;
  if (reader.target && performance.now() > reader.arriveBy) { reader.target = null; }
  if (!reader.target && id && id !== reader.current) { show(reader, id); }
  waitToSettle(reader);
}

function waitToSettle(reader) {
  later(reader, "settle", SETTLE_MS, () => settle(reader));
}

// Scrolling has stopped: Python hears where the reader rests, once. A glide the page made comes
// to rest on its passage; where the page's layout moved under it meanwhile (a deep link opens
// while the page is still being laid out), it is aimed again, a few times at most.
function settle(reader) {
  if (reader.target) {
    const el = scrolling() && activeAt(readingLine());
    const arrived = !el || el.dataset.section === reader.target;
    if (!arrived && reader.reaims > 0) {
      reader.reaims -= 1;
      reader.arriveBy = performance.now() + ARRIVAL_MS;
      scrollToPassage(reader.target, reader.jump);
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
  if (scrolling()) {
    const el = activeAt(readingLine());
    if (el && el.dataset.section !== reader.current) { show(reader, el.dataset.section); }
  }
  report(reader, reader.current);
}

function typing(target) {
  return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

function onKey(reader, event) {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) { return; }
  const name = nameAt(event.target);
  if (name && (event.key === "Enter" || event.key === " ")) {
    event.preventDefault();  // Space would scroll the page
    if (!event.repeat) { showPlace(name); }
    return;
  }
  if (event.key === "Escape") {
    const map = storyMap();
    if (map && map.shown && map.shown()) { map.frame(); }
    return;
  }
  const direction = STEP_KEYS[event.key];
  if (!direction) { return; }
  event.preventDefault();
  step(reader, direction);
}

// Previous and Next are the page's to handle: Python's callback would step from the section it
// last heard of, which can be behind the reader.
function onClick(reader, event) {
  for (const [selector, direction] of BUTTONS) {
    const button = event.target.closest && event.target.closest(selector);
    if (button) {
      event.preventDefault();
      event.stopPropagation();
      step(reader, direction);
      return;
    }
  }
  const option = event.target.closest && event.target.closest('[role="option"]');
  if (option) { pick(reader, option); }
  // A click or a tap (a touch that moves scrolls, and is no click) on a place's name.
  const name = nameAt(event.target);
  if (name) { showPlace(name); }
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

// The picker's list is drawn apart from the picker; an option of ours names a section title.
function onPickerKey(reader, event) {
  if (event.key !== "Enter" || !event.target.closest || !event.target.closest(PICKER)) { return; }
  const active = event.target.getAttribute("aria-activedescendant");
  const option = active && document.getElementById(active);
  if (option) { pick(reader, option); }
}

// A choice in a native picker (the static edition's).
function onPickerChange(reader, event) {
  const select = event.target.closest && event.target.closest(PICKER + " select");
  if (select) { go(reader, select.value); }
}

// A choice in the picker: the map moves now; Python records the choice as the widget's value and
// echoes it back as a move of its own, which the page has made already.
function pick(reader, option) {
  if (!document.querySelector(PICKER + ' [aria-expanded="true"]')) { return; }
  const id = reader.titles.get(option.textContent.trim());
  if (!id) { return; }
  reader.echo = id;
  go(reader, id);
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
    if (step) { paintPanel(reader, step); }
    tabStops(reader);  // one passage at a time, Python has just put the passage in
    reinset();
  });
  reader.observer.observe(panel, {childList: true, subtree: true, attributes: true, attributeFilter: ["disabled"]});
  reader.sizes = new ResizeObserver(reinset);  // the card's or the map's box changed
  reader.sizes.observe(map);
  for (const card of map.querySelectorAll(".map-card")) { reader.sizes.observe(card); }
}

function listen(reader) {
  const live = (handler) => (event) => { if (reader.steps && reader.parent.isConnected) { handler(event); } };
  document.addEventListener("keydown", live((event) => onKey(reader, event)));
  document.addEventListener("keydown", live((event) => onPickerKey(reader, event)), {capture: true});
  document.addEventListener("click", live((event) => onClick(reader, event)), {capture: true});
  document.addEventListener("change", live((event) => onPickerChange(reader, event)));
  document.addEventListener("scroll", live(() => onScroll(reader)), {capture: true, passive: true});
  document.addEventListener("pointerover", live((event) => onPointerOver(reader, event)), {passive: true});
  document.addEventListener("pointerout", live((event) => onPointerOut(reader, event)), {passive: true});
  document.addEventListener("focusin", live(onFocusIn));
  document.addEventListener("focusout", live((event) => onFocusOut(reader, event)));
  window.addEventListener("storymap:link", live((event) => onMapLink(reader, event)));
  window.addEventListener("resize", live(() => onResize(reader)));
  // The reader's own wheel or finger takes over from a scroll the page was making.
  const takeOver = live(() => { reader.target = null; });
  document.addEventListener("wheel", takeOver, {capture: true, passive: true});
  document.addEventListener("touchstart", takeOver, {capture: true, passive: true});
  // The map's frame announces itself when it has started (also after a remount): show it the step.
  window.addEventListener("storymap:map-ready", live(() => {
    const map = storyMap();
    const step = reader.current && reader.steps.get(reader.current);
    inset(map);
    if (map && step) { map.step(step); }
  }));
}

async function loadSteps(url) {
  const response = await fetch(url);
  if (!response.ok) { throw new Error(`storymap: the story's steps (${url}) did not load: ${response.status}`); }
  const sections = (await response.json()).sections;
  const titles = new Map();
  for (const s of sections) { titles.set(s.title, titles.has(s.title) ? null : s.section); }
  return {steps: new Map(sections.map((s) => [s.section, s])), titles};
}

// The reader of this page. A new mount (another page, another mode) starts afresh; the document's
// listeners are added once and follow the newest reader.
function readerFor(component) {
  const shared = window.__storymapReader;
  if (shared && shared.key === component.key && shared.parent === component.parentElement) { return shared; }
  const reader = shared || {timers: {}, mount: 0};
  Object.values(reader.timers).forEach(clearTimeout);
  if (reader.observer) { reader.observer.disconnect(); }
  if (reader.sizes) { reader.sizes.disconnect(); }
  for (const name of ["current", "python", "sent", "target", "echo", "guarded", "observer", "sizes", "latest", "pointed"]) {
    reader[name] = null;
  }
  Object.assign(reader, {key: component.key, parent: component.parentElement, nonce: 0, sentAt: 0, arriveBy: 0, reaims: 0,
                         jump: false, size: windowSize(), timers: {}, mount: reader.mount + 1});
  if (!shared) {
    window.__storymapReader = reader;
    listen(reader);
  }
  return reader;
}

function scrollWhenReady(reader, id, tries) {
  if (document.getElementById("passage-" + id) || tries <= 0) { go(reader, id); return; }
  later(reader, "arrive", 50, () => scrollWhenReady(reader, id, tries - 1));
}

export default async function (component) {
  const { data, setTriggerValue } = component;
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
  guard(reader);
  const echoed = data.section === reader.echo;
  if (echoed) { reader.echo = null; }  // Python has recorded the reader's choice in the picker
  if (data.nonce !== reader.nonce) {  // Python asks the page to go somewhere
    reader.nonce = data.nonce;
    if (!echoed) {
      if (scrolling()) { scrollWhenReady(reader, data.section, 40); } else { go(reader, data.section); }
      return;
    }
  }
  // Streamlit writes the query string it last knew into the URL when a session starts again (a
  // reconnect, perhaps to another replica); the URL must keep naming the section the reader is at.
  if (reader.current) { later(reader, "url", 0, () => replaceUrl(reader.current)); }
  if (!reader.current) {
    // A fresh mount (the page opened, or the reader came back from another page): show Python's
    // section, and bring its passage to the reading line if another one is there.
    const here = scrolling() && activeAt(readingLine());
    if (here && here.dataset.section !== data.section) { scrollWhenReady(reader, data.section, 40); } else { show(reader, data.section); }
  } else if (scrolling()) {
    waitToSettle(reader);  // reconciles: if Python shows another section than the page, it hears of it
  } else {
    report(reader, reader.current);
  }
}
