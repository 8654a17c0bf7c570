"""The security headers: one source (storymap/publish/headers.py) for the production proxy's
configuration and the nginx lines in docs/static-edition.md, each document kind under its own
policy. (The static edition's `_headers` file: tests/test_site.py. Whether the policies let the
story run, in a browser, through the proxy: tests/e2e/test_deploy.py.)"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from importlib.util import find_spec
from pathlib import Path

import pytest

from deploy.stack import HSTS, Tls, nginx_conf
from storymap.publish.frontend import SOURCES, Frontend
from storymap.publish.headers import (
    MAP_FRAME_POLICY,
    SITE_POLICY,
    Headers,
    app_policy,
    nginx_lines,
    security_headers,
)

ROOT = Path(__file__).resolve().parent.parent
READ = "http://127.0.0.1:8080/story/read/"


_LOCATION = re.compile(r"\n        location (?:= )?(\S+) \{(.*?)\}\n", re.DOTALL)


def _locations(conf: str) -> dict[str, str]:
    """Each location block of the server, by its path, and the server's own lines as ''."""
    server = conf[conf.index("    server {") :]
    return {"": _LOCATION.sub("\n", server), **dict(_LOCATION.findall(server))}


def _sent(block: str) -> Headers:
    return dict(re.findall(r'add_header (\S+) "([^"]*)" always;', block))


ICONS = "/static/media/MaterialSymbols-Rounded.test.woff2"


def _conf(run: Path, tls: Tls | None = None) -> str:
    frontend = Frontend(
        {prefix: run / "frontend" / str(i) for i, prefix in enumerate(SOURCES)}, {ICONS: run / "icons.woff2"}
    )
    return nginx_conf(8080, "/story", [8081, 8082], run, "127.0.0.1", READ, frontend, tls=tls)


@pytest.fixture(scope="module")
def locations(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return _locations(_conf(tmp_path_factory.mktemp("run")))


@pytest.mark.parametrize(
    ("location", "policy"),
    [
        pytest.param("", app_policy(READ), id="server"),
        pytest.param("/story/", app_policy(READ), id="app-pages"),
        pytest.param("/story/static/", app_policy(READ), id="streamlit-files"),
        pytest.param(f"/story{ICONS}", app_policy(READ), id="streamlit-cut-fonts"),
        pytest.param("/story/component/streamlit_folium.st_folium/static/", MAP_FRAME_POLICY, id="map-frame-files"),
        pytest.param("/story/app/static/", app_policy(READ), id="our-files"),
        pytest.param("/story/component/", MAP_FRAME_POLICY, id="map-frame"),
        pytest.param("/story/read/", SITE_POLICY, id="static-edition"),
    ],
)
def test_each_location_sends_its_documents_headers(locations: dict[str, str], location: str, policy: dict) -> None:
    assert _sent(locations[location]) == security_headers(policy)


def test_hsts_only_over_https_and_only_when_asked(tmp_path: Path) -> None:
    """Strict-Transport-Security binds the whole host name for a year: only with --hsts, in every
    location of the HTTPS server, and never on the plain-HTTP redirect (RFC 6797 forbids it)."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    plain, https, strict = (
        _conf(tmp_path),
        _conf(tmp_path, Tls(cert, key, http_port=8079)),
        _conf(tmp_path, Tls(cert, key, http_port=8079, hsts=True)),
    )
    assert "Strict-Transport-Security" not in plain + https
    assert "listen 127.0.0.1:8080 ssl http2;" in strict and "listen 127.0.0.1:8080;" in plain
    redirect, server = strict.split("    server {")[1:3]
    assert "return 301 https://$host:8080$request_uri;" in redirect
    assert "Strict-Transport-Security" not in redirect and _sent(redirect) == security_headers(app_policy(READ))
    blocks = _locations("    server {" + server)
    assert all(
        _sent(block).get("Strict-Transport-Security") == HSTS["Strict-Transport-Security"]
        for path, block in blocks.items()
        if "add_header" in block or not path
    ), "every location"


def test_only_the_story_pages_answer_names_its_maps_files(tmp_path: Path) -> None:
    frontend = Frontend({prefix: tmp_path / str(i) for i, prefix in enumerate(SOURCES)}, {})
    conf = nginx_conf(8080, "/story", [8081], tmp_path, "127.0.0.1", READ, frontend, preloads="</x.js>; rel=preload")
    assert 'map $uri $first_view_preloads { "/story/" "</x.js>; rel=preload"; default ""; }' in conf
    linked = [path for path, block in _locations(conf).items() if "$first_view_preloads" in block]
    assert linked == ["/story/"]


def test_a_location_without_add_header_inherits_the_servers(locations: dict[str, str]) -> None:
    """nginx gives a location the server's add_header lines only if it has none of its own."""
    inheriting = [path for path, block in locations.items() if path and "add_header" not in block]
    assert inheriting == ["/", "/story/_stcore/stream"]
    assert _sent(locations[""]) == security_headers(app_policy(READ))


def test_no_header_forbids_embedding() -> None:
    for policy in (app_policy(READ), MAP_FRAME_POLICY, SITE_POLICY):
        assert policy["frame-ancestors"] == ["*"], "newsrooms embed the story in articles on any origin"
    assert "X-Frame-Options" not in security_headers(SITE_POLICY)


def test_the_static_edition_elsewhere_may_be_framed_and_scripted_by_the_embed_page() -> None:
    policy = app_policy("https://cdn.example/story/read/")
    elsewhere = "https://cdn.example"
    assert {name for name, sources in policy.items() if elsewhere in sources} == {"script-src", "frame-src"}
    assert app_policy("") == {name: [s for s in sources if s != elsewhere] for name, sources in policy.items()}


class _InlineScripts(HTMLParser):
    """The code of each <script> without src, read the way a browser's parser reads it."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self._open = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open = tag == "script" and "src" not in dict(attrs)
        if self._open:
            self.scripts.append("")

    def handle_data(self, data: str) -> None:
        if self._open:
            self.scripts[-1] += data

    def handle_endtag(self, tag: str) -> None:
        self._open = False


def test_the_app_allows_exactly_streamlits_inline_scripts() -> None:
    spec = find_spec("streamlit")
    assert spec and spec.origin
    parser = _InlineScripts()
    parser.feed((Path(spec.origin).parent / "static" / "index.html").read_text(encoding="utf-8"))
    assert parser.scripts, "Streamlit's page has inline scripts"
    digests = [base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() for script in parser.scripts]
    hashes = [source for source in app_policy()["script-src"] if source.startswith("'sha256-")]
    assert hashes == [f"'sha256-{digest}'" for digest in digests]


def test_the_docs_give_the_static_editions_nginx_lines() -> None:
    page = (ROOT / "docs" / "static-edition.md").read_text(encoding="utf-8")
    for line in nginx_lines(security_headers(SITE_POLICY)).splitlines():
        assert line in page, f"docs/static-edition.md lacks: {line}"
