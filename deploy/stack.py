"""The production set on one machine: N app replicas behind nginx, started and stopped together.

    python deploy/stack.py run   [--port 8080] [--replicas 2] [--base-path /story] [--listen ADDR] [--public-url URL]
                                 [--tls-cert FILE --tls-key FILE [--http-port 80] [--hsts]]
    python deploy/stack.py start [same options]    python deploy/stack.py stop    ... status

Every replica runs with deploy/production.env and listens on loopback only; nginx (Debian's
package) is the one door (on loopback too, unless --listen says otherwise). Ctrl-C or SIGTERM
stops `run` and everything it started. `run` also watches the replicas' health checks and restarts a
replica that dies; `start` leaves that to whoever calls it (the tests kill replicas on purpose).

`start` also builds the static edition into the run folder, and nginx serves it beside the app
under <base>/read/ (with its embed.js, its share pages and oEmbed); the app's Embed page then
offers its scroll-driven snippet.

Given a certificate and its key, nginx answers over HTTPS (HTTP/2 where the browser offers it, and
brotli, which browsers ask for only over HTTPS); plain HTTP on --http-port then only redirects there,
and --hsts adds Strict-Transport-Security (it binds the whole host name, so only when asked).
"""

from __future__ import annotations

import argparse
import base64
import getpass
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.request
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from storymap.publish.frontend import MAP_FILES, STREAMLIT_FILES, Frontend
from storymap.publish.frontend import build as build_frontend
from storymap.publish.headers import (
    MAP_FRAME_POLICY,
    SITE_POLICY,
    Headers,
    app_policy,
    nginx_lines,
    security_headers,
    studio_policy,
)

DEPLOY = Path(__file__).resolve().parent
ROOT = DEPLOY.parent

TEMPLATE = DEPLOY / "nginx.conf.template"
PRODUCTION_ENV = DEPLOY / "production.env"
STATE_FILE = "stack.json"
# Streamlit's and streamlit-folium's frontends as nginx serves them, built once per version.
FRONTEND_CACHE = ROOT / "run" / "frontend"
REDIS_FILE = "redis.json"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
REDIS = shutil.which("redis-server") or "/usr/bin/redis-server"
HEALTH_TIMEOUT_S = 60.0
# Where nginx serves the static edition, below the base path.
READ_PATH = "/read/"
# The story's app; `--app` serves another script the same way (the bench's bare page).
DEFAULT_APP = "app.py"
# Where the Studio's own app process answers, below the base path, behind basic auth.
AUTHOR_PATH = "/author"


@dataclass(frozen=True)
class Stack:
    """What `start` started, kept in the run folder so `stop` and `status` can find it."""

    port: int
    base_path: str
    replica_ports: list[int]
    replica_pids: list[int]
    nginx_pid: int
    run_dir: str
    static_url: str
    author_port: int = 0  # the Studio's process, where a password file turns it on
    author_pid: int = 0
    redis_port: int = 0  # where the replicas keep the classes that follow a teacher
    redis_pid: int = 0
    scheme: str = "http"  # https with a certificate
    http_port: int = 0  # where plain HTTP redirects to HTTPS, if anywhere
    app: str = DEFAULT_APP  # the script every app process runs

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}{self.base_path}/"


@dataclass(frozen=True)
class Tls:
    """HTTPS for the set: the certificate chain and key nginx reads, where plain HTTP redirects from
    (None: nowhere), and whether to send Strict-Transport-Security."""

    cert: Path
    key: Path
    http_port: int | None = None  # 0: any free port
    hsts: bool = False

    def check(self) -> None:
        """Refuse, in one sentence, a pair that nginx could not read."""
        for kind, path in (("certificate", self.cert), ("key", self.key)):
            if not path.is_file():
                raise SystemExit(f"{path.name}: no such {kind} file")


# One year: what browsers' preload lists ask for; sent only with --hsts.
HSTS = {"Strict-Transport-Security": "max-age=31536000"}
TLS_LINES = """        ssl_certificate @CERT@;
        ssl_certificate_key @KEY@;
        ssl_protocols TLSv1.2 TLSv1.3;
        ssl_session_cache shared:tls:10m;
        ssl_session_timeout 1d;"""


