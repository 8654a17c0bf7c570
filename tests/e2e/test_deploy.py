"""End to end, the production recipe: nginx (Debian's) in front of two replicas, on a sub-path,
over HTTPS (a self-signed certificate; HTTP/2, brotli, plain HTTP redirected, HSTS asked for).

A reader reads through the proxy; the replica holding the reader is killed; the reader goes on at
the same section, with no error shown. The proxy compresses and caches what it should, and sends
each document's security headers (storymap/publish/headers.py), under which the whole story runs,
in the app and the static edition, on its own and inside an article on another origin. What the
proxy changes on the way (Streamlit's fonts cut, files compressed ahead) changes nothing a reader
sees: every section looks the same through it as from a replica directly.
"""

from __future__ import annotations

import base64
import gzip
import http.client
import json
import os
import re
import signal
import socket
import ssl
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from email.message import Message
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Error, Frame, Page

from deploy.stack import AUTHOR_PATH, HSTS, add_user
from storymap.model.resolve import ResolvedStory
from storymap.publish.headers import MAP_FRAME_POLICY, SITE_POLICY, Policy, app_policy, security_headers
from storymap.publish.preloads import map_component_script
from storymap.render.embed import embed_url, host_snippet
from support.devserver import SCREENSHOTS, serve_folder
from support.tls import self_signed
from tests.e2e.audit import assert_accessible
from tests.e2e.reader import TIMEOUT_MS, Reader
from tests.e2e.screens import section_shots, unseen_difference

ROOT = Path(__file__).resolve().parents[2]
STACK = [sys.executable, str(ROOT / "deploy" / "stack.py")]
BASE_PATH = "/story"
REPLICAS = 2
AUTHOR, AUTHOR_PASSWORD = "ann", "a passphrase for the test"


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    """The set started by deploy/stack.py, as it recorded itself; stopped at the end."""
    run_dir = tmp_path_factory.mktemp("stack")
    add_user(run_dir / "authors", AUTHOR, AUTHOR_PASSWORD)
    cert, key = self_signed(run_dir)
    # Port 0: the stack picks a free run of ports for nginx, the replicas and the Studio's process.
    options = ["--port", "0", "--replicas", str(REPLICAS), "--base-path", BASE_PATH, "--run-dir", str(run_dir)]
    options += ["--studio-users", str(run_dir / "authors")]
    options += ["--tls-cert", str(cert), "--tls-key", str(key), "--http-port", "0", "--hsts"]
    # The first start also builds the frontend nginx serves (fonts cut, files compressed): ~40 s.
    subprocess.run([*STACK, "start", *options], cwd=ROOT, check=True, timeout=300)
    try:
        yield {**json.loads((run_dir / "stack.json").read_text()), "cert": str(cert)}
    finally:
        subprocess.run([*STACK, "stop", "--run-dir", str(run_dir)], cwd=ROOT, check=True, timeout=60)


def _url(stack: dict[str, object]) -> str:
    return f"https://127.0.0.1:{stack['port']}{BASE_PATH}"


def _replica_serving(stack: dict[str, object]) -> int:
    """The replica nginx last sent this machine's requests to, from its access log."""
    log = (Path(str(stack["run_dir"])) / "access.log").read_text()
    ports = re.findall(r"upstream=127\.0\.0\.1:(\d+)", log)
    assert ports, "nginx logged no proxied request"
    return int(ports[-1])


def _wait_for_python(page: Page, title: str) -> None:
    """Python's record (the picker) has caught up with the page: a replica is serving this reader."""
    page.wait_for_function(
        "t => document.querySelector('.st-key-picker input')?.value === t", arg=title, timeout=TIMEOUT_MS
    )


