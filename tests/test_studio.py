"""The Studio: an article in, a story folder that passes `check` and a static edition out; drafts
kept by token in SQLite; bad input refused with a clear message. Engine functions first, then the
page under AppTest (the browser walk is tests/e2e/test_studio.py)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from storymap.authoring.check import check_folder
from storymap.authoring.draft import DraftError
from storymap.authoring.drafts import DraftStore
from storymap.authoring.studio import (
    MAX_ARTICLE_BYTES,
    NONE_OF_THESE,
    StudioDraft,
    answer,
    draft_from_zip,
    folder_zip,
    merge_with_next,
    new_draft,
    open_questions,
    read_upload,
    search_places,
    set_role,
    split,
)
from storymap.authoring.studio_output import review, site_zip
from storymap.model.project import Geodata, load_geodata
from storymap.model.story import Role
from support.apptest import open_app
from support.studio import finished

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "tests" / "fixtures" / "studio-article" / "rivers.md"
HOSTILE = '<script>alert(1)</script> **bold** [link](http://x.test) & "quotes"'


@pytest.fixture(scope="module")
def geodata() -> Geodata:
    return load_geodata(ROOT / "geodata")


@pytest.fixture
def draft(geodata: Geodata) -> StudioDraft:
    return new_draft(ARTICLE.read_text(encoding="utf-8"), geodata.gazetteer, title="Water", author="A. Writer")


def _passage(draft: StudioDraft, starts: str) -> int:
    return next(i for i, p in enumerate(draft.passages) if p.id.startswith(starts))


# Reading an article


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("article.pdf", b"%PDF-1.7", "only plain text or Markdown"),
        ("", b"   \n\n", "is empty"),
        ("a.txt", b"text\x00with a NUL", "binary"),
        ("a.md", b"\xff\xfe\x00not utf-8", "binary"),
        ("a.txt", b"caf\xe9", "not UTF-8"),
        ("a.txt", b"x" * (MAX_ARTICLE_BYTES + 1), "up to 200 KB"),
    ],
)
def test_an_article_that_is_not_text_is_refused_clearly(name: str, data: bytes, says: str) -> None:
    with pytest.raises(DraftError, match=says) as caught:
        read_upload(name, data)
    assert "/" not in str(caught.value).split(":")[0], "a server path in the message"


def test_markdown_and_text_are_read() -> None:
    assert read_upload("rivers.md", ARTICLE.read_bytes()).startswith("Water across")


# The draft and the author's decisions


def test_each_proposal_says_why_and_how_sure(draft: StudioDraft) -> None:
    jordan = draft.passages[_passage(draft, "farmers")]
    assert jordan.focus == ["JOR"] and "ISR" in jordan.context
    assert jordan.reasons["ISR"].words == ["Israel"]
    assert jordan.reasons["JOR"].sureness == "unsure", "Jordan is also a river: the draft cannot be sure"


def test_ambiguous_names_wait_in_the_queue_with_their_alternatives(draft: StudioDraft) -> None:
    terms = {p.questions[i].term for p, i in open_questions(draft)}
    assert {"Jordan", "Georgia", "Tbilisi", "Amman"} <= terms
    georgia = next(q for p, i in open_questions(draft) if (q := p.questions[i]).term == "Georgia")
    assert georgia.options == ["GEO", "US-GA"]


def test_choosing_the_other_place_takes_the_proposed_ones_role(draft: StudioDraft) -> None:
    passage = draft.passages[_passage(draft, "in-georgia")]
    index = next(i for i, q in enumerate(passage.questions) if q.term == "Georgia")
    answer(passage, index, "US-GA")
    assert "US-GA" in passage.context and "GEO" not in passage.context + passage.focus
    answer(passage, index, "GEO")  # changing one's mind puts it back
    assert "GEO" in passage.context and "US-GA" not in passage.context + passage.focus
    assert all(q.term != "Georgia" for q in (p.questions[i] for p, i in open_questions(draft)))


def test_none_of_these_removes_the_place_and_waives_the_name(draft: StudioDraft, geodata: Geodata) -> None:
    passage = draft.passages[_passage(draft, "farmers")]
    answer(passage, 0, NONE_OF_THESE)
    assert "JOR" not in passage.focus and passage.waived == ["Jordan"]
    problems = review(finished(draft, geodata.gazetteer), geodata).problems
    assert [p for p in problems if p.section == passage.id] == [], "a waived name is not asked for again"


def test_dropping_adding_and_moving_places(draft: StudioDraft, geodata: Geodata) -> None:
    passage = draft.passages[_passage(draft, "engineers")]
    set_role(passage, "tbilisi-ge", Role.CONTEXT)
    assert "tbilisi-ge" in passage.context and "tbilisi-ge" not in passage.focus
    set_role(passage, "tbilisi-ge", None)
    assert "Tbilisi" in passage.waived
    found = search_places(geodata.gazetteer, "sakartvelo")
    assert found[:1] == ["GEO"], "an other name finds the place"
    set_role(passage, found[0], Role.FOCUS)
    assert passage.focus[-1] == "GEO"


def test_merge_and_split_keep_the_text_in_order(draft: StudioDraft, geodata: Geodata) -> None:
    count, first = len(draft.passages), _passage(draft, "farmers")
    merge_with_next(draft, first)
    assert len(draft.passages) == count - 1 and "\n\n" in draft.passages[first].text
    assert {"JOR", "tbilisi-ge"} <= set(draft.passages[first].focus)
    split(draft, first, geodata.gazetteer)
    assert len(draft.passages) == count
    assert [p.text for p in draft.passages] == [
        p.text for p in new_draft(ARTICLE.read_text(encoding="utf-8"), geodata.gazetteer).passages
    ]


# Checking and taking it away


def test_a_fresh_draft_names_what_is_left_to_do(draft: StudioDraft, geodata: Geodata) -> None:
    checked = review(draft, geodata)
    fields = {(p.section, p.field) for p in checked.problems}
    assert ("farmers-along-the-jordan-have", "sections[1].editorial_title") in fields
    assert any("has no note and source" in p.message for p in checked.problems)
    assert all(p.file in ("story.yaml", "places.yaml") for p in checked.problems), "a server path shown"


def test_a_finished_draft_is_a_folder_that_passes_check_and_a_static_edition(
    draft: StudioDraft, geodata: Geodata, tmp_path: Path
) -> None:
    done = finished(draft, geodata.gazetteer)
    checked = review(done, geodata)
    assert checked.problems == [] and checked.ready
    assert (checked.section_png("in-georgia-the-mtkvari-carries") or b"").startswith(b"\x89PNG")
    with zipfile.ZipFile(io.BytesIO(folder_zip(done))) as archive:
        archive.extractall(tmp_path / "story")
    assert check_folder(tmp_path / "story", ROOT / "geodata") == []
    with zipfile.ZipFile(io.BytesIO(site_zip(done, geodata))) as archive:
        names = archive.namelist()
        embed = archive.read("water/EMBED.txt").decode()
    assert "water/index.html" in names and "water/map.html" in names
    assert "<iframe" in embed and "example.org/your-story/?section=" in embed


def test_a_saved_zip_opens_again_and_a_damaged_one_is_refused(draft: StudioDraft) -> None:
    draft.title = HOSTILE
    assert draft_from_zip(folder_zip(draft)) == draft
    for damaged in (
        b"not a zip",
        b"PK\x03\x04broken",
        _zip({"story.yaml": b"meta: {}"}),
        _zip({"studio-draft.json": b"{"}),
    ):
        with pytest.raises(DraftError, match="draft"):
            draft_from_zip(damaged)


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


# Keeping drafts


def test_drafts_are_kept_by_token_across_a_restart_and_never_mixed(draft: StudioDraft, tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "drafts.sqlite3")
    mine = store.create(draft)
    other = draft.model_copy(deep=True, update={"title": "Someone else's"})
    theirs = store.create(other)
    assert mine != theirs and len(mine) == 43
    draft.passages[0].title = "changed"
    store.save(mine, draft)
    restarted = DraftStore(tmp_path / "drafts.sqlite3")
    assert restarted.load(mine) == draft and restarted.load(theirs) == other
    for token in ("", "nope", "' OR 1=1 --", "../../etc/passwd", mine[:-1], mine + "x", mine.upper()):
        assert restarted.load(token) is None, token


# The page


@pytest.fixture
def studio(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    monkeypatch.setenv("STORYMAP_STUDIO", "on")
    monkeypatch.setenv("STORYMAP_DRAFTS", str(tmp_path / "drafts.sqlite3"))
    yield tmp_path / "drafts.sqlite3"


def _paste(at: AppTest, text: str, title: str = "Water") -> AppTest:
    at.text_input[0].input(title)
    at.text_input[1].input("A. Writer")
    at.text_area[0].input(text)
    return at.button[0].click().run()


def test_the_studio_is_off_unless_a_setting_turns_it_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STORYMAP_STUDIO", raising=False)
    at = open_app("pages/studio.py")
    assert not at.exception and not at.text_area
    assert "off on this server" in at.info[0].value
    assert "Studio" not in [link.proto.label for link in at.get("page_link")]


def test_paste_draft_reload_and_find_the_work(studio: Path) -> None:
    at = _paste(open_app("pages/studio.py"), ARTICLE.read_text(encoding="utf-8"))
    assert not at.exception
    token = at.query_params["draft"]
    assert "to decide before publishing" in at.warning[0].value
    next(b for b in at.button if b.label.startswith("Georgia (province")).click().run()
    again = open_app("pages/studio.py", {"draft": token})  # a reload, a new session, the same address
    assert not again.exception
    saved = DraftStore(studio).load(token)
    assert saved is not None and "US-GA" in saved.passages[_passage(saved, "in-georgia")].context
    assert again.text_input[0].value == "Water"


def test_an_unknown_token_says_so_and_offers_a_new_start(studio: Path) -> None:
    at = open_app("pages/studio.py", {"draft": "A" * 43})
    assert not at.exception
    assert "No draft is kept under this address" in at.error[0].value
    assert at.text_area, "the start form is offered"


def test_hostile_text_is_shown_as_text(studio: Path) -> None:
    at = _paste(open_app("pages/studio.py"), f"{HOSTILE}\n\nA second paragraph about Georgia.", title=HOSTILE)
    assert not at.exception
    markdown = "\n".join(m.value for m in [*at.markdown, *at.error, *at.warning])
    assert "<script>" not in markdown and "](http" not in markdown
    assert any(HOSTILE in t.value for t in at.text), "the passage is shown as plain text"


def test_two_authors_at_once_each_keep_their_own_draft(studio: Path) -> None:
    first = _paste(open_app("pages/studio.py"), ARTICLE.read_text(encoding="utf-8"), title="First author's")
    second = _paste(open_app("pages/studio.py"), "Rain fell on Tbilisi.\n\nAnd on Baku.", title="Second author's")
    tokens = [first.query_params["draft"], second.query_params["draft"]]
    assert tokens[0] != tokens[1]
    for token, title in zip(tokens, ["First author's", "Second author's"], strict=True):
        assert open_app("pages/studio.py", {"draft": token}).text_input[0].value == title
