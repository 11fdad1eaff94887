"""Reading a reply to "did we hear you right?": yes / partly / no, which themes, and own words.

Residents reply "yes", "YES", "partly, it's more about the bus times", "no I
meant the library", "no 2" (the second theme shown only), "2 na", in English
or Welsh whatever language they were asked in ("ie", "yn rhannol", "naddo,
y llyfrgell"). The verdict is read from the opening words; what follows is
the resident's own words, kept as they wrote it. A Welsh verb-form answer
("Do", "Nac ydy") is read by bot.conversation.yes_no. Anything else ("the
library", "maybe") has no verdict: the caller asks again once.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.conversation import yes_no
from storage.models.playback import Verdict

_TOKEN = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*|\d+")


def _phrases(text: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(p.split()) for p in text.strip().split("|"))


# Longest phrase first at each step; folded (lower case, no accents, no apostrophes).
# Not here, because they open ordinary sentences too: "y" (Welsh "the"), "do"
# ("do more for ..."), "dim", "rhan", "a bit": on their own they are still read
# by the yes/no reader.
_VERDICT_PHRASES: dict[Verdict, tuple[tuple[str, ...], ...]] = {
    Verdict.PARTLY: _phrases(
        """partly|partially|part of it|in part|somewhat|sort of|sorta|kind of|kinda|half|
        mostly|not quite|not entirely|not exactly|yes and no|yes but|yeah but|yep but|
        more or less|rhannol|yn rhannol|rhannol gywir|rhywfaint|
        ie a na|ie ond|do ond|ydy ond|hanner|i raddau|mewn ffordd|bron"""
    ),
    Verdict.DISAGREE: _phrases(
        """no|nope|nah|na|not really|not at all|not what i meant|not what i said|
        thats not what i meant|thats wrong|wrong|incorrect|not right|disagree|i disagree|
        naddo|nac ydy|nac ydw|nag ydy|nag ydw|nid dyna|nid dyna oedd gen i|
        nid dyna beth oeddwn i'n ei feddwl|ddim yn iawn|ddim wir|anghywir|
        dw i ddim yn cytuno|anghytuno"""
    ),
    Verdict.AGREE: _phrases(
        """yes|yeah|yep|yup|yas|aye|ok|okay|correct|right|thats right|that's right|
        spot on|exactly|agree|i agree|yes thats right|sounds right|ie|ia|ydy|ydw|
        ydyn|cywir|iawn|yn iawn|dyna fe|dyna ni|dyna fo|cytuno|dw i'n cytuno|yn gywir"""
    ),
}
# Words that may sit between the opening words: "no, to 2", "yes for both", "2 a 3".
_CONNECTORS = frozenset("to for and a ac i the number theme rhif thema both all y yr ar".split())
# Openings that say nothing themselves: "I meant", "I think" before the real words.
_FILLER = frozenset(
    "i meant mean think thanks thank you diolch please plis just really it was roedd yn oedd"
    " its it's that's thats".split()
)


@dataclass(frozen=True, slots=True)
class AgreementReply:
    # (verdict, 1-based positions among the themes shown); no positions means
    # "the rest of them". Usually one group; "yes to 1, no to 2" is two.
    groups: tuple[tuple[Verdict, tuple[int, ...]], ...] = ()
    # The resident's own words after the verdict (or the whole message when
    # there was none); empty for a bare "yes" or "2 na".
    words: str = ""
    # Numbers in the opening that were never shown ("no 7" when 2 were).
    out_of_range: bool = False

    @property
    def verdict(self) -> Verdict | None:
        """The verdict, or the most critical one when the reply has several."""
        found = {v for v, _ in self.groups}
        for verdict in (Verdict.DISAGREE, Verdict.PARTLY, Verdict.AGREE):
            if verdict in found:
                return verdict
        return None

    def by_position(self, n_shown: int) -> dict[int, Verdict]:
        """Each theme shown (1-based) that the reply gave a verdict for."""
        named = {p: v for v, positions in self.groups for p in positions if 1 <= p <= n_shown}
        unnamed = [v for v, positions in self.groups if not positions]
        if unnamed:
            for position in range(1, n_shown + 1):
                named.setdefault(position, unnamed[0])
        return dict(sorted(named.items()))


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold().replace("\u2019", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("'", "")


_FOLDED = {
    verdict: sorted({tuple(_fold(w) for w in phrase) for phrase in phrases}, key=lambda p: -len(p))
    for verdict, phrases in _VERDICT_PHRASES.items()
}


def _match(words: list[str], start: int) -> tuple[Verdict, int] | None:
    """The longest verdict phrase at `start`: (verdict, words used)."""
    best: tuple[Verdict, int] | None = None
    for verdict, phrases in _FOLDED.items():
        for phrase in phrases:
            if tuple(words[start : start + len(phrase)]) == phrase and (
                best is None or len(phrase) > best[1]
            ):
                best = (verdict, len(phrase))
    return best


def _has_content(text: str) -> bool:
    return any(
        len(t) > 1 and _fold(t) not in _FILLER and _fold(t) not in _CONNECTORS
        for t in _TOKEN.findall(text)
    )


def parse_agreement(text: str, n_shown: int) -> AgreementReply:
    """Read a reply to a check question that showed `n_shown` themes."""
    stripped = " ".join(text.split())
    if not stripped:
        return AgreementReply()
    matches = list(_TOKEN.finditer(stripped))
    words = [_fold(m.group()) for m in matches]
    groups: list[tuple[Verdict | None, list[int]]] = [(None, [])]
    # "1 yes 2 no": when a group opened with its number, the next number opens the next.
    number_first = False
    out_of_range = False
    i = end = 0
    while i < len(words):
        word = words[i]
        verdict, positions = groups[-1]
        if word.isdigit():
            if verdict is None and not positions:
                number_first = True
            elif verdict is not None and number_first:
                groups.append((None, []))
                verdict, positions = groups[-1]
            n = int(word) if len(word) < 4 else 0
            if 1 <= n <= n_shown:
                positions.append(n)
            else:
                out_of_range = True
            i = end = i + 1
            continue
        found = _match(words, i)
        if found is not None:
            if verdict is None:
                groups[-1] = (found[0], positions)
            else:
                groups.append((found[0], []))
            i = end = i + found[1]
            continue
        if word in _CONNECTORS and (verdict is not None or positions):
            i += 1
            continue
        break
    kept = tuple((v, tuple(sorted(set(p)))) for v, p in groups if v is not None)
    if not kept:
        # Welsh answers echo the verb ("Do", "Naddo", "Ydyn", "Nac ydyn"): the
        # yes/no reader knows its forms when the whole message is one.
        reading = yes_no.read(stripped)
        if reading.yes or reading.no:
            return AgreementReply(((Verdict.AGREE if reading.yes else Verdict.DISAGREE, ()),))
        return AgreementReply(words=stripped if _has_content(stripped) else "")
    # From just after the last verdict or number, so leading markup or quotes stay.
    rest = stripped[matches[end - 1].end() :] if end else stripped
    rest = rest.strip(" ,.;:-!?")
    named_any = any(p for _, p in kept)
    return AgreementReply(
        kept, words=rest if _has_content(rest) else "", out_of_range=out_of_range and not named_any
    )
