"""Where the Studio keeps drafts: one SQLite file (a setting), each draft under an unguessable
token that only its author's address carries, written whole after every change.

SQLite suits one server (the app's replicas on one host share the file; SQLite locks it). Several
hosts would keep drafts in a shared database instead: docs/studio.md says what to change.
"""

from __future__ import annotations

import re
import secrets
import sqlite3
import time
from contextlib import closing
from pathlib import Path

from pydantic import ValidationError

from storymap.authoring.studio import StudioDraft

# 32 random bytes, URL-safe: as hard to guess as a session key, and checked before any query.
TOKEN = re.compile(r"^[A-Za-z0-9_-]{43}$")
BUSY_TIMEOUT_S = 5.0


class DraftStore:
    """Drafts by token in one SQLite file, created on first use."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute(
            "CREATE TABLE IF NOT EXISTS drafts (token TEXT PRIMARY KEY, body TEXT NOT NULL, saved REAL NOT NULL)"
        )
        return connection

    def create(self, draft: StudioDraft) -> str:
        """Keep a new draft and return its token."""
        token = secrets.token_urlsafe(32)
        self.save(token, draft)
        return token

    def save(self, token: str, draft: StudioDraft) -> None:
        """Write the whole draft under its token (a new one or over the last save)."""
        if not TOKEN.match(token):
            raise ValueError("not a draft token")
        with closing(self._connect()) as connection, connection:
            connection.execute(
                "INSERT INTO drafts (token, body, saved) VALUES (?, ?, ?) "
                "ON CONFLICT(token) DO UPDATE SET body = excluded.body, saved = excluded.saved",
                (token, draft.model_dump_json(), time.time()),
            )

    def load(self, token: str) -> StudioDraft | None:
        """The draft under `token`, or None for a token that is malformed, unknown or damaged."""
        if not TOKEN.match(token):
            return None
        with closing(self._connect()) as connection:
            row = connection.execute("SELECT body FROM drafts WHERE token = ?", (token,)).fetchone()
        if row is None:
            return None
        try:
            return StudioDraft.model_validate_json(row[0])
        except ValidationError:
            return None
