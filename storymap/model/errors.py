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
        self.path = Path(file)
        self.file = str(file)
        self.section = section
        self.entry = entry
        self.field = field
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        return self._located(self.file)

    def for_readers(self, *bases: Path) -> str:
        """The message with the file named from the first of `bases` that holds it (the project,
        or the folder the story sits in), never by the server's absolute path: readers need to know
        which file is broken, not where the server keeps it."""
        return self._located(shown_path(self.path, *bases))

    def _located(self, file: str) -> str:
        where = [file]
        if self.section is not None:
            where.append(f"{self.entry} '{self.section}'")
        if self.field:
            where.append(f"field '{self.field}'")
        return f"{', '.join(where)}: {self.message}"


def shown_path(path: Path, *bases: Path) -> str:
    """`path` relative to the first base that holds it, or its bare name where none does."""
    resolved = path.resolve()
    for base in bases:
        if resolved.is_relative_to(base.resolve()):
            return resolved.relative_to(base.resolve()).as_posix()
    return path.name
