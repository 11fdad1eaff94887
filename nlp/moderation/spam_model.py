"""A small statistical spam model that backs up the spam rules (spam.py).

Logistic regression over character n-grams of each word (digits folded to "9", so
"07700" and "08712" look alike) and the words themselves, trained by
``tools/train_spam_model.py`` on openly licensed data (its docstring names the sources;
the SMS Spam Collection is not among them). The weights ship as
``nlp/moderation/data/spam_model.json.gz`` and are checked against their SHA-256 when
loaded, so a corrupted or swapped file fails loudly instead of flagging at random.

Scoring is a dictionary look-up per n-gram: no scikit-learn at run time, a few tens of
microseconds an answer.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("data") / "spam_model.json.gz"
# Written by tools/train_spam_model.py; update both together.
MODEL_SHA256 = "80cdc0fad08d037e45c34880dc64880904b7177a85e605c32b6b11f1a21d892a"

# Words longer than this are cut before n-grams are taken: keeps scoring linear on
# hostile input, and no real word needs more to be recognised.
_LONGEST_WORD = 40
_DIGIT = re.compile(r"\d")
_NGRAMS = (3, 4, 5)


class SpamModelError(RuntimeError):
    """The shipped model file is missing or is not the one the code was built with."""


def features(text: str) -> list[str]:
    """The distinct features of a text: word n-grams padded with spaces, and "w:" words."""
    plain = _DIGIT.sub("9", text.lower())
    found: dict[str, None] = {}
    for word in plain.split()[:200]:
        word = word[:_LONGEST_WORD]
        bare = word.strip(".,!?;:'\"()")
        if bare:
            found["w:" + bare] = None
        padded = f" {word} "
        for n in _NGRAMS:
            for start in range(len(padded) - n + 1):
                found[padded[start : start + n]] = None
    return list(found)


@dataclass(frozen=True, slots=True)
class SpamModel:
    weights: dict[str, float]
    intercept: float
    threshold: float

    def probability(self, text: str) -> float:
        """How likely the text is a bulk, advert or scam text (0-1)."""
        present = [self.weights[f] for f in features(text) if f in self.weights]
        if not present:
            return 1.0 / (1.0 + math.exp(-self.intercept))
        # The features were L2-normalised binary indicators in training.
        score = self.intercept + sum(present) / math.sqrt(len(present))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))

    def is_spam(self, text: str) -> bool:
        return self.probability(text) >= self.threshold


def load(path: Path = MODEL_PATH, sha256: str = MODEL_SHA256) -> SpamModel:
    """Read the model file, refusing one whose SHA-256 is not the expected one."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise SpamModelError(
            f"spam model {path} is missing: run tools/train_spam_model.py ({error})"
        ) from error
    digest = hashlib.sha256(raw).hexdigest()
    if digest != sha256:
        raise SpamModelError(
            f"spam model {path} has SHA-256 {digest}, expected {sha256}: "
            "rebuild it with tools/train_spam_model.py and update MODEL_SHA256"
        )
    data = json.loads(gzip.decompress(raw))
    return SpamModel(
        weights=dict(zip(data["features"], data["weights"], strict=True)),
        intercept=float(data["intercept"]),
        threshold=float(data["threshold"]),
    )


@cache
def shipped() -> SpamModel:
    """The shipped model, loaded and checked once per process."""
    return load()
