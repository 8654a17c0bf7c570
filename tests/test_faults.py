"""Faults in the data: errors name files relative to the project, never the server's absolute
paths; a file that breaks or disappears while the server runs leaves readers already reading with
their story, gives new readers the clear message, and never stops the server."""

from __future__ import annotations

import asyncio
import os
import shutil
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.testing.v1 import AppTest
from websockets.asyncio.client import connect

from storymap.model.errors import StoryDataError
from storymap.model.resolve import ResolvedStory
from storymap.ui.bundle import ROOT
from support.apptest import open_app
from support.devserver import serve

BROKEN = Path(__file__).resolve().parent / "fixtures" / "stories" / "unknown-place"


def _break(path: Path, text: str = "sections: [unclosed\n") -> None:
    """Save `text` over a file, with a modification time surely newer than the one it had."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 10**9, before + 10**9))


@pytest.fixture
def story_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the real story, served by the app in place of story/."""
    folder = tmp_path / "story-copy"
    shutil.copytree(ROOT / "story", folder)
    monkeypatch.setenv("STORYMAP_STORY", str(folder))
    return folder


def _error(at: AppTest) -> str:
    assert not at.exception, at.exception
    assert len(at.error) == 1
    return str(at.error[0].value)


# Errors name files relative to the project


def test_error_in_the_project_names_the_file_from_the_project(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYMAP_STORY", str(BROKEN))
    message = _error(open_app())
    assert "tests/fixtures/stories/unknown-place/story.yaml" in message
    assert str(ROOT) not in message


def test_error_outside_the_project_names_the_story_folder_not_the_server_path(story_copy: Path) -> None:
    """Before: `/tmp/pytest-of-…/story-copy/story.yaml, section …`; after: `story-copy/story.yaml, …`."""
    _break(story_copy / "story.yaml")
    message = _error(open_app())
    assert "story-copy/story.yaml" in message and "is not valid YAML" in message
    assert str(story_copy.parent) not in message


def test_unreadable_file_names_no_absolute_path(story_copy: Path) -> None:
    """Before: `cannot be read ([Errno 21] Is a directory: '/tmp/…/story.yaml')`."""
    (story_copy / "story.yaml").unlink()
    (story_copy / "story.yaml").mkdir()
    message = _error(open_app())
    assert "story-copy/story.yaml" in message and "cannot be read (Is a directory)" in message
    assert str(story_copy.parent) not in message


def test_broken_gazetteer_is_named_from_its_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    geodata = tmp_path / "geodata"
    geodata.mkdir()
    (geodata / "gazetteer.yaml").write_text("places: {\n", encoding="utf-8")
    (geodata / "shapes").symlink_to(ROOT / "geodata" / "shapes")
    monkeypatch.setenv("STORYMAP_GEODATA", str(geodata))
    message = _error(open_app())
    assert "geodata/gazetteer.yaml" in message and str(tmp_path) not in message


def test_readers_see_paths_from_the_project_root() -> None:
    error = StoryDataError(ROOT / "story" / "story.yaml", "broken", "oil", "sections[1].text")
    assert error.for_readers(ROOT) == "story/story.yaml, section 'oil', field 'sections[1].text': broken"
    assert error.for_readers(Path("/elsewhere")).startswith("story.yaml, section 'oil'")


# A file that breaks while the server runs


def test_a_reader_keeps_the_story_when_a_file_breaks(story_copy: Path, resolved: ResolvedStory) -> None:
    ids = resolved.section_ids()
    reading = open_app()
    assert not reading.error
    _break(story_copy / "story.yaml")
    reading.button[1].click().run()  # Next
    assert not reading.exception and not reading.error
    assert reading.selectbox[0].value == ids[1]
    reading.switch_page("pages/timeline.py").run()
    assert not reading.exception and not reading.error
    assert "is not valid YAML" in _error(open_app())


def test_a_new_reader_gets_the_story_back_once_the_file_is_fixed(story_copy: Path) -> None:
    original = (story_copy / "story.yaml").read_text(encoding="utf-8")
    _break(story_copy / "story.yaml")
    assert "is not valid YAML" in _error(open_app())
    _break(story_copy / "story.yaml", original)
    fixed = open_app()
    assert not fixed.exception and not fixed.error


def test_a_removed_file_gives_new_readers_the_message(story_copy: Path) -> None:
    reading = open_app()
    (story_copy / "timeline.yaml").unlink()
    (story_copy / "story.yaml").unlink()
    assert "story-copy/story.yaml: file not found" in _error(open_app())
    reading.switch_page("pages/timeline.py").run()
    assert not reading.exception and not reading.error
    assert reading.get("vega_lite_chart")  # still their timeline


def test_an_edit_reaches_new_readers_only(story_copy: Path) -> None:
    """A valid edit is read anew for the next reader; the one reading keeps the story they began."""
    path = story_copy / "story.yaml"
    reading = open_app()
    _break(path, path.read_text(encoding="utf-8").replace("editorial_title: ", "editorial_title: Edited ", 1))
    assert any("Edited" in o for o in open_app().selectbox[0].options)
    reading.button[1].click().run()
    assert not any("Edited" in o for o in reading.selectbox[0].options)


# A real server


async def _first_page(url: str) -> str:
    """Open a reader's session over Streamlit's websocket, as a browser does, and return the text
    of the story page's error elements (empty when it shows none)."""
    async with connect(url.replace("http", "ws") + "/_stcore/stream", max_size=None) as socket:
        message = BackMsg()
        message.rerun_script.query_string = ""
        message.rerun_script.page_script_hash = ""
        await socket.send(message.SerializeToString())
        errors: list[str] = []
        while True:
            raw = await asyncio.wait_for(socket.recv(), timeout=60)
            assert isinstance(raw, bytes)
            forward = ForwardMsg()
            forward.ParseFromString(raw)
            if forward.WhichOneof("type") == "delta" and forward.delta.new_element.WhichOneof("type") == "alert":
                errors.append(forward.delta.new_element.alert.body)
            if forward.WhichOneof("type") == "script_finished":
                return "\n".join(errors)


def _healthy(url: str) -> bool:
    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=10) as response:
        return bool(response.status == 200)


def _new_reader(url: str) -> str:
    """What a new reader's first page shows, run on a thread of its own: in the same pytest process
    the browser tests' Playwright may already hold this thread's event loop."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, _first_page(url)).result()


def test_a_real_server_survives_a_broken_file(tmp_path: Path) -> None:
    """No browser: a websocket session is a new reader. The server stays up and answers its health
    check while the file is broken, and serves the story again once it is fixed."""
    folder = tmp_path / "story-copy"
    shutil.copytree(ROOT / "story", folder)
    with serve(env={"STORYMAP_STORY": str(folder)}) as server:
        assert _new_reader(server.url) == ""
        original = (folder / "story.yaml").read_text(encoding="utf-8")
        _break(folder / "story.yaml")
        shown = _new_reader(server.url)
        assert "story-copy/story.yaml" in shown and "is not valid YAML" in shown and str(tmp_path) not in shown
        assert _healthy(server.url) and server.process.poll() is None
        _break(folder / "story.yaml", original)
        assert _new_reader(server.url) == ""
        assert _healthy(server.url)
