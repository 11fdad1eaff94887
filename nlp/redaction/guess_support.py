"""Which words the contextual finder's scores let stand as names (English text).

statistical.ModelNameFinder asks here twice: which words its runs start from (``named``), and
what is left of a rules' uncued guess beside the scores (``supported``). Two checks here
were measured: a guess loses the edge words scoring under EDGE_SUPPORT (on), and an unlisted
word in capitals must score SHOUT_SURE (on, at the finder's threshold). bench/name_sweep.py
(--shout-sure, --edge-support) sweeps them; bench/RESULTS.md ("forum, chat and review text",
session 13) has the figures.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from nlp.redaction.gazetteer import Gazetteer, fold

Word = tuple[int, int, str]

#: A word in capitals that no name list holds ("LIT", "VIDOI", "GOAT", "KEKEKEKE", "HANO"):
#: shouting, an abbreviation or typed noise far more often than a name, so the contextual
#: finder must give it at least this, not THRESHOLD, and a rules' guess must too. Listed
#: names in capitals ("TANNER", "ask DAVE") are judged as any other word. 0: off. At 0.2 it
#: raised precision on the development sets by 0.003-0.010 but lost a name word on WNUT-17
#: and CrossNER dev, and recall is the scarcer of the two (bench/RESULTS.md, session 11); at
#: the finder's own THRESHOLD (0.1) it binds only the rules' guesses, which otherwise need
#: SUPPORT, and lost no name on any of them (session 13: "RRLP" shown in an NHS answer).
SHOUT_SURE = 0.1
#: The words at the edges of a rules' guess that the contextual finder gives less than this
#: are trimmed off it ("Trump [Tower]", "Disnney [Channel]", "[Spain] Marshall Plan"): the
#: guess stands on its other words. Initials stay ("R Saravanan"), and so does a listed
#: surname after a given name ("Zofia Nowak"). 0: off. On: precision +0.005 to +0.019 on
#: the four development sets with no name word lost on any (bench/RESULTS.md, session 11).
EDGE_SUPPORT = 0.02


def shouted(word: str, gazetteer: Gazetteer) -> bool:
    """An unlisted word written in capitals, two letters or more (see SHOUT_SURE)."""
    bare = word.strip(".,!?;:'\"()’-")
    return (
        len(bare) > 1
        and bare.isupper()
        and any(c.isalpha() for c in bare)
        and not gazetteer.listed(fold(bare.strip("'’")))
    )


def named(
    words: Sequence[Word], scores: np.ndarray, threshold: float, gazetteer: Gazetteer
) -> np.ndarray:
    """Which words the finder calls part of a name: ``threshold``, or SHOUT_SURE for an
    unlisted word in capitals."""
    marked = scores >= threshold
    if SHOUT_SURE > 0:
        for k, (_, _, word) in enumerate(words):
            if marked[k] and scores[k] < SHOUT_SURE and shouted(word, gazetteer):
                marked[k] = False
    return marked


def supported(
    words: Sequence[Word],
    scores: np.ndarray,
    span: tuple[int, int],
    support: float,
    gazetteer: Gazetteer,
) -> tuple[int, int] | None:
    """A rules' guess as it stands beside the finder's scores: gone if the finder gives every
    word of it less than ``support`` (statistical.SUPPORT), else trimmed of the edge words it
    gives less than EDGE_SUPPORT, or less than SHOUT_SURE to an unlisted word in capitals."""
    start, end = span
    inside = [
        (a, b, word, float(s))
        for (a, b, word), s in zip(words, scores, strict=True)
        if a < end and start < b
    ]
    if not inside or max(s for *_, s in inside) < support:
        return None

    def weak(word: str, score: float) -> bool:
        if SHOUT_SURE > 0 and score < SHOUT_SURE and shouted(word, gazetteer):
            return True
        letters = word.strip(".")
        return score < EDGE_SUPPORT and len(letters) > 1 and any(c.isalpha() for c in word)

    def full_name(k: int) -> bool:  # "Zofia Nowak": a given name, then a listed surname
        return k > 0 and (
            fold(inside[k - 1][2]) in gazetteer.first_names
            and fold(inside[k][2]) in gazetteer.surnames
        )

    while inside and weak(inside[0][2], inside[0][3]):
        inside = inside[1:]
    while inside and not full_name(len(inside) - 1) and weak(inside[-1][2], inside[-1][3]):
        inside = inside[:-1]
    if not inside:
        return None
    return max(start, inside[0][0]), min(end, inside[-1][1])
