"""The resolved versions of the packages a benchmark's figures depend on, for RESULTS.md."""

from __future__ import annotations

import platform
from importlib import metadata

PACKAGES = (
    "fastapi",
    "starlette",
    "uvicorn",
    "sqlalchemy",
    "sqlmodel",
    "psycopg",
    "twilio",
    "dramatiq",
    "redis",
    "numpy",
    "scikit-learn",
    "spacy",
    "tokenizers",
)


def versions_line() -> str:
    """One line: Python and each package's installed version ("absent" if not installed)."""
    found = []
    for name in PACKAGES:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} absent")
    return f"Python {platform.python_version()}; " + ", ".join(found)


if __name__ == "__main__":
    print(versions_line())
