"""A data set's file, from a folder holding it or from a git mirror of its repository.

The readers of the name-finder sets (bench/ewt.py, bench/stackoverflow_ner.py,
bench/tweebank_ner.py, bench/wiki_ner.py) take either: a plain folder someone downloaded, or
the bare mirror `fetch` leaves, read with ``git show`` at a pinned commit so nothing is
copied and every run reads the same labels.
"""

from __future__ import annotations

import subprocess
from pathlib import Path


def read_text(source: Path, name: str, *, commit: str = "HEAD", path: str | None = None) -> str:
    """The text of ``source / name``, or of ``commit:path`` (``path`` defaults to ``name``)
    in the git repository ``source`` is (bare) or holds."""
    if (source / name).is_file():
        return (source / name).read_text(encoding="utf-8")
    git_dir = source if (source / "objects").is_dir() else source / ".git"
    if not git_dir.exists():
        raise FileNotFoundError(f"{source} holds no {name} and is no git repository")
    shown = subprocess.run(
        ["git", "--git-dir", str(git_dir), "show", f"{commit}:{path or name}"],
        capture_output=True,
        check=True,
    )
    return shown.stdout.decode("utf-8")