def free_port_run(count: int) -> int:
    """A port such that it and the `count - 1` after it are free (for `--port 0`)."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            first = int(probe.getsockname()[1])
        if first + count < 65535 and all(_free(first + i) for i in range(count)):
            return first
    raise RuntimeError("no run of free ports")


def _free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def production_env() -> dict[str, str]:
    """The settings of deploy/production.env, as a dict."""
    pairs = (line.split("=", 1) for line in PRODUCTION_ENV.read_text().splitlines() if "=" in line)
    return {key.strip(): value.strip() for key, value in pairs if not key.lstrip().startswith("#")}


def normal_base_path(raw: str) -> str:
    """'/story/', 'story' and '/story' all mean '/story'; '' and '/' mean the site's root."""
    stripped = raw.strip("/")
    return f"/{stripped}" if stripped else ""


def read_url(public_url: str, listen: str, port: int, base_path: str, scheme: str = "http") -> str:
    """Where readers reach the static edition: as given, or this set's own address."""
    if public_url:
        return f"{public_url.rstrip('/')}/"
    host = "127.0.0.1" if listen in ("0.0.0.0", "::") else listen
    return f"{scheme}://{host}:{port}{base_path}{READ_PATH}"


def app_sources(app: str) -> list[Path]:
    """The app's Python, where the icons it draws are named (storymap/publish/fonts.py)."""
    return [ROOT / "storymap", ROOT / "pages", ROOT / app]


def story_preloads(base_path: str, app: str) -> str:
    """The Link header naming what the story page's map needs, from the engine's own command; none
    for another script (the bench's bare page)."""
    if app != DEFAULT_APP:
        return ""
    command = [sys.executable, "-m", "storymap", "preloads", "--base-path", base_path]
    return subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True, timeout=300).stdout.strip()


def build_site(run_dir: Path, public_url: str) -> Path:
    """The static edition, built by the engine's own command into the run folder."""
    site = run_dir / "site"
    command = [sys.executable, "-m", "storymap", "site", str(site), "--public-url", public_url]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, timeout=300)
    return site


# Debian's brotli modules (packages libnginx-mod-http-brotli-filter and -static), used where installed.
MODULES = Path("/usr/lib/nginx/modules")
BROTLI_MODULES = (MODULES / "ngx_http_brotli_filter_module.so", MODULES / "ngx_http_brotli_static_module.so")
BROTLI = """    brotli on;
    brotli_comp_level 5;
    brotli_types text/plain text/css application/javascript text/javascript application/json
                 application/geo+json image/svg+xml font/ttf application/wasm;"""
# Files compressed ahead (storymap/publish/frontend.py): nginx sends file.br or file.gz as the browser asks.
STATIC_COMPRESSION = "            gzip_static on;"


def compression_modules(modules: tuple[Path, ...] = BROTLI_MODULES) -> tuple[str, str, str]:
    """The `load_module` lines, the http block's brotli lines and a location's lines for files
    compressed ahead; gzip only where the modules are not installed (nginx refuses directives of
    modules it has not loaded)."""
    missing = [module for module in modules if not module.exists()]
    if missing:
        return f"# no brotli: {missing[0]} is not installed", "    # no brotli modules: gzip only", STATIC_COMPRESSION
    loads = "\n".join(f"load_module {module};" for module in modules)
    return loads, BROTLI, f"{STATIC_COMPRESSION}\n            brotli_static on;"


