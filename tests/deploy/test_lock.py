"""Reproducible installs: the lock files pin every dependency; this environment is the lock."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
LOCKS = ROOT / "requirements"

# "name==1.2.3 ; marker \" then hash lines; continuation lines start with spaces.
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)(?:\s*;\s*([^\\]+?))?\s*\\?$")


def _pins(lock: str) -> dict[str, list[tuple[str, str | None]]]:
    """Each locked package with its versions (a universal lock may pin one per marker)."""
    pins: dict[str, list[tuple[str, str | None]]] = {}
    for line in (LOCKS / lock).read_text().splitlines():
        match = _PIN.match(line)
        if match:
            name, version, marker = match.groups()
            pins.setdefault(canonicalize_name(name), []).append((version, marker))
    return pins


def _declared(extras: tuple[str, ...]) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = [Requirement(spec) for spec in project["dependencies"]]
    for extra in extras:
        declared += [Requirement(spec) for spec in project["optional-dependencies"][extra]]
    return declared


@pytest.mark.parametrize(
    ("lock", "extras"),
    [("base.lock", ()), ("dev.lock", ("dev",)), ("bench.lock", ("dev", "bench"))],
)
def test_every_declared_dependency_is_pinned_with_hashes(
    lock: str, extras: tuple[str, ...]
) -> None:
    pins = _pins(lock)
    missing = [str(req) for req in _declared(extras) if canonicalize_name(req.name) not in pins]
    assert not missing, f"run scripts/lock: {lock} lacks {missing}"
    text = (LOCKS / lock).read_text()
    assert text.count("==") <= text.count("--hash=sha256:"), "every pin carries its hashes"
    for req in _declared(extras):
        for version, _ in pins[canonicalize_name(req.name)]:
            assert req.specifier.contains(version, prereleases=True), (
                f"{lock} pins {req.name}=={version}, outside pyproject's {req.specifier}: "
                "run scripts/lock"
            )


def test_this_environment_is_the_dev_lock() -> None:
    """scripts/test installed exactly the locked versions (a fresh install resolves the lock)."""
    wrong = []
    for name, versions in _pins("dev.lock").items():
        wanted = [v for v, marker in versions if marker is None or Marker(marker).evaluate()]
        if not wanted:
            continue  # not for this platform or Python
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            wrong.append(f"{name} missing")
            continue
        if installed not in wanted:
            wrong.append(f"{name} {installed} (lock: {wanted[0]})")
    assert not wrong, f"the environment differs from requirements/dev.lock: {wrong}"
