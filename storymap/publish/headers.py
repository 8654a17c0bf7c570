"""The security headers the story is served with: one source for the production proxy
(deploy/stack.py fills deploy/nginx.conf.template with them), the static edition's `_headers` file
(site.py) and the nginx lines in docs/static-edition.md.

Three documents, three Content-Security-Policies, each as strict as what runs in it allows (every
source below was found by walking the story in Chromium with `default-src 'none'` and reading the
violations; tests/e2e/test_deploy.py walks it again and fails on any):

- the app's pages (Streamlit's page and the `srcdoc` frames it makes, which inherit its policy);
- the map's frame in the app (streamlit-folium's component page), which runs folium's script inline
  and `eval`s each highlight layer: it gets those two allowances and nothing else;
- the static edition, which runs no inline script and no `eval` at all.

All three may be framed by any page (`frame-ancestors *`): newsrooms embed the story in articles.
"""

from __future__ import annotations

import base64
import hashlib
import re
from importlib.util import find_spec
from pathlib import Path
from urllib.parse import urlsplit

Policy = dict[str, list[str]]
Headers = dict[str, str]

# Every document: no <base>, no form posts, and embeddable by any page.
_EVERY_DOCUMENT: Policy = {"base-uri": ["'none'"], "form-action": ["'none'"], "frame-ancestors": ["*"]}

SITE_POLICY: Policy = {
    "default-src": ["'none'"],
    "script-src": ["'self'"],
    # The legend's swatches carry the palette as style attributes; folium writes <style> blocks.
    "style-src": ["'self'", "'unsafe-inline'"],
    # The pages' favicon is an empty data: URL, so browsers ask for no /favicon.ico.
    "img-src": ["'self'", "data:"],
    # Steps, place notes and shapes.
    "connect-src": ["'self'"],
    # The map's frame, map.html.
    "frame-src": ["'self'"],
    **_EVERY_DOCUMENT,
}

MAP_FRAME_POLICY: Policy = {
    "default-src": ["'none'"],
    # streamlit-folium runs folium's map script as an inline <script> and evals highlight layers.
    "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'"],
    "connect-src": ["'self'"],
    **_EVERY_DOCUMENT,
}

# Features the story never uses, refused for its documents and every frame in them.
PERMISSIONS = (
    "accelerometer",
    "browsing-topics",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "hid",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "serial",
    "usb",
)

HEADERS_FILE = "_headers"
# A <script> element with its code inline (no src), its code as group 1.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.DOTALL)


def app_policy(static_url: str = "") -> Policy:
    """The app's pages. `static_url` is where the static edition lives: the Embed page's preview
    runs its embed.js and frames it, so another origin is allowed for those two."""
    elsewhere = [origin for origin in [_origin(static_url)] if origin]
    return {
        "default-src": ["'none'"],
        # Streamlit's page has inline scripts (allowed by hash only); long.js in its bundle tries a
        # tiny WebAssembly module on every page (and falls back, but each page would report the
        # refusal); a v2 component (our reader) is imported from a blob: URL.
        "script-src": ["'self'", *_streamlit_inline_hashes(), "'wasm-unsafe-eval'", "blob:", *elsewhere],
        # Streamlit's CSS-in-JS adds <style> elements; passages and legends carry style attributes.
        "style-src": ["'self'", "'unsafe-inline'"],
        # Streamlit loads some of its fonts from data: URLs.
        "font-src": ["'self'", "data:"],
        "img-src": ["'self'"],
        # The websocket (same-origin ws: is 'self' in CSP level 3; Safari before 16 refuses it) and the steps file.
        "connect-src": ["'self'"],
        # The map's frame; the Embed page's previews.
        "frame-src": ["'self'", *elsewhere],
        **_EVERY_DOCUMENT,
    }


def studio_policy(static_url: str = "") -> Policy:
    """The Studio's pages (behind a password, for authors): the app's policy, and images from
    data: URLs, which Streamlit's table editor draws its icons with."""
    policy = app_policy(static_url)
    return {**policy, "img-src": [*policy["img-src"], "data:"]}


def security_headers(policy: Policy) -> Headers:
    """Every header a document of ours is served with, under `policy`."""
    return {
        "Content-Security-Policy": "; ".join(" ".join([name, *sources]) for name, sources in policy.items()),
        # A file runs as script or style only if it is served as one.
        "X-Content-Type-Options": "nosniff",
        # Links to the sources do not tell them which story or section the reader came from.
        "Referrer-Policy": "same-origin",
        "Permissions-Policy": ", ".join(f"{feature}=()" for feature in PERMISSIONS),
    }


def nginx_lines(headers: Headers, indent: str = "") -> str:
    """`add_header` lines; `always`, so error pages carry them too."""
    return "\n".join(f'{indent}add_header {name} "{value}" always;' for name, value in headers.items())


def headers_file(headers: Headers) -> str:
    """The `_headers` file Netlify and Cloudflare Pages read: these headers on every path."""
    return "/*\n" + "".join(f"  {name}: {value}\n" for name, value in headers.items())


def _origin(url: str) -> str:
    """'https://host:port' of a URL, or '' for a relative one."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def _streamlit_inline_hashes() -> list[str]:
    """The CSP hash of each inline script in the installed Streamlit's page (read, not imported:
    this layer never imports Streamlit), so a Streamlit upgrade brings its own."""
    spec = find_spec("streamlit")
    if spec is None or spec.origin is None:
        raise RuntimeError("Streamlit is not installed; the app's policy names its page's scripts")
    page = (Path(spec.origin).parent / "static" / "index.html").read_text(encoding="utf-8")
    return [_sha256(script) for script in INLINE_SCRIPT.findall(page)]


def _sha256(text: str) -> str:
    """A CSP source allowing exactly this inline script."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"
