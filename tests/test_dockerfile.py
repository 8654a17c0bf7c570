"""The container recipe cannot be built here (no base images), so its text is checked instead."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _apt_packages(text: str) -> set[str]:
    installs = re.findall(r"apt-get install ([^\n&]*(?:\\\n[^\n&]*)*)", text)
    words = " ".join(installs).replace("\\\n", " ").split()
    return {w for w in words if not w.startswith("-")}


def test_the_image_installs_the_system_libraries_the_app_loads() -> None:
    """CairoSVG loads libcairo2 when the Embed page draws a PNG; without it the images silently vanish."""
    packages = _apt_packages((ROOT / "deploy" / "Dockerfile").read_text(encoding="utf-8"))
    assert {"nginx", "libcairo2"} <= packages, packages
    assert "CairoSVG" in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_the_image_installs_the_proxys_modules_the_tests_use() -> None:
    """The brotli module the production test checks must be in the image too."""
    packages = _apt_packages((ROOT / "deploy" / "Dockerfile").read_text(encoding="utf-8"))
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    wanted = re.search(r"^NGINX_PACKAGES := (.*)$", makefile, re.MULTILINE)
    assert wanted and "libnginx-mod-http-brotli-filter" in wanted.group(1)
    assert set(wanted.group(1).split()) <= packages, packages
