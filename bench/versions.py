"""The resolved versions a benchmark ran with, printed next to its figures.

Results are only comparable between runs on the same dependencies (the lock
files in requirements/ pin them); a benchmark prints `versions_line()` so a
recorded result says which ones it had.

    from bench.versions import versions_line
    print(versions_line())
"""

from __future__ import annotations

import platform
from collections.abc import Iterable
from importlib import metadata

# What decides the speed of the web and conversation paths, and the themes' results.
MAIN_PACKAGES = (
    "fastapi",
    "starlette",
    "uvicorn",
    "httptools",
    "sqlalchemy",
    "sqlmodel",
    "psycopg",
    "psycopg-binary",
    "twilio",
    "dramatiq",
    "redis",
    "aiogram",
    "pydantic",
    "spacy",
    "numpy",
    "scikit-learn",
    "scipy",
    "tokenizers",
    "onnxruntime",
)


def versions(packages: Iterable[str] = MAIN_PACKAGES) -> dict[str, str]:
    """Installed version of each package ("absent" when not installed), and Python's."""
    found = {"python": platform.python_version()}
    for name in packages:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "absent"
    return found


def versions_line(packages: Iterable[str] = MAIN_PACKAGES) -> str:
    """One line for a benchmark's output: ``versions: python 3.11.7, fastapi 0.1, ...``."""
    return "versions: " + ", ".join(f"{name} {v}" for name, v in versions(packages).items())


if __name__ == "__main__":
    print(versions_line())
