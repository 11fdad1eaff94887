"""Which language is this answer in: "en", "cy" or "other"?

Built for the first message of a conversation, which is often two words
("bysus ysgol", "bins collection"): a naive-Bayes word model with a
character-trigram Markov backoff for unknown words, trained offline from
shipped word lists (see :mod:`nlp.lang.build_langid_model` for sources and
licences) and stored in ``nlp/lang/data/langid.json``.

Cost: importing this module loads nothing; the model (about 2 MB of JSON)
loads on the first call, or eagerly via :func:`load`. After that a short
text takes a few microseconds (per-word results are cached).

Decisions:
    * Text whose letters are mostly outside the Latin script (Chinese,
      Arabic, Cyrillic ...) is "other" without scoring.
    * Text with no letters at all (emoji, digits, empty) is "other": there
      is nothing to decide on, and callers keep their default language.
    * The prior leans to English (the majority language of answers in
      Wales); Welsh needs positive evidence, which Welsh orthography gives
      even in one word (``ysgol``, ``bws``, ``ddim``).
"""

from __future__ import annotations

import json
import math
import re
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Language = Literal["en", "cy", "other"]
CLASSES: tuple[Language, Language, Language] = ("en", "cy", "other")

MODEL_PATH = Path(__file__).with_name("lang") / "data" / "langid.json"

#: Prior probability of each class (en, cy, other) before reading the text.
PRIOR: tuple[float, float, float] = (0.6, 0.32, 0.08)

_WORD = re.compile(r"[^\W\d_]+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
_CLITIC = re.compile(r"[^\W\d_]+|'[^\W\d_]{1,3}(?![^\W\d_])")
_CACHE_LIMIT = 100_000
_BOS, _EOS = "^", "$"


@dataclass(frozen=True, slots=True)
class _Model:
    words: dict[str, tuple[float, float, float]]
    trigrams: dict[str, tuple[float, float, float]]
    bigrams: tuple[dict[str, float], dict[str, float], dict[str, float]]
    floor: tuple[float, float, float]
    unknown: tuple[float, float, float]


_model: _Model | None = None
_lock = threading.Lock()
_word_cache: dict[str, tuple[float, float, float]] = {}
_LOG_PRIOR = tuple(math.log(p) for p in PRIOR)


def load(path: Path = MODEL_PATH) -> None:
    """Load the model now instead of on the first call (e.g. at start-up).

    Raises:
        FileNotFoundError: The shipped model is missing (a broken install).
    """
    global _model
    with _lock:
        if _model is not None and path == MODEL_PATH:
            return
        raw = json.loads(path.read_text(encoding="utf8"))
        bigram = raw["bigram_fallback"]
        _model = _Model(
            words={w: _as3(v) for w, v in raw["words"].items()},
            trigrams={g: _as3(v) for g, v in raw["trigrams"].items()},
            bigrams=(bigram["en"], bigram["cy"], bigram["other"]),
            floor=_as3(raw["floor"]),
            unknown=_as3(raw["unknown_mass"]),
        )
        _word_cache.clear()


def _as3(values: list[float]) -> tuple[float, float, float]:
    return (float(values[0]), float(values[1]), float(values[2]))


def _get_model() -> _Model:
    if _model is None:
        load()
    assert _model is not None
    return _model


def _markov(model: _Model, word: str) -> tuple[float, float, float]:
    padded = _BOS + _BOS + word + _EOS
    en = cy = ot = 0.0
    trigrams = model.trigrams
    for i in range(2, len(padded)):
        gram = padded[i - 2 : i + 1]
        row = trigrams.get(gram)
        if row is None:
            # Unseen in every class: back off to bigram conditionals.
            tail = gram[1:]
            b_en, b_cy, b_ot = model.bigrams
            f_en, f_cy, f_ot = model.floor
            en += b_en.get(tail, f_en)
            cy += b_cy.get(tail, f_cy)
            ot += b_ot.get(tail, f_ot)
        else:
            en += row[0]
            cy += row[1]
            ot += row[2]
    u = model.unknown
    return (en + u[0], cy + u[1], ot + u[2])


def _word_scores(model: _Model, word: str) -> tuple[float, float, float]:
    cached = _word_cache.get(word)
    if cached is not None:
        return cached
    row = model.words.get(word)
    if row is None:
        row = _markov(model, word)
    if len(_word_cache) >= _CACHE_LIMIT:
        _word_cache.clear()  # crude but bounded; hot words refill at once
    _word_cache[word] = row
    return row


def _non_latin_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    non_latin = sum(1 for c in letters if ord(c) > 0x24F and not _is_latin(c))
    return non_latin / len(letters)


def _is_latin(char: str) -> bool:
    # Latin Extended Additional holds Welsh ẁ ẃ ẅ ỳ; names say "LATIN".
    return unicodedata.name(char, "").startswith("LATIN")


def _log_scores(text: str) -> tuple[float, float, float] | None:
    low = text.translate(_APOSTROPHES).lower()
    words = _CLITIC.findall(low)
    if not words:
        return None
    model = _get_model()
    en, cy, ot = _LOG_PRIOR
    # Long answers: the first 64 words decide; the rest only costs time.
    for word in words[:64]:
        w_en, w_cy, w_ot = _word_scores(model, word)
        en += w_en
        cy += w_cy
        ot += w_ot
    return (en, cy, ot)


def scores(text: str) -> dict[str, float]:
    """Posterior probability of each language for ``text``.

    Args:
        text: One answer, any length (only the first 64 words are read).

    Returns:
        ``{"en": p, "cy": p, "other": p}`` summing to 1. Text without
        letters gives ``{"en": 0, "cy": 0, "other": 1}``.
    """
    if _non_latin_share(text) >= 0.5:
        return {"en": 0.0, "cy": 0.0, "other": 1.0}
    logs = _log_scores(text)
    if logs is None:
        return {"en": 0.0, "cy": 0.0, "other": 1.0}
    top = max(logs)
    exps = [math.exp(v - top) for v in logs]
    total = sum(exps)
    return {c: e / total for c, e in zip(CLASSES, exps, strict=True)}


def identify(text: str) -> Language:
    """The language of one answer: "en", "cy" or "other".

    Args:
        text: The answer text (one word to a long paragraph).

    Returns:
        The most probable of "en", "cy", "other". Non-Latin scripts and
        text without letters are "other".

    Examples:
        >>> identify("bysus ysgol")
        'cy'
        >>> identify("bins collection")
        'en'
    """
    if _non_latin_share(text) >= 0.5:
        return "other"
    logs = _log_scores(text)
    if logs is None:
        return "other"
    en, cy, ot = logs
    if en >= cy and en >= ot:
        return "en"
    return "cy" if cy >= ot else "other"
