// Walks a reading plan in Firefox (Debian's firefox-esr, driven over WebDriver BiDi by
// puppeteer-core) and prints, as JSON, what the page showed after each step. It knows nothing of
// the story and asserts nothing: the plan (tests/e2e/engines.py, on standard input) says what to
// do and which page-side functions read the page; pytest judges what comes back.
import puppeteer from "puppeteer-core";
import {mkdirSync} from "node:fs";

const POLL_MS = 50;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) { chunks.push(chunk); }
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

// Call one of the plan's page-side functions (source text) with a JSON argument.
function call(page, source, arg) {
  return page.evaluate(`(${source})(${JSON.stringify(arg ?? null)})`);
}

// Poll a page-side predicate until it holds or `ms` runs out; says whether it held. A page that
// is between documents answers nothing for a moment, which counts as not yet.
async function until(page, source, arg, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await call(page, source, arg).catch(() => false)) { return true; }
    await sleep(POLL_MS);
  }
  return false;
}

// Click where a button is once it stays there, with the mouse, as a reader would.
async function click(page, plan, selector) {
  let box = null;
  for (let i = 0; i < 40; i++) {
    const next = await call(page, plan.js.box, selector);
    if (next && box && JSON.stringify(next) === JSON.stringify(box)) { break; }
    box = next;
    await sleep(POLL_MS);
  }
  if (!box) { throw new Error(`nothing to click at ${selector}`); }
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

async function act(page, plan, visit, step) {
  if (step.do === "open") {
    await page.goto(visit.url + step.arg, {waitUntil: "load"});
    if (await until(page, plan.js.ready, null, plan.timeout_ms)) { await call(page, plan.js.install, null); }
  } else if (step.do === "scroll") {
    await call(page, plan.js.scroll, step.arg);
  } else if (step.do === "key") {
    await page.keyboard.press(step.arg);
  } else if (step.do === "click") {
    await click(page, plan, step.arg);
  }
}

// One document of the plan: its steps, each observed once the page reads the expected section
// (or the wait runs out: the rest of the visit is then skipped, and pytest shows what was seen).
async function walkVisit(page, plan, visit) {
  await page.setViewport({width: visit.width, height: visit.height});
  const observed = [];
  for (const step of visit.steps) {
    const failed = await act(page, plan, visit, step).then(() => null, (error) => String(error).split("\n")[0]);
    const reached = !failed && await until(page, plan.js.reached, step.expect, plan.timeout_ms);
    if (reached && step.do !== "scroll") { await settle(page, plan, step.expect); }
    const seen = await call(page, plan.js.observe, step.expect).catch((error) => ({error: String(error)}));
    observed.push(failed ? {...seen, error: failed} : seen);
    if (!reached) {
      mkdirSync(plan.screenshots, {recursive: true});
      await page.screenshot({path: `${plan.screenshots}/FAILED-firefox-${visit.name}.png`});
      break;
    }
  }
  const report = await call(page, plan.js.report, null).catch((error) => ({error: String(error)}));
  return {name: visit.name, observed, ...report};
}

// Wait until the passage is there and stops moving: the page glides to it after a key, a button
// or a deep link (one passage at a time, Python puts it in a moment after the step).
async function settle(page, plan, id) {
  let last = null;
  let still = 0;
  for (let i = 0; i < plan.settle_polls && still < plan.still_polls; i++) {
    const top = await call(page, plan.js.passage_top, id);
    still = top !== null && top === last ? still + 1 : 0;
    last = top;
    await sleep(100);
  }
}

async function main() {
  const plan = await readStdin();
  const browser = await puppeteer.launch({
    browser: "firefox", executablePath: plan.executable, headless: true, extraPrefsFirefox: plan.prefs,
  });
  const requests = [];
  const pageErrors = [];
  try {
    const page = await browser.newPage();
    page.on("request", (request) => requests.push(request.url()));
    page.on("pageerror", (error) => pageErrors.push(String(error)));
    const visits = [];
    for (const visit of plan.visits) { visits.push(await walkVisit(page, plan, visit)); }
    process.stdout.write(JSON.stringify({browser: await browser.version(), visits, requests, page_errors: pageErrors}));
  } finally {
    await browser.close();
  }
}

await main();
