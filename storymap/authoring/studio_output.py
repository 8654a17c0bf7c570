"""What a Studio draft becomes when written out: its check (the same as `python -m storymap
check`), each passage's map as the reader's map draws it, and the static edition as a zip."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from storymap.authoring.check import Problem, check_project
from storymap.authoring.studio import StudioDraft, file_stem, story_files, zip_files
from storymap.model.errors import StoryDataError
from storymap.model.project import Geodata, Project, load_project
from storymap.model.story import STORY_FILE
from storymap.publish.site import build_site
from storymap.render.embed import iframe_snippet, static_url
from storymap.render.images import section_images

# Where the snippet in the static edition's zip points until the author publishes it.
PLACEHOLDER_URL = "https://example.org/your-story/"


@dataclass(frozen=True)
class Review:
    """The check's problems (each naming its file by name only, never a server path) and, where
    the folder loads, the story as the reader's map would draw it."""

    problems: list[Problem]
    project: Project | None

    @property
    def ready(self) -> bool:
        return not self.problems and self.project is not None

    def section_png(self, section_id: str) -> bytes | None:
        """The passage's map as the static edition's image of it (a PNG, which the app serves from
        its own address), or None where it cannot be drawn yet."""
        if self.project is None:
            return None
        sections = {s.id: s for s in self.project.resolved.sections}
        return section_images(sections[section_id], self.project.shapes)[1] if section_id in sections else None


def _written(draft: StudioDraft, folder: Path) -> None:
    for name, content in story_files(draft).items():
        (folder / name).write_bytes(content)


def review(draft: StudioDraft, geodata: Geodata) -> Review:
    """Write the draft's folder aside and read it as `check` and the app would."""
    with tempfile.TemporaryDirectory(prefix="studio-") as tmp:
        folder = Path(tmp)
        _written(draft, folder)
        problems = [_named_by_file(p) for p in check_project(folder, geodata)]
        try:
            project: Project | None = load_project(folder, geodata)
            assert project is not None
            project.resolved  # noqa: B018 - resolved while the folder exists
        except StoryDataError:
            project = None
    return Review(problems, project)


def _named_by_file(problem: Problem) -> Problem:
    return Problem(Path(problem.file).name or STORY_FILE, problem.message, problem.section, problem.field)


def site_zip(draft: StudioDraft, geodata: Geodata) -> bytes:
    """The static edition of a draft that passes the check, as a zip for any web host, with the
    iframe snippet to paste into an article once it is published."""
    with tempfile.TemporaryDirectory(prefix="studio-site-") as tmp:
        folder, out = Path(tmp) / "story", Path(tmp) / "site"
        folder.mkdir()
        _written(draft, folder)
        project = load_project(folder, geodata)
        build_site(out, project)
        files = {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    first = project.resolved.sections[0].id
    snippet = iframe_snippet(static_url(PLACEHOLDER_URL, first), project.resolved.meta.title, 720)
    files["EMBED.txt"] = (
        f"Publish this folder on any web host, then put this in your article, with {PLACEHOLDER_URL}\n"
        f"replaced by the address where you published it:\n\n{snippet}\n"
    ).encode()
    return zip_files({f"{file_stem(draft)}/{name}": content for name, content in files.items()})
