"""Sentiment per answer and per theme: critical, mixed or positive (English and Welsh).

English answers are scored by VADER (Hutto & Gilbert 2014; the ``vaderSentiment``
package, MIT licence: its valence lexicon and rules for negation, boosters and "but").
Welsh answers are read through the project's Welsh → English glossary
(:mod:`nlp.lang.cy.gloss`) first, with Welsh negation ("dim", "ddim", "nid", "na") kept
as "not" so that "dim yn dda" is not read as "good".

Answers to "what could we do better?" are often suggestions with no emotive word
("more staff at weekends"); a small list of suggestion cues counts those as critical.
Measured against the NHS coders' ``criticality`` in bench/themes_real.py.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from enum import StrEnum
from functools import lru_cache
from typing import Any

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_SUGGESTION = {
    "should",
    "could",
    "need",
    "needs",
    "needed",
    "more",
    "better",
    "improve",
    "improved",
    "lack",
    "wait",
    "waiting",
    "waited",
    "late",
    "delay",
    "delays",
    "longer",
    "shorter",
    "less",
    "fewer",
    "faster",
    "quicker",
    "cold",
    "dirty",
    "noisy",
    "rude",
    "expensive",
    "broken",
    "missing",
    # Welsh: "angen" (need), "dylai/dylid" (should), "mwy" (more), "gwell" (better),
    # "aros" (wait), "hwyr" (late), "gormod" (too much), "prinder" (shortage).
    "angen",
    "dylai",
    "dylid",
    "mwy",
    "gwell",
    "aros",
    "hwyr",
    "gormod",
    "prinder",
}
# "Nothing", "no, all good": nothing to improve, which is praise.
_NOTHING = {"nothing", "none", "no", "nope", "nil", "dim", "dimbyd", "na"}
_WELSH_NEGATION = {"dim", "ddim", "nid", "nad", "na", "nac", "heb"}


class Sentiment(StrEnum):
    CRITICAL = "critical"
    MIXED = "mixed"
    POSITIVE = "positive"


@lru_cache(maxsize=1)
def _analyser() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # type: ignore[import-untyped]

    return SentimentIntensityAnalyzer()


def _english(text: str, language: str) -> str:
    if language != "cy":
        return text
    from nlp.lang.cy.gloss import _shipped

    words = _WORD.findall(text.lower())
    negated = any(w in _WELSH_NEGATION for w in words)
    glossed = _shipped().gloss(text)
    return f"not {glossed}" if negated else glossed


def answer_sentiment(text: str, language: str = "en") -> Sentiment:
    """Critical, mixed or positive for one answer (neutral statements count as mixed)."""
    scores = _analyser().polarity_scores(_english(text, language))
    listed = _WORD.findall(text.lower())
    words = set(listed)
    if listed and listed[0] in _NOTHING and len(listed) <= 6 and not words & _SUGGESTION:
        return Sentiment.POSITIVE
    if scores["pos"] >= 0.1 and scores["neg"] >= 0.1:
        return Sentiment.MIXED
    if scores["compound"] <= -0.05:
        return Sentiment.CRITICAL
    if words & _SUGGESTION and scores["compound"] < 0.5:
        return Sentiment.CRITICAL
    if scores["compound"] >= 0.05:
        return Sentiment.POSITIVE
    return Sentiment.MIXED


def theme_sentiment(sentiments: Sequence[Sentiment]) -> tuple[Sentiment, dict[str, float]]:
    """A theme's overall sentiment (a class held by over half its answers, else mixed)
    and the share of each class."""
    counts = Counter(sentiments)
    total = max(1, len(sentiments))
    shares = {s.value: counts.get(s, 0) / total for s in Sentiment}
    top, count = counts.most_common(1)[0] if counts else (Sentiment.MIXED, 0)
    return (top if count * 2 > total else Sentiment.MIXED), shares
