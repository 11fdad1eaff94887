"""Theming stored answers: embed once, assign incrementally, refit keeping officer edits.

Used by the bot's jobs, the CLI and the console with a plain SQLModel session; nothing
here imports ``bot`` or ``console``. Officer edits live in :mod:`nlp.themes.edits`.

How a refit keeps officers' work:
    * every theme an officer touched (renamed, seeded, split off, received moved or
      pinned answers, or absorbed a merge) is an *anchor*: it must exist after the fit,
      centred on its stored centre and the answers the officer put there;
    * other themes keep their id when a new theme matches them (Hungarian matching on
      centre similarity and answer overlap); a new theme that matches a merged theme
      is folded into the theme it was merged into; unmatched old themes are retired;
    * officer assignments and pinned quotes are never overwritten.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import text
from sqlmodel import Session

from nlp.moderation.flags import SPAM
from nlp.moderation.store import active_kinds
from nlp.redaction.derived import identifying_words_for, scrub_label, scrub_phrases
from nlp.themes.clauses import embed_clauses
from nlp.themes.clustering import Anchor
from nlp.themes.matching import match_themes
from nlp.themes.model import ThemeModel
from nlp.themes.vectors import from_bytes, normalise_rows, to_bytes
from storage.models.themes import AssignmentSource, Theme, ThemeStatus
from storage.repositories import themes as repo

#: Pairs below this combined score start a new theme rather than continuing an old one.
MATCH_MIN = 0.5
#: Advisory-lock namespace for refits (PostgreSQL); the consultation id is added.
REFIT_LOCK = 0x7E3E_0000


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
) -> int:
    """Embed answers that have no stored vector from this embedder (idempotent).

    Returns:
        How many answers were embedded now.
    """
    todo = repo.answers_to_embed(
        session=session,
        model=embedder.name,
        answer_ids=answer_ids,
        consultation_id=consultation_id,
    )
    for start in range(0, len(todo), batch_size):
        chunk = todo[start : start + batch_size]
        texts = [t for _, t in chunk]
        langs = [detect_language(t) for t in texts]
        vectors = np.asarray(embedder.encode(texts, languages=langs), dtype=np.float32)
        clauses = embed_clauses(embedder, texts, langs)
        repo.save_embeddings(
            session=session,
            rows=[
                (
                    answer_id,
                    embedder.name,
                    vectors.shape[1],
                    to_bytes(v),
                    lang,
                    None if c is None else to_bytes(c.ravel()),
                )
                for (answer_id, _), v, lang, c in zip(chunk, vectors, langs, clauses, strict=True)
            ],
        )
    return len(todo)


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
    done = 0
    flags = active_kinds(session, list(answer_ids))
    for answer_id in answer_ids:
        if SPAM in flags.get(answer_id, []):
            continue  # spam stays out of themes
        consultation_id = repo.consultation_of_answer(session=session, answer_id=answer_id)
        stored = repo.embedding_of(session=session, answer_id=answer_id)
        if consultation_id is None or stored is None:
            continue
        index = theme_index(session=session, consultation_id=consultation_id)
        if not index.theme_ids or index.model != stored.model:
            continue
        if any(
            a.source == AssignmentSource.OFFICER
            for a in repo.assignments_of(session=session, answer_id=answer_id)
        ):
            continue
        found = index.assign(
            from_bytes(stored.vector), _clauses(stored.clauses, len(stored.vector))
        )
        rows = [(answer_id, t, s, rank) for rank, (t, s) in enumerate(found)]
        if not rows and index.other_id is not None:
            rows = [(answer_id, index.other_id, 0.0, 0)]
        repo.replace_auto_assignments(session=session, answer_ids=[answer_id], rows=rows)
        done += 1
    return done


@dataclass
class RefitReport:
    """What a refit did."""

    answers: int
    themes: int
    kept: int
    created: int
    retired: int
    other_share: float
    # Answers left out as spam (listed in the console, back once an officer clears the flag).
    spam: int = 0


def refit_consultation(
    *,
    session: Session,
    consultation_id: int,
    embedder: Any = None,
    about_n: int | None = None,
    model: ThemeModel | None = None,
) -> RefitReport:
    """Re-discover a consultation's themes from stored vectors, keeping officers' edits.

    Args:
        session: an open session (the caller commits).
        consultation_id: the consultation.
        embedder: embeds answers that have no vector yet (the default embedder if None).
        about_n: the officer asked for about this many themes.
        model: a configured :class:`ThemeModel` (tests, benchmarks); default otherwise.

    Returns:
        A :class:`RefitReport`.
    """
    if embedder is None:
        from nlp.embeddings import default_embedder

        embedder = default_embedder()
    if session.get_bind().dialect.name == "postgresql":
        # Two workers refitting one consultation at once would both create its new
        # themes; the second waits here and then carries the first one's identities.
        session.execute(
            text("SELECT pg_advisory_xact_lock(:key)"), {"key": REFIT_LOCK + consultation_id}
        )
    embed_answers(session=session, embedder=embedder, consultation_id=consultation_id)
    answers = [
        a
        for a in repo.stored_answers(session=session, consultation_id=consultation_id)
        if a.vector is not None and a.model == embedder.name
    ]
    # Spam stays out of themes (an officer who clears the flag brings it back at the next
    # refit); the console lists and counts what was left out.
    flags = active_kinds(session, [a.answer_id for a in answers])
    spam = [a.answer_id for a in answers if SPAM in flags.get(a.answer_id, [])]
    repo.replace_auto_assignments(session=session, answer_ids=spam, rows=[])
    answers = [a for a in answers if SPAM not in flags.get(a.answer_id, [])]
    other = repo.other_theme(session=session, consultation_id=consultation_id)
    active = [
        t
        for t in repo.list_themes(session=session, consultation_id=consultation_id)
        if not t.is_other
    ]
    merged = [
        t
        for t in repo.list_themes(
            session=session, consultation_id=consultation_id, statuses=(ThemeStatus.MERGED,)
        )
        if t.merged_into_id is not None and t.centroid is not None
    ]
    if not answers:
        return RefitReport(0, len(active), len(active), 0, 0, 0.0, spam=len(spam))
    row_of = {a.answer_id: i for i, a in enumerate(answers)}
    vectors = np.stack([from_bytes(a.vector) for a in answers if a.vector is not None])
    officer = repo.officer_assignments(session=session, consultation_id=consultation_id)
    anchors, anchor_themes = _anchors(active, merged, officer, vectors, row_of)
    model = model or ThemeModel(embedder=embedder)
    model.fit(
        [a.text for a in answers],
        embeddings=vectors,
        languages=[a.language for a in answers],
        about_n=about_n,
        anchors=anchors,
        clause_vectors=[_clauses(a.clauses, len(a.vector or b"")) for a in answers],
    )
    pins: dict[int, list[int]] = {}
    for assignment in officer:
        if assignment.pinned:
            pins.setdefault(assignment.theme_id, []).append(assignment.answer_id)
    ids, kept, created, retired = _carry_identities(
        session, consultation_id, model, anchor_themes, active, merged, answers, pins
    )
    rows: list[tuple[int, int, float, int]] = []
    for i, found in enumerate(model.assignments_):
        answer_id = answers[i].answer_id
        mapped = _dedupe([(ids[t], s) for t, s in found])
        if not mapped:
            rows.append((answer_id, int(other.id or 0), 0.0, 0))
        rows.extend((answer_id, t, s, rank) for rank, (t, s) in enumerate(mapped))
    repo.replace_auto_assignments(
        session=session, answer_ids=[a.answer_id for a in answers], rows=rows
    )
    repo.save_theme(
        session=session,
        theme=other,
        threshold=model.other_threshold_,
        size=int((model.labels_ < 0).sum()),
        model=embedder.name,
    )
    return RefitReport(
        answers=len(answers),
        themes=len(set(ids.values())),
        kept=kept,
        created=created,
        retired=retired,
        other_share=model.other_share_,
        spam=len(spam),
    )


def _anchors(
    active: list[Theme],
    merged: list[Theme],
    officer: list[Any],
    vectors: np.ndarray,
    row_of: dict[int, int],
) -> tuple[list[Anchor], list[Theme]]:
    by_theme: dict[int, list[np.ndarray]] = {}
    for assignment in officer:
        row = row_of.get(assignment.answer_id)
        if row is not None:
            by_theme.setdefault(assignment.theme_id, []).append(vectors[row])
    for theme in merged:
        if theme.centroid is not None and theme.merged_into_id is not None:
            by_theme.setdefault(theme.merged_into_id, []).append(from_bytes(theme.centroid))
    anchors: list[Anchor] = []
    anchor_themes: list[Theme] = []
    for theme in active:
        touched = theme.officer_label or theme.is_seed or theme.id in by_theme
        if not touched:
            continue
        examples = list(by_theme.get(int(theme.id or 0), []))
        if theme.centroid is not None:
            examples.append(from_bytes(theme.centroid))
        if not examples:
            continue
        anchors.append(Anchor(key=theme.id, vectors=normalise_rows(np.stack(examples))))
        anchor_themes.append(theme)
    return anchors, anchor_themes


def _carry_identities(
    session: Session,
    consultation_id: int,
    model: ThemeModel,
    anchor_themes: list[Theme],
    active: list[Theme],
    merged: list[Theme],
    answers: list[repo.StoredAnswer],
    pins: dict[int, list[int]],
) -> tuple[dict[int, int], int, int, int]:
    """Map each new theme index to a stored theme id; create, update and retire rows."""
    themes = model.themes_
    ids: dict[int, int] = {}
    for found in themes:
        if found.anchor_key is not None:
            ids[found.index] = int(found.anchor_key)  # type: ignore[call-overload]
    free_new = [f.index for f in themes if f.anchor_key is None]
    candidates = [t for t in active if t not in anchor_themes and t.centroid is not None]
    candidates += merged
    old_members = [
        set(repo.members_of(session=session, theme_id=int(t.id or 0))) for t in candidates
    ]
    new_members = [
        {answers[i].answer_id for i in np.flatnonzero(model.labels_ == t)} for t in free_new
    ]
    overlap = (
        np.array([[len(n & o) / max(1, len(n | o)) for o in old_members] for n in new_members])
        if free_new and candidates
        else None
    )
    pairs = match_themes(
        np.stack([from_bytes(t.centroid) for t in candidates if t.centroid])
        if candidates
        else np.zeros((0, model.centroids_.shape[1]), dtype=np.float32),
        model.centroids_[free_new] if free_new else np.zeros((0, 1), dtype=np.float32),
        overlap=overlap,
        min_score=MATCH_MIN,
    )
    kept = len(anchor_themes)
    created = 0
    used: set[int] = set()
    for position, t in enumerate(free_new):
        old = candidates[pairs[position]] if position in pairs else None
        if old is not None and old.status == ThemeStatus.MERGED and old.merged_into_id:
            ids[t] = old.merged_into_id
            continue
        if old is not None:
            ids[t] = int(old.id or 0)
            used.add(ids[t])
            kept += 1
            continue
        theme = repo.add_theme(session=session, consultation_id=consultation_id)
        ids[t] = int(theme.id or 0)
        created += 1
    by_id = {int(t.id or 0): t for t in active}
    # Labels and keywords are shown on the board, exported and served by the API: no word
    # the redactor removed from any of these answers may appear in them.
    identifying = identifying_words_for(
        session, [(a.answer_id, a.text, a.language) for a in answers]
    )
    for found in themes:
        theme = by_id.get(ids[found.index]) or repo.get_theme(
            session=session, theme_id=ids[found.index]
        )
        if theme.status == ThemeStatus.ACTIVE:
            repo.save_theme(
                session=session,
                theme=theme,
                label_en=scrub_label(
                    found.labels.get("en", found.label), identifying, found.keywords
                )[:200],
                label_cy=scrub_label(found.labels.get("cy", ""), identifying)[:200],
                centroid=to_bytes(model.centroids_[found.index]),
                size=found.size,
                model=getattr(model.embedder, "name", theme.model) or theme.model,
                keywords=scrub_phrases(found.keywords, identifying),
                # Pinned quotes first, then the typical ones (without repeats).
                quote_answer_ids=_dedupe_ids(
                    pins.get(int(theme.id or 0), []) + [answers[q].answer_id for q in found.quotes]
                ),
            )
    anchored = {int(t.id or 0) for t in anchor_themes}
    retired = 0
    for theme in active:
        if int(theme.id or 0) not in used and int(theme.id or 0) not in anchored:
            repo.save_theme(session=session, theme=theme, status=ThemeStatus.RETIRED, size=0)
            retired += 1
    return ids, kept, created, retired


def _dedupe(pairs: list[tuple[int, float]]) -> list[tuple[int, float]]:
    seen: set[int] = set()
    out = []
    for theme_id, score in pairs:
        if theme_id not in seen:
            seen.add(theme_id)
            out.append((theme_id, score))
    return out


def _dedupe_ids(ids: list[int]) -> list[int]:
    return list(dict.fromkeys(ids))


def _clauses(blob: bytes | None, vector_bytes: int) -> np.ndarray | None:
    """Stored clause vectors as a ``(clauses, dim)`` array (dim from the answer's vector)."""
    if blob is None or vector_bytes == 0:
        return None
    return from_bytes(blob).reshape(-1, vector_bytes // 4)
