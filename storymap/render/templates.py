"""The Jinja templates every HTML fragment and page is rendered from, with autoescaping on.

Our templates are in `storymap/templates/`, one per fragment or page. A story folder may override
any of them, as datasette lets a site do: put a file of the same name in the story folder's
`templates/` subfolder (`story/templates/passage.html`) and it is used instead of ours, by the app
and by both editions. It gets the same variables as ours (read ours to see which) and is escaped
the same way. `resolve()` records that folder as `story.meta.template_dir`; the fragment functions
take it as `templates=` and the story's own pages read it from the story.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


def render(name: str, templates: str | None = None, /, **context: Any) -> Markup:
    """Template `name` filled with `context`: the story's own one when its `templates` folder has
    it, ours otherwise. The result is markup, so a template that gets it inserts it as it is."""
    return Markup(environment(templates).get_template(name).render(context))


@cache
def environment(templates: str | None) -> Environment:
    """One environment per override folder, so each keeps its compiled templates."""
    ours = FileSystemLoader(TEMPLATES)
    loader = ChoiceLoader([FileSystemLoader(templates), ours]) if templates else ours
    return Environment(
        loader=loader,
        autoescape=True,
        undefined=StrictUndefined,  # a misspelt name in an override fails loudly, not as blank text
        trim_blocks=True,
        lstrip_blocks=True,
    )
