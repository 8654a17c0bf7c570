"""How long the Studio makes an author wait: from a pasted article to its first draft (read,
proposed and checked, as the page does before it shows anything), and to the static edition's zip.

`python -m bench.studio [--runs 3]` times our op-ed and a long article (the op-ed and the tests'
two articles, each five times over: 33 KB and 130 passages, a long feature's length), the median of the runs.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from storymap.authoring.studio import new_draft, read_upload
from storymap.authoring.studio_output import review, site_zip
from storymap.model.project import Geodata, load_geodata
from support.studio import finished

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = [ROOT / "story" / "op-ed.txt", ROOT / "tests" / "fixtures" / "world-article" / "coffee.txt"]
ARTICLES.append(ROOT / "tests" / "fixtures" / "studio-article" / "rivers.md")


def _timed(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(name: str, text: str, geodata: Geodata, runs: int) -> None:
    def first_draft() -> None:
        draft = new_draft(read_upload("article.txt", text.encode()), geodata.gazetteer)
        review(draft, geodata)

    done = finished(new_draft(text, geodata.gazetteer), geodata.gazetteer)
    passages = len(done.passages)
    print(
        f"{name}: {len(text.encode()) // 1000} KB, {passages} passages; first draft {_timed(first_draft, runs):.2f} s; "
        f"static edition's zip {_timed(lambda: site_zip(done, geodata), runs):.2f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    geodata = load_geodata(ROOT / "geodata")
    texts = [p.read_text(encoding="utf-8") for p in ARTICLES]
    measure("our op-ed", texts[0], geodata, args.runs)
    measure("a long article", "\n\n".join(texts * 5), geodata, args.runs)


if __name__ == "__main__":
    main()
