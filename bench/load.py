"""Many readers at once: a load test of the live app over Streamlit's websocket, no browser.

`python -m bench.load --start --readers 50 --burst 10 --burst-every 1` starts the app and lets
readers arrive ten a second. Each simulated reader opens a session (`/_stcore/stream`), runs the
story page with its query string (scroll mode, or `mode=step`), waits for the run to finish, then
steps through every section forward and back with a think time between steps, as a reader of the
op-ed does. A step is sent exactly as the browser sends it (bench/protocol.py: the reader
component's trigger value in a fragment rerun, with the other widgets' values), so the server does
the work a real step costs. `--record` shows the browser's own messages beside ours.

It prints, and with `--json` writes: steps per second, step latency (send to the run's
script_finished), first-page latency (connect to the first script_finished), errors by kind, and
the server's CPU and memory (`--pids`, or the process `--start` started). Exit status 1 if any
reader met an error.

The load generator runs on the same machine as the server: on 2 cores its own CPU (printed) is
taken from the server, so figures near saturation are pessimistic.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from urllib.parse import urljoin

import psutil
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake
from websockets.typing import Subprotocol

from bench.protocol import SUCCESS, PageState, describe, finish_name, first_run_message, record_browser, stream_url

MODES = ("scroll", "step", "mix")


@dataclass(frozen=True)
class Settings:
    """How the readers behave and arrive; one object so a reader needs one argument."""

    url: str
    readers: int
    burst: int
    burst_every: float
    mode: str
    step_share: float
    think: float
    jitter: float
    passes: int
    timeout: float
    max_duration: float
    seed: int


@dataclass
class Reader:
    """One reader's measurements: latencies in ms, errors by kind."""

    number: int
    mode: str
    first_page_ms: float | None = None
    step_ms: list[float] = field(default_factory=list)
    step_kb: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)


class ReaderError(Exception):
    """A failure that ends a reader; `kind` is what the error table counts."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind


# --- one reader ---------------------------------------------------------------------------------


class Session:
    """One websocket session: send a rerun, read the server's messages until that run finishes."""

    def __init__(self, socket: ClientConnection, timeout: float) -> None:
        self.socket = socket
        self.timeout = timeout
        self.page = PageState()
        self.received = 0

    async def run(self, payload: bytes) -> None:
        """Send one rerun and wait for its script_finished; a finish other than success, or an
        exception the server renders during the run, is an error."""
        exceptions_before = len(self.page.exceptions)
        await self.socket.send(payload)
        try:
            status = await asyncio.wait_for(self._finished(), self.timeout)
        except TimeoutError:
            raise ReaderError("timeout", f"no script_finished within {self.timeout:.0f} s") from None
        if len(self.page.exceptions) > exceptions_before:
            raise ReaderError("server exception", self.page.exceptions[-1])
        if status not in SUCCESS:
            raise ReaderError(f"finish {finish_name(status)}")

    async def _finished(self) -> int:
        """The status of the run our rerun started. The server names the run in the new_session
        message that opens it; a finish of any other run is not ours."""
        run_id = None
        while True:
            raw = await self.socket.recv(decode=False)
            self.received += len(raw)
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            msg = self.page.absorb(msg)
            kind = msg.WhichOneof("type")
            if kind == "new_session" and run_id is None:
                run_id = msg.metadata.run.script_run_id
            elif kind == "script_finished" and run_id is not None and msg.metadata.run.script_run_id == run_id:
                return int(msg.script_finished)


def query_for(mode: str) -> str:
    return "mode=step" if mode == "step" else ""


def reading_path(ids: Sequence[str], start: str, passes: int) -> list[str]:
    """The sections a reader steps to: from where the page opened to the last, back to the first,
    `passes` times."""
    here = ids.index(start) if start in ids else 0
    forward = list(ids[here + 1 :])
    back = list(reversed(ids[:-1]))
    return (forward + back) * passes


