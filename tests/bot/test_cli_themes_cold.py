"""A cold `themes discover` imports only what theming uses, and themes exactly as before."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

# Imported by spaCy's CLI (weasel, requests, jinja2, httpx) or by scikit-learn's unread
# pandas probe; a cold discover of 100 answers spent over half a second on them.
UNUSED = ("spacy.cli", "weasel", "requests", "jinja2", "httpx", "pandas")

ANSWERS = [
    "More buses to the village please",
    "The buses are always late in the morning",
    "Bins are not emptied on time",
    "Please empty the bins more often",
    "Mwy o fysiau i'r pentref, os gwelwch yn dda",
    "Mae'r biniau yn llawn bob wythnos",
    "",
    "🙂",
    "Fix the potholes on the high street",
    "Potholes on our road damaged my car",
]


def _discover(tmp_path: Path, name: str, prelude: str = "") -> tuple[str, list[str]]:
    answers = tmp_path / "answers.csv"
    answers.write_text("text\n" + "\n".join(f'"{a}"' for a in ANSWERS) + "\n", encoding="utf-8")
    out = tmp_path / f"{name}.csv"
    code = (
        f"{prelude}\n"
        "import sys\n"
        "from app.cli.main import app\n"
        "try:\n"
        f"    app(['themes', 'discover', {str(answers)!r}, '--out', {str(out)!r}])\n"
        "except SystemExit as done:\n"
        "    assert done.code == 0, done.code\n"
        f"print(sorted(m for m in {UNUSED!r} if m in sys.modules))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.read_text(encoding="utf-8"), run.stdout.strip().splitlines()


def test_cold_discover_skips_spacy_cli_and_pandas_and_themes_as_a_full_import_does(
    tmp_path: Path,
) -> None:
    lean, lean_out = _discover(tmp_path, "lean")
    assert lean_out[-1] == "[]"
    # The same run after importing spaCy and scikit-learn the ordinary way (CLI, pandas).
    full, full_out = _discover(tmp_path, "full", "import spacy, pandas, sklearn.cluster")
    assert "'spacy.cli'" in full_out[-1] and "'pandas'" in full_out[-1]
    assert lean == full
    rows = lean.splitlines()
    assert rows[0].startswith("row,theme_id")
    assert {line.split(",")[0] for line in rows[1:]} == {str(i) for i in range(1, 11)}


def test_skipped_imports_still_work_when_asked_for() -> None:
    code = (
        "import sys\n"
        "from app.cli.lean_imports import import_sklearn, import_spacy\n"
        "import_sklearn('sklearn.cluster')\n"
        "spacy = import_spacy()\n"
        "assert 'pandas' not in sys.modules and 'spacy.cli' not in sys.modules\n"
        "assert import_spacy() is spacy\n"
        "import pandas, spacy.cli\n"
        "assert pandas.DataFrame({'a': [1]}).shape == (1, 1)\n"
        "assert not getattr(sys.modules['spacy.cli.info'], '_whatmatters_stub', False)\n"
        "print(sorted(spacy.info()))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "spacy_version" in run.stdout


def test_spacy_info_imports_the_real_command_on_first_call() -> None:
    code = (
        "from app.cli.lean_imports import import_spacy\n"
        "spacy = import_spacy()\n"
        "print(spacy.info()['spacy_version'] == spacy.__version__)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip().splitlines()[-1] == "True"
