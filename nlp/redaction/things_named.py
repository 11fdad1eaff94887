"""Capitalised words after "the" that name a thing, not a person ("the Fairy Glen").

A person's name rarely follows "the": residents write "the Hope Centre", "The Tramp", "the
Great Gatsby", "the Fairy Glen in Ruthin", places, films and books whose name opens with an
everyday word, and the rules and the contextual finder took "Fairy Glen" for a person. The
rules (names._Scan.a_thing_named) and the finder's runs (statistical.ModelNameFinder) each
find the capitalised words after "the" and ask opens_a_thing here.
"""

from __future__ import annotations

from nlp.redaction.gazetteer import Gazetteer, fold
from nlp.redaction.name_cues import FAMILY, OCCUPATIONS, PERSON_ADJECTIVES, title

#: Words of praise and pity residents capitalise before a person ("the Amazing Dave", "the
#: Brilliant Bethan", "the Late Mr Hughes"), and those that open an honorific ("the Right
#: Honourable", "the Very Reverend", "the Most Reverend"): a name after them is the
#: person's, though the word is an everyday one (see opens_a_thing).
PRAISED = frozenset(
    """amazing brilliant lovely wonderful fantastic fabulous fab marvellous marvelous awesome
    incredible legendary beautiful gorgeous famous infamous late young little big dear poor
    super superb excellent sweet mighty magnificent one only same real original right very
    most""".split()
)


def opens_a_thing(opening: str, after: str, gazetteer: Gazetteer) -> bool:
    """Whether capitalised words after "the" that open with ``opening`` and are followed by
    ``after`` name a thing, a place or a book, not a person: the opening word is an everyday
    one (written lower-case more often: "the Fairy Glen", "the Great Gatsby", "The Tramp");
    no one writes "the Hope Jones" of a neighbour. Not after a title or a calling ("the
    Reverend Jones", "the Prophet Mohammed") nor a word of praise ("the Amazing Dave"), not
    a family ("the Rose family", "the Hope twins") nor what belongs to the words ("the Rose's
    garden"). names._Scan and statistical.ModelNameFinder each find the words so."""
    key = fold(opening.strip(".,!?;:'’\"()"))
    return (
        opening[:1].isupper()
        and not title(opening)
        and key not in OCCUPATIONS
        and key not in PRAISED
        and key not in PERSON_ADJECTIVES
        and gazetteer.lower_prob(key) > gazetteer.capital_prob(key)
        and fold(after) not in FAMILY
        and not after.startswith(("'", "’"))
    )
