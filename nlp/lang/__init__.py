"""Per-language resources: the Welsh language class, mutations, English setup.

Importing this package imports no spaCy (the embedder needs only the Welsh word lists).
Welsh (``cy``) is registered with spaCy by :func:`own_components_only`, which every
pipeline builder enters, or by asking for ``nlp.lang.Welsh``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nlp.lang.cy.language import Welsh

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
    Entering it registers Welsh, so ``spacy.blank("cy")`` works inside.
    """
    from spacy import util

    import nlp.lang.cy.language  # noqa: F401  (registers "cy")

    factories = util.registry._entry_point_factories
    with _PLUGINS_LOCK:
        scanned = factories.entry_points
        factories.entry_points = False
        try:
            yield
        finally:
            factories.entry_points = scanned


def __getattr__(name: str) -> object:
    if name == "Welsh":
        from nlp.lang.cy.language import Welsh

        return Welsh
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
