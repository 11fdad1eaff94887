"""Misspelt everyday words, which the name finders take for names.

Residents type on phones and in a hurry: "the lady was very lovley", "nothing to my
knoledge". A word on no list and in no dictionary looks, to the contextual finder, like
any unknown name, so it hid these ("very [name]"). A word one slip of the finger away
(one letter dropped, added, changed, or two swapped) from a common word written mostly
in lower case is that word misspelt.

Short words are left alone: a nickname of three letters is often one slip from a word
("gaz" and "gas", "daz" and "day"), and a resident's "gaz was great" names someone. Only a
slip from one of the commonest words of English grammar (FUNCTION_WORDS) is read as that
word when it is short: "The therapist was vey kind", "Jsut great". A given name is never
such a slip ("ben", "dave", and "benn", which gender-guesser lists: "I have benn very happy"
still hides it).
"""

from __future__ import annotations

from string import ascii_lowercase

from nlp.redaction.gazetteer import Gazetteer

#: The misspelling must be at least this long (see above).
SHORTEST = 5
#: The word it is a slip from must be at least this common (log probability, lower-case;
#: "polite" -11.3, "lovely" -10.9); rarer words are as likely a surname's neighbour.
COMMON = -11.5
#: ... or this, for a misspelling of LONG letters or more: a long word on no name list one
#: slip from a word ("Perscriptions", "not preachey") names no one, though the word is rarer.
COMMON_LONG = -14.0
LONG = 8
#: ... and written lower-case more often than capitalised by this much (nats): "lovely"
#: is a surname too, but seldom written as one. A word on no name list needs no margin:
#: "according" opens so many sentences that it is capitalised nearly as often.
WORD_LOWER_BY = 1.0
#: A word itself more common than this is a word of its own, not a slip.
RARE = -14.0


#: Words of English grammar so common that a short word one slip from one is that word
#: mistyped, unless it is a given name (see above).
FUNCTION_WORDS = frozenset(
    """very been were here there they them have with this that what when your from some just
    well much more also then than only even into over""".split()
)


#: Words for family and neighbours, rarer than COMMON but written right before a name ("my
#: grandaughter Lilly", "my neice Jade"): a slip from one is that word, however rare it is,
#: and the finder took the slip for the first word of the name.
KIN = frozenset(
    """daughter daughters granddaughter granddaughters grandson grandsons grandchildren
    grandchild grandmother grandfather grandma grandad granddad niece nieces nephew nephews
    cousin cousins husband sister brother neighbour neighbours""".split()
)


def slips(word: str) -> set[str]:
    """Every spelling one slip away from ``word`` (Norvig's edits1)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deleted = {left + right[1:] for left, right in splits if right}
    swapped = {left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1}
    changed = {left + c + right[1:] for left, right in splits if right for c in ascii_lowercase}
    added = {left + c + right for left, right in splits for c in ascii_lowercase}
    return (deleted | swapped | changed | added) - {word}


def misspelling_of(key: str, gazetteer: Gazetteer) -> str | None:
    """The common word ``key`` (folded, lower-case) is a slip from, if it is one.

    ``key`` must be on no name list (given names and surnames: "Hodge" is one slip from
    "hedge") and rare itself; shorter than SHORTEST, only a slip from a function word that
    is no given name counts.
    """
    if len(key) < SHORTEST:
        return _function_word_slip(key, gazetteer)
    if not key.isalpha() or gazetteer.listed(key):
        return None
    if gazetteer.lower_prob(key) > RARE:
        return None
    best: tuple[float, str] | None = None
    common = COMMON_LONG if len(key) >= LONG else COMMON
    for spelling in slips(key):
        low = gazetteer.lower_prob(spelling)
        lower_more = low > gazetteer.capital_prob(spelling) + WORD_LOWER_BY
        if spelling in KIN or (low > common and (lower_more or not gazetteer.listed(spelling))):
            if best is None or low > best[0]:
                best = (low, spelling)
    return best[1] if best else None


def _function_word_slip(key: str, gazetteer: Gazetteer) -> str | None:
    """The function word a short ``key`` is one slip from, if it is no given name."""
    if len(key) < 3 or not key.isalpha() or key in gazetteer.first_names:
        return None
    return next((word for word in sorted(slips(key) & FUNCTION_WORDS)), None)
