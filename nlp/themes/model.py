"""ThemeModel: a BERTopic-style pipeline with swappable stages.

embed -> reduce -> cluster -> centroids -> assign (primary, further themes, "other")
-> label (c-TF-IDF per language) -> quotes. Each stage is an object passed to the
constructor; a missing one gets the default. Fitted attributes end in ``_``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from nlp.themes.assign import Assigned, Assigner, Assignment, CentroidAssigner
from nlp.themes.clauses import embed_clauses
from nlp.themes.clustering import AdaptiveClusterer, Anchor, Clusterer, IdentityReducer, Reducer
from nlp.themes.junk import is_junk
from nlp.themes.labelling import CTfidfLabeller, Labeller
from nlp.themes.tree import MIN_ANSWERS_FOR_TREE, ThemeTree, cut, default_broad_count, ward_tree
from nlp.themes.vectors import group_sums, normalise_rows


class ThemingError(ValueError):
    """Input the theming pipeline cannot work with (e.g. mismatched lengths)."""


@dataclass
class FoundTheme:
    """One theme of a fitted model.

    Attributes:
        index: position in :attr:`ThemeModel.themes_` and the centroid matrix.
        label: label in the theme's main language.
        labels: label per language ("en", "cy") when the theme has enough answers in it.
        keywords: best phrases (match forms).
        size: answers whose primary theme this is.
        quotes: row indices of 3-5 representative answers (closest to the centre, varied).
        anchor_key: the caller's key when the theme came from an :class:`Anchor`.
    """

    index: int
    label: str
    labels: dict[str, str]
    keywords: list[str]
    size: int
    quotes: list[int] = field(default_factory=list)
    anchor_key: object | None = None


class ThemeModel:
    """Discover themes in short answers, then assign new answers incrementally.

    Args:
        embedder: an object with ``encode(texts, *, languages=None)`` returning unit rows;
            only needed when :meth:`fit` is not given embeddings. Default: the project's
            bilingual embedder (loaded on first use).
        reducer: maps embeddings before clustering (default: none).
        clusterer: partitions vectors (default: :class:`AdaptiveClusterer`).
        labeller: names themes (default: :class:`CTfidfLabeller`).
        assigner: primary / further themes / "other" (default: :class:`CentroidAssigner`).
        n_quotes: representative quotes per theme.
        label_sample: answers per theme used for labelling (closest to the centre first).
        random_state: seed passed to the default clusterer.

    Example:
        >>> model = ThemeModel(embedder=HashingEmbedder()).fit(answers)  # doctest: +SKIP
        >>> [t.label for t in model.themes_]  # doctest: +SKIP
    """

    def __init__(
        self,
        embedder: object | None = None,
        reducer: Reducer | None = None,
        clusterer: Clusterer | None = None,
        labeller: Labeller | None = None,
        assigner: Assigner | None = None,
        *,
        n_quotes: int = 5,
        label_sample: int = 40,
        random_state: int = 0,
    ) -> None:
        self.embedder = embedder
        self.reducer = reducer or IdentityReducer()
        self.clusterer = clusterer or AdaptiveClusterer(random_state=random_state)
        self.labeller = labeller or CTfidfLabeller()
        self.assigner = assigner or CentroidAssigner()
        self.n_quotes = n_quotes
        self.label_sample = label_sample
        self.random_state = random_state
        self._label_texts: Callable[[list[int]], Sequence[str]] | None = None

    # -- fitting ------------------------------------------------------------------------
    def fit(
        self,
        texts: Sequence[str],
        *,
        embeddings: np.ndarray | None = None,
        languages: Sequence[str] | None = None,
        about_n: int | None = None,
        anchors: Sequence[Anchor] | None = None,
        clause_vectors: Sequence[np.ndarray | None] | None = None,
        about_broad: int | None = None,
        label_texts: Callable[[list[int]], Sequence[str]] | None = None,
    ) -> ThemeModel:
        """Find themes.

        Args:
            texts: the answers (any language; empty or emoji-only ones go to "other").
            embeddings: precomputed unit vectors, one row per text (stored vectors on a
                refit: nothing is re-embedded). Computed with ``embedder`` when missing.
            languages: language code per text ("en", "cy", "other"); used for labels.
            about_n: the officer asked for about this many (fine) themes.
            about_broad: the officer asked for about this many broad themes.
            anchors: themes that must exist (seeds, officer-edited themes).
            clause_vectors: per text, its clauses' vectors (``None`` for one clause),
                so that an answer naming two things carries both themes. Computed
                with ``embedder`` when the model embeds the texts itself.
            label_texts: given rows, the texts labels are built from (the redacted
                text on a refit, computed for the label samples only); ``texts``
                themselves when ``None``.

        Returns:
            ``self``, with ``themes_``, ``centroids_``, ``labels_``, ``assignments_``,
            ``other_threshold_``, ``other_share_`` and ``tree_`` set.

        Raises:
            ThemingError: lengths do not match or ``about_n`` is not positive.
        """
        self._label_texts = label_texts
        try:
            return self._fit(
                [t if isinstance(t, str) else "" for t in texts],
                embeddings=embeddings,
                languages=languages,
                about_n=about_n,
                anchors=anchors,
                clause_vectors=clause_vectors,
                about_broad=about_broad,
            )
        finally:
            self._label_texts = None

    def _fit(
        self,
        texts: list[str],
        *,
        embeddings: np.ndarray | None,
        languages: Sequence[str] | None,
        about_n: int | None,
        anchors: Sequence[Anchor] | None,
        clause_vectors: Sequence[np.ndarray | None] | None,
        about_broad: int | None,
    ) -> ThemeModel:
        if about_n is not None and about_n < 1:
            raise ThemingError("about_n must be a positive number of themes")
        langs = list(languages) if languages is not None else ["en"] * len(texts)
        if len(langs) != len(texts):
            raise ThemingError(f"{len(langs)} languages for {len(texts)} texts")
        if embeddings is None and clause_vectors is None:
            clause_vectors = embed_clauses(self._embedder(), texts, langs)
        vectors = self._vectors(texts, embeddings, languages)
        if clause_vectors is not None and len(clause_vectors) != len(texts):
            raise ThemingError(f"{len(clause_vectors)} clause entries for {len(texts)} texts")
        reduced = self.reducer.fit_transform(vectors)
        partition = self.clusterer.fit(reduced, n_clusters=about_n, anchors=list(anchors or []))
        centroids = self._centroids(vectors, partition.labels, len(partition.centroids))
        if anchors and len(centroids):
            # Empty anchors keep their example centre so new answers can still join them.
            for i, anchor in enumerate(anchors):
                if not (partition.labels == i).any():
                    centroids[i] = normalise_rows(anchor.vectors.mean(axis=0, keepdims=True))[0]
        sims = vectors @ centroids.T if len(centroids) else np.zeros((len(vectors), 0))
        assigned = self.assigner.fit_assign(
            sims, partition.labels, _clause_sims(clause_vectors, centroids)
        )
        self.embeddings_ = vectors
        self.centroids_ = centroids
        self.labels_ = assigned.primary
        self.assignments_: list[Assignment] = assigned.themes
        self.other_threshold_ = assigned.other_threshold
        self.other_share_ = float((assigned.primary < 0).mean()) if len(texts) else 0.0
        self.themes_ = self._describe(texts, langs, sims, assigned, partition.anchor_keys)
        self.tree_ = self._tree(texts, langs, about_broad)
        return self

    def _tree(self, texts: list[str], langs: list[str], about_broad: int | None) -> ThemeTree:
        """Broad themes over the fine ones (flat below :data:`MIN_ANSWERS_FOR_TREE`)."""
        k = len(self.centroids_)
        sizes = np.array([t.size for t in self.themes_], dtype=np.float64)
        linkage = ward_tree(self.centroids_, sizes)
        if len(texts) < MIN_ANSWERS_FOR_TREE or k < 2:
            default = k
        else:
            default = default_broad_count(self.centroids_, sizes, linkage)
        n_broad = about_broad if about_broad is not None else default
        parent_of = cut(linkage, k, n_broad) if k else np.zeros(0, dtype=np.int64)
        tree = ThemeTree(
            linkage=linkage,
            parent_of=parent_of,
            n_broad=int(parent_of.max()) + 1 if k else 0,
            default_n=default,
        )
        tree.labels = self.broad_labels(texts, langs, tree.parent_of)
        return tree

    def broad_labels(
        self, texts: Sequence[str], langs: Sequence[str], parent_of: np.ndarray
    ) -> list[str]:
        """A label per broad theme from its most typical answers (after a re-cut too)."""
        n_broad = int(parent_of.max()) + 1 if len(parent_of) else 0
        samples: list[list[int]] = []
        for b in range(n_broad):
            children = np.flatnonzero(parent_of == b)
            if len(children) == 1:
                samples.append([])
                continue
            rows = np.flatnonzero(np.isin(self.labels_, children))
            centre = normalise_rows(self.embeddings_[rows].sum(axis=0, keepdims=True))[0]
            order = rows[np.argsort(-(self.embeddings_[rows] @ centre), kind="stable")]
            samples.append([int(i) for i in order[: self.label_sample * 2]])
        names = (
            self.labeller.label(
                self._sample_texts(texts, samples), [[langs[i] for i in s] for s in samples]
            )
            if any(samples)
            else [None] * n_broad
        )
        out = []
        for b in range(n_broad):
            children = np.flatnonzero(parent_of == b)
            name = names[b]
            if name is not None and name.label and len(children) > 1:
                out.append(name.label)
            else:
                # One child: the broad theme is that theme.
                biggest = max(children, key=lambda c: self.themes_[c].size)
                out.append(self.themes_[biggest].label)
        return out

    def assign(
        self,
        embeddings: np.ndarray,
        clause_vectors: Sequence[np.ndarray | None] | None = None,
    ) -> list[Assignment]:
        """Assign new answers to the fitted themes without refitting.

        Args:
            embeddings: ``(n, d)`` unit vectors in the fitted model's space.
            clause_vectors: per answer, its clauses' vectors (see :meth:`fit`).

        Returns:
            Per answer, ``(theme index, score)`` pairs, primary first; empty = "other".
        """
        self._check_fitted()
        vectors = np.atleast_2d(np.asarray(embeddings, dtype=np.float32))
        sims = vectors @ self.centroids_.T
        clause_sims = _clause_sims(clause_vectors, self.centroids_)
        return self.assigner.assign(sims, self.other_threshold_, clause_sims).themes

    # -- internals ----------------------------------------------------------------------
    def _sample_texts(self, texts: Sequence[str], samples: Sequence[Any]) -> list[list[str]]:
        """The label samples' texts, through ``label_texts`` (one call) during a fit."""
        label_texts = self._label_texts
        if label_texts is None:
            return [[texts[int(i)] for i in s] for s in samples]
        rows = sorted({int(i) for s in samples for i in s})
        found = dict(zip(rows, label_texts(rows), strict=True))
        return [[found[int(i)] for i in s] for s in samples]

    def _check_fitted(self) -> None:
        if not hasattr(self, "centroids_"):
            raise ThemingError("the model is not fitted yet: call fit() first")

    def _embedder(self) -> object:
        if self.embedder is None:
            from nlp.embeddings import default_embedder

            self.embedder = default_embedder()
        return self.embedder

    def _vectors(
        self, texts: list[str], embeddings: np.ndarray | None, languages: Sequence[str] | None
    ) -> np.ndarray:
        if embeddings is None:
            embedder = self._embedder()
            embeddings = embedder.encode(texts, languages=languages)  # type: ignore[attr-defined]
        vectors = np.array(embeddings, dtype=np.float32)
        if vectors.ndim != 2 or len(vectors) != len(texts):
            raise ThemingError(f"{len(vectors)} embeddings for {len(texts)} texts")
        # No content ("yes", an e-mail address, emoji only): a zero row is "other".
        junk = [i for i, text in enumerate(texts) if is_junk(text)]
        vectors[junk] = 0.0
        return normalise_rows(vectors)

    @staticmethod
    def _centroids(vectors: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
        return normalise_rows(group_sums(labels, vectors, k).astype(np.float32))

    def _describe(
        self,
        texts: list[str],
        langs: list[str],
        sims: np.ndarray,
        assigned: Assigned,
        anchor_keys: list[object | None],
    ) -> list[FoundTheme]:
        k = sims.shape[1]
        members = [np.flatnonzero(assigned.primary == t) for t in range(k)]
        # Closest to the centre first: labels and quotes come from typical answers.
        ordered = [m[np.argsort(-sims[m, t], kind="stable")] for t, m in enumerate(members)]
        sample = [o[: self.label_sample] for o in ordered]
        names = (
            self.labeller.label(
                self._sample_texts(texts, sample), [[langs[i] for i in s] for s in sample]
            )
            if k
            else []
        )
        themes = []
        for t in range(k):
            quotes = pick_quotes(ordered[t], texts, self.embeddings_, self.n_quotes)
            name = names[t]
            themes.append(
                FoundTheme(
                    index=t,
                    # Never an answer copied verbatim: a resident's words are a quote,
                    # shown only once an officer approves it.
                    label=name.label or f"Theme {t + 1}",
                    labels=name.by_language,
                    keywords=name.keywords,
                    size=len(members[t]),
                    quotes=quotes,
                    anchor_key=anchor_keys[t] if t < len(anchor_keys) else None,
                )
            )
        return themes


def _clause_sims(
    clause_vectors: Sequence[np.ndarray | None] | None, centroids: np.ndarray
) -> list[np.ndarray | None] | None:
    if clause_vectors is None or len(centroids) == 0:
        return None
    return [None if c is None or len(c) == 0 else c @ centroids.T for c in clause_vectors]


def pick_quotes(
    ordered: np.ndarray,
    texts: Sequence[str],
    vectors: np.ndarray,
    n: int,
    *,
    near: float = 0.92,
    max_chars: int = 240,
) -> list[int]:
    """Representative and varied quotes: closest to the centre, skipping near-repeats.

    Args:
        ordered: member row indices, most typical first.
        texts: all answer texts.
        vectors: all answer vectors.
        n: how many quotes.
        near: a candidate this similar to a chosen quote is a repeat.
        max_chars: longer answers are used only when nothing shorter is left.

    Returns:
        Up to ``n`` row indices; one-word answers only when nothing longer is left.
    """
    chosen: list[int] = []
    seen: set[str] = set()
    short: list[int] = []
    for row in ordered[: max(50, 10 * n)]:
        key = " ".join(texts[row].lower().split())
        if not key or key in seen:
            continue
        if chosen and float((vectors[chosen] @ vectors[row]).max()) >= near:
            continue
        seen.add(key)
        if len(key.split()) < 3 or len(key) > max_chars:
            # Too short to say anything, or too long for a wall: only if nothing else.
            short.append(int(row))
            continue
        chosen.append(int(row))
        if len(chosen) == n:
            return chosen
    return (chosen + short)[:n]
