"""The mypy gate of scripts/test, waited for once pytest has collected the tests.

A cold mypy (a clean clone, as in CI) takes half a minute, and so does pytest's
collection (importing spaCy, FastAPI, the app); they use different cores. So
scripts/test starts mypy in the background, writing its report and exit code
to files named by WHATMATTERS_MYPY_REPORT, and pytest waits for it after
collecting: its report is printed before any test runs, and a failure stops
the run with mypy's exit code, as when it ran first.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

REPORT_ENV = "WHATMATTERS_MYPY_REPORT"
#: mypy takes well under a minute cold; this only stops a wait on a crashed gate.
WAIT = 600.0


def wait_for_mypy(config: pytest.Config) -> None:
    """Print mypy's report, and end the session if it failed (no-op when not asked for)."""
    report = os.environ.get(REPORT_ENV)
    if not report:
        return
    # Only the first pytest of a run reports it (a nested pytest would wait again).
    del os.environ[REPORT_ENV]
    output, code_file = Path(report), Path(f"{report}.rc")
    deadline = time.monotonic() + WAIT
    while not code_file.exists():
        if time.monotonic() > deadline:
            pytest.exit(f"mypy gave no exit code after {WAIT:.0f}s; see {output}", returncode=3)
        time.sleep(0.1)
    code = int(code_file.read_text().strip() or "1")
    text = output.read_text(encoding="utf-8", errors="replace").rstrip()
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        # On success mypy's last line says how many files it checked; on failure, all of it.
        shown = f"\n{text}" if code != 0 else (text.splitlines() or [""])[-1]
        reporter.write_line(f"mypy --strict (ran during collection): {shown}")
    if code != 0:
        pytest.exit("mypy --strict failed: see above", returncode=code)