def test_reader_goes_on_at_the_same_section_when_its_replica_dies(
    page: Page, stack: dict[str, object], resolved: ResolvedStory
) -> None:
    sections = resolved.sections
    page.context.clear_cookies()
    reader = Reader(page, _url(stack)).open(f"?section={sections[2].id}")
    reader.wait_for_section(sections[2].id)
    page.keyboard.press("ArrowRight")
    reader.wait_for_section(sections[3].id)
    _wait_for_python(page, sections[3].title)

    serving = _replica_serving(stack)
    ports = list(stack["replica_ports"])  # type: ignore[call-overload]
    pids = list(stack["replica_pids"])  # type: ignore[call-overload]
    # Streamlit's page reconnects through nginx, which sends it to the other replica (the only one
    # left); the new session catches up with where the reader is, and the URL still names it.
    with page.expect_websocket(timeout=TIMEOUT_MS) as reconnect:
        os.kill(pids[ports.index(serving)], signal.SIGKILL)
    socket = reconnect.value
    assert socket.url.startswith(f"wss://127.0.0.1:{stack['port']}{BASE_PATH}/_stcore/stream")
    socket.wait_for_event("framereceived", timeout=TIMEOUT_MS)
    _wait_for_python(page, sections[3].title)
    reader.wait_for_section(sections[3].id)
    reader.wait_for_url_section(sections[3].id)
    page.keyboard.press("ArrowRight")
    reader.wait_for_section(sections[4].id)
    _wait_for_python(page, sections[4].title)
    reader.wait_for_url_section(sections[4].id)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert not page.get_by_text(re.compile("Connection error|Is Streamlit still running", re.I)).is_visible()
    # As `run` would: the tests after this one have the whole set again.
    subprocess.run([*STACK, "revive", "--run-dir", str(stack["run_dir"])], cwd=ROOT, check=True, timeout=120)
    page.screenshot(path=str(SCREENSHOTS / "after-failover.png"))


# The test's certificate is its own: this client checks the connection, not who signed it.
_UNCHECKED = ssl._create_unverified_context()


