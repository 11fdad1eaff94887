"""The project's spaCy pipelines are built without importing other packages' plugins."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

PROBE = textwrap.dedent(
    """
    import sys
    {build}
    print("imported" if "slow_spacy_plugin" in sys.modules else "not imported")
    """
)


def plugin_on_path(tmp_path: Path) -> Path:
    """A package registering a `spacy_factories` entry point, as presidio-analyzer does."""
    (tmp_path / "slow_spacy_plugin.py").write_text("def make(nlp, name):\n    return None\n")
    info = tmp_path / "slow_spacy_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: slow-spacy-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(
        "[spacy_factories]\nslow_plugin_pipe = slow_spacy_plugin:make\n"
    )
    return tmp_path


def probe(path: Path, build: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(build=build)],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": f"{path}:{Path.cwd()}", "PATH": "/usr/bin:/bin"},
    )
    return done.stdout.strip()


def test_plain_spacy_imports_the_plugin_our_pipelines_do_not(tmp_path: Path) -> None:
    path = plugin_on_path(tmp_path)
    # The control: spaCy on its own imports every factory plugin it finds.
    assert probe(path, "import spacy; spacy.blank('en')") == "imported"
    ours = (
        "from nlp.pipelines import get_pipeline; "
        "from nlp.redaction.redactor import build_redaction_pipeline; "
        "get_pipeline('en'); get_pipeline('cy'); get_pipeline('de'); "
        "build_redaction_pipeline('en'); build_redaction_pipeline('cy')"
    )
    assert probe(path, ours) == "not imported"


def test_spacy_finds_plugins_again_after_our_pipelines_are_built(tmp_path: Path) -> None:
    path = plugin_on_path(tmp_path)
    build = (
        "from nlp.pipelines import get_pipeline; get_pipeline('en'); "
        "import spacy; spacy.blank('en')"
    )
    assert probe(path, build) == "imported"
