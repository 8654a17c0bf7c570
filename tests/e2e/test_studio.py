"""The Studio in a browser, as an author uses it: paste an article the suite uses nowhere else,
decide its ambiguous names, write titles and notes, download both zips, check the folder, read
the static edition's map; reload mid-way and restart the server, and find the work intact."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Page

from storymap.authoring.check import check_folder
from support.devserver import ROOT, Server, serve, serve_folder
from tests.e2e.audit import assert_accessible
from tests.e2e.reader import TIMEOUT_MS, Reader

ARTICLE = ROOT / "tests" / "fixtures" / "studio-article" / "rivers.md"
PARAGRAPHS = [line.strip() for line in ARTICLE.read_text(encoding="utf-8").splitlines() if line.strip()]
# Places of the article that our gazetteer has no note for: the author writes one for each.
NOTES = ["JOR", "GEO", "TUR", "tbilisi-ge", "mingachevir-az", "amman-jo"]
IDLE = '() => !document.querySelector(\'[data-testid="stStatusWidget"], [data-stale="true"]\')'


@contextmanager
def _studio(drafts: Path) -> Iterator[Server]:
    with serve(env={"STORYMAP_STUDIO": "on", "STORYMAP_DRAFTS": str(drafts)}) as server:
        yield server


def _wait_text(page: Page, text: str) -> None:
    page.get_by_text(text).first.wait_for(timeout=TIMEOUT_MS)


def _pending(page: Page) -> int:
    """How many names the queue says are left (0 once it says all are decided)."""
    page.wait_for_function(IDLE, timeout=TIMEOUT_MS)
    notice = page.locator('[data-testid="stAlert"]').first.inner_text()
    return 0 if "Every ambiguous name is decided" in notice else int(notice.split()[0])


def _decide_next(page: Page) -> None:
    """Click the draft's own proposal for the first name in the queue; wait for the queue to shrink."""
    before = _pending(page)
    page.locator('[class*="st-key-q-"] button').first.click()
    page.wait_for_function(
        """(n) => { const a = document.querySelector('[data-testid="stAlert"]');
                   return a && (a.innerText.includes('Every ambiguous') || parseInt(a.innerText) === n); }""",
        arg=before - 1,
        timeout=TIMEOUT_MS,
    )


def _problems(page: Page) -> int:
    page.wait_for_function(IDLE, timeout=TIMEOUT_MS)
    if page.get_by_text(re.compile("^The check passes")).count():
        return 0
    label = page.get_by_text("The check:").first.inner_text()
    return int(label.split(":")[1].split()[0])


def _choose_passage(page: Page, number: int) -> None:
    page.wait_for_function(IDLE, timeout=TIMEOUT_MS)
    picker = page.locator('input[aria-label="Passage"]')
    picker.focus()
    page.keyboard.type(f"{number}. ")
    page.get_by_role("option").filter(has_text=f"{number}. ").first.wait_for(timeout=TIMEOUT_MS)
    page.keyboard.press("Enter")
    opening = PARAGRAPHS[number - 1][:40]
    page.wait_for_function(  # the chosen passage is drawn, its title field alone: the last one's has gone
        """(opening) => document.querySelectorAll('input[aria-label="Our title for this passage"]').length === 1
            && [...document.querySelectorAll('[data-testid="stText"]')].some(e => e.innerText.startsWith(opening))""",
        arg=opening,
        timeout=TIMEOUT_MS,
    )
    page.wait_for_function(
        "(n) => document.querySelector('input[aria-label=\"Passage\"]').value.startsWith(n + '. ')",
        arg=number,
        timeout=TIMEOUT_MS,
    )
    page.wait_for_function(IDLE, timeout=TIMEOUT_MS)


def _write_title(page: Page, number: int) -> None:
    _choose_passage(page, number)
    before = _problems(page)
    field = page.get_by_label("Our title for this passage")
    field.fill(f"Passage {number} in our words")
    assert field.input_value() == f"Passage {number} in our words"
    field.press("Enter")
    page.wait_for_function(
        "(n) => { const e = [...document.querySelectorAll('summary, p')].find(x => /The check/.test(x.innerText));"
        " return !e || /passes/.test(e.innerText) || parseInt(e.innerText.split(':')[1]) < n; }",
        arg=before,
        timeout=TIMEOUT_MS,
    )
    assert _problems(page) == before - 1


