"""Refitting a consultation's themes from stored vectors, keeping officers' edits.

How a refit keeps officers' work:
    * every theme an officer touched (renamed, seeded, split off, received moved or
      pinned answers, or absorbed a merge) is an *anchor*: it must exist after the fit,
      centred on its stored centre and the answers the officer put there; a merged
      theme's halves stay separate anchors that the model folds back into one theme;
    * answers an officer placed (moved, split off, or in a theme they named or merged)
      keep exactly the officer's rows;
    * other themes keep their id when a new theme matches them (Hungarian matching on
      centre similarity and answer overlap); a new theme that matches a merged theme
      is folded into the theme it was merged into; unmatched old themes are retired;
    * a theme an officer touched keeps its label until the officer renames it;
    * the broad level (nlp.themes.tree) is rebuilt over the new sub-themes at the
      officer's "about N" when they asked for one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlmodel import Session

from nlp.moderation.flags import ABUSE, SPAM
from nlp.moderation.store import active_kinds
from nlp.redaction.derived import hidden_words, identifying_words, scrub_label, scrub_phrases
from nlp.themes.broad import rebuild_broad
from nlp.themes.clustering import Anchor
from nlp.themes.incremental import _clauses, embed_answers
from nlp.themes.locking import lock_consultation
from nlp.themes.matching import match_themes
from nlp.themes.model import ThemeModel
from nlp.themes.quotes import propose_theme_quotes
from nlp.themes.redacted import redacted_texts
from nlp.themes.sentiment import Sentiment, answer_sentiment, theme_sentiment
from nlp.themes.vectors import from_bytes, normalise_rows, to_bytes
from storage.models.themes import Theme, ThemeStatus
from storage.repositories import embeddings as embedding_repo
from storage.repositories import themes as repo
from storage.repositories.console_answers import cached_redaction_spans
from storage.repositories.redaction_words import words_for_consultation

#: Pairs below this combined score start a new theme rather than continuing an old one.
MATCH_MIN = 0.5
#: A theme found with fewer answers than this keeps its earlier label.
STABLE_LABEL_SIZE = 5


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
    about_broad: int | None = None,
    model: ThemeModel | None = None,
    progress: Any = None,
    propose_quotes: bool = True,
    exclude_from_quotes: Callable[[int], bool] | None = None,
) -> RefitReport:
    """Re-discover a consultation's themes from stored vectors, keeping officers' edits.

    Args:
        session: an open session (the caller commits).
        consultation_id: the consultation.
        embedder: embeds answers that have no vector yet (the default embedder if None).
        about_n: the officer asked for about this many sub-themes (kept for later
            refits; ``None`` keeps the earlier choice or lets the model count).
        about_broad: the officer asked for about this many broad themes (kept).
        progress: called with (step, done, total) as the refit goes (import page).
        propose_quotes: put each theme's typical answers in the quote approval queue.
        exclude_from_quotes: answers never proposed as quotes (e.g. flagged as abuse).
        model: a configured :class:`ThemeModel` (tests, benchmarks); default otherwise.

    Returns:
        A :class:`RefitReport`.
    """
    if embedder is None:
        from nlp.embeddings import default_embedder

        embedder = default_embedder()
    lock_consultation(session, consultation_id)
    report = progress or (lambda step, done, total: None)
    embed_answers(
        session=session,
        embedder=embedder,
        consultation_id=consultation_id,
        progress=lambda done, total: report("embedding", done, total),
    )
    stored_tree = repo.get_tree(session=session, consultation_id=consultation_id)
    if about_n is None and stored_tree is not None:
        about_n = stored_tree.about_sub
    elif about_n is not None:
        repo.save_tree(session=session, consultation_id=consultation_id, about_sub=about_n)
    answers = [
        a
        for a in embedding_repo.stored_answers(session=session, consultation_id=consultation_id)
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
    report("grouping", 0, len(answers))

    # Labels are read from the redacted text only (a resident's name must never become
    # a theme's label); only the answers a label is built from are redacted here (or
    # read from the store), not every answer: grouping needs vectors, not text.
    def label_texts(rows: list[int]) -> list[str]:
        chosen = [answers[i] for i in rows]
        shown = redacted_texts(
            session=session, answers=[(a.answer_id, a.text, a.language) for a in chosen]
        )
        return [shown[a.answer_id] for a in chosen]

    model.fit(
        [a.text for a in answers],
        embeddings=vectors,
        languages=[a.language for a in answers],
        about_n=about_n,
        anchors=anchors,
        clause_vectors=[_clauses(a.clauses, len(a.vector or b"")) for a in answers],
        label_texts=label_texts,
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
    _save_sentiment(session, answers, rows)
    report("tree", len(answers), len(answers))
    rebuild_broad(session=session, consultation_id=consultation_id, about_broad=about_broad)
    if propose_quotes:
        report("quotes", len(answers), len(answers))
        if exclude_from_quotes is None:
            # Abusive or spam answers (flags an officer has not cleared) are never proposed.
            flagged = {
                answer_id for answer_id, kinds in flags.items() if ABUSE in kinds or SPAM in kinds
            }
            exclude_from_quotes = flagged.__contains__
        propose_theme_quotes(
            session=session, consultation_id=consultation_id, exclude=exclude_from_quotes
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
    answers: list[embedding_repo.StoredAnswer],
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
    anchored = {int(t.id or 0) for t in anchor_themes}
    # Labels and keywords are shown on the board, exported and served by the API: no word
    # the redactor removed from these answers may appear in them. Labels are already built
    # from redacted text; this also covers keywords, using the spans cached by redaction.
    spans = cached_redaction_spans(session=session, answer_ids=[a.answer_id for a in answers])
    identifying = identifying_words(
        [(a.text, spans[a.answer_id]) for a in answers if a.answer_id in spans and a.text]
    ) | hidden_words(
        [words_for_consultation(session=session, consultation_id=consultation_id).hide]
    )
    for found in themes:
        theme = by_id.get(ids[found.index]) or repo.get_theme(
            session=session, theme_id=ids[found.index]
        )
        if theme.status == ThemeStatus.ACTIVE:
            # A theme the officer worked on, or one that is now tiny, keeps the name
            # the officer knows (a theme must not be renamed after one moved answer).
            keep_name = bool(theme.label_en) and (
                int(theme.id or 0) in anchored or found.size < STABLE_LABEL_SIZE or not found.label
            )
            repo.save_theme(
                session=session,
                theme=theme,
                label_en=theme.label_en
                if keep_name
                else scrub_label(found.labels.get("en", found.label), identifying, found.keywords)[
                    :200
                ],
                label_cy=theme.label_cy
                if keep_name
                else scrub_label(found.labels.get("cy", ""), identifying)[:200],
                centroid=to_bytes(model.centroids_[found.index]),
                size=found.size,
                model=getattr(model.embedder, "name", theme.model) or theme.model,
                keywords=scrub_phrases(found.keywords, identifying),
                # Pinned quotes first, then the typical ones (without repeats).
                quote_answer_ids=_dedupe_ids(
                    pins.get(int(theme.id or 0), []) + [answers[q].answer_id for q in found.quotes]
                ),
            )
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


def _save_sentiment(
    session: Session,
    answers: list[embedding_repo.StoredAnswer],
    rows: list[tuple[int, int, float, int]],
) -> None:
    """Each theme's share of critical / mixed / positive answers (primary answers).

    Read from the original text: only the shares are kept, never the words.
    """
    by_answer = {a.answer_id: answer_sentiment(a.text, a.language) for a in answers}
    by_theme: dict[int, list[Sentiment]] = {}
    for answer_id, theme_id, _, rank in rows:
        if rank == 0 and answer_id in by_answer:
            by_theme.setdefault(theme_id, []).append(by_answer[answer_id])
    for theme_id, found in by_theme.items():
        overall, shares = theme_sentiment(found)
        theme = repo.get_theme(session=session, theme_id=theme_id)
        repo.save_theme(
            session=session,
            theme=theme,
            sentiment={**{k: round(v, 3) for k, v in shares.items()}, "overall": overall.value},
        )