def nginx_conf(
    port: int,
    base_path: str,
    replica_ports: list[int],
    run_dir: Path,
    listen: str,
    static_url: str,
    frontend: Frontend,
    author: tuple[int, Path] | None = None,
    tls: Tls | None = None,
    preloads: str = "",
) -> str:
    """The template filled for this set: its address and port, sub-path, replicas, run folder, the
    frontends nginx serves from disk, the Studio's process and password file (if any), HTTPS (if
    asked), and the security headers of the app's pages, its map's frame and the static edition."""
    modules, brotli, static_compression = compression_modules()
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;" for p in replica_ports)
    redirect = f"        location = / {{ return 302 {base_path}/; }}\n" if base_path else ""
    user = "user root;" if os.geteuid() == 0 else f"# running as {getpass.getuser()}"
    filled = TEMPLATE.read_text()
    for name, value in {
        "@USER@": user,
        "@MODULES@": modules,
        "@BROTLI@": brotli,
        "@STATIC_COMPRESSION@": static_compression,
        "@PRELOADS@": preloads,
        "@CUT_FONTS@": _cut_font_locations(frontend),
        "@STREAMLIT_FRONTEND@": str(frontend.folders[STREAMLIT_FILES]),
        "@FOLIUM_FRONTEND@": str(frontend.folders[MAP_FILES]),
        "@RUN@": str(run_dir),
        "@LISTEN@": listen,
        "@PORT@": str(port),
        "@SERVERS@": servers,
        "@ROOT_REDIRECT@": redirect,
        "@BASE@": base_path,
        "@READ@": READ_PATH,
        "@SITE@": str(run_dir / "site"),
        "@AUTHOR@": AUTHOR_PATH,
        "@AUTHOR_PORT@": str(author[0]) if author else "0",
        "@AUTHOR_USERS@": str(author[1].resolve()) if author else "",
        **_tls_names(port, tls),
    }.items():
        filled = filled.replace(name, value)
    if not author:  # no Studio: its block goes, and its path is the readers' app like any other
        filled = _drop_block(filled, "STUDIO")
    if not (tls and tls.http_port):  # no redirecting listener
        filled = _drop_block(filled, "TLS")
    transport = HSTS if tls and tls.hsts else {}
    for name, headers in {
        "@APP_HEADERS@": security_headers(app_policy(static_url)),
        "@STUDIO_HEADERS@": security_headers(studio_policy(static_url)),
        "@MAP_FRAME_HEADERS@": security_headers(MAP_FRAME_POLICY),
        "@SITE_HEADERS@": security_headers(SITE_POLICY),
    }.items():
        filled = _fill_lines(filled, name, headers | transport)
    # Browsers ignore Strict-Transport-Security over plain HTTP, and RFC 6797 forbids sending it there.
    return _fill_lines(filled, "@REDIRECT_HEADERS@", security_headers(app_policy(static_url)))


def _cut_font_locations(frontend: Frontend) -> str:
    """A location for each cut font, at Streamlit's URL, which browsers revalidate."""
    return "\n".join(
        f"        location = @BASE@{url} {{\n            alias {file};\n"
        '            add_header Cache-Control "no-cache";\n            @APP_HEADERS@\n        }'
        for url, file in frontend.cut_fonts.items()
    )


def _tls_names(port: int, tls: Tls | None) -> dict[str, str]:
    """The template's HTTPS names: the listener's flags, the certificate's lines, the redirect."""
    if tls is None:
        return {"@TLS_LISTEN@": "", "@TLS@": "        # plain HTTP", "@HTTP_PORT@": "0", "@HTTPS_PORT@": ""}
    lines = TLS_LINES.replace("@CERT@", str(tls.cert.resolve())).replace("@KEY@", str(tls.key.resolve()))
    return {
        "@TLS_LISTEN@": " ssl http2",
        "@TLS@": lines,
        "@HTTP_PORT@": str(tls.http_port),
        "@HTTPS_PORT@": "" if port == 443 else f":{port}",
    }


def _drop_block(text: str, name: str) -> str:
    """The template without its `# NAME BEGIN` … `# NAME END` lines and what lies between."""
    return re.sub(rf"^ *# {name} BEGIN.*?# {name} END\n", "", text, flags=re.MULTILINE | re.DOTALL)


def _fill_lines(text: str, name: str, headers: Headers) -> str:
    """Each line holding only `name` becomes the headers' add_header lines, indented as it was."""
    return re.sub(rf"^( *){name}$", lambda line: nginx_lines(headers, line.group(1)), text, flags=re.MULTILINE)


def healthy(url: str) -> bool:
    """Whether Streamlit's health check at `url` answers ok. Over HTTPS the certificate is not
    checked: the set asks itself on loopback, by address, which a certificate for a name never fits."""
    context = ssl._create_unverified_context() if url.startswith("https:") else None
    try:
        with urllib.request.urlopen(url, timeout=2, context=context) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def wait_until_healthy(url: str, process: subprocess.Popen[bytes] | None = None) -> None:
    """Wait for a health check to pass; fail fast if the process it belongs to died."""
    deadline = time.monotonic() + HEALTH_TIMEOUT_S
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{url}: the process exited with {process.returncode}; see the run folder's logs")
        if healthy(url):
            return
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {HEALTH_TIMEOUT_S:.0f} s")


