"""The data-set readers' shared file access (bench/mirrors.py): a folder or a git mirror."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from bench.mirrors import read_text


def _git(*args: str, cwd: Path) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_a_file_is_read_from_a_folder_or_a_mirror_at_a_commit(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "dev.bio").write_text("Siân\tB-PER\n", encoding="utf-8")
    assert read_text(folder, "dev.bio") == "Siân\tB-PER\n"

    work = tmp_path / "work"
    (work / "data").mkdir(parents=True)
    _git("init", "-q", cwd=work)
    (work / "data" / "dev.bio").write_text("first\n", encoding="utf-8")
    _git("add", ".", cwd=work)
    _git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "1", cwd=work)
    first = _git("rev-parse", "HEAD", cwd=work)
    (work / "data" / "dev.bio").write_text("second\n", encoding="utf-8")
    _git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qam", "2", cwd=work)
    bare = tmp_path / "mirror.git"
    _git("clone", "-q", "--bare", str(work), str(bare), cwd=tmp_path)
    # The pinned commit's labels, not the newest: every run reads the same.
    assert read_text(bare, "dev.bio", commit=first, path="data/dev.bio") == "first\n"
    assert read_text(work, "dev.bio", path="data/dev.bio") == "second\n"


def test_neither_a_file_nor_a_repository_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="holds no dev.bio and is no git repository"):
        read_text(tmp_path, "dev.bio")