def _write_note(page: Page, label: str) -> None:
    form = page.locator("details[open]").filter(has_text=label).locator("[data-testid='stForm']").first
    before = _problems(page)
    form.get_by_label("One or two neutral sentences").fill(f"A neutral sentence on {label[8:]}, for the test.")
    form.get_by_label("Source: publisher").fill("Test Atlas")
    form.get_by_label("Source: title").fill("Places of the test")
    form.get_by_label("Source: date").fill("2026-12-06")
    form.get_by_role("button", name="Save the note").click()
    page.wait_for_function(
        "(n) => { const e = [...document.querySelectorAll('summary, p')].find(x => /The check/.test(x.innerText));"
        " return !e || parseInt(e.innerText.split(':')[1]) < n; }",
        arg=before,
        timeout=TIMEOUT_MS,
    )


def _notes_open(page: Page) -> list[str]:
    """The places of the chosen passage whose note form is open (no note written yet)."""
    page.wait_for_function(IDLE, timeout=TIMEOUT_MS)
    labels = [t.split("\n")[-1] for t in page.locator("details summary").all_inner_texts()]
    return [label for label in labels if label.startswith("Note on") and not label.endswith("(written)")]


def _download(page: Page, name: str) -> bytes:
    with page.expect_download(timeout=TIMEOUT_MS) as caught:
        page.get_by_role("button", name=name).click()
    path = caught.value.path()
    return Path(path).read_bytes()


def test_an_author_goes_from_an_article_to_a_static_edition(open_page: Callable[..., Page], tmp_path: Path) -> None:
    drafts = tmp_path / "drafts.sqlite3"
    page = open_page(viewport={"width": 1366, "height": 900}, accept_downloads=True)
    with _studio(drafts) as server:
        page.goto(f"{server.url}/studio")
        page.get_by_label("Our title for the story").fill("Water across two seas")
        page.get_by_label("Author", exact=True).fill("A. Writer")
        page.get_by_label("The article's text").fill(ARTICLE.read_text(encoding="utf-8"))
        page.get_by_role("button", name="Draft the story").click()
        page.wait_for_url("**/studio?draft=*", timeout=TIMEOUT_MS)
        token = page.url.split("draft=")[1]
        total = _pending(page)
        assert total >= 5, "the article's ambiguous names are not in the queue"
        assert_accessible(page, "studio")
        for _ in range(3):
            _decide_next(page)
        page.reload()  # mid-way: the work is where it was
        assert _pending(page) == total - 3
        while _pending(page):
            _decide_next(page)
    with _studio(drafts) as restarted:  # a new server process, the same drafts file
        page.goto(f"{restarted.url}/studio?draft={token}")
        _wait_text(page, "Every ambiguous name is decided")
        page.wait_for_function(  # the story's title came back with the draft
            "() => document.querySelector('input[aria-label=\"Our title\"]')?.value === 'Water across two seas'",
            timeout=TIMEOUT_MS,
        )
        for number in range(1, 6):
            _write_title(page, number)
            for _ in range(len(NOTES)):
                if not _notes_open(page):
                    break
                _write_note(page, _notes_open(page)[0])
        page.get_by_text(re.compile("^The check passes")).wait_for(timeout=TIMEOUT_MS)
        folder = _download(page, "Download the story folder (zip)")
        page.get_by_role("button", name="Build the static edition").click()
        site = _download(page, "Download the static edition (zip)")
    with zipfile.ZipFile(io.BytesIO(folder)) as archive:
        archive.extractall(tmp_path / "story")
    assert check_folder(tmp_path / "story", ROOT / "geodata") == []
    with zipfile.ZipFile(io.BytesIO(site)) as archive:
        archive.extractall(tmp_path / "site")
    (edition,) = (tmp_path / "site").iterdir()
    with serve_folder(edition) as url:
        reader = Reader(open_page(), url, map_page="map.html")
        for section, focus in (
            ("farmers-along-the-jordan-have", "JOR"),
            ("engineers-in-amman-and-tbilisi", "amman-jo"),
        ):
            reader.open(f"?section={section}")
            frame = reader.map_frame()
            frame.wait_for_function(
                "(id) => document.querySelector('.leaflet-container').dataset.section === id",
                arg=section,
                timeout=TIMEOUT_MS,
            )
            drawn = frame.evaluate(
                "() => [...document.querySelectorAll('path[data-role=\"focus\"]')].map(p => p.dataset.place)"
            )
            assert focus in drawn, f"{section}: the map does not draw {focus} in focus: {drawn}"
