"""Versions of the NLP outputs the store caches, as digests of what decides them.

A cached output (an answer's redacted text, its moderation flags) carries the version it
was computed with and is computed again when the version differs, officers' own decisions
kept. Hand-kept version strings were forgotten: the moderation flags kept "moderation-1"
through six rule changes, so answers checked before a change never met the new rules.
Each version is therefore a digest of the code and data files that decide the output. Any
change to them, even to a comment, has the caches recomputed: a recheck costs CPU once,
stale text or flags would cost a resident's privacy.

Light on purpose (hashlib and pathlib only): the console and the web process read these
versions without importing spaCy or the models.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

NLP = Path(__file__).parent


def folder_files(folder: Path, *, skip: Iterable[str] = ()) -> list[Path]:
    """A package folder's modules and the files in its ``data`` folder, ``skip`` left out."""
    left_out = set(skip)
    found = [*folder.glob("*.py"), *(folder / "data").glob("*")]
    return [path for path in found if path.is_file() and path.name not in left_out]


def files_digest(files: Iterable[Path], *, root: Path, extra: Iterable[str] = ()) -> str:
    """SHA-256 (hex) over each file's path under ``root`` and its bytes, then ``extra``."""
    digest = hashlib.sha256()
    for path in sorted(files, key=lambda p: p.relative_to(root).as_posix()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    for item in extra:
        digest.update(b"\0" + item.encode())
    return digest.hexdigest()


def moderation_version(folder: Path = NLP / "moderation") -> str:
    """The moderation flags' version: their rule modules, word lists and spam model."""
    files = folder_files(folder, skip={"store.py", "__init__.py"})
    return "moderation-" + files_digest(files, root=folder)[:12]


def _installed(package: str) -> str:
    try:
        return f"{package}=={version(package)}"
    except PackageNotFoundError:  # pragma: no cover - only on a broken install
        return f"{package}==?"


# MiniLM as the name finder runs it: the weights' check, the layers, the graph, the cleaning.
_MINILM_FILES = ("__init__.py", "minilm.py", "minilm_layers.py", "onnx_graph.py", "base.py")


def redaction_files() -> list[Path]:
    """What decides the redacted text: the redaction code and data (rules, gazetteers, the
    name head), the Welsh vocabulary it reads, and MiniLM, whose checked weights the name
    finder reads."""
    return [
        *folder_files(NLP / "redaction"),
        *folder_files(NLP / "lang" / "cy"),
        *(NLP / "embeddings" / name for name in _MINILM_FILES),
        NLP / "langid.py",  # which language's pipeline reads an answer
    ]


@cache
def redaction_version() -> str:
    """The redacted text's version: :func:`redaction_files` and the name-list packages."""
    # The name lists' packages; not en_core_web_sm, which the default finders do not run.
    packages = [_installed(name) for name in ("names", "gender-guesser")]
    return "nlp.redaction-" + files_digest(redaction_files(), root=NLP, extra=packages)[:12]