def start_redis(port: int, run_dir: Path) -> subprocess.Popen[bytes]:
    """Debian's Redis on loopback, for the classes the replicas share; it keeps nothing on disk
    (a class lives a few hours at most) and answers only this machine."""
    command = [REDIS, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    command += ["--dir", str(run_dir), "--logfile", str(run_dir / "redis.log")]
    return subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def redis_answers(port: int) -> bool:
    """Whether Redis on `port` answers a PING."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def wait_until_redis(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + HEALTH_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"redis-server exited with {process.returncode}; see redis.log in the run folder")
        if redis_answers(port):
            return
        time.sleep(0.1)
    raise RuntimeError(f"redis-server did not answer on port {port}")


def start_replica(
    port: int,
    base_path: str,
    run_dir: Path,
    cookie_secret: str,
    static_url: str,
    author: bool = False,
    app: str = DEFAULT_APP,
) -> subprocess.Popen[bytes]:
    """One app process on loopback with the production settings; its output goes to a log. The
    author's process has the Studio on (readers' processes never do) and keeps its drafts in the
    run folder, unless STORYMAP_DRAFTS says where."""
    env = {**os.environ, **production_env(), "STREAMLIT_SERVER_COOKIE_SECRET": cookie_secret}
    env["STORYMAP_STATIC_URL"] = static_url
    env["STORYMAP_STUDIO"] = "on" if author else "off"
    env["STORYMAP_REDIS"] = f"redis://127.0.0.1:{json.loads((run_dir / REDIS_FILE).read_text())['port']}/0"
    if author:
        env.setdefault("STORYMAP_DRAFTS", str(run_dir / "drafts.sqlite3"))
        base_path = f"{base_path}{AUTHOR_PATH}"
    command = [sys.executable, "-m", "streamlit", "run", app, "--server.address", "127.0.0.1"]
    command += ["--server.port", str(port), "--server.baseUrlPath", base_path.strip("/")]
    log = (run_dir / f"replica-{port}.log").open("ab")
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True)


def start(
    port: int,
    replicas: int,
    base_path: str,
    run_dir: Path,
    listen: str = "127.0.0.1",
    public_url: str = "",
    studio_users: Path | None = None,
    tls: Tls | None = None,
    app: str = DEFAULT_APP,
) -> Stack:
    """Build the static edition, start the replicas (and, given a password file, the Studio's
    process), wait for their health checks, then nginx in front of them all."""
    run_dir = run_dir.resolve()
    if studio_users is not None and not studio_users.is_file():
        raise SystemExit(f"{studio_users.name}: no such password file; write one with `stack.py password`")
    if tls:
        tls.check()
    port = port or free_port_run(replicas + 4)
    if tls and tls.http_port == 0:  # --http-port 0: any free port, after the set's own run
        tls = replace(tls, http_port=port + replicas + 3 if _free(port + replicas + 3) else free_port_run(1))
    scheme = "https" if tls else "http"
    for sub in ("tmp", "cache"):
        (run_dir / sub).mkdir(parents=True, exist_ok=True)
    base_path = normal_base_path(base_path)
    static_url = read_url(public_url, listen, port, base_path, scheme)
    build_site(run_dir, static_url)
    frontend = build_frontend(app_sources(app), FRONTEND_CACHE)
    preloads = story_preloads(base_path, app)
    replica_ports = [port + 1 + i for i in range(replicas)]
    # Shared, so anything Streamlit signs (XSRF tokens) is valid on whichever replica gets it.
    cookie_secret = secrets.token_hex(32)
    author_port = port + 1 + replicas if studio_users else 0
    redis_port = port + 2 + replicas
    (run_dir / REDIS_FILE).write_text(json.dumps({"port": redis_port}))
    processes: list[subprocess.Popen[bytes]] = [start_redis(redis_port, run_dir)]
    try:
        wait_until_redis(redis_port, processes[0])
        processes += [start_replica(p, base_path, run_dir, cookie_secret, static_url, app=app) for p in replica_ports]
        for replica_port, process in zip(replica_ports, processes[1:], strict=True):
            wait_until_healthy(f"http://127.0.0.1:{replica_port}{base_path}/_stcore/health", process)
        if author_port:
            processes.append(start_replica(author_port, base_path, run_dir, cookie_secret, static_url, author=True))
            wait_until_healthy(f"http://127.0.0.1:{author_port}{base_path}{AUTHOR_PATH}/_stcore/health", processes[-1])
        author = (author_port, studio_users) if studio_users else None
        conf = run_dir / "nginx.conf"
        conf.write_text(
            nginx_conf(port, base_path, replica_ports, run_dir, listen, static_url, frontend, author, tls, preloads)
        )
        processes.append(
            subprocess.Popen(
                [NGINX, "-c", str(conf), "-p", str(run_dir), "-e", str(run_dir / "error.log"), "-g", "daemon off;"],
                start_new_session=True,
            )
        )
        wait_until_healthy(f"{scheme}://127.0.0.1:{port}{base_path}/_stcore/health", processes[-1])
    except BaseException:
        for process in processes:  # nothing is left running that `stop` could not find
            process.kill()
            process.wait()
        raise
    redis_process, *apps, nginx = processes
    author_pid = apps.pop().pid if author_port else 0
    stack = Stack(
        port,
        base_path,
        replica_ports,
        [p.pid for p in apps],
        nginx.pid,
        str(run_dir),
        static_url,
        author_port,
        author_pid,
        redis_port,
        redis_process.pid,
        scheme,
        (tls.http_port or 0) if tls else 0,
        app,
    )
    (run_dir / STATE_FILE).write_text(json.dumps(asdict(stack), indent=2))
    secret = os.open(run_dir / "cookie-secret", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.write(secret, cookie_secret.encode())
    os.close(secret)
    return stack


def load(run_dir: Path) -> Stack:
    """The set `start` recorded in `run_dir`."""
    return Stack(**json.loads((run_dir.resolve() / STATE_FILE).read_text()))


def _terminate(pid: int) -> None:
    """SIGTERM, then SIGKILL after 10 s. `run` stops its own children, which must be reaped (a
    zombie still answers signals); `stop` from another process can only poll for the pid."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    for _ in range(100):
        if not _alive(pid):
            return
        time.sleep(0.1)
    os.kill(pid, signal.SIGKILL)


