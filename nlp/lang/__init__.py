"""Per-language resources: the Welsh language class, mutations, English setup.

Importing this package registers Welsh (``cy``) with spaCy.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from nlp.lang.cy import Welsh

__all__ = ["Welsh", "own_components_only"]

_PLUGINS_LOCK = threading.RLock()


@contextmanager
def own_components_only() -> Iterator[None]:
    """Create spaCy pipelines without importing other packages' component plugins.

    Every ``spacy.blank`` / ``spacy.load`` imports each installed package's
    ``spacy_factories`` entry point. presidio-analyzer (a benchmark baseline) registers
    one whose import took ~1.3 s of a cold `themes discover`. The project's pipelines
    use only spaCy's own components and ours, registered by import, so the scan is
    skipped while they are built (pipelines built elsewhere meanwhile skip it too).
    """
    from spacy import util

    factories = util.registry._entry_point_factories
    with _PLUGINS_LOCK:
        scanned = factories.entry_points
        factories.entry_points = False
        try:
            yield
        finally:
            factories.entry_points = scanned
