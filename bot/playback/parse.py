"""Reading a resident's reply to a playback message: numbers, theme words or free text.

Residents answer "2", "2 and 5", "2,5", "2 a 5" (Welsh "and"), "buses", or
tell us what we missed; "2 but also parking" is both a vote and a new answer.
Numbers inside a real sentence ("buses every 15 minutes") are part of the
sentence, not an out-of-range vote. Numbers written as words ("two and
five", "dau a phump") count only when the reply is nothing else: in "the one
thing I'd change" the "one" is part of the sentence.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

# Longer replies are read as free text only: nobody votes in a paragraph, and
# scanning it for labels would be wasted work.
MAX_VOTE_TEXT = 300
# "2", "-1", "3.5" (the last two are never on offer: asked again).
_NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?!\w)")
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
# Words that carry no content next to a vote: "and", "number", "I think" ...
# (English and Welsh). Anything else left over is something the person said.
_FILLER = frozenset(
    """
    and or a ac neu both all of them the number numbers no rhif rhifau theme themes
    i think pick choose vote my choice is are definitely probably mostly maybe
    also too plus but ond hefyd a'r yr y ydy yw dewis fy dw i'n meddwl
    please thanks thank you diolch option options ok okay yes ie
    """.split()
)


# One to nine, English and Welsh: masculine and feminine forms ("dau"/"dwy"),
# short forms before a noun ("pum", "chwe") and after "a" ("and"), the
# aspirate mutation ("a thri", "a phump"). Folded (no accents) like replies.
_NUMBER_WORDS = {
    word: value
    for value, words in enumerate(
        [
            "one un",
            "two dau dwy",
            "three tri tair thri thair",
            "four pedwar pedair phedwar phedair",
            "five pump pum phump phum",
            "six chwech chwe",
            "seven saith",
            "eight wyth",
            "nine naw",
        ],
        1,
    )
    for word in words.split()
}


class ReplyKind(StrEnum):
    VOTE = "vote"  # only choices
    VOTE_AND_TEXT = "vote_and_text"  # choices and something new to theme
    TEXT = "text"  # "what we missed": free text only
    OUT_OF_RANGE = "out_of_range"  # numbers we did not offer, nothing else
    EMPTY = "empty"


@dataclass(frozen=True, slots=True)
class PlaybackReply:
    kind: ReplyKind
    # 1-based positions, ascending, without repeats.
    positions: tuple[int, ...] = ()
    # The text to store as a new answer (the whole message), when there is one.
    free_text: str = ""


def _fold(text: str) -> str:
    """Lower case without accents: "Tai" == "tai", "Bysiau" == "bysiau", "ŵ" == "w"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _label_positions(folded: str, labels: Sequence[Sequence[str]]) -> tuple[set[int], str]:
    """Positions whose label (any language) appears as whole words; the text without them."""
    found: set[int] = set()
    # Longest labels first so "housing repairs" wins over "housing".
    candidates = sorted(
        (
            (_fold(label).strip(), position)
            for position, names in enumerate(labels, 1)
            for label in names
            if label and label.strip()
        ),
        key=lambda item: -len(item[0]),
    )
    for label, position in candidates:
        pattern = re.compile(rf"(?<!\w){re.escape(label)}(?!\w)")
        if pattern.search(folded):
            found.add(position)
            folded = pattern.sub(" ", folded)
    return found, folded


def _position(token: str) -> int:
    """The whole number a token names, or 0 (never on offer) for "-1", "3.5"."""
    value = float(token)
    return int(value) if value.is_integer() and value > 0 else 0


def parse_playback_reply(
    text: str, n_themes: int, labels: Sequence[Sequence[str]] = ()
) -> PlaybackReply:
    """Classify a reply to a playback message with `n_themes` numbered themes.

    `labels[i]` holds the names (English, Welsh) of theme number i + 1.
    """
    stripped = " ".join(text.split())
    if not stripped:
        return PlaybackReply(ReplyKind.EMPTY)
    if len(stripped) > MAX_VOTE_TEXT:
        return PlaybackReply(ReplyKind.TEXT, free_text=stripped)
    folded = _fold(stripped)
    numbers = [_position(match) for match in _NUMBER.findall(folded)]
    rest = _NUMBER.sub(" ", folded)
    by_label, rest = _label_positions(rest, labels)
    leftover = [w for w in _WORD.findall(rest) if w not in _FILLER and len(w) > 1]
    if leftover and all(w in _NUMBER_WORDS for w in leftover):
        numbers += [_NUMBER_WORDS[w] for w in leftover]
        leftover = []
    in_range = {n for n in numbers if 1 <= n <= n_themes}
    out_of_range = [n for n in numbers if not 1 <= n <= n_themes]
    if leftover:
        if out_of_range:
            # "every 15 minutes": the numbers belong to the sentence.
            return PlaybackReply(ReplyKind.TEXT, free_text=stripped)
        positions = tuple(sorted(in_range | by_label))
        if positions:
            return PlaybackReply(ReplyKind.VOTE_AND_TEXT, positions, free_text=stripped)
        return PlaybackReply(ReplyKind.TEXT, free_text=stripped)
    positions = tuple(sorted(in_range | by_label))
    if out_of_range and not positions:
        return PlaybackReply(ReplyKind.OUT_OF_RANGE)
    if positions:
        return PlaybackReply(ReplyKind.VOTE, positions)
    # Only filler words ("ok", "thanks"): nothing to count or to theme.
    return PlaybackReply(ReplyKind.EMPTY)