def stop(run_dir: Path) -> None:
    """Stop nginx first (no new readers), then every replica."""
    stack = load(run_dir)
    for pid in [stack.nginx_pid, *stack.replica_pids, stack.author_pid, stack.redis_pid]:
        if pid:
            _terminate(pid)
    (run_dir.resolve() / STATE_FILE).unlink()


def status(run_dir: Path) -> dict[str, bool]:
    """The health check of nginx and of each replica."""
    stack = load(run_dir)
    checks = {"nginx": f"{stack.url}_stcore/health"}
    checks |= {f"replica {p}": f"http://127.0.0.1:{p}{stack.base_path}/_stcore/health" for p in stack.replica_ports}
    if stack.author_port:
        checks["studio"] = f"http://127.0.0.1:{stack.author_port}{stack.base_path}{AUTHOR_PATH}/_stcore/health"
    return {name: healthy(url) for name, url in checks.items()} | {"redis": redis_answers(stack.redis_port)}


def supervise(stack: Stack, every_s: float = 5.0) -> None:
    """Restart a replica whose process died, until interrupted; nginx skips it meanwhile. If nginx
    or Redis dies, stop everything and fail, so the service manager restarts the whole set."""
    while True:
        time.sleep(every_s)
        if not _alive(stack.nginx_pid) or not _alive(stack.redis_pid):
            stop(Path(stack.run_dir))
            raise SystemExit("nginx or Redis exited; stopped the set")
        stack = revive(stack)


def revive(stack: Stack) -> Stack:
    """Start again every app process of the set that died (replicas, the Studio's), wait until each
    answers, and record their pids so `stop` finds them."""
    run_dir = Path(stack.run_dir)
    secret = (run_dir / "cookie-secret").read_text()
    pids = list(stack.replica_pids)
    for index, (port, pid) in enumerate(zip(stack.replica_ports, pids, strict=True)):
        if not _alive(pid):
            print(f"replica {port} died; restarting", flush=True)
            process = start_replica(port, stack.base_path, run_dir, secret, stack.static_url, app=stack.app)
            wait_until_healthy(f"http://127.0.0.1:{port}{stack.base_path}/_stcore/health", process)
            pids[index] = process.pid
    author_pid = stack.author_pid
    if author_pid and not _alive(author_pid):
        print("the Studio's process died; restarting", flush=True)
        process = start_replica(stack.author_port, stack.base_path, run_dir, secret, stack.static_url, author=True)
        wait_until_healthy(
            f"http://127.0.0.1:{stack.author_port}{stack.base_path}{AUTHOR_PATH}/_stcore/health", process
        )
        author_pid = process.pid
    revived = Stack(**{**asdict(stack), "replica_pids": pids, "author_pid": author_pid})
    if revived != stack:
        (run_dir / STATE_FILE).write_text(json.dumps(asdict(revived), indent=2))
    return revived