class Sections:
    """The story's section ids, read once from the page's steps file (as each browser does)."""

    def __init__(self) -> None:
        self._ids: dict[str, list[str]] = {}
        self._lock = asyncio.Lock()

    async def get(self, url: str) -> list[str]:
        async with self._lock:
            if url not in self._ids:
                self._ids[url] = await asyncio.to_thread(_fetch_section_ids, url)
            return self._ids[url]


def _fetch_section_ids(url: str) -> list[str]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return [str(s["section"]) for s in json.load(response)["sections"]]


async def read(reader: Reader, settings: Settings, sections: Sections, deadline: float) -> None:
    """One reader from connect to the last step; any failure ends it and is counted by kind."""
    rng = random.Random(settings.seed * 100_003 + reader.number)
    started = time.monotonic()
    try:
        async with connect(
            stream_url(settings.url),
            subprotocols=[Subprotocol("streamlit")],
            additional_headers={"X-Reader": str(reader.number)},
            compression=None,
            proxy=None,
            max_size=None,
            open_timeout=settings.timeout,
            ping_interval=None,
        ) as socket:
            session = Session(socket, settings.timeout)
            await session.run(first_run_message(query_for(reader.mode), settings.url + "/").SerializeToString())
            reader.first_page_ms = (time.monotonic() - started) * 1000
            ids = await sections.get(urljoin(settings.url + "/", session.page.steps_url))
            for target in reading_path(ids, session.page.section, settings.passes):
                await asyncio.sleep(
                    max(0.0, rng.uniform(settings.think - settings.jitter, settings.think + settings.jitter))
                )
                if time.monotonic() > deadline:
                    break
                await _step(session, reader, target)
    except ReaderError as error:
        reader.errors[error.kind] += 1
    except ConnectionClosed:
        reader.errors["disconnect"] += 1
    except (InvalidHandshake, OSError) as error:
        reader.errors[f"connect {type(error).__name__}"] += 1
    except Exception as error:  # a bug or a surprise in the client still counts, and the run goes on
        reader.errors[f"client {type(error).__name__}"] += 1


async def _step(session: Session, reader: Reader, target: str) -> None:
    payload = session.page.step_message(target).SerializeToString()
    received, sent = session.received, time.monotonic()
    await session.run(payload)
    reader.step_ms.append((time.monotonic() - sent) * 1000)
    if session.page.section != target:  # the fragment re-renders the reader with the section Python recorded
        raise ReaderError("wrong section", f"asked for {target}, the page shows {session.page.section}")
    reader.step_kb.append((session.received - received) / 1000)


def modes(settings: Settings) -> list[str]:
    """Each reader's mode; in a mix, every reader whose share rounds up reads one passage at a time,
    spread evenly through the arrivals."""
    if settings.mode != "mix":
        return [settings.mode] * settings.readers
    share = settings.step_share
    return ["step" if int((i + 1) * share) > int(i * share) else "scroll" for i in range(settings.readers)]


