"""A contextual person-name finder: MiniLM's per-token states and a small numpy head.

The CNN and en_core_web_sm models learnt names from capitalisation and the word itself, so
a resident's "ask dave", "trump" or "lil wayne" gets no support from them. all-MiniLM-L6-v2
(already shipped for themes, SHA-256 checked, run by onnxruntime or numpy; no torch, no hub)
reads the whole sentence, and its uncased word pieces see "dave" and "Dave" alike. Each word's
states after layers 4 and 6 (the mean over its pieces; the last layer was trained for pooled
sentence vectors, the middle one keeps more of the word itself), with a few shape and
gazetteer features, go through a one-hidden-layer network trained by tools/train_name_head.py
on openly licensed text (WNUT-17 train, the Broad Twitter Corpus, GUM's news, interviews,
vlogs, textbooks and other genres, the English Web Treebank's answers, reviews, e-mails,
newsgroups and weblogs (UNER), wikigold's Wikipedia articles and SEC loan agreements, template
sentences with UK and Welsh names and, as negatives, places, Welsh words and NHS feedback;
other entities, such as products, companies, works, parties and places, weigh double as
negatives). The head is a numpy ``.npz`` (about 4.6 MB) whose SHA-256 is checked at load, like
every other model here; it names the layers it reads. It is the mean logit of two three-seed
heads (one seed's precision varies by 0.04-0.06 with the seed alone): one reads each word
alone, the other each word beside its left and right neighbours (with_neighbours), since "Apple
said she" or "Justice Okafor" differ from "Apple announced" or "Justice Smith ruled" only there.

A word is a name when its score reaches THRESHOLD (chosen on four development sets, WNUT-17,
GUM, EWT and CrossNER dev; the test splits are read only for the record, never to choose);
consecutive name words make one span, which statistical.py vets more lightly than the spaCy
models' spans (the finder has read the sentence, so common words it calls names stay). The
finder also checks the rules' guesses (statistical.SUPPORT).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from threadpoolctl import ThreadpoolController

from nlp.redaction.gazetteer import NOT_NAMES, Gazetteer, fold, load_gazetteer
from nlp.redaction.name_cues import WELSH_WORDS, title
from nlp.redaction.welsh_spelling import welsh_looking

if TYPE_CHECKING:
    from nlp.embeddings.minilm import MiniLMEmbedder

HEAD_PATH = Path(__file__).with_name("data") / "name_head.npz"
# tools/train_name_head.py prints the digest of a new head.
HEAD_SHA256 = "c746a5dec5fb425ce8456048281279ee20da88c84bb59ba1b7d970c9210cccc9"

#: A word scoring this or more is a name. Chosen beside the rules and after vetting on four
#: development sets, WNUT-17 dev (YouTube comments), GUM dev (eleven other genres), EWT dev
#: (answers, reviews, e-mails, weblogs) and CrossNER dev (Wikipedia), recall first, then
#: precision (bench/RESULTS.md, "a head that reads its neighbours"); the trainer's own
#: choice is stored in the .npz and not used.
THRESHOLD = 0.1

#: Shape and gazetteer features after the state dimensions (384 a layer; see word_features).
EXTRA_FEATURES = 26

Word = tuple[int, int, str]  # [start, end) over the text, and the word itself


def _shape(word: str) -> list[float]:
    letters = [ch for ch in word if ch.isalpha()]
    return [
        float(word[:1].isupper() and not word.isupper()),
        float(word.isupper() and len(letters) > 1),
        float(word.islower()),
        float(any(ch.isdigit() for ch in word)),
        float(bool(letters) and len(letters) == len(word)),
        float(word.startswith("@")),
        float(word.startswith("#")),
        float(len(word) <= 2),
    ]


def _lexical(word: str, g: Gazetteer) -> list[float]:
    key = fold(word.strip("'’"))
    low, capital = g.lower_prob(key), g.capital_prob(key)
    return [
        float(key in g.first_names),
        float(key in g.surnames),
        float(key in g.places),
        float(key in g.uk_places),
        float(welsh_looking(word)),
        float(key in NOT_NAMES or key in WELSH_WORDS),
        float(title(word)),
        low / 20.0,
        capital / 20.0,
        (capital - low) / 10.0,
    ]


def word_features(
    words: Sequence[Word],
    states: np.ndarray,
    offsets: np.ndarray,
    gazetteer: Gazetteer,
) -> tuple[np.ndarray, np.ndarray]:
    """One row per word: its mean piece state and shape/gazetteer features.

    Args:
        words: the words of one text, in order.
        states: MiniLM's ``(pieces, 384 * layers)`` states for the text.
        offsets: ``(pieces, 2)`` character offsets of those pieces.
        gazetteer: names, places and word frequencies.

    Returns:
        ``(features, scored)``: a float32 ``(len(words), states + EXTRA_FEATURES)`` matrix and a
        boolean mask of the words worth scoring (with a letter and at least one piece).
    """
    dim = states.shape[1] if states.ndim == 2 else 384
    out = np.zeros((len(words), dim + EXTRA_FEATURES), dtype=np.float32)
    scored = np.zeros(len(words), dtype=bool)
    alpha = [w for _, _, w in words if any(ch.isalpha() for ch in w)]
    # In all-lower-case or all-title-case text capitals say little; the head sees how much.
    lower_share = sum(w.islower() for w in alpha) / max(1, len(alpha))
    title_share = sum(w[:1].isupper() for w in alpha) / max(1, len(alpha))
    starts, ends = offsets[:, 0], offsets[:, 1]
    for i, (start, end, word) in enumerate(words):
        inside = np.flatnonzero((starts < end) & (ends > start))
        if inside.size:
            out[i, :dim] = states[inside].mean(axis=0)
        scored[i] = bool(inside.size) and any(ch.isalpha() for ch in word)
        before = words[i - 1][2] if i else ""
        after = words[i + 1][2] if i + 1 < len(words) else ""
        context = [
            float(before[:1].isupper()),
            float(after[:1].isupper()),
            float(i == 0),
            float(title(before)),
            lower_share,
            title_share,
            float(len(alpha) <= 3),
            float(bool(after) and not any(ch.isalnum() for ch in after)),
        ]
        out[i, dim:] = _shape(word) + _lexical(word, gazetteer) + context
    return out, scored


def with_neighbours(features: np.ndarray) -> np.ndarray:
    """Each word's row, then its left and right neighbours' rows and two edge flags.

    A word alone can read as an office ("Justice") or a company ("Apple"); the words beside it
    ("Justice Okafor", "Apple said she") tell. Past the text's edges a neighbour's row is zeros
    and a flag says which edge it is (the first flag: no left neighbour; the second: no right).

    Args:
        features: ``(words, width)`` rows of one text's words in order (word_features).

    Returns:
        ``(words, 3 * width + 2)`` float32 rows.
    """
    count, width = features.shape
    out = np.zeros((count, 3 * width + 2), dtype=np.float32)
    out[:, :width] = features
    out[1:, width : 2 * width] = features[:-1]
    out[:-1, 2 * width : 3 * width] = features[1:]
    if count:
        out[0, 3 * width] = 1.0
        out[-1, 3 * width + 1] = 1.0
    return out


class NameHead:
    """The trained network: standardise, one ReLU layer, a logistic output."""

    def __init__(self, path: Path = HEAD_PATH, *, sha256: str | None = HEAD_SHA256) -> None:
        from nlp.redaction.models import verify

        if sha256 is not None:
            verify(path.parent, {path.name: sha256})
        with np.load(path) as stored:
            self.mean = stored["mean"].astype(np.float32)
            self.scale = stored["scale"].astype(np.float32)
            self.w1 = stored["w1"].astype(np.float32)
            self.b1 = stored["b1"].astype(np.float32)
            self.w2 = stored["w2"].astype(np.float32)
            self.b2 = stored["b2"].astype(np.float32)
            self.threshold = float(stored["threshold"])
            # Which MiniLM layers' states the head reads, side by side (older heads: the last).
            self.layers = (
                tuple(int(k) for k in stored["layers"]) if "layers" in stored.files else (6,)
            )
            # Whether it reads each word beside its neighbours (with_neighbours; older: alone).
            self.neighbours = "neighbours" in stored.files and bool(stored["neighbours"])
        # A merged head's units that read words alone have zero weights on the neighbours'
        # columns: multiplying only the word's own columns saves a third of the head's time.
        self._own = (len(self.w1) - 2) // 3 if self.neighbours else len(self.w1)
        alone = ~self.w1[self._own :].any(axis=0)
        self._alone, self._beside = np.flatnonzero(alone), np.flatnonzero(~alone)
        self._w1_alone = np.ascontiguousarray(self.w1[: self._own][:, self._alone])
        self._w1_beside = np.ascontiguousarray(self.w1[:, self._beside])

    def text_scores(self, features: np.ndarray) -> np.ndarray:
        """The scores of one text's words, given their rows (word_features) in order."""
        if not self.neighbours or not len(self._alone):
            return self.scores(with_neighbours(features) if self.neighbours else features)
        standard = (with_neighbours(features) - self.mean) / self.scale
        pre = np.empty((len(features), len(self.b1)), dtype=np.float32)
        pre[:, self._alone] = standard[:, : self._own] @ self._w1_alone
        pre[:, self._beside] = standard @ self._w1_beside
        return self._probabilities(pre)

    def scores(self, features: np.ndarray) -> np.ndarray:
        """The probability that each row's word is part of a person's name."""
        return self._probabilities((features - self.mean) / self.scale @ self.w1)

    def _probabilities(self, pre: np.ndarray) -> np.ndarray:
        hidden = np.maximum(pre + self.b1, 0.0)
        logits = (hidden @ self.w2 + self.b2).reshape(-1)
        return np.asarray(1.0 / (1.0 + np.exp(-np.clip(logits, -30.0, 30.0))), dtype=np.float32)


