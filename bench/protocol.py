"""What a browser tells Streamlit when a reader of the story page steps, as protobufs.

Streamlit's browser client talks to the server over one websocket (`/_stcore/stream`): it sends
`BackMsg`s, the server answers with `ForwardMsg`s. A step in this app is not a button click: the
in-page reader component (storymap/assets/reader/) reports the section as a trigger value of
the component (`setTriggerValue("section", id)`), and the browser sends it in a fragment rerun
together with the last values of the page's other widgets. `PageState` follows the server's
messages the way the browser does (query string, page hash, widget values, cached messages) so
that `step_message` sends what the browser sends.

`record_browser` opens the page in headless Chromium and returns what it sent for a few steps;
`python -m bench.load --record` prints it beside what `PageState` would send, to redo the check
when Streamlit or the reader changes.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from streamlit.components.v2.bidi_component.constants import EVENT_DELIM
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.runtime.state.session_state import STREAMLIT_INTERNAL_KEY_PREFIX

READER_COMPONENT = "storymap_reader"  # storymap/ui/stepper.py registers the component under this name
SECTION_EVENT = "section"  # reader/moves.js: setTriggerValue("section", id)
SUCCESS = frozenset({ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY})


def stream_url(base_url: str) -> str:
    """The websocket address of a server (or proxy) at `base_url`, base path kept."""
    parts = urlsplit(base_url)
    scheme = "wss" if parts.scheme == "https" else "ws"
    return urlunsplit((scheme, parts.netloc, parts.path.rstrip("/") + "/_stcore/stream", "", ""))


def finish_name(status: int) -> str:
    """The script_finished status by name, for error counts a person can read."""
    return str(ForwardMsg.ScriptFinishedStatus.Name(status))


def trigger_id(component_id: str, event: str = "events") -> str:
    """The widget id a bidi component's trigger values travel under (Streamlit aggregates all of a
    component's events under one `events` trigger)."""
    return f"{STREAMLIT_INTERNAL_KEY_PREFIX}_{component_id}{EVENT_DELIM}{event}"


@dataclass
class PageState:
    """What the browser knows of the page after the server's messages: enough to step like it.

    Widget values are kept as the browser keeps them: the value each widget was last rendered
    with (a segmented control's selected labels, a selectbox's chosen label); buttons are
    triggers and are not sent back.
    """

    query_string: str = ""
    page_script_hash: str = ""
    reader_id: str = ""
    reader_fragment: str = ""
    steps_url: str = ""
    section: str = ""
    widgets: dict[str, WidgetState] = field(default_factory=dict)
    cache: dict[str, ForwardMsg] = field(default_factory=dict)
    exceptions: list[str] = field(default_factory=list)

    def absorb(self, msg: ForwardMsg) -> ForwardMsg:
        """Take in one message from the server; a cache reference is resolved to the message it
        names. Returns the (resolved) message."""
        kind = msg.WhichOneof("type")
        if kind == "ref_hash":
            cached = self.cache.get(msg.ref_hash)
            if cached is None:
                return msg
            resolved = ForwardMsg()
            resolved.CopyFrom(cached)
            resolved.metadata.CopyFrom(msg.metadata)
            return self.absorb(resolved)
        if msg.metadata.cacheable and msg.hash:
            self.cache[msg.hash] = msg
        if kind == "navigation":
            self.page_script_hash = msg.navigation.page_script_hash
        elif kind == "page_info_changed":
            self.query_string = msg.page_info_changed.query_string
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            self._element(msg.delta.new_element, msg.delta.fragment_id)
        return msg

    def _element(self, element: Element, fragment_id: str) -> None:
        kind = element.WhichOneof("type")
        if kind == "bidi_component" and element.bidi_component.component_name == READER_COMPONENT:
            component = element.bidi_component
            data = json.loads(component.json or "{}")
            self.reader_id, self.reader_fragment = component.id, fragment_id
            self.steps_url, self.section = str(data.get("steps", "")), str(data.get("section", ""))
        elif kind == "button_group":
            group = element.button_group
            labels = list(group.raw_values) if group.set_value else [group.options[i].content for i in group.default]
            state = WidgetState(id=group.id)
            state.string_array_value.data.extend(labels)
            self.widgets[group.id] = state
        elif kind == "selectbox":
            box = element.selectbox
            value = box.raw_value if box.set_value else (box.options[box.default] if box.options else "")
            self.widgets[box.id] = WidgetState(id=box.id, string_value=value)
        elif kind == "exception":
            self.exceptions.append(f"{element.exception.type}: {element.exception.message}"[:300])

    def step_message(self, section_id: str) -> BackMsg:
        """The fragment rerun a browser sends when the reader component reports `section_id`."""
        if not self.reader_id:
            raise RuntimeError("the page has not rendered the reader component")
        event = json.dumps([{"event": SECTION_EVENT, "value": section_id}], separators=(",", ":"))
        state = self._client_state()
        state.fragment_id = self.reader_fragment
        state.widget_states.widgets.extend(self.widgets.values())
        state.widget_states.widgets.add(id=trigger_id(self.reader_id), json_trigger_value=event)
        return BackMsg(rerun_script=state)

    def _client_state(self) -> ClientState:
        state = ClientState(query_string=self.query_string, page_script_hash=self.page_script_hash)
        state.cached_message_hashes.extend(self.cache)
        state.context_info.timezone = "UTC"
        state.context_info.locale = "en-US"
        return state


def first_run_message(query_string: str, page_url: str) -> BackMsg:
    """The first rerun a freshly opened page sends: its query string and no widget values."""
    state = ClientState(query_string=query_string)
    state.widget_states.SetInParent()
    state.context_info.timezone = "UTC"
    state.context_info.locale = "en-US"
    state.context_info.url = page_url
    state.context_info.color_scheme = "light"
    return BackMsg(rerun_script=state)


def describe(msg: BackMsg) -> str:
    """One readable line per message, with the parts that vary per browser left out."""
    copy = BackMsg()
    copy.CopyFrom(msg)
    if copy.HasField("rerun_script"):
        copy.rerun_script.ClearField("context_info")
    return " ".join(str(copy).split())


def record_browser(url: str, keys: list[str], settle_s: float = 2.5) -> list[BackMsg]:
    """Open `url` in headless Chromium, press `keys` one by one, and return every BackMsg the page
    sent, the first run included: the ground truth `PageState.step_message` must match."""
    from playwright.sync_api import WebSocket, sync_playwright

    from support.devserver import CHROMIUM, CHROMIUM_ARGS

    sent: list[BackMsg] = []

    def on_socket(socket: WebSocket) -> None:
        def on_sent(payload: str | bytes) -> None:
            msg = BackMsg()
            msg.ParseFromString(payload if isinstance(payload, bytes) else payload.encode())
            sent.append(msg)

        socket.on("framesent", on_sent)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.on("websocket", on_socket)
        page.goto(url)
        page.wait_for_selector('.map-status[role="status"]', timeout=30_000)
        time.sleep(settle_s)
        for key in keys:
            page.keyboard.press(key)
            page.wait_for_timeout(settle_s * 1000)
        browser.close()
    return sent
