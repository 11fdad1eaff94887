"""A cold `themes discover` (models loading while a thread imports the theming libraries)
themes exactly as a run that imported everything first, without scikit-learn or scipy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

# Libraries a run imports on its warm-up thread while the embedder loads, and the two
# whose imports (about 1.5 s of CPU) theming no longer needs.
HEAVY = ("spacy", "nlp.themes", "sklearn", "scipy")

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
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.read_text(encoding="utf-8"), run.stdout.strip().splitlines()


def test_a_cold_discover_themes_as_one_that_imported_everything_first(tmp_path: Path) -> None:
    cold, cold_out = _discover(tmp_path, "cold")
    warm, warm_out = _discover(tmp_path, "warm", "import spacy, nlp.themes")
    assert cold_out[-1] == warm_out[-1] == "['nlp.themes', 'spacy']"
    assert cold == warm
    rows = cold.splitlines()
    assert rows[0].startswith("row,theme_id")
    assert {line.split(",")[0] for line in rows[1:]} == {str(i) for i in range(1, 11)}