def _get(url: str, accept_encoding: str = "gzip") -> tuple[Message, bytes]:
    """Headers (names in any case, as upstreams send them) and body, asking for gzip; an error's too."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": accept_encoding})
    try:
        with urllib.request.urlopen(request, timeout=10, context=_UNCHECKED) as response:
            return response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.headers, error.read()


def test_proxy_compresses_and_caches_what_never_changes(stack: dict[str, object]) -> None:
    headers, page_html = _get(f"{_url(stack)}/")
    html = gzip.decompress(page_html).decode() if headers.get("Content-Encoding") == "gzip" else page_html.decode()
    script = re.search(r'src="\.?/?(static/js/[^"]+\.js)"', html)
    assert script, "Streamlit's page names its script"
    headers, body = _get(f"{_url(stack)}/{script.group(1)}")
    assert headers.get("Content-Encoding") == "gzip"
    assert "immutable" in headers.get("Cache-Control", "")
    assert len(body) < 0.5 * len(gzip.decompress(body))

    # Readers of several browsers asking at once for a file no one has fetched yet: one request
    # goes to a replica, the others wait for the cache to hold it (proxy_cache_lock) and hit it.
    # Without the lock even a fetch right after another could miss (the template says why). Any
    # Accept-Encoding hits: replicas answer uncompressed and nginx compresses for each reader.
    ours = f"{_url(stack)}/app/static/storymap/map.js"
    encodings = ["gzip", "gzip, deflate, br, zstd", "gzip, deflate, br", "gzip, deflate"] * 2
    at_once = threading.Barrier(len(encodings))

    def arrive(accept_encoding: str) -> Message:
        at_once.wait()
        return _get(f"{ours}?v=cache-test", accept_encoding)[0]

    with ThreadPoolExecutor(len(encodings)) as pool:
        crowd = list(pool.map(arrive, encodings))
    statuses = sorted(str(headers.get("X-Cache")) for headers in crowd)
    assert statuses == ["HIT"] * (len(encodings) - 1) + ["MISS"], "a versioned file leaves a replica once"
    # Brotli (the module `make nginx` installs) where the browser asks for it, gzip otherwise.
    expected = ["br" if "br" in encoding else "gzip" for encoding in encodings]
    assert [h.get("Content-Encoding") for h in crowd] == expected
    assert all("immutable" in h.get("Cache-Control", "") for h in crowd)
    assert [_get(f"{ours}?v=cache-test", ae)[0].get("X-Cache") for ae in encodings] == ["HIT"] * len(encodings)
    unversioned = [_get(ours)[0] for _ in range(2)]
    assert unversioned[1].get("Cache-Control", "") == "no-cache", "an unversioned URL may change: never kept"
    assert unversioned[1].get("X-Cache") != "HIT"

    _, health = _get(f"{_url(stack)}/_stcore/health")
    assert health == b"ok"


def _text(headers: Message, body: bytes) -> str:
    return (gzip.decompress(body) if headers.get("Content-Encoding") == "gzip" else body).decode("utf-8")


def test_the_static_edition_is_served_beside_the_app(
    stack: dict[str, object], page: Page, resolved: ResolvedStory
) -> None:
    """`make serve` builds the static edition and nginx serves it under <base>/read/; the app's Embed
    page offers its scroll-driven snippet first."""
    read = f"{_url(stack)}/read/"
    assert stack["static_url"] == read
    headers, body = _get(read)
    assert headers.get("Content-Encoding") == "gzip" and headers.get("Cache-Control") == "no-cache"
    assert resolved.meta.title in _text(headers, body)
    headers, body = _get(f"{read}embed.js")
    assert "javascript" in str(headers.get("Content-Type")) and "storymap-embed" in _text(headers, body)
    document = json.loads(_text(*_get(f"{read}oembed.json")))
    assert document["provider_url"] == read and document["type"] == "rich"
    page.goto(f"{_url(stack)}/embed")
    # The first snippet on the page, once its text has arrived (a label can show before its code).
    page.wait_for_function(
        "start => document.querySelector('code')?.textContent.startsWith(start)",
        arg=f'<div class="storymap-embed" data-src="{read}?section={resolved.sections[0].id}"',
        timeout=TIMEOUT_MS,
    )


def test_every_answer_carries_its_documents_security_headers(stack: dict[str, object]) -> None:
    """nginx gives a location the server's add_header lines only if it has none of its own: each
    kind of answer is asked for, an error too (`always`), with HSTS (asked for) on each; the plain
    HTTP redirect carries the app's headers but not HSTS, which browsers ignore there."""
    app, read = _url(stack), f"{_url(stack)}/read"
    page = _text(*_get(f"{app}/"))
    script = re.search(r'src="\./(static/js/[^"]+\.js)"', page)
    font = re.search(r'href="\./(static/media/SourceSans[^"]+\.woff2)"', page)
    assert script and font, "Streamlit's page names its script and preloads its font"
    expected: dict[str, Policy] = {
        f"{app}/": app_policy(str(stack["static_url"])),
        f"{app}/_stcore/health": app_policy(str(stack["static_url"])),
        f"{app}/{script.group(1)}": app_policy(str(stack["static_url"])),
        f"{app}/{font.group(1)}": app_policy(str(stack["static_url"])),
        f"{app}/static/js/no-such-chunk.js": app_policy(str(stack["static_url"])),
        f"{app}/app/static/storymap/map.js?v=headers-test": app_policy(str(stack["static_url"])),
        f"{app}/component/streamlit_folium.st_folium/index.html": MAP_FRAME_POLICY,
        f"https://127.0.0.1:{stack['port']}{map_component_script(BASE_PATH)}": MAP_FRAME_POLICY,
        f"{read}/": SITE_POLICY,
        f"{read}/map.html": SITE_POLICY,
        f"{read}/no-such-page.html": SITE_POLICY,
    }
    for url, policy in expected.items():
        headers, _ = _get(url)
        wanted = security_headers(policy) | HSTS
        assert {name: headers.get(name) for name in wanted} == wanted, url
        assert headers.get("X-Frame-Options") is None, f"{url}: newsrooms frame the story"
    redirect = _redirect_from_http(stack, "/?section=x")
    wanted = security_headers(app_policy(str(stack["static_url"])))
    assert {name: redirect.get(name) for name in wanted} == wanted
    assert redirect.get("Strict-Transport-Security") is None


def _redirect_from_http(stack: dict[str, object], path: str) -> Message:
    """The answer of the plain-HTTP port to `path` below the base path, not followed."""
    connection = http.client.HTTPConnection("127.0.0.1", int(str(stack["http_port"])), timeout=10)
    connection.request("GET", f"{BASE_PATH}{path}")
    response = connection.getresponse()
    assert response.status == 301
    connection.close()
    return response.headers


# Every Content-Security-Policy violation in a page and in each of its frames (srcdoc ones too), told
# to the test as it happens. On the window, capturing: a violation is aimed at an element, the
# document, or the window itself (an eval).
_REPORT_VIOLATIONS = """
window.addEventListener("securitypolicyviolation", (e) => window.reportViolation(
  `${location.href}: ${e.effectiveDirective} refused ${e.blockedURI || "?"} (${e.sourceFile}:${e.lineNumber})`
), true);
"""


