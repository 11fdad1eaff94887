"""The one place that turns the EMBEDDER setting into an embedder.

Every consumer (the theming jobs, the worker, the console's theme seeding, the
`themes` command) asks here, so stored vectors always come from the same space.
"""

from __future__ import annotations

from typing import Any, Literal

EmbedderName = Literal["default", "hashing"]


def make_embedder(name: EmbedderName) -> Any:
    """The embedder called `name`; None means the project default, loaded lazily by its user."""
    if name == "hashing":
        from nlp.embeddings import HashingEmbedder

        return HashingEmbedder()
    return None


def load_embedder(name: EmbedderName) -> Any:
    """The embedder called `name`, loading the project default now (it takes seconds)."""
    embedder = make_embedder(name)
    if embedder is None:
        from nlp.embeddings import default_embedder

        embedder = default_embedder()
    return embedder
