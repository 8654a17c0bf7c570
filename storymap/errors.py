"""The one error type that bad story or gazetteer data raises."""

from __future__ import annotations

from pathlib import Path


class StoryDataError(Exception):
    """A problem in a data file, located by file, section and field so an editor can fix it."""

    def __init__(
        self,
        file: Path | str,
        message: str,
        section: str | None = None,
        field: str | None = None,
        entry: str = "section",
    ):
        self.file = str(file)
        self.section = section
        self.entry = entry
        self.field = field
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = [self.file]
        if self.section is not None:
            where.append(f"{self.entry} '{self.section}'")
        if self.field:
            where.append(f"field '{self.field}'")
        return f"{', '.join(where)}: {self.message}"
