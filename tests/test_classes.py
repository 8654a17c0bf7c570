"""The class store, against both backends: the process's memory and a real Redis (Debian's
redis-server, started here on loopback; that case is in the `browser` tier, as it needs apt)."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator

import pytest
import redis

from storymap.ui import classes
from storymap.ui.classes import CODE, ClassStore, MemoryStore, RedisStore, normal_code
from support.devserver import free_port

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    """A throwaway Redis on a free loopback port, keeping nothing on disk."""
    port = free_port()
    command = [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    try:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except FileNotFoundError:
        pytest.fail("redis-server is missing: install Debian's redis-server (make redis)")
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.browser)])
def store(request: pytest.FixtureRequest) -> ClassStore:
    if request.param == "memory":
        return MemoryStore()
    return RedisStore(request.getfixturevalue("redis_url"))


def test_a_class_starts_steps_and_ends(store: ClassStore) -> None:
    code, key = store.start("first")
    assert CODE.match(code)
    assert store.state(code) == classes.ClassState("first", 0)
    assert store.step(code, key, "second")
    assert store.step(code, key, "second")  # the same section again is no new step
    assert store.state(code) == classes.ClassState("second", 1)
    store.end(code, key)
    assert store.state(code) is None


def test_a_student_cannot_step_or_end_the_class(store: ClassStore) -> None:
    code, _ = store.start("first")
    other_code, other_key = store.start("first")
    assert not store.step(code, other_key, "second"), "another class's key stepped this one"
    assert not store.step(code, "", "second")
    store.end(code, other_key)
    assert store.state(code) == classes.ClassState("first", 0)
    assert other_code != code


def test_unknown_and_malformed_codes_are_no_class(store: ClassStore) -> None:
    code, key = store.start("first")
    for wrong in ("", "abc", "ZZZZZZ", "' OR 1", "storymap:class:*", code.lower(), code + "A"):
        assert store.state(wrong) is None, wrong
        assert not store.step(wrong, key, "x")
        assert store.following(wrong) == 0


def test_following_counts_devices_that_asked_lately(store: ClassStore, monkeypatch: pytest.MonkeyPatch) -> None:
    code, _ = store.start("first")
    for device in ("a", "b", "c", "a"):
        store.seen(code, device)
    assert store.following(code) == 3
    store.seen("ZZZZZZ", "d")  # a device asking about no class is counted nowhere
    monkeypatch.setattr(classes, "FOLLOWING_S", -1.0)
    assert store.following(code) == 0


def test_codes_are_drawn_at_random_and_read_forgivingly() -> None:
    codes = {MemoryStore().start("s")[0] for _ in range(200)}
    assert len(codes) == 200
    assert normal_code(" acd-e34 ") == "ACDE34"
    assert normal_code("acd-e3") is None  # five: not a code
    assert normal_code("acd e34 x") is None  # seven: not a code
    assert normal_code("acd e3o") is None  # O is not in the alphabet (it reads as 0)
    assert normal_code("acd-e3 4") == "ACDE34"


def test_an_idle_class_expires_in_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    store = MemoryStore()
    code, _ = store.start("first")
    later = time.monotonic() + classes.IDLE_S + 1
    monkeypatch.setattr(time, "monotonic", lambda: later)
    assert store.state(code) is None


@pytest.mark.browser
def test_an_idle_class_expires_in_redis(redis_url: str) -> None:
    store = RedisStore(redis_url)
    code, key = store.start("first")
    client = redis.Redis.from_url(redis_url)
    assert 0 < client.ttl(f"storymap:class:{code}") <= classes.IDLE_S
    store.seen(code, "a")
    assert 0 < client.ttl(f"storymap:class:{code}:devices") <= classes.IDLE_S
    client.pexpire(f"storymap:class:{code}", 50)
    deadline = time.monotonic() + 5
    while store.state(code) is not None and time.monotonic() < deadline:
        client.ping()  # Redis drops an expired key when it is next asked for
    assert store.state(code) is None
    assert not store.step(code, key, "second")
