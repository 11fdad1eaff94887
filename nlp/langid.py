"""Which language is this answer in: "en", "cy" or "other"?

Built for the first message of a conversation, which is often two words
("bysus ysgol", "bins collection"): a naive-Bayes word model with a
character-trigram Markov backoff for unknown words, trained offline from
shipped word lists (see ``tools/build_langid_model.py`` for sources and
licences) and stored in ``nlp/lang/data/langid.json``.

Cost: importing this module loads nothing (not even spaCy); the model
(2.7 MB of JSON) loads on the first call in 0.1-0.3 s, or at start-up via
:func:`load`. After that a short text takes ~10 µs, ~40-80 µs when its
words have not been seen before (per-word results are cached).

Known limits: one-word answers that are words in both languages ("cost",
"fan", "i", "am") go to English, the likelier language of a bare loanword;
short German or Spanish phrases made of words English also uses ("die",
"mit", "von") may come out "en", which is the bot's default anyway.

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

import base64
import json
import math
import re
import sys
import threading
import unicodedata
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Language = Literal["en", "cy", "other"]
CLASSES: tuple[Language, Language, Language] = ("en", "cy", "other")

MODEL_PATH = Path(__file__).with_name("lang") / "data" / "langid.json"

#: Most log-odds (nats) one word can add for a language over another.
#: Measured neutral on bench/langid.py (4-8 and no cap within 0.5 %); it
#: exists for code-switched answers, which the benchmark barely has.
WORD_EVIDENCE_CAP = 6.0

#: Prior probability of each class (en, cy, other) before reading the text.
PRIOR: tuple[float, float, float] = (0.6, 0.32, 0.08)

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
# Words, and clitics as their own tokens: Welsh 'r 'n 'i ..., English n't 's.
_CLITIC = re.compile(r"n't(?![^\W\d_])|[^\W\d_]+|'[^\W\d_]{1,3}(?![^\W\d_])")
_CACHE_LIMIT = 100_000
# Only the start of a long answer is read: enough to decide, and it bounds
# the work a hostile 1 MB message can cause.
_MAX_CHARS = 2_000
_MAX_WORDS = 64
_MAX_WORD_LEN = 40
_BOS, _EOS = "^", "$"


Row = tuple[int, int, int]  # log-probabilities x scale, in CLASSES order


@dataclass(frozen=True, slots=True)
class _Table:
    """Keys -> three scores each, stored flat: no per-key tuple to build at load."""

    index: dict[str, int]
    scores: array[int]

    @classmethod
    def from_json(cls, keys: str, packed: str) -> _Table:
        scores = array("i")
        scores.frombytes(base64.b64decode(packed))
        if sys.byteorder != "little":
            scores.byteswap()
        return cls(dict(zip(keys.split("\n"), range(0, len(scores), 3), strict=True)), scores)

    def get(self, key: str) -> Row | None:
        i = self.index.get(key)
        if i is None:
            return None
        s = self.scores
        return (s[i], s[i + 1], s[i + 2])


@dataclass(frozen=True, slots=True)
class _Model:
    scale: int
    words: _Table
    trigrams: _Table
    bigrams: _Table
    chars: _Table
    floor: Row
    unknown: Row
    log_prior: Row
    cap: int


_model: _Model | None = None
_lock = threading.Lock()
_word_cache: dict[str, Row] = {}


def _row(values: list[int]) -> Row:
    return (int(values[0]), int(values[1]), int(values[2]))


def load(path: Path = MODEL_PATH) -> None:
    """Load the model now instead of on the first call (e.g. at start-up).

    Args:
        path: The model file; the default is the one shipped in the package.

    Raises:
        FileNotFoundError: The model file is missing (a broken install).
    """
    global _model
    with _lock:
        if _model is not None and path == MODEL_PATH:
            return
        raw = json.loads(path.read_text(encoding="utf8"))
        scale = int(raw["scale"])
        _model = _Model(
            scale=scale,
            words=_Table.from_json(raw["words"], raw["word_scores"]),
            trigrams=_Table.from_json(raw["trigrams"], raw["trigram_scores"]),
            bigrams=_Table.from_json(raw["bigrams"], raw["bigram_scores"]),
            chars=_Table.from_json(raw["chars"], raw["char_scores"]),
            floor=_row(raw["floor"]),
            unknown=_row(raw["unknown_mass"]),
            log_prior=_row([round(math.log(p) * scale) for p in PRIOR]),
            cap=round(WORD_EVIDENCE_CAP * scale),
        )
        _word_cache.clear()


def _get_model() -> _Model:
    if _model is None:
        load()
    assert _model is not None
    return _model


def _markov(model: _Model, word: str) -> Row:
    padded = _BOS + _BOS + word + _EOS
    en, cy, ot = model.unknown
    tri_index, tri = model.trigrams.index, model.trigrams.scores
    for i in range(2, len(padded)):
        j = tri_index.get(padded[i - 2 : i + 1])
        if j is not None:
            en += tri[j]
            cy += tri[j + 1]
            ot += tri[j + 2]
            continue
        # Seen in no class: the same interpolation with the trigram term
        # zero, i.e. back off by bigram, then by character.
        row = model.bigrams.get(padded[i - 1 : i + 1]) or model.chars.get(padded[i]) or model.floor
        en += row[0]
        cy += row[1]
        ot += row[2]
    return (en, cy, ot)


def _word_scores(model: _Model, word: str) -> Row:
    cached = _word_cache.get(word)
    if cached is not None:
        return cached
    row = model.words.get(word)
    if row is None:
        row = _markov(model, word)
    # One word may not outvote a sentence: "Dw i'n hoffi jazz" is Welsh with
    # a loanword, "I live in Llanfairpwllgwyngyll" English with a name. Each
    # class gets at least e^-cap of the best class's probability, as if any
    # language may borrow any word now and then.
    floor = max(row) - model.cap
    row = (max(row[0], floor), max(row[1], floor), max(row[2], floor))
    if len(_word_cache) >= _CACHE_LIMIT:
        _word_cache.clear()  # crude but bounded; hot words refill at once
    _word_cache[word] = row
    return row


def english_over_welsh(word: str) -> float:
    """Log-odds (nats) that one word is English rather than Welsh.

    Used by the Welsh pipeline to leave English words in Welsh answers
    alone ("mae'r food yn fine" must not become "bood", "bine").

    Args:
        word: One word, any case (only its first 40 letters are read).

    Returns:
        log P(word | English) - log P(word | Welsh): positive for English.
    """
    model = _get_model()
    low = word.translate(_APOSTROPHES).lower()[:_MAX_WORD_LEN]
    en, cy, _ = _word_scores(model, low)
    return (en - cy) / model.scale


def _non_latin_share(text: str) -> float:
    if text.isascii():
        return 0.0
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    non_latin = sum(1 for c in letters if ord(c) > 0x24F and not _is_latin(c))
    return non_latin / len(letters)


def _is_latin(char: str) -> bool:
    # Latin Extended Additional holds Welsh ẁ ẃ ẅ ỳ; names say "LATIN".
    return unicodedata.name(char, "").startswith("LATIN")


def _log_scores(model: _Model, text: str) -> Row | None:
    # "isn't" -> "is n't", as spaCy tokenised the English frequency list.
    low = text.translate(_APOSTROPHES).lower().replace("n't", " n't")
    words = _CLITIC.findall(low)
    if not words:
        return None
    en, cy, ot = model.log_prior
    # Long answers: the first 64 words decide; the rest only costs time.
    for word in words[:_MAX_WORDS]:
        if len(word) > _MAX_WORD_LEN:
            word = word[:_MAX_WORD_LEN]  # no real word is longer; keys stay small
        w_en, w_cy, w_ot = _word_scores(model, word)
        en += w_en
        cy += w_cy
        ot += w_ot
    return (en, cy, ot)


def scores(text: str) -> dict[str, float]:
    """Posterior probability of each language for ``text``.

    Args:
        text: One answer, any length (only the first 64 words of the first
            2,000 characters are read).

    Returns:
        ``{"en": p, "cy": p, "other": p}`` summing to 1. Text without
        letters gives ``{"en": 0, "cy": 0, "other": 1}``.
    """
    text = text[:_MAX_CHARS]
    if _non_latin_share(text) >= 0.5:
        return {"en": 0.0, "cy": 0.0, "other": 1.0}
    model = _get_model()
    logs = _log_scores(model, text)
    if logs is None:
        return {"en": 0.0, "cy": 0.0, "other": 1.0}
    top = max(logs)
    exps = [math.exp((v - top) / model.scale) for v in logs]
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
    text = text[:_MAX_CHARS]
    if _non_latin_share(text) >= 0.5:
        return "other"
    logs = _log_scores(_get_model(), text)
    if logs is None:
        return "other"
    en, cy, ot = logs
    if en >= cy and en >= ot:
        return "en"
    return "cy" if cy >= ot else "other"
