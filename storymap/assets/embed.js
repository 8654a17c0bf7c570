/* The story inside an article, scroll-driven: the host page's script (published as `embed.js` at
 * the root of the static edition, never renamed, since newsrooms name it).
 *
 *   <div class="storymap-embed" data-src="https://…/story/?section=<id>"></div>
 *   <script src="https://…/story/embed.js" async></script>
 *
 * For each `.storymap-embed[data-src]` (also ones added later) it makes an iframe of the static
 * edition with `embed=host` added to its query string. The frame reports its height and the
 * iframe takes it, so the frame never scrolls inside itself: the article scrolls as one page. As
 * the article scrolls or resizes, each frame hears where the article's viewport is (once per
 * animation frame); when the reader steps the story inside the frame (a key, Next, the picker),
 * the frame asks and the article scrolls.
 *
 * Messages (`storymap:` types, objects):
 *   host → frame  storymap:hello     {version}                   once the frame has loaded
 *   host → frame  storymap:viewport  {top, height, input}        top: the frame's y at the top of the
 *                                                                article's viewport; height: its height;
 *                                                                input: the reader scrolled the article
 *   frame → host  storymap:hello     {version, title}            the frame has started
 *   frame → host  storymap:height    {height}                    its content's height in CSS pixels
 *   frame → host  storymap:scroll    {top, behavior}             bring the frame's y `top` to the top of
 *                                                                the viewport ("smooth" or "auto")
 * A message counts only if it comes from the iframe's own window and from the origin of its
 * data-src; messages go to that origin only, never to "*". No request of its own, no cookie, no
 * inline script, styles only through the CSSOM (which a strict Content-Security-Policy allows), and
 * the page's focus order is left as it is (no tabindex; the iframe is reached as any iframe is).
 */
(() => {
  "use strict";

  if (window.storymapEmbed) {  // included twice: the first copy does the work
    window.storymapEmbed.scan();
    return;
  }

  const SELECTOR = ".storymap-embed[data-src]";
  const VERSION = 1;
  const DEFAULT_TITLE = "Map story";
  const embeds = [];  // {el, frame, origin, titled, ready}
  let scheduled = false;
  let input = false;

  function scan() {
    for (const el of document.querySelectorAll(SELECTOR)) {
      if (!embeds.some((embed) => embed.el === el)) { mount(el); }
    }
  }

  function mount(el) {
    let url;
    try {
      url = new URL(el.getAttribute("data-src"), document.baseURI);
    } catch {
      return;
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") { return; }
    url.searchParams.set("embed", "host");
    const frame = document.createElement("iframe");
    const titled = Boolean(el.getAttribute("data-title"));
    const embed = {el, frame, origin: url.origin, titled, ready: false};
    frame.title = titled ? el.getAttribute("data-title") : DEFAULT_TITLE;
    frame.setAttribute("scrolling", "no");
    frame.setAttribute("allow", "fullscreen");
    frame.setAttribute("loading", embeds.length ? "lazy" : "eager");
    // Until the frame reports its height: about a screen, so the first view has its map.
    Object.assign(frame.style, {display: "block", width: "100%", border: "0",
                                height: `${Math.max(480, window.innerHeight)}px`});
    frame.addEventListener("load", () => post(embed, {type: "storymap:hello", version: VERSION}));
    frame.src = url.href;
    embeds.push(embed);
    el.appendChild(frame);
  }

  function post(embed, message) {
    const target = embed.frame.contentWindow;
    if (target) { target.postMessage(message, embed.origin); }
  }

  function onMessage(event) {
    const embed = embeds.find((e) => e.frame.contentWindow === event.source);
    const data = event.data;
    if (!embed || event.origin !== embed.origin || !data || typeof data !== "object") { return; }
    if (data.type === "storymap:hello") {
      embed.ready = true;
      if (!embed.titled && typeof data.title === "string" && data.title.trim()) {
        embed.frame.title = data.title.trim().slice(0, 300);
      }
      schedule();
    } else if (data.type === "storymap:height") {
      const height = Number(data.height);
      if (!Number.isFinite(height) || height < 1) { return; }
      embed.ready = true;
      embed.frame.style.height = `${Math.min(Math.ceil(height), 1e6)}px`;
      schedule();
    } else if (data.type === "storymap:scroll") {
      scrollTo(embed, Number(data.top), data.behavior === "auto");
    }
  }

  // The frame asks for its y `top` at the top of the viewport: the window glides there (jumps with
  // reduced motion). Never further than the frame's own extent.
  function scrollTo(embed, top, jump) {
    if (!Number.isFinite(top)) { return; }
    const box = embed.frame.getBoundingClientRect();
    const within = Math.max(-window.innerHeight, Math.min(top, box.height));
    const reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    window.scrollTo({top: window.scrollY + box.top + embed.frame.clientTop + within,
                     behavior: jump || reduced ? "auto" : "smooth"});
  }

  function schedule() {
    if (scheduled) { return; }
    scheduled = true;
    requestAnimationFrame(send);
  }

  // Once per animation frame at most: each frame hears where the article's viewport is.
  function send() {
    scheduled = false;
    const reader = input;
    input = false;
    for (const embed of embeds.slice()) {
      if (!embed.frame.isConnected) {
        embeds.splice(embeds.indexOf(embed), 1);
        continue;
      }
      if (!embed.ready) { continue; }
      const box = embed.frame.getBoundingClientRect();
      post(embed, {type: "storymap:viewport", top: -(box.top + embed.frame.clientTop),
                   height: window.innerHeight, input: reader});
    }
  }

  // The reader's own wheel, finger or keys on the article take over from a glide the frame asked for.
  function onInput() {
    input = true;
    schedule();
  }

  let scanning = false;
  function scanSoon() {
    if (scanning) { return; }
    scanning = true;
    requestAnimationFrame(() => {
      scanning = false;
      scan();
    });
  }

  window.storymapEmbed = Object.freeze({version: VERSION, scan});
  window.addEventListener("message", onMessage);
  document.addEventListener("scroll", schedule, {capture: true, passive: true});
  window.addEventListener("resize", schedule);
  for (const type of ["wheel", "touchstart", "keydown", "mousedown"]) {
    window.addEventListener(type, onInput, {capture: true, passive: true});
  }
  // Content above an embed that grows (an image, an advertisement) moves it without a scroll.
  if (window.ResizeObserver) { new ResizeObserver(schedule).observe(document.documentElement); }
  new MutationObserver(scanSoon).observe(document.documentElement, {childList: true, subtree: true});
  scan();
})();