def _watch_policies(page: Page) -> list[str]:
    """Start recording the violations of every page and frame of `page`'s context."""
    seen: list[str] = []
    page.context.expose_binding("reportViolation", lambda _source, text: seen.append(text))
    page.context.add_init_script(_REPORT_VIOLATIONS)
    return seen


def _walk(reader: Reader, resolved: ResolvedStory) -> None:
    """Step through the whole story by key; the map's own container must name each section."""
    reader.wait_for_section(resolved.sections[0].id)
    for section in resolved.sections[1:]:
        reader.page.keyboard.press("ArrowRight")
        reader.wait_for_section(section.id)


def _frame_holding(page: Page, selector: str, url: str = "") -> Frame:
    """The first frame of the page, at any depth, whose address starts with `url` and which holds
    `selector`."""
    for _ in range(TIMEOUT_MS // 100):
        for frame in page.frames:
            try:
                if frame.url.startswith(url) and frame.locator(selector).count():
                    return frame
            except Error:  # the frame went away meanwhile
                continue
        page.wait_for_timeout(100)
    raise AssertionError(f"no frame at {url or 'any address'} holds {selector}")


# Every icon Streamlit draws with its icon font, and what it spells: an icon is one glyph about as
# wide as its font is tall; a name the cut font lacks is drawn as its letters, several times wider.
# (Of the pages walked, About shows one: its expander's arrow.)
_ICONS = """
() => [...document.querySelectorAll('span, i, div')]
  .filter((e) => e.childElementCount === 0 && e.textContent.trim()
          && getComputedStyle(e).fontFamily.includes('Material Symbols') && e.getBoundingClientRect().width > 0)
  .map((e) => {
    const text = document.createRange();  // the text's own width: the icon's box may clip it
    text.selectNodeContents(e);
    return [e.textContent.trim(), text.getBoundingClientRect().width <= 1.5 * parseFloat(getComputedStyle(e).fontSize)];
  })
"""


def _icons(page: Page) -> dict[str, bool]:
    """Each icon the page shows, once its fonts are in: whether it is drawn as an icon."""
    page.wait_for_function("() => document.fonts.status === 'loaded'", timeout=TIMEOUT_MS)
    return dict(page.evaluate(_ICONS))


def test_the_app_runs_under_its_security_policies(
    page: Page, stack: dict[str, object], resolved: ResolvedStory
) -> None:
    """The whole story through the proxy, then the pages whose maps need more than the story's:
    a place's highlight layer (Places), the control maps (Timeline), the static edition's snippet in
    a preview (Embed). No policy refuses anything, in the page or any frame; and the icon font cut
    for the first view draws every icon these pages show."""
    violations = _watch_policies(page)
    _walk(Reader(page, _url(stack)).open(), resolved)
    icons = _icons(page)
    for path, shown, framed in [
        ("places", "path[data-role]", ""),
        ("timeline", "[data-control]", ""),
        ("embed", ".map-status", str(stack["static_url"])),
        ("classroom", ".map-status", ""),
        ("about", "h1", ""),
    ]:
        page.goto(f"{_url(stack)}/{path}")
        _frame_holding(page, shown, framed)
        icons |= _icons(page)
    assert violations == []
    assert icons and all(icons.values()), f"icons drawn as letters, which the cut font lacks: {icons}"


def test_the_static_edition_runs_under_its_stricter_policy_on_its_own_and_in_an_article(
    page: Page, stack: dict[str, object], resolved: ResolvedStory, tmp_path: Path
) -> None:
    """The static edition through the proxy (no inline script, no eval); then an article on another
    origin embedding it with embed.js, and the live app in a plain iframe (`embed=true`)."""
    violations = _watch_policies(page)
    read, first = str(stack["static_url"]), resolved.sections[0]
    _walk(Reader(page, read.rstrip("/"), map_page="map.html").open(), resolved)
    snippet = host_snippet(read, first, resolved.meta.title)
    app = embed_url(_url(stack), first.id, "light")
    (tmp_path / "article.html").write_text(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>An article</title></head><body>'
        f'<h1>An article</h1>{snippet}<iframe src="{app}" title="The live app" width="900" height="600"></iframe>'
        "</body></html>\n",
        encoding="utf-8",
    )
    with serve_folder(tmp_path) as article:
        page.goto(f"{article}/article.html")
        for framed, its_map in [(read, f"{read}map.html"), (f"{_url(stack)}/?embed=true", f"{_url(stack)}/component/")]:
            _frame_holding(page, f'.map-status[data-section="{first.id}"]', framed)
            _frame_holding(page, f'.leaflet-container[data-section="{first.id}"]', its_map)
    assert violations == []


def test_https_with_http2_a_redirect_and_the_maps_files_named_ahead(
    page: Page, stack: dict[str, object], resolved: ResolvedStory
) -> None:
    """The certificate is served and HTTP/2 chosen (ALPN); a reader's browser gets every answer over
    HTTP/2 and every script in brotli; plain HTTP sends a deep link to the same address over HTTPS;
    the story page's answer names what its map needs, every one of those is what the map then
    uses, and the browser finds each in its cache."""
    context = ssl.create_default_context(cafile=str(stack["cert"]))
    context.set_alpn_protocols(["h2", "http/1.1"])
    address = ("127.0.0.1", int(str(stack["port"])))
    with (
        socket.create_connection(address, timeout=10) as raw,
        context.wrap_socket(raw, server_hostname=address[0]) as tls,
    ):
        assert tls.selected_alpn_protocol() == "h2"

    deep = f"/?section={resolved.sections[4].id}"
    assert _redirect_from_http(stack, deep).get("Location") == f"{_url(stack)}{deep}"

    session = page.context.new_cdp_session(page)
    answers: list[dict[str, Any]] = []
    session.on("Network.responseReceived", lambda event: answers.append(event["response"]))
    session.send("Network.enable")
    reader = Reader(page, _url(stack)).open(deep[1:])
    reader.wait_for_section(resolved.sections[4].id)
    secure = [a for a in answers if a["url"].startswith("https:")]
    assert {a["protocol"] for a in secure} == {"h2"}
    scripts = [a for a in secure if a["mimeType"] == "application/javascript" and not a.get("fromDiskCache")]
    assert scripts and {a["headers"].get("content-encoding") for a in scripts} == {"br"}

    links = re.findall(r"<([^>]+)>", str(_get(f"{_url(stack)}/")[0].get("Link")))
    assert len(links) == 9 and _get(f"{_url(stack)}/places")[0].get("Link") is None, "the story page only"
    used = {urllib.parse.urlsplit(a["url"])._replace(scheme="", netloc="").geturl() for a in secure}
    assert set(links) <= used, f"named but never used: {set(links) - used}"


def test_proxy_sends_brotli_to_browsers_that_ask(stack: dict[str, object]) -> None:
    """Debian's brotli module (installed by `make nginx`), for the app's files and the static
    edition's shapes alike; gzip for the rest."""
    for path in ("/app/static/storymap/map.js?v=brotli-test", "/read/"):
        request = urllib.request.Request(f"{_url(stack)}{path}", headers={"Accept-Encoding": "br, gzip"})
        with urllib.request.urlopen(request, timeout=10, context=_UNCHECKED) as response:
            assert response.headers.get("Content-Encoding") == "br", path
        assert _get(f"{_url(stack)}{path}")[0].get("Content-Encoding") == "gzip", path


def test_the_studio_is_for_authors_only(open_page: Callable[..., Page], page: Page, stack: dict[str, object]) -> None:
    """Readers' replicas have the Studio off; the Studio's own process answers only with a password
    from the file, and runs under the app's security policy there."""
    studio = f"{_url(stack)}{AUTHOR_PATH}/studio"
    for credentials in (None, (AUTHOR, "wrong")):
        request = urllib.request.Request(studio)
        if credentials:
            request.add_header("Authorization", "Basic " + base64.b64encode(":".join(credentials).encode()).decode())
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10, context=_UNCHECKED)
        assert refused.value.code == 401
    page.goto(f"{_url(stack)}/studio")
    page.get_by_text("off on this server").wait_for(timeout=TIMEOUT_MS)
    author = open_page(http_credentials={"username": AUTHOR, "password": AUTHOR_PASSWORD})
    violations = _watch_policies(author)
    author.goto(studio)
    author.get_by_label("The article's text").fill("Farmers in Georgia and Armenia share a river.\n\nA second line.")
    author.get_by_role("button", name="Draft the story").click()
    author.get_by_text("to decide before publishing").wait_for(timeout=TIMEOUT_MS)
    author.wait_for_function(  # the passage's map, an image from the app's own address
        "() => [...document.querySelectorAll('img')].some(i => i.complete && i.naturalWidth > 0)", timeout=TIMEOUT_MS
    )
    assert violations == []
    assert all(_icons(author).values()), "the Studio's icons, from the cut font"


