"""The broad level of a consultation's theme tree, as stored rows.

Built after every refit and rebuilt by a re-cut ("about N" broad themes): both read the
sub-themes' stored centres and sizes, so a re-cut needs no answer vectors and no refit
(milliseconds for the tree, about a second for the labels). A broad theme keeps its id
(and an officer's name for it) when a re-cut or refit gives it mostly the same children.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sqlmodel import Session

from nlp.themes.labelling import CTfidfLabeller, Labeller
from nlp.themes.redacted import redacted_texts
from nlp.themes.tree import MIN_ANSWERS_FOR_TREE, cut, default_broad_count, ward_tree
from nlp.themes.vectors import from_bytes, normalise_rows, to_bytes
from storage.models.themes import Theme, ThemeLevel, ThemeStatus
from storage.repositories import theme_edits as edits_repo
from storage.repositories import themes as repo

#: Answers per sub-theme read to label a broad theme.
LABEL_SAMPLE = 15
#: Most broad themes an officer can ask for (they read every one).
MAX_BROAD = 60
#: An old broad theme continues as a new one when their children overlap this much.
KEEP_OVERLAP = 0.5


class TreeError(ValueError):
    """An "about N" the tree cannot give (clear message for the officer)."""


@dataclass(frozen=True)
class BroadLevel:
    """What a (re-)cut produced."""

    broad: int
    default: int
    asked: int | None


def rebuild_broad(
    *,
    session: Session,
    consultation_id: int,
    about_broad: int | None = None,
    reset: bool = False,
    labeller: Labeller | None = None,
) -> BroadLevel:
    """Cut the tree over the sub-themes into broad themes and store them.

    Args:
        session: an open session (the caller commits).
        consultation_id: the consultation.
        about_broad: the officer asked for about this many broad themes (kept for
            later refits); ``None`` keeps the earlier choice, or the default rule.
        reset: forget the officer's earlier choice (back to the default rule).
        labeller: names broad themes (default: :class:`CTfidfLabeller`).

    Raises:
        TreeError: ``about_broad`` is not a sensible number.
    """
    if about_broad is not None and not 1 <= about_broad <= MAX_BROAD:
        raise TreeError(f"ask for between 1 and {MAX_BROAD} broad themes")
    stored = repo.get_tree(session=session, consultation_id=consultation_id)
    asked = None if reset else (about_broad or (stored.about_broad if stored else None))
    subs = [
        t
        for t in repo.list_themes(session=session, consultation_id=consultation_id)
        if not t.is_other and t.centroid is not None
    ]
    k = len(subs)
    centroids = (
        np.stack([from_bytes(t.centroid) for t in subs if t.centroid])
        if k
        else np.zeros((0, 1), dtype=np.float32)
    )
    sizes = np.array([max(0, t.size) for t in subs], dtype=np.float64)
    linkage = ward_tree(centroids, sizes)
    if k < 2 or sizes.sum() < MIN_ANSWERS_FOR_TREE:
        default = k
    else:
        default = default_broad_count(centroids, sizes, linkage)
    n = min(asked or default, k)
    groups = cut(linkage, k, n) if k else np.zeros(0, dtype=np.int64)
    _store_groups(session, consultation_id, subs, groups, centroids, sizes, labeller)
    repo.save_tree(
        session=session,
        consultation_id=consultation_id,
        leaf_ids=[int(t.id or 0) for t in subs],
        linkage=linkage.tolist(),
        default_broad=default,
        about_broad=asked,
    )
    return BroadLevel(broad=int(groups.max()) + 1 if k else 0, default=default, asked=asked)


def _store_groups(
    session: Session,
    consultation_id: int,
    subs: list[Theme],
    groups: np.ndarray,
    centroids: np.ndarray,
    sizes: np.ndarray,
    labeller: Labeller | None,
) -> None:
    old = repo.list_themes(session=session, consultation_id=consultation_id, level=ThemeLevel.BROAD)
    old_children = {
        int(b.id or 0): {int(t.id or 0) for t in subs if t.parent_id == b.id} for b in old
    }
    n = int(groups.max()) + 1 if len(groups) else 0
    children = [[subs[i] for i in np.flatnonzero(groups == g)] for g in range(n)]
    labels = _labels(session, children, labeller or CTfidfLabeller())
    used: set[int] = set()
    for g, members in enumerate(children):
        ids = {int(t.id or 0) for t in members}
        best, best_overlap = None, KEEP_OVERLAP
        for theme in old:
            theme_id = int(theme.id or 0)
            if theme_id in used:
                continue
            previous = old_children[theme_id]
            overlap = len(ids & previous) / max(1, len(ids | previous))
            if overlap >= best_overlap:
                best, best_overlap = theme, overlap
        rows = np.flatnonzero(groups == g)
        centre = normalise_rows((centroids[rows] * sizes[rows, None]).sum(axis=0)[None, :])[0]
        fields = {
            "sentiment": _pooled_sentiment(members),
            "label_en": labels[g].get("en", "")[:200],
            "label_cy": labels[g].get("cy", "")[:200],
            "centroid": to_bytes(centre.astype(np.float32)),
            "size": int(sizes[rows].sum()),
            "model": members[0].model,
        }
        if best is None:
            broad = repo.add_theme(
                session=session, consultation_id=consultation_id, level=ThemeLevel.BROAD, **fields
            )
        else:
            broad = repo.save_theme(session=session, theme=best, **fields)
        used.add(int(broad.id or 0))
        for member in members:
            if member.parent_id != broad.id:
                repo.save_theme(session=session, theme=member, parent_id=broad.id)
    for theme in old:
        if int(theme.id or 0) not in used:
            repo.save_theme(session=session, theme=theme, status=ThemeStatus.RETIRED, size=0)


def _pooled_sentiment(members: list[Theme]) -> dict[str, object] | None:
    """A broad theme's sentiment shares: its sub-themes', weighted by their sizes."""
    weighted = [(t.sentiment, max(1, t.size)) for t in members if t.sentiment]
    if not weighted:
        return None
    total = sum(w for _, w in weighted)
    shares = {
        key: round(sum(float(s.get(key, 0.0)) * w for s, w in weighted) / total, 3)
        for key in ("critical", "mixed", "positive")
    }
    top = max(shares, key=lambda k: shares[k])
    return {**shares, "overall": top if shares[top] > 0.5 else "mixed"}


def _labels(
    session: Session, children: list[list[Theme]], labeller: Labeller
) -> list[dict[str, str]]:
    """Per broad theme, labels by language: its only child's, or from typical answers."""
    shared = [g for g, members in enumerate(children) if len(members) > 1]
    picked = edits_repo.typical_members(
        session=session,
        theme_ids=[int(t.id or 0) for g in shared for t in children[g]],
        per_theme=LABEL_SAMPLE,
    )
    samples = {g: [a for t in children[g] for a in picked.get(int(t.id or 0), [])] for g in shared}
    texts = redacted_texts(session=session, answers=[a for s in samples.values() for a in s])
    names = (
        labeller.label(
            [[texts[a] for a, _, _ in samples[g]] for g in shared],
            [[lang for _, _, lang in samples[g]] for g in shared],
        )
        if shared
        else []
    )
    by_group = dict(zip(shared, names, strict=True))
    out = []
    for g, members in enumerate(children):
        biggest = max(members, key=lambda t: t.size)
        name = by_group.get(g)
        if name is not None and name.label:
            out.append(dict(name.by_language) or {"en": name.label})
        else:
            out.append({"en": biggest.display_label("en"), "cy": biggest.label_cy})
    return out
