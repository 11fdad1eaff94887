"""Welsh spellings of swear words, as Welsh speakers write them: mutated, respelt, inflected.

A word list of whole words misses most of them. Spoken and written Welsh mutates the first
sound after many words ("dy gachu", "fy nghont", "ei chachu", "y fastad"), spells English
loans the Welsh way ("ffycin", "ffwcin", "bolocs", "bitsh", "basdad") and adds Welsh
endings to English stems ("ffycio", "twatiaid", "pisd", "wancars"). Each family below is a
few radical stems, the endings that stem takes, and whether the bare stem is a word; the
pattern allows every mutation of every stem with every ending, and nothing else.

Endings are listed, never ``\\w*``: the stems are short and Welsh has innocent words that
begin the same way ("contract", "gastell", "pistyll", "bastai" (a pie, soft-mutated),
"ffacs" (fax), "ffocws", "hwrdd" (a ram), "cacen"). tests/nlp/moderation checks every
mutated form of every word in the project's Welsh dictionaries (nlp/lang/cy/data) against
the pattern.

Sources: the spellings are those recorded in Wiktionary's Welsh entries for the English
words (category "Welsh vulgarities", CC BY-SA 4.0), the Welsh forms in the Siarad and
Patagonia transcriptions (bench/chat_abuse.py, development halves) and the standard
mutation tables (Thorne, "A Comprehensive Welsh Grammar", 1993, ch. 2); "fuck" and "piss"
spelt with Welsh letters follow Welsh orthography (English "u" in "fuck" is Welsh "y" or
"w"; English "ck" is Welsh "c").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.moderation.lexicon import mutated_forms

_VERB = "io ia iwch iodd ian iwr wr wyr"
_AGENT = "ar ars er ers yr yrs"
_ING = "in ing yn un en"


@dataclass(frozen=True, slots=True)
class Family:
    """One swear word's Welsh spellings: radical stems, the endings they take, bare or not."""

    stems: str  # space-separated
    endings: str  # space-separated
    bare: bool = True  # the stem alone is the word ("ffyc", "cont")
    mutates: bool = True  # its first sound mutates (borrowed "ff", "sh", "w" do not)


FAMILIES = {
    # "ffac" has no bare form and no "-s": "ffacs" is a fax.
    "fuck": Family(
        "ffyc ffwc ffoc ffyk ffwk",
        f"s syn {_ING} {_VERB} {_AGENT} wit wits ed d off",  # "ffwcsyn": a fucker
        mutates=False,
    ),
    "fuck-a": Family("ffac", f"{_ING} io ia ar ars er", bare=False, mutates=False),
    # "cach" (shit) and its derivatives ("cachfa", a shambles; "cachadur", a coward), as the
    # spoken-Welsh spelling dictionary (techiaith/hunspell-cy-llafar) lists them.
    "shit": Family(
        "cach",
        "u i o a wr wrs wyr lyd gi gwn iad ad ith odd ai ais aist asai wch fa feydd mon myn adur",
    ),
    "cunt": Family("cont cwnt", "s yn ian iaid ys"),
    # "bastai" is a soft-mutated pie and "bastwn", "bastyn" cudgels: no stem reaches them.
    "bastard": Family("bastad basdad bastard basdard basdun basdyn", "s ys iaid ied"),
    # No plural: "bitshis" are peaches, soft-mutated ("teisen bitshis", Patagonia).
    "bitch": Family("bitsh", "ed ing io ian"),
    "twat": Family("twat", "s ys iaid io ing yn ed"),
    # "wanc" alone is also a soft-mutated "gwanc" (greed): only its endings are added here.
    "wank": Family("wanc wanck", f"{_AGENT} io iwr wyr s ys", bare=False, mutates=False),
    # "pistyll" (waterfall), "pisyn"/"pishyn" (a piece) begin the same way.
    "piss": Family("pis pish", "o io ho hio d dd wr iad ian odd dio", bare=False),
    "bollocks": Family("bolocs bolycs bolics bolocks bolox bollocs", "io ys ing"),
    "shite": Family("shyt shyte shitt", "s y e io ia", mutates=False),
}


def _forms(family: Family) -> set[str]:
    stems = family.stems.split()
    words = {stem + ending for stem in stems for ending in family.endings.split()}
    if family.bare:
        words |= set(stems)
    return set(mutated_forms(frozenset(words))) if family.mutates else words


def welsh_swear_forms() -> frozenset[str]:
    """Every mutated, respelt and inflected form the families allow."""
    return frozenset(form for family in FAMILIES.values() for form in _forms(family))


# "tin"/"din" (arse) is also an English word and a lunch "tin": it counts only after a
# Welsh possessive or in the fixed phrases, where nothing else can be meant. "coc" is also
# a tap ("coc dŵr"): only "his/your cock", mutated as the possessive demands, counts.
_POSSESSIVE = r"(?:(?<![\w'])(?:dy|ei|eu|ein|eich)|'(?:i|u|w|th|ch))\s+"
_AT = r"(?<![\w'])"
# One of these words is in every match (or a closed "twlldin"): the pattern runs only then.
TIN_WORDS = frozenset({"tin", "din", "thin", "nhin", "goc", "nghoc", "ol", "twlldin", "twlltin"})
TIN = re.compile(
    rf"(?:{_POSSESSIVE}(?:din|thin|tin)|{_AT}fy\s+nhin|{_POSSESSIVE}goc|{_AT}fy\s+nghoc"
    rf"|(?:{_AT}yr?|'r)\s+din|{_AT}(?:fyny|lan)(?:'r|\s+yr|\s+y)\s+tin"
    rf"|{_AT}(?:twll|twlle|tylle)[\s-]*(?:(?:dy|ei|eich|eu)\s+)?(?:din|tin)"
    rf"|{_AT}(?:llyfu|lyfu|cicio|gicio|sychu|crafu|grafu)\s+(?:tin|din)"
    rf"|{_AT}(?:poen|boen|mhoen|phoen)\s+yn\s+(?:y\s+[pb]en[\s-]?ol|(?:dy|ei|y|'r)\s+(?:din|tin)))"
    r"(?!\w|\s+bwyd)"
)