def test_students_on_every_replica_follow_the_teacher(
    open_page: Callable[..., Page], stack: dict[str, object], resolved: ResolvedStory
) -> None:
    """One teacher through nginx; students on each replica directly (so the class must travel
    through Redis); every step reaches every student; one who looked around comes back; the count
    is right; an ended class and an unknown code say so."""
    sections = resolved.sections
    teacher = Reader(open_page(bypass_csp=True), _url(stack)).open("classroom")  # axe is injected below
    teacher.page.get_by_role("button", name="Start a class: students follow on their own devices").click()
    heading = teacher.page.get_by_text("Class code:").first
    heading.wait_for(timeout=TIMEOUT_MS)
    code = heading.inner_text().split(": ")[1].strip()
    replicas = [int(port) for port in stack["replica_ports"]]  # type: ignore[attr-defined]
    students = [
        Reader(open_page(viewport={"width": 390, "height": 844}), f"http://127.0.0.1:{port}{BASE_PATH}")
        for port in [*replicas, replicas[0]]
    ]
    for student in students:
        student.open(f"classroom?class={code}").wait_for_section(sections[0].id)
    teacher.page.get_by_text(f"{len(students)} devices following").wait_for(timeout=TIMEOUT_MS)
    assert_accessible(teacher.page, "a class's code, link and QR code")
    assert_accessible(students[1].page, "a student following")
    for index in (1, 2, 3):
        teacher.page.keyboard.press("ArrowRight")
        teacher.wait_for_section(sections[index].id)
        for student in students:
            student.wait_for_section(sections[index].id)
    wanderer = students[0]
    wanderer.page.keyboard.press("Home")  # looks around: the first section
    wanderer.wait_for_section(sections[0].id)
    wanderer.page.get_by_role("button", name="Back to the teacher").click()
    wanderer.wait_for_section(sections[3].id)
    wanderer.page.keyboard.press("End")
    wanderer.wait_for_section(sections[-1].id)
    teacher.page.keyboard.press("ArrowRight")  # the next step brings everyone back
    for student in students:
        student.wait_for_section(sections[4].id)
    teacher.page.get_by_role("button", name="End the class").click()
    students[1].page.get_by_text("The class has ended").wait_for(timeout=TIMEOUT_MS)
    stranger = open_page()
    stranger.goto(f"{_url(stack)}/classroom?class=ZZZZZZ")
    stranger.get_by_text("No class is running under this code").wait_for(timeout=TIMEOUT_MS)