def _alive(pid: int) -> bool:
    """Whether a process runs: reaped if it is our child, else probed (it belongs to another `run`)."""
    try:
        finished, _ = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        finished = 0
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
    return finished == 0


def add_user(users: Path, name: str, password: str) -> None:
    """Add (or replace) an author in nginx's password file, salted and hashed ({SSHA}, which nginx
    reads), so the file never holds a password."""
    if not re.fullmatch(r"[A-Za-z0-9._-]{1,64}", name) or not password:
        raise SystemExit("a user name is letters, digits, dot, dash or underscore; the password cannot be empty")
    salt = secrets.token_bytes(8)
    digest = base64.b64encode(hashlib.sha1(password.encode() + salt).digest() + salt).decode()
    kept = [
        line for line in (users.read_text().splitlines() if users.exists() else []) if not line.startswith(f"{name}:")
    ]
    users.write_text("\n".join([*kept, f"{name}:{{SSHA}}{digest}"]) + "\n")
    users.chmod(0o600)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["run", "start", "stop", "status", "revive", "password", "frontend"])
    parser.add_argument(
        "--port", type=int, default=int(os.environ.get("PORT", "8080")), help="nginx's port (0: any free one)"
    )
    parser.add_argument("--listen", default="127.0.0.1", help="nginx's address (0.0.0.0 in a container)")
    parser.add_argument("--replicas", type=int, default=2, help="app processes; about one per core")
    parser.add_argument("--base-path", default="", help="serve under a sub-path, e.g. /story")
    parser.add_argument("--run-dir", type=Path, default=ROOT / "run" / "stack", help="pids, logs, nginx.conf")
    parser.add_argument(
        "--public-url", default="", help=f"where readers reach the static edition (default: this set's {READ_PATH})"
    )
    parser.add_argument(
        "--studio-users", type=Path, help=f"nginx password file: serve the Studio under {AUTHOR_PATH}/ to its users"
    )
    parser.add_argument("--tls-cert", type=Path, help="certificate chain (PEM): serve HTTPS, with HTTP/2")
    parser.add_argument("--tls-key", type=Path, help="the certificate's private key (PEM)")
    parser.add_argument("--http-port", type=int, help="with TLS: plain HTTP here redirects to HTTPS (0: any free port)")
    parser.add_argument("--hsts", action="store_true", help="with TLS: send Strict-Transport-Security (one year)")
    parser.add_argument(
        "--app", default=DEFAULT_APP, help=f"the Streamlit script the replicas run (default {DEFAULT_APP})"
    )
    parser.add_argument("--user", help="`password`: the author to add to --studio-users (the password is asked)")
    args = parser.parse_args()
    if bool(args.tls_cert) != bool(args.tls_key) or (not args.tls_cert and (args.http_port is not None or args.hsts)):
        parser.error("HTTPS needs both --tls-cert and --tls-key; --http-port and --hsts need them too")
    tls = Tls(args.tls_cert, args.tls_key, args.http_port, args.hsts) if args.tls_cert else None
    if args.command == "password":
        if not (args.studio_users and args.user):
            parser.error("password needs --studio-users FILE and --user NAME")
        add_user(args.studio_users, args.user, getpass.getpass(f"password for {args.user}: "))
    elif args.command in ("run", "start"):
        signal.signal(signal.SIGTERM, _interrupt)  # a service manager's stop stops the whole set
        stack = start(
            args.port,
            args.replicas,
            args.base_path,
            args.run_dir,
            args.listen,
            args.public_url,
            studio_users=args.studio_users,
            tls=tls,
            app=args.app,
        )
        print(f"serving {stack.url} from {len(stack.replica_ports)} replicas, and {stack.static_url}", flush=True)
        if args.command == "run":
            try:
                supervise(stack)
            except KeyboardInterrupt:
                stop(args.run_dir)
    elif args.command == "stop":
        stop(args.run_dir)
    elif args.command == "frontend":  # what `start` builds when missing; ahead, for an image
        print(build_frontend(app_sources(args.app), FRONTEND_CACHE).folders[STREAMLIT_FILES].parent)
    elif args.command == "revive":  # what `run` does when an app process dies, for a set left by `start`
        revive(load(args.run_dir))
    else:
        for name, ok in status(args.run_dir).items():
            print(f"{name}: {'ok' if ok else 'DOWN'}")


if __name__ == "__main__":
    main()
