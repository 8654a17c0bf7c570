/* The static edition's start: hands the reader (reader.js, the app's own) what Streamlit would.
 * A `?section=` naming a passage opens there (the last one, as in the app); any other value opens
 * at the start with a short notice, never echoing the value. There is no server to tell, so each
 * report is answered at once, as Python would answer it. */
const main = document.querySelector("main[data-reader]");
const reader = await import(new URL(main.dataset.reader, document.baseURI).href);
const wanted = new URLSearchParams(window.location.search).getAll("section").at(-1);
const first = document.querySelector(".passage[data-section]").dataset.section;
const linked = wanted && document.getElementById("passage-" + wanted) ? wanted : null;
if (wanted && !linked) {
  const notice = document.createElement("p");
  notice.className = "site-notice";
  notice.textContent = main.dataset.unknown;
  main.querySelector(".story-header").after(notice);
}
const data = {section: linked || first, nonce: linked ? 1 : 0, steps: main.dataset.steps};

function render() {
  return reader.default({data: {...data}, key: "static", parentElement: main, setTriggerValue: answer});
}

function answer(name, section) {
  if (name === "section") {
    data.section = section;
    render();
  }
}

render();
