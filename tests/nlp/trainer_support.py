"""The name head's trainer, loaded from tools/ for the tests of its pieces.

tools/ is no package: the trainer puts itself and the repository on sys.path when it is
loaded, so its sibling modules (name_head_features, name_head_files) import after it.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def name_head_trainer() -> ModuleType:
    """tools/train_name_head.py as a module (loaded once)."""
    if "train_name_head" in sys.modules:
        return sys.modules["train_name_head"]
    spec = importlib.util.spec_from_file_location(
        "train_name_head", ROOT / "tools" / "train_name_head.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["train_name_head"] = module
    spec.loader.exec_module(module)
    return module


def name_head_features() -> ModuleType:
    """tools/name_head_features.py, the trainer's training rows (imported by the trainer)."""
    name_head_trainer()
    return sys.modules["name_head_features"]
