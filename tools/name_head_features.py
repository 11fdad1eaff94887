"""The name head's training rows: MiniLM's word states and features, cached per corpus.

Split from tools/train_name_head.py, which fits the heads on these rows. With neighbours
(--neighbours) whole sentences are kept, so that each word can be read beside its left and
right neighbours as contextual.with_neighbours reads it at run time.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import numpy as np
import spacy
from train_name_model import _case_noise  # type: ignore[import-not-found]

from nlp.embeddings.minilm import MiniLMEmbedder
from nlp.redaction.contextual import EXTRA_FEATURES, word_features
from nlp.redaction.gazetteer import load_gazetteer

# A word's label: a plain negative, part of a name, a hard negative, or left out of training.
PLAIN, NAME, HARD_NEGATIVE, UNKNOWN = 0, 1, 2, 3
#: A word kept only as its neighbours' context (--neighbours): left out of the loss.
SKIP = 4
#: MiniLM layers whose states are featurised and cached, so that heads reading other layers
#: are a refit, not another pass over every corpus (--layers picks among them).
CACHED_LAYERS = (2, 3, 4, 5, 6)
STATE = 384
Span = tuple[int, int, int]  # [start, end) and the label of its words
Row = tuple[str, list[Span]]


def featurise(
    rows: list[Row],
    embedder: MiniLMEmbedder,
    rng: random.Random,
    *,
    noisy_copies: bool,
    keep_negative: float,
    layers: tuple[int, ...] = CACHED_LAYERS,
    neighbours: bool = False,
) -> dict[str, np.ndarray]:
    """Feature rows ``x`` (float16) and word labels ``y`` (PLAIN, NAME, HARD_NEGATIVE).

    With ``neighbours`` every word of every sentence is kept in order, so that a word's
    neighbours can be read: the words not to train on are labelled SKIP, and ``starts`` marks
    each sentence's first word (contextual.with_neighbours pads there).
    """
    tokenizer = spacy.blank("en").tokenizer
    g = load_gazetteer()
    features: list[np.ndarray] = []
    labels: list[np.ndarray] = []
    starts: list[np.ndarray] = []
    for start in range(0, len(rows), 256):
        chunk = rows[start : start + 256]
        states = embedder.token_states([text for text, _ in chunk], layers=layers)
        for (text, spans), (state, offsets) in zip(chunk, states, strict=True):
            variants = [text]
            if noisy_copies:
                noisy = _case_noise(text, rng)
                if len(noisy) == len(text):  # offsets must still hold
                    variants.append(noisy)
            for variant in variants:
                words = [(t.idx, t.idx + len(t.text), t.text) for t in tokenizer(variant)]
                if not words or not len(offsets):
                    continue
                x, scored = word_features(words, state, offsets, g)
                y = np.array(
                    [max([k for s2, e2, k in spans if s < e2 and s2 < e], default=PLAIN)
                     for s, e, _ in words]
                )  # fmt: skip
                draw = np.array([rng.random() for _ in words])
                keep = scored & (y != UNKNOWN) & ((y != PLAIN) | (draw < keep_negative))
                if neighbours:
                    features.append(x.astype(np.float16))
                    labels.append(np.where(keep, y, SKIP).astype(np.int8))
                    starts.append(np.arange(len(words)) == 0)
                else:
                    features.append(x[keep].astype(np.float16))
                    labels.append(y[keep].astype(np.int8))
        print(f"  {start + len(chunk)}/{len(rows)} sentences", flush=True)
    if not features:
        width = STATE * len(layers) + EXTRA_FEATURES
        return {"x": np.zeros((0, width), np.float16), "y": np.zeros(0, np.int8)}
    found = {"x": np.concatenate(features), "y": np.concatenate(labels)}
    if neighbours:
        found["starts"] = np.concatenate(starts)
    return found


def cached(
    name: str,
    rows: list[Row],
    embedder: MiniLMEmbedder,
    seed: int,
    cache: Path | None,
    **options: Any,
) -> dict[str, np.ndarray]:
    """featurise, read from or written to ``cache/name.npz`` when a cache folder is given."""
    # Keyed by everything that shapes the features, so a changed option or feature
    # layout is featurised again rather than read back stale. Caches written before the
    # neighbours option keep their names (its default is left out of the key).
    layers = "L" + "".join(map(str, options.pop("layers", CACHED_LAYERS)))
    settings = "-".join(f"{key}={options[key]}" for key in sorted(options))
    path = cache / f"{name}-{seed}-{settings}-{layers}-{EXTRA_FEATURES}.npz" if cache else None
    if path is not None and path.is_file():
        with np.load(path) as stored:
            return {key: stored[key] for key in stored.files}
    found = featurise(
        rows, embedder, random.Random(f"{seed}-{name}"), layers=tuple(map(int, layers[1:])),
        **options,
    )  # fmt: skip
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez(path, **found)  # type: ignore[arg-type]
    return found


def links(starts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row's left and right neighbour rows, -1 past its sentence's edges."""
    index = np.arange(len(starts))
    ends = np.append(starts[1:], True)
    return np.where(starts, -1, index - 1), np.where(ends, -1, index + 1)


def gather(
    x: np.ndarray, rows: np.ndarray, neighbours: tuple[np.ndarray, np.ndarray] | None
) -> np.ndarray:
    """The float32 input rows of ``rows``: as cached, or beside their neighbours' rows.

    The same layout as contextual.with_neighbours, which the head runs on at run time.
    """
    own: np.ndarray = x[rows].astype(np.float32)
    if neighbours is None:
        return own
    parts = [own]
    for side in neighbours:
        linked = side[rows]
        found = x[np.maximum(linked, 0)].astype(np.float32)
        found[linked < 0] = 0.0
        parts.append(found)
    flags = np.stack([neighbours[0][rows] < 0, neighbours[1][rows] < 0], axis=1)
    return np.concatenate([*parts, flags.astype(np.float32)], axis=1)


def columns(layers: tuple[int, ...]) -> np.ndarray:
    """The cached feature columns a head reading ``layers`` uses: their states, then extras."""
    picked = [np.arange(STATE) + STATE * CACHED_LAYERS.index(k) for k in layers]
    extras = np.arange(EXTRA_FEATURES) + STATE * len(CACHED_LAYERS)
    return np.concatenate([*picked, extras])