class ContextualNameFinder:
    """Person-name word runs in texts, from MiniLM states and the trained head.

    Args:
        embedder: the MiniLM embedder (the process's shared float32 one if omitted).
        head: the trained head (data/name_head.npz, checked by SHA-256, if omitted).
        gazetteer: names, places and frequencies; loaded once if omitted.
        threshold: the score from which a word is a name.
    """

    def __init__(
        self,
        embedder: MiniLMEmbedder | None = None,
        head: NameHead | None = None,
        gazetteer: Gazetteer | None = None,
        *,
        threshold: float = THRESHOLD,
    ) -> None:
        if embedder is None:
            from nlp.embeddings import shared_minilm

            # The head was trained on float32 states; shared with the theme embedder.
            embedder = shared_minilm("float32")
        self.embedder = embedder
        self.head = head or NameHead()
        self.g = gazetteer or load_gazetteer()
        self.threshold = threshold
        self._blas = ThreadpoolController()

    def scores_many(
        self, texts: Sequence[str], words: Sequence[Sequence[Word]]
    ) -> list[np.ndarray]:
        """For each text, each word's score (0 for words without a letter or a word piece)."""
        with self._blas.limit(limits=1, user_api="blas"):
            # The head's products are tiny: a BLAS thread pool spin-waits longer than it
            # computes (30 ms a text on the shared machine, 0.1 ms on one thread).
            return self._scores(texts, words)

    def _scores(self, texts: Sequence[str], words: Sequence[Sequence[Word]]) -> list[np.ndarray]:
        found: list[np.ndarray] = []
        for (states, offsets), text_words in zip(
            self.embedder.token_states(texts, layers=self.head.layers), words, strict=True
        ):
            scores = np.zeros(len(text_words), dtype=np.float32)
            if text_words and len(offsets):
                features, scored = word_features(text_words, states, offsets, self.g)
                scores = np.where(scored, self.head.text_scores(features), 0.0).astype(np.float32)
            found.append(scores)
        return found


def runs(words: Sequence[Word], named: np.ndarray) -> list[list[Word]]:
    """Consecutive words marked in ``named``, one list per run."""
    found: list[list[Word]] = []
    current: list[Word] = []
    for word, is_name in zip(words, named, strict=True):
        if is_name:
            current.append(word)
        elif current:
            found.append(current)
            current = []
    if current:
        found.append(current)
    return found


_lock = threading.Lock()
_shared: list[ContextualNameFinder] = []


def shared_finder() -> ContextualNameFinder:
    """One finder per process: MiniLM's weights (~90 MB) are loaded once."""
    with _lock:
        if not _shared:
            _shared.append(ContextualNameFinder())
        return _shared[0]
