"""The static edition served as a CDN serves it, for benches that open it without the production set.

`static_edition()` builds it into a temporary folder and serves it on a free loopback port,
gzipping what a CDN would gzip.
"""

from __future__ import annotations

import gzip
import http.server
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from storymap.model.project import load_geodata, load_project
from storymap.publish.site import build_site

ROOT = Path(__file__).resolve().parent.parent
COMPRESSIBLE = ("text/", "application/json", "application/javascript", "image/svg+xml", "application/geo+json")


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder, gzipping compressible files for clients that accept it, as a CDN does."""

    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".geojson": "application/geo+json",
        ".js": "application/javascript",
    }

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        kind = self.guess_type(str(path))
        if (
            not path.is_file()
            or "gzip" not in self.headers.get("Accept-Encoding", "")
            or not kind.startswith(COMPRESSIBLE)
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


@contextmanager
def static_edition() -> Iterator[str]:
    """Build the static edition and serve it on a free loopback port."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        build_site(out, load_project(ROOT / "story", load_geodata(ROOT / "geodata")))

        def handler(*args: object) -> _GzipHandler:
            return _GzipHandler(*args, directory=str(out))  # type: ignore[arg-type]

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}"
        finally:
            server.shutdown()