@pytest.mark.parametrize(
    "size", [{"width": 390, "height": 844}, {"width": 1366, "height": 850}], ids=["phone", "desktop"]
)
def test_what_the_proxy_changes_on_the_way_changes_nothing_a_reader_sees(
    open_page: Callable[..., Page], stack: dict[str, object], resolved: ResolvedStory, size: dict[str, int]
) -> None:
    """Through nginx, Streamlit's fonts are cut to a first view and every file comes compressed
    ahead; from a replica directly, they are Streamlit's own. Every section looks the same: pixel
    for pixel but for anti-aliasing (the cut draws the tops of 'ff' and 'fl' a shade differently:
    the outlines are the same, but the rasteriser reads the whole glyph set), and differing
    screenshots are left in artifacts/screenshots/ to compare."""
    replica = f"http://127.0.0.1:{next(iter(stack['replica_ports']))}{BASE_PATH}"  # type: ignore[call-overload]
    shots = {
        origin: section_shots(open_page(viewport=size, reduced_motion="reduce"), url, resolved)
        for origin, url in (("proxy", _url(stack)), ("replica", replica))
    }
    differing = []
    for section, proxied in shots["proxy"].items():
        if not unseen_difference(proxied, shots["replica"][section]):
            differing.append(section)
            for origin, taken in shots.items():
                (SCREENSHOTS / f"DIFFERS-{size['width']}-{section}-{origin}.png").write_bytes(taken[section])
    assert differing == []
