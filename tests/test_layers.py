"""The engine's layers, kept by a test: each imports only the layers before it (the order is the
one storymap/__init__.py documents), only `ui` imports Streamlit, and nothing in the engine
imports the app, the tests, the benchmarks or their harness."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import storymap

PACKAGE = Path(storymap.__file__).resolve().parent
# The layers, in the order the package's docstring lists them (`- `model`: ...`).
LAYERS = re.findall(r"^- `(\w+)`:", storymap.__doc__ or "", re.MULTILINE)
OUTSIDE = ("tests", "bench", "support", "pages", "app", "deploy", "geodata")


def _imports(path: Path) -> list[str]:
    """Every module a file imports, as written (absolute names; the engine uses no relative imports)."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: a relative import"
            names.append(node.module or "")
    return names


def _layer(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def _engine_files() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts]


def test_the_package_lists_its_layers() -> None:
    assert LAYERS == ["model", "render", "publish", "authoring", "ui"], LAYERS
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders == set(LAYERS), f"a package folder the docstring does not list, or the reverse: {folders}"


def test_each_layer_imports_only_the_layers_before_it() -> None:
    wrong = []
    for path in _engine_files():
        layer = _layer(path)
        if layer not in LAYERS:
            continue  # settings, __main__: read by every layer, or above them all
        for name in _imports(path):
            parts = name.split(".")
            above = parts[0] == "storymap" and len(parts) > 1 and parts[1] in LAYERS
            if above and LAYERS.index(parts[1]) > LAYERS.index(layer):
                wrong.append(f"{path.relative_to(PACKAGE.parent)} ({layer}) imports {name}")
    assert wrong == [], "\n".join(wrong)


def test_only_ui_imports_streamlit() -> None:
    wrong = [
        f"{path.relative_to(PACKAGE.parent)} imports {name}"
        for path in _engine_files()
        if _layer(path) != "ui"
        for name in _imports(path)
        if name.split(".")[0] in ("streamlit", "streamlit_folium")
    ]
    assert wrong == [], "\n".join(wrong)


def test_the_engine_imports_nothing_of_the_app_tests_or_harness() -> None:
    wrong = [
        f"{path.relative_to(PACKAGE.parent)} imports {name}"
        for path in _engine_files()
        for name in _imports(path)
        if name.split(".")[0] in OUTSIDE
    ]
    assert wrong == [], "\n".join(wrong)
