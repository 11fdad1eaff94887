"""Theming stored answers as they arrive: embed once, assign to the current themes.

Used by the bot's jobs, the CLI and the console with a plain SQLModel session; nothing
here imports ``bot`` or ``console``. Refits are in :mod:`nlp.themes.refit`.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlmodel import Session

from nlp.moderation.flags import SPAM
from nlp.moderation.store import active_kinds
from nlp.themes.clauses import split_clauses
from nlp.themes.junk import is_junk
from nlp.themes.vectors import from_bytes, to_bytes
from storage.repositories import embeddings as embedding_repo
from storage.repositories import themes as repo


def detect_language(text: str) -> str:
    """ "en", "cy" or "other" for one answer (the project's identifier when present)."""
    try:
        from nlp.langid import identify
    except ImportError:  # pragma: no cover - the language layer ships with the project
        return "en"
    return str(identify(text))


def embed_answers(
    *,
    session: Session,
    embedder: Any,
    answer_ids: Sequence[int] | None = None,
    consultation_id: int | None = None,
    batch_size: int = 256,
    progress: Any = None,
) -> int:
    """Embed answers that have no stored vector from this embedder (idempotent).

    Returns:
        How many answers were embedded now.
    """
    todo = embedding_repo.answers_to_embed(
        session=session,
        model=embedder.name,
        answer_ids=answer_ids,
        consultation_id=consultation_id,
    )
    for start in range(0, len(todo), batch_size):
        if progress is not None:
            progress(start, len(todo))
        embedding_repo.save_embeddings(
            session=session, rows=embedding_rows(embedder, todo[start : start + batch_size])
        )
    return len(todo)


def embedding_rows(
    embedder: Any, answers: Sequence[tuple[int, str]]
) -> list[tuple[int, str, int, bytes, str, bytes | None]]:
    """The rows :func:`embedding_repo.save_embeddings` stores for (id, text) answers; no database.

    Split from :func:`embed_answers` so that a worker can run the model outside any
    transaction and write the rows in a short one.
    """
    if not answers:
        return []
    texts = [t for _, t in answers]
    langs = [detect_language(t) for t in texts]
    split = [split_clauses(t, lang) for t, lang in zip(texts, langs, strict=True)]
    # Answers and their clauses go to the embedder in one call, each distinct text
    # once: one length-sorted pass keeps batches full and padding low.
    flat = texts + [c for parts in split for c in parts]
    flat_langs = langs + [lang for parts, lang in zip(split, langs, strict=True) for _ in parts]
    every = encode_distinct(embedder, flat, flat_langs)
    vectors = every[: len(texts)].copy()
    # Answers with no content are stored as zero vectors: "other" for every fit.
    vectors[[i for i, t in enumerate(texts) if is_junk(t)]] = 0.0
    clauses: list[np.ndarray | None] = []
    row = len(texts)
    for parts in split:
        clauses.append(every[row : row + len(parts)] if parts else None)
        row += len(parts)
    return [
        (
            answer_id,
            embedder.name,
            vectors.shape[1],
            to_bytes(v),
            lang,
            None if c is None else to_bytes(c.ravel()),
        )
        for (answer_id, _), v, lang, c in zip(answers, vectors, langs, clauses, strict=True)
    ]


def encode_distinct(embedder: Any, texts: Sequence[str], languages: Sequence[str]) -> np.ndarray:
    """``embedder.encode`` with each distinct (text, language) embedded once.

    Imports repeat short answers ("Nothing", "Very good") and their clauses; the
    model is the cost, so repeats are copied rather than run through it again.
    """
    first: dict[tuple[str, str], int] = {}
    rows = [
        first.setdefault((t, lang), len(first)) for t, lang in zip(texts, languages, strict=True)
    ]
    distinct = list(first)
    if not distinct:
        return np.zeros((0, int(getattr(embedder, "dim", 0))), dtype=np.float32)
    vectors = np.asarray(
        embedder.encode([t for t, _ in distinct], languages=[lang for _, lang in distinct]),
        dtype=np.float32,
    )
    return vectors[rows]


@dataclass
class ThemeIndex:
    """The active themes of one consultation, ready for millisecond assignment."""

    theme_ids: list[int]
    centroids: np.ndarray
    other_id: int | None
    threshold: float
    model: str

    def assign(
        self, vector: np.ndarray, clauses: np.ndarray | None = None, *, assigner: Any = None
    ) -> list[tuple[int, float]]:
        """Theme ids and scores for one vector, primary first; empty means "other"."""
        from nlp.themes.assign import CentroidAssigner

        if not self.theme_ids or not np.any(vector):
            return []
        sims = (self.centroids @ vector.astype(np.float32))[None, :]
        clause_sims = None if clauses is None else [clauses @ self.centroids.T]
        found = (assigner or CentroidAssigner()).assign(sims, self.threshold, clause_sims).themes[0]
        return [(self.theme_ids[i], score) for i, score in found]


_index_cache: dict[tuple[str, int], tuple[tuple[int, str], ThemeIndex]] = {}
_cache_lock = threading.Lock()


def theme_index(*, session: Session, consultation_id: int) -> ThemeIndex:
    """The consultation's :class:`ThemeIndex`, cached until its themes change."""
    version = repo.themes_version(session=session, consultation_id=consultation_id)
    bind = session.get_bind()
    key = (str(bind.engine.url), consultation_id)
    with _cache_lock:
        cached = _index_cache.get(key)
    if cached is not None and cached[0] == version:
        return cached[1]
    themes = repo.list_themes(session=session, consultation_id=consultation_id)
    usable = [t for t in themes if not t.is_other and t.centroid is not None]
    other = next((t for t in themes if t.is_other), None)
    index = ThemeIndex(
        theme_ids=[int(t.id) for t in usable if t.id is not None],
        centroids=np.stack([from_bytes(t.centroid) for t in usable if t.centroid])
        if usable
        else np.zeros((0, 1), dtype=np.float32),
        other_id=other.id if other else None,
        threshold=float(other.threshold) if other and other.threshold is not None else 0.35,
        model=usable[0].model if usable else "",
    )
    with _cache_lock:
        _index_cache[key] = (version, index)
    return index


def embed_and_assign(*, session: Session, answer_ids: Sequence[int], embedder: Any) -> int:
    """Embed new answers once and assign them to their consultation's current themes.

    Idempotent: running it twice gives the same rows. Answers whose consultation has no
    themes yet stay unassigned until a refit. Officer assignments are never touched.

    Returns:
        How many answers were assigned.
    """
    embed_answers(session=session, embedder=embedder, answer_ids=answer_ids)
    assigned, rows = assignment_rows(session=session, answer_ids=answer_ids)
    repo.replace_auto_assignments(session=session, answer_ids=assigned, rows=rows)
    return len(assigned)


def assignment_rows(
    *, session: Session, answer_ids: Sequence[int], skip_spam: bool = True
) -> tuple[list[int], list[tuple[int, int, float, int]]]:
    """Which embedded answers get automatic themes now, and their (answer, theme,
    score, rank) rows; the caller writes them in one short statement.

    Skipped: spam (unless ``skip_spam`` is False: the caller filters it, since checking
    an answer for the first time writes its flags), answers not embedded, consultations
    without themes (or themed with another model), and answers an officer placed.
    """
    assigned: list[int] = []
    rows: list[tuple[int, int, float, int]] = []
    flags = active_kinds(session, list(answer_ids)) if skip_spam else {}
    # A batch's reads are a few queries, not several per answer: the worker themes
    # answers in batches of dozens and this runs inside its write transaction.
    embedded = embedding_repo.embedded_answers(session=session, answer_ids=answer_ids)
    placed = repo.officer_placed(session=session, answer_ids=[a for a, *_ in embedded])
    indexes: dict[int, ThemeIndex] = {}
    for answer_id, consultation_id, model, vector, clauses in embedded:
        if SPAM in flags.get(answer_id, []):
            continue  # spam stays out of themes
        if consultation_id not in indexes:
            indexes[consultation_id] = theme_index(session=session, consultation_id=consultation_id)
        index = indexes[consultation_id]
        if not index.theme_ids or index.model != model or answer_id in placed:
            continue
        found = index.assign(from_bytes(vector), _clauses(clauses, len(vector)))
        answer_rows = [(answer_id, t, s, rank) for rank, (t, s) in enumerate(found)]
        if not answer_rows and index.other_id is not None:
            answer_rows = [(answer_id, index.other_id, 0.0, 0)]
        assigned.append(answer_id)
        rows += answer_rows
    return assigned, rows


def _clauses(blob: bytes | None, vector_bytes: int) -> np.ndarray | None:
    """Stored clause vectors as a ``(clauses, dim)`` array (dim from the answer's vector)."""
    if blob is None or vector_bytes == 0:
        return None
    return from_bytes(blob).reshape(-1, vector_bytes // 4)
