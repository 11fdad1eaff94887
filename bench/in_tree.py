"""Run a piece of Python against a tree of the code in its own process.

The benches compare this tree with a baseline exported by ``git archive``: each tree's code is
imported in a fresh interpreter (``sys.argv[1]`` is the tree, put first on ``sys.path`` by the
child), so the two never share a module.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any


def run_in_tree(child: str, root: Path, payload: object) -> Any:
    """Run ``child`` in ``root`` with ``payload`` as JSON on its stdin; its last line of
    output, read as JSON."""
    done = subprocess.run(
        [sys.executable, "-c", child, str(root)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=True,
        cwd=root,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])