async def crowd(settings: Settings) -> tuple[list[Reader], float]:
    """All readers, arriving `burst` at a time every `burst_every` seconds; returns them and the
    wall time the run took."""
    sections = Sections()
    start = time.monotonic()
    deadline = start + settings.max_duration
    readers = [Reader(i, mode) for i, mode in enumerate(modes(settings))]

    async def arrive(reader: Reader) -> None:
        await asyncio.sleep((reader.number // settings.burst) * settings.burst_every)
        await read(reader, settings, sections, deadline)

    await asyncio.gather(*(arrive(r) for r in readers))
    return readers, time.monotonic() - start


# --- the server's CPU and memory --------------------------------------------------------------


@dataclass
class Usage:
    """CPU seconds and resident memory of the server processes over the run."""

    cpu_s: float = 0.0
    rss_start_mb: float = 0.0
    rss_peak_mb: float = 0.0
    rss_end_mb: float = 0.0
    client_cpu_s: float = 0.0


def _family(pids: Sequence[int]) -> list[psutil.Process]:
    """The processes and their live children (a server may fork workers)."""
    found: list[psutil.Process] = []
    for pid in pids:
        try:
            process = psutil.Process(pid)
            found += [process, *process.children(recursive=True)]
        except psutil.NoSuchProcess:
            continue
    return found


def _cpu_seconds(processes: Sequence[psutil.Process]) -> float:
    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system + times.children_user + times.children_system
    return total


def _rss_mb(processes: Sequence[psutil.Process]) -> float:
    total = 0
    for process in processes:
        try:
            total += process.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total / 1e6


class Monitor:
    """Samples the server's memory while the readers run (peak RSS) and takes CPU deltas."""

    def __init__(self, pids: Sequence[int], interval: float = 0.5) -> None:
        self.pids, self.interval = list(pids), interval
        self.usage = Usage()
        self._cpu0 = self._client0 = 0.0
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        processes = _family(self.pids)
        self._cpu0 = _cpu_seconds(processes)
        self._client0 = _cpu_seconds([psutil.Process()])
        self.usage.rss_start_mb = self.usage.rss_peak_mb = _rss_mb(processes)
        self._task = asyncio.create_task(self._sample())

    async def _sample(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            self.usage.rss_peak_mb = max(self.usage.rss_peak_mb, _rss_mb(_family(self.pids)))

    def stop(self) -> Usage:
        if self._task:
            self._task.cancel()
        processes = _family(self.pids)
        self.usage.cpu_s = _cpu_seconds(processes) - self._cpu0
        self.usage.client_cpu_s = _cpu_seconds([psutil.Process()]) - self._client0
        self.usage.rss_end_mb = _rss_mb(processes)
        self.usage.rss_peak_mb = max(self.usage.rss_peak_mb, self.usage.rss_end_mb)
        return self.usage


async def warm_up(settings: Settings) -> None:
    """One reader per mode, not measured: a server's first session imports the app's modules and
    fills its caches, which a server in service has done long before a spike."""
    for mode in sorted(set(modes(settings))):
        reader = Reader(-1, mode)
        await read(reader, replace(settings, passes=1, think=0.0, jitter=0.0), Sections(), time.monotonic() + 60)
        if reader.errors:
            raise SystemExit(f"warm-up failed ({mode} mode): {dict(reader.errors)}")


async def measured(settings: Settings, pids: Sequence[int], warm: bool) -> tuple[list[Reader], float, Usage]:
    if warm:
        await warm_up(settings)
    monitor = Monitor(pids)
    monitor.start()
    readers, wall = await crowd(settings)
    return readers, wall, monitor.stop()


# --- the report --------------------------------------------------------------------------------


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile; the same definition as bench/steps.py."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


@dataclass(frozen=True)
class Spread:
    """p50, p95 and max of a set of latencies (ms); None where there were no samples."""

    p50: float | None
    p95: float | None
    max: float | None
    n: int

    @classmethod
    def of(cls, values: Sequence[float]) -> Spread:
        if not values:
            return cls(None, None, None, 0)
        return cls(statistics.median(values), percentile(values, 0.95), max(values), len(values))

    def __str__(self) -> str:
        return " / ".join(_number(v, 0) for v in (self.p50, self.p95, self.max)) + f" ms (n={self.n})"


@dataclass(frozen=True)
class Result:
    """Every figure of a run, as the table prints them and `--json` writes them."""

    settings: Settings
    modes: dict[str, int]
    arrivals_per_s: float | None  # None: all readers at once
    duration_s: float
    steps: int
    steps_per_s: float
    step_ms: Spread
    first_page_ms: Spread
    step_kb_p50: float | None
    errors: dict[str, int]
    server_pids: list[int]
    server_cpu_s: float | None
    server_cpu_percent: float | None
    server_cpu_ms_per_step: float | None
    server_cpu_ms_per_first_run: float | None
    server_rss_mb_start: float | None
    server_rss_mb_peak: float | None
    server_rss_mb_end: float | None
    client_cpu_s: float


def summarise(settings: Settings, readers: list[Reader], wall: float, usage: Usage, pids: Sequence[int]) -> Result:
    """The run's figures. CPU per step divides all the server's CPU by the steps, and CPU per first
    run divides it by the first runs: each is an upper bound, exact only when the other is rare."""
    steps = [ms for r in readers for ms in r.step_ms]
    firsts = [r.first_page_ms for r in readers if r.first_page_ms is not None]
    errors: Counter[str] = Counter()
    for r in readers:
        errors.update(r.errors)
    cpu = usage.cpu_s if pids else None
    return Result(
        settings=settings,
        modes=dict(Counter(r.mode for r in readers)),
        arrivals_per_s=settings.burst / settings.burst_every if settings.burst < settings.readers else None,
        duration_s=wall,
        steps=len(steps),
        steps_per_s=len(steps) / wall if wall else 0.0,
        step_ms=Spread.of(steps),
        first_page_ms=Spread.of(firsts),
        step_kb_p50=statistics.median([kb for r in readers for kb in r.step_kb]) if steps else None,
        errors=dict(errors),
        server_pids=list(pids),
        server_cpu_s=cpu,
        server_cpu_percent=100 * cpu / wall if cpu is not None and wall else None,
        server_cpu_ms_per_step=1000 * cpu / len(steps) if cpu is not None and steps else None,
        server_cpu_ms_per_first_run=1000 * cpu / len(firsts) if cpu is not None and firsts else None,
        server_rss_mb_start=usage.rss_start_mb if pids else None,
        server_rss_mb_peak=usage.rss_peak_mb if pids else None,
        server_rss_mb_end=usage.rss_end_mb if pids else None,
        client_cpu_s=usage.client_cpu_s,
    )


def _number(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def table(result: Result) -> str:
    """The run as a two-column Markdown table, to paste into a report."""
    rss = (result.server_rss_mb_start, result.server_rss_mb_peak, result.server_rss_mb_end)
    rows = [
        ("readers", f"{result.settings.readers} (" + ", ".join(f"{n} {m}" for m, n in result.modes.items()) + ")"),
        ("arrivals", "all at once" if result.arrivals_per_s is None else f"{result.arrivals_per_s:.1f} per s"),
        ("duration", f"{result.duration_s:.1f} s"),
        ("steps", str(result.steps)),
        ("steps/s", _number(result.steps_per_s)),
        ("step latency p50 / p95 / max", str(result.step_ms)),
        ("first page p50 / p95 / max", str(result.first_page_ms)),
        ("KB from the server per step (p50)", _number(result.step_kb_p50)),
        ("errors", ", ".join(f"{k}: {v}" for k, v in sorted(result.errors.items())) or "none"),
        ("server CPU", f"{_number(result.server_cpu_s)} s ({_number(result.server_cpu_percent, 0)}% of one core)"),
        ("server CPU per step", f"{_number(result.server_cpu_ms_per_step)} ms (all server CPU / steps)"),
        ("server CPU per first run", f"{_number(result.server_cpu_ms_per_first_run)} ms (all server CPU / readers)"),
        ("server RSS start / peak / end", " / ".join(_number(v, 0) for v in rss) + " MB"),
        ("load client CPU (same machine)", f"{result.client_cpu_s:.1f} s"),
    ]
    width = max(len(name) for name, _ in rows)
    lines = [f"| {'measure'.ljust(width)} | value |", f"|{'-' * (width + 2)}|-------|"]
    return "\n".join(lines + [f"| {name.ljust(width)} | {value} |" for name, value in rows])


# --- targets and the command line --------------------------------------------------------------


@contextmanager
def target(args: argparse.Namespace) -> Iterator[tuple[str, list[int]]]:
    """The server to load: one this command starts (`--start`) or one already running (`--url`)."""
    pids = [int(p) for p in args.pids.split(",") if p] if args.pids else []
    if args.start:
        from support.devserver import serve

        with serve() as server:
            yield server.url, pids or [server.process.pid]
    else:
        yield args.url.rstrip("/"), pids


def record(url: str, mode: str) -> None:
    """Print what a browser sends for → → ← beside what this client would send: they must match."""
    query = query_for(mode)
    sent = record_browser(f"{url}/?{query}", ["ArrowRight", "ArrowRight", "ArrowLeft"])
    print(f"browser, {mode} mode, {len(sent)} messages:")
    for msg in sent:
        print("  " + describe(msg))
    first = first_run_message(query, url + "/")
    print("this client, for the same sections:")
    print(f"  {'same' if sent and describe(first) == describe(sent[0]) else 'DIFFERENT'}: {describe(first)}")
    page = asyncio.run(_replay(url, mode, sent))
    print(f"  reader component {page.reader_id}, fragment {page.reader_fragment}")


async def _replay(url: str, mode: str, browser: list[BackMsg]) -> PageState:
    """Open a session as a reader does and build the step messages the browser sent; print them."""
    async with connect(stream_url(url), subprotocols=[Subprotocol("streamlit")], proxy=None, max_size=None) as socket:
        session = Session(socket, 60)
        await session.run(first_run_message(query_for(mode), url + "/").SerializeToString())
        for msg in browser[1:]:
            trigger = [w for w in msg.rerun_script.widget_states.widgets if w.json_trigger_value]
            if not trigger:
                continue
            section = json.loads(trigger[0].json_trigger_value)[0]["value"]
            ours = session.page.step_message(section)
            same = describe(ours) == describe(msg)
            print(f"  {'same' if same else 'DIFFERENT'}: {describe(ours)}")
            await session.run(ours.SerializeToString())
        return session.page


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.load",
        description="Simulated readers of the story page over Streamlit's websocket (no browser).",
    )
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--url", help="a running server or proxy, e.g. http://127.0.0.1:8501[/base]")
    where.add_argument("--start", action="store_true", help="start one app server (support.devserver) and load it")
    parser.add_argument("--pids", help="server process ids to measure, comma-separated (default with --start: it)")
    parser.add_argument("--readers", type=int, default=25, help="readers in all (default 25)")
    parser.add_argument("--burst", type=int, help="readers arriving together (default: all at once)")
    parser.add_argument("--burst-every", type=float, default=1.0, help="seconds between bursts (default 1)")
    parser.add_argument("--mode", choices=MODES, default="mix", help="scroll, step (?mode=step) or mix (default)")
    parser.add_argument("--step-share", type=float, default=0.1, help="share of step-mode readers in a mix (0.1)")
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds between a reader's steps (1.0)")
    parser.add_argument("--jitter", type=float, default=0.5, help="think time varies by ± this (0.5)")
    parser.add_argument("--passes", type=int, default=1, help="forward-and-back walks per reader (1; 0: arrive only)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for a run or a connect (30)")
    parser.add_argument("--max-duration", type=float, default=180.0, help="readers stop stepping after this (180 s)")
    parser.add_argument("--no-warm-up", action="store_true", help="measure from a cold server (no unmeasured reader)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the think times (1)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument(
        "--record", action="store_true", help="no load: compare a browser's step messages with this client's and exit"
    )
    args = parser.parse_args(argv)
    if args.readers < 1 or (args.burst is not None and args.burst < 1) or args.passes < 0:
        parser.error("--readers and --burst must be at least 1, --passes at least 0")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    with target(args) as (url, pids):
        if args.record:
            for mode in ("scroll", "step"):
                record(url, mode)
            return 0
        settings = Settings(
            url=url,
            readers=args.readers,
            burst=args.burst or args.readers,
            burst_every=args.burst_every,
            mode=args.mode,
            step_share=args.step_share,
            think=args.think,
            jitter=args.jitter,
            passes=args.passes,
            timeout=args.timeout,
            max_duration=args.max_duration,
            seed=args.seed,
        )
        readers, wall, usage = asyncio.run(measured(settings, pids, not args.no_warm_up))
    result = summarise(settings, readers, wall, usage, pids)
    print(table(result))
    if args.json:
        args.json.write_text(json.dumps(asdict(result), indent=2) + "\n")
    return 1 if result.errors else 0


if __name__ == "__main__":
    sys.exit(main())
