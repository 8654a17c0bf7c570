"""`python -m bench.timed_streamlit run app.py ...`: Streamlit, with every script run timed.

Each run's duration in milliseconds is appended to the file named by STORYMAP_RUN_TIMES.
Only the benchmark starts the app this way.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

from streamlit.runtime.scriptrunner import script_runner
from streamlit.web import cli

_run_script = script_runner.ScriptRunner._run_script


def _timed_run_script(self: Any, *args: Any, **kwargs: Any) -> Any:
    start = time.perf_counter()
    try:
        return _run_script(self, *args, **kwargs)
    finally:
        with Path(os.environ["STORYMAP_RUN_TIMES"]).open("a") as out:
            out.write(f"{(time.perf_counter() - start) * 1000:.2f}\n")


if __name__ == "__main__":
    script_runner.ScriptRunner._run_script = _timed_run_script  # type: ignore[method-assign]
    sys.argv = ["streamlit", *sys.argv[1:]]
    cli.main()
