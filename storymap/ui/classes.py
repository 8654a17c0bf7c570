"""A class following its teacher: where the teacher is, who is following, kept for a few hours.

Two stores with one interface: in the process (`make run`: nothing to install) or in Redis (the
production set's replicas share one, so students on any replica follow the same teacher). A class
holds a section id, a step counter, a teacher's key and the devices seen lately; nothing else, and
nothing once it ends or has been idle for `IDLE_S`.
"""

from __future__ import annotations

import re
import secrets
import threading
import time
from dataclasses import dataclass
from typing import Protocol

import redis
import streamlit as st

# Codes a class reads out loud: no 0/O, 1/I/L, 2/Z, 5/S, 8/B; 30^6 (729 million) of them, drawn at
# random, so one code says nothing of another.
ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 6
CODE = re.compile(rf"^[{ALPHABET}]{{{CODE_LENGTH}}}$")
IDLE_S = 3 * 3600
# A device counts as following while it has asked within this long (students ask every second).
FOLLOWING_S = 10.0


@dataclass(frozen=True)
class ClassState:
    """Where a class is: the teacher's section and how many steps the teacher has taken."""

    section: str
    step: int


class ClassStore(Protocol):
    def start(self, section: str) -> tuple[str, str]:
        """A new class at `section`: its code (for students) and its key (the teacher's alone)."""
        ...

    def state(self, code: str) -> ClassState | None:
        """The class under `code`, or None for a code unknown, malformed, ended or expired."""
        ...

    def step(self, code: str, key: str, section: str) -> bool:
        """Move the class (the teacher's key only); False when the key or the code is wrong."""
        ...

    def seen(self, code: str, device: str) -> None:
        """A device following the class has asked where it is."""
        ...

    def following(self, code: str) -> int:
        """How many devices have asked lately."""
        ...

    def end(self, code: str, key: str) -> None:
        """End the class: nothing of it is kept."""
        ...


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normal_code(raw: str) -> str | None:
    """A code as a student may type it (lower case, spaces, dashes), or None if it cannot be one."""
    code = re.sub(r"[\s-]", "", raw).upper()
    return code if CODE.match(code) else None


@dataclass
class _Class:
    key: str
    section: str
    step: int
    touched: float
    devices: dict[str, float]


class MemoryStore:
    """Classes in this process: enough for one server (`make run`)."""

    def __init__(self) -> None:
        self._classes: dict[str, _Class] = {}
        self._lock = threading.Lock()

    def _live(self, code: str) -> _Class | None:
        entry = self._classes.get(code)
        if entry and time.monotonic() - entry.touched > IDLE_S:
            del self._classes[code]
            return None
        return entry

    def start(self, section: str) -> tuple[str, str]:
        with self._lock:
            for stale in [c for c, entry in self._classes.items() if time.monotonic() - entry.touched > IDLE_S]:
                del self._classes[stale]  # classes nobody asked about since they expired
            code = new_code()
            while code in self._classes:
                code = new_code()
            key = secrets.token_urlsafe(24)
            self._classes[code] = _Class(key, section, 0, time.monotonic(), {})
            return code, key

    def state(self, code: str) -> ClassState | None:
        with self._lock:
            entry = self._live(code)
            return ClassState(entry.section, entry.step) if entry else None

    def step(self, code: str, key: str, section: str) -> bool:
        with self._lock:
            entry = self._live(code)
            if entry is None or not secrets.compare_digest(entry.key, key):
                return False
            if entry.section != section:
                entry.section, entry.step = section, entry.step + 1
            entry.touched = time.monotonic()
            return True

    def seen(self, code: str, device: str) -> None:
        with self._lock:
            entry = self._live(code)
            if entry is not None:
                entry.devices[device] = time.monotonic()

    def following(self, code: str) -> int:
        with self._lock:
            entry = self._live(code)
            now = time.monotonic()
            return sum(1 for t in entry.devices.values() if now - t <= FOLLOWING_S) if entry else 0

    def end(self, code: str, key: str) -> None:
        with self._lock:
            entry = self._live(code)
            if entry is not None and secrets.compare_digest(entry.key, key):
                del self._classes[code]


class RedisStore:
    """Classes in Redis, shared by every replica: a hash per class and a sorted set of devices,
    both expiring after `IDLE_S` without a step."""

    def __init__(self, url: str) -> None:
        self._redis = redis.Redis.from_url(url, decode_responses=True, socket_timeout=2)

    @staticmethod
    def _keys(code: str) -> tuple[str, str]:
        return f"storymap:class:{code}", f"storymap:class:{code}:devices"

    def start(self, section: str) -> tuple[str, str]:
        key = secrets.token_urlsafe(24)
        while True:
            code = new_code()
            hash_key, _ = self._keys(code)
            if self._redis.hsetnx(hash_key, "key", key):
                break
        self._redis.hset(hash_key, mapping={"section": section, "step": 0})
        self._redis.expire(hash_key, IDLE_S)
        return code, key

    def state(self, code: str) -> ClassState | None:
        if not CODE.match(code):
            return None
        found = self._redis.hmget(self._keys(code)[0], ["section", "step"])
        return ClassState(str(found[0]), int(found[1])) if found[0] is not None and found[1] is not None else None

    def step(self, code: str, key: str, section: str) -> bool:
        hash_key, devices = self._keys(code)
        stored = self._redis.hget(hash_key, "key") if CODE.match(code) else None
        if stored is None or not secrets.compare_digest(str(stored), key):
            return False
        if self._redis.hget(hash_key, "section") != section:
            with self._redis.pipeline() as pipe:
                pipe.hset(hash_key, "section", section)
                pipe.hincrby(hash_key, "step", 1)
                pipe.execute()
        self._redis.expire(hash_key, IDLE_S)
        self._redis.expire(devices, IDLE_S)
        return True

    def seen(self, code: str, device: str) -> None:
        hash_key, devices = self._keys(code)
        if CODE.match(code) and self._redis.exists(hash_key):
            self._redis.zadd(devices, {device: time.time()})
            self._redis.expire(devices, IDLE_S)

    def following(self, code: str) -> int:
        if not CODE.match(code):
            return 0
        return int(self._redis.zcount(self._keys(code)[1], time.time() - FOLLOWING_S, "+inf"))

    def end(self, code: str, key: str) -> None:
        hash_key, devices = self._keys(code)
        stored = self._redis.hget(hash_key, "key") if CODE.match(code) else None
        if stored is not None and secrets.compare_digest(str(stored), key):
            self._redis.delete(hash_key, devices)


@st.cache_resource(show_spinner=False)
def class_store(redis_url: str) -> ClassStore:
    """One store per process: Redis where the settings name one, this process's memory otherwise."""
    return RedisStore(redis_url) if redis_url else MemoryStore()
