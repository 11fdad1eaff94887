"""Swear words and slurs written with letters masked: "f*cking", "t*ssers", "n*gger".

Residents who mean the word still write it this way, and a filter that reads whole words
misses it. The words masked are the lexicon's English obscenities and slurs (lexicon.py).
"""

from __future__ import annotations

import re

from nlp.moderation.lexicon import OBSCENE_EN, SLURS_EN

# Letters hidden by other marks in the commonest swear words ("f-ck", "f.cking"), and the
# Welsh "ff*cin" family; masked_words reads any listed word written with asterisks.
MASKED_SWEARING = re.compile(
    r"\b(?:f[\*#\-_.]+(?:c?k|ck)(?:ing|in|er|ed)?|ff[\*#]+[ck]\w*|ff\w[\*#]+n)\b"
)
# A word with letters masked by asterisks or hashes, starting with a letter: "t*ssers",
# "b*stards", "w**kers", "n*gger".
_MASKED_TOKEN = re.compile(r"(?<![\w*#])[a-z][a-z*#]*[*#][a-z*#]*")
_MOST_MASKED = 50
_MASKABLE = tuple(sorted(w for w in OBSCENE_EN | SLURS_EN if w.isalpha() and len(w) > 3))


def masked_words(lowered: str) -> set[str]:
    """The listed obscenities and slurs that masked words in ``lowered`` stand for: each run
    of masks stands for one to three letters (one mark often hides two: "f*k", "tw*t")."""
    found: set[str] = set()
    if "*" not in lowered and "#" not in lowered:
        return found  # most answers: no regex pass at all
    # An answer holds a few masked words at most; a hostile one thousands, each a regex.
    tokens = [t for t in dict.fromkeys(_MASKED_TOKEN.findall(lowered)) if len(t) <= 20]
    for token in tokens[:_MOST_MASKED]:
        letters = [p for p in re.split(r"([*#]+)", token) if p]
        shown = sum(len(p) for p in letters if p[0] not in "*#")
        if shown < 2 and max(len(p) for p in letters) < 3:
            continue  # "Consultant M*": an initial, not "f***"
        pattern = re.compile(
            "".join(
                f"[a-z]{{1,{max(3, len(p))}}}" if p[0] in "*#" else re.escape(p) for p in letters
            )
        )
        found.update(w for w in _MASKABLE if pattern.fullmatch(w))
    return found
