/* The reader's hands: keys and scrolling, reported to Python through an in-page component.
 *
 * Step mode: ← → j k PageUp PageDown Home End become a "step" trigger.
 * Scroll mode: the passage at the reading line (the middle of what the text can use) is marked
 * at once, and sent to Python as a "section" trigger only once scrolling has stopped, so a fast
 * scroll past five passages sends one update, not five, and a scroll the page makes itself
 * (Next, a deep link) sends none.
 * The URL follows with history.replaceState: no history entry per passage.
 */
const SETTLE_MS = 140;
const LEAD_PX = 24;
// A scroll the page makes itself gets this long to arrive before the reader's position counts.
const ARRIVAL_MS = 1500;
// A section sent to Python that it has not shown after this long is sent again.
const RESEND_MS = 3000;
const STEP_KEYS = {ArrowRight: "next", ArrowLeft: "prev", j: "next", k: "prev",
                   PageDown: "next", PageUp: "prev", Home: "first", End: "last"};

function passages() {
  return Array.from(document.querySelectorAll(".passage[data-section]"));
}

// The part of the screen the text can use: all of it, or (phones) what the pinned map leaves.
function textAreaTop() {
  const panel = document.querySelector(".st-key-map-panel");
  const column = panel && (panel.closest('[data-testid="stColumn"]') || panel);
  const box = column && column.getBoundingClientRect();
  const pinnedOnTop = box && box.top <= 8 && box.bottom < window.innerHeight * 0.6 && box.width >= window.innerWidth * 0.8;
  return pinnedOnTop ? box.bottom : 0;
}

// The passage crossing this line is the one being read.
function readingLine() {
  const top = textAreaTop();
  return top + (window.innerHeight - top) * 0.4;
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

// Scroll so the passage starts just above the reading line: it becomes the one being read.
function scrollToPassage(id) {
  const el = document.getElementById("passage-" + id);
  if (!el) { return false; }
  const delta = el.getBoundingClientRect().top - (readingLine() - LEAD_PX);
  scrollParent(el).scrollBy({top: delta, behavior: reduced() ? "auto" : "smooth"});
  return true;
}

function replaceUrl(id) {
  const url = new URL(window.location.href);
  url.searchParams.set("section", id);
  window.history.replaceState(window.history.state, "", url.toString());
}

function neighbour(id, step) {
  const ids = passages().map((el) => el.dataset.section);
  const index = Math.max(0, ids.indexOf(id));
  const target = {next: index + 1, prev: index - 1, first: 0, last: ids.length - 1}[step];
  return ids[Math.max(0, Math.min(ids.length - 1, target))];
}

function mark(el) {
  for (const other of passages()) { other.classList.toggle("is-active", other === el); }
}

// Once scrolling has stopped: the passage at the reading line is the one being read. Tell
// Python unless it already shows it or has just been told.
function settle(reader) {
  if (mode() !== "scroll") { return; }
  const el = activeAt(readingLine());
  mark(el);
  const id = el && el.dataset.section;
  reader.active = id;
  if (reader.target && id !== reader.target && performance.now() < reader.arriveBy) {
    clearTimeout(reader.timer);  // still on the way to where the page is scrolling: look again
    reader.timer = setTimeout(() => settle(reader), SETTLE_MS);
    return;
  }
  reader.target = null;
  const shown = shownSection();
  if (!id || id === shown) { return; }
  if (id === reader.sent && performance.now() < reader.sentAt + RESEND_MS) { return; }  // on its way
  reader.sent = id;
  reader.sentAt = performance.now();
  replaceUrl(id);
  reader.setTrigger("section", id);
}

// The page as Python last rendered it tells the mode and the section; the component's own data
// can lag behind a rerun.
function mode() {
  return document.querySelector(".story-passages") ? "scroll" : "step";
}

// What Python last rendered: the map's status line names it.
function shownSection() {
  const status = document.querySelector(".map-status[data-section]");
  return status ? status.dataset.section : null;
}

function onScroll(reader) {
  if (mode() !== "scroll") { return; }
  if (!reader.frame) {
    reader.frame = requestAnimationFrame(() => {
      reader.frame = null;
      mark(activeAt(readingLine()));
    });
  }
  clearTimeout(reader.timer);
  reader.timer = setTimeout(() => settle(reader), SETTLE_MS);
}

function onKey(reader, event) {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) { return; }
  const target = event.target;
  if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) { return; }
  const step = STEP_KEYS[event.key];
  if (!step) { return; }
  event.preventDefault();
  if (mode() === "scroll") {
    // Repeated presses count from where the page is heading, not where it still is.
    goTo(reader, neighbour(reader.target || reader.active || shownSection(), step));
  } else {
    reader.setTrigger("step", step);
  }
}

function goTo(reader, id) {
  reader.target = id;
  reader.arriveBy = performance.now() + ARRIVAL_MS;
  scrollToPassage(id);
}

function scrollWhenReady(reader, id, tries) {
  if (document.getElementById("passage-" + id) || tries <= 0) { goTo(reader, id); return; }
  setTimeout(() => scrollWhenReady(reader, id, tries - 1), 50);
}

export default function (component) {
  const { data, setTriggerValue } = component;
  const reader = window.__storymapReader || (window.__storymapReader = {nonce: 0});
  reader.setTrigger = setTriggerValue;
  if (!reader.listening) {
    reader.listening = true;
    document.addEventListener("keydown", (event) => onKey(reader, event));
    document.addEventListener("scroll", () => onScroll(reader), {capture: true, passive: true});
    window.addEventListener("resize", () => onScroll(reader));
  }
  if (data.mode !== "scroll") {
    mark(null);
    reader.active = data.section;
    return;
  }
  if (data.nonce && data.nonce !== reader.nonce) {
    reader.nonce = data.nonce;
    scrollWhenReady(reader, data.section, 40);
  }
  onScroll(reader);  // also reconciles: if the page rests on another passage, Python hears of it
}
