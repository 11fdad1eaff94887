"""Whether a guessed name names a place, a building, a service or a thing here.

A word the rules or the finder take for a name may be a street's ("Victoria Road"), a
ward's ("on Cherry Ward"), a saint's church ("St Giles"), a medicine's brand ("Lanzo
meds"), a kind of job ("my Heath Visitor"), a faith ("a Christian lady") or a Welsh house,
school or choir ("Plas Madoc", "Ysgol Morgan Llwyd", "Côr Meibion Rhos"), read from the words
on its line. One check for the rules (names.py) and the finder (statistical.py); the word
lists it reads are name_cues.py's, the Welsh place nouns and phrases welsh_places.py's.
"""

from __future__ import annotations

import gzip
from bisect import bisect_left
from collections.abc import Sequence
from functools import cache
from operator import itemgetter
from pathlib import Path

from nlp.redaction.gazetteer import (
    POSSESSIVE_ENDINGS,
    fold,
    load_gazetteer,
    place_key,
    popular_first_names,
)
from nlp.redaction.name_cues import (
    FACILITIES,
    FACILITIES_LOWER,
    FAMILY,
    LOCATIVE_BEFORE,
    MUTATING,
    PARTICLES,
    POSSESSIVES,
    ROLE_NOUNS,
    SAINTS,
    SAINTS_CY,
    SERVICES,
    WARD_BEFORE,
    WARD_ROLES,
    title,
)
from nlp.redaction.person_cues import PERSON_VERBS
from nlp.redaction.welsh_places import a_mutated_place, opens_a_welsh_place, welsh_phrase

#: Before a job's kind ("my Heath Visitor"): a person's name never stands there.
_JOB_BEFORE = POSSESSIVES | {"the", "a", "an"}

# What a medicine comes as, after its brand name ("Lanzo meds"). One of the commonest given
# names before one is a person given it ("gave Sarah tablets").
_MEDICINE_FORMS = frozenset(
    "meds medication medications tablets tabs pills capsules injection injections inhaler"
    " inhalers patches drops".split()
)


# Given names that are plants, and the parts and places of a plant after one ("Holly
# bushes", "Rowan berries", "the Heather moorland", "Olive oil"): residents write about parks,
# verges and hedges, and capitalise the plant. Only words that are no verb after a person
# (not "plants", "leaves", "fields": "Rose plants seeds", "Ivy leaves at five" are people),
# and only lower-case ("Hazel Wood" may be a person).
_PLANT_NAMES = frozenset(
    """ash aspen basil bryony cherry clover daisy fern hazel heather holly iris ivy jasmine
    juniper laurel lavender lily lilly magnolia marigold myrtle olive poppy primrose rose
    rosemary rowan saffron sage violet willow""".split()
)
_PLANT_PARTS = frozenset(
    """bush bushes hedge hedging hedgerow hedgerows tree trees sapling saplings berry berries
    shrub shrubs petals bulbs blossom thicket thickets moor moorland heathland meadow meadows
    field verge verges bed beds hips oil dieback""".split()
)


@cache
def _name_compounds() -> frozenset[str]:
    """Two-word English nouns whose first word is a given name or surname ("oak tree",
    "douglas fir", "stone walls"), from Open English WordNet
    (tools/build_name_compounds.py)."""
    path = Path(__file__).with_name("data") / "name_compounds.txt.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return frozenset(line.strip() for line in handle if line.strip() and line[0] != "#")


def names_a_thing(before: str, word: str, after: str) -> bool:
    """Whether ``word`` is a thing here, not a person: with the lower-case word after it, a
    two-word noun ("Oak trees", "Cherry tomatoes", "Green belt") or a plant and its parts or
    where it grows ("Holly bushes", "Rowan berries"); lower-case itself, the end of such a
    noun ("Tiger lily", "Silver fox", "Blue jay")."""
    compounds = _name_compounds()
    if word.islower() and f"{fold(before)} {word}" in compounds:
        return True
    if not after.islower():
        return False
    key = fold(word)
    return (key in _PLANT_NAMES and after in _PLANT_PARTS) or f"{key} {after}" in compounds


def within_a_place(
    words: Sequence[tuple[int, int, str]],
    span: tuple[int, int],
    places: frozenset[str],
    *,
    welsh: bool = False,
) -> bool:
    """Whether the words of ``span`` (characters) lie inside a place of two to four words
    ("'s" counts as one) on the place list, read whole ("Connah", "'s", "Quay", "Port
    Talbot"): the rules mark such places (names.py), the finder's runs stop at each word it
    doubts, and a name hidden once must not be hidden again inside one (repeats.py).

    The place must hold more than the span, and not by a name's particle or a title: a whole
    name can be a place too ("Lawrence Hill" wrote a book), and "de la Barca" is a
    playwright's, whatever "La Barca" is. After a locative the whole place is one ("lives
    in Glyn Ceiriog"), and in Welsh (``welsh``) a place whose first word is mutated after a
    word that mutates it ("i Lyn Ceiriog" is Glyn Ceiriog; "Lyn" alone is a given name)."""
    # The words are in the text's order: a search finds the span's first word, and only the
    # few around it are read (three before, four after), so a text that names one person a
    # hundred times (repeats.py asks once a mention) is not read whole a hundred times.
    first = bisect_left(words, span[0], key=itemgetter(0))
    last = first - 1
    while last + 1 < len(words) and words[last + 1][1] <= span[1]:
        last += 1
    if last < first:
        return False
    offset = max(0, first - 3)
    names = [w for _, _, w in words[offset : last + 5]]
    first, last = first - offset, last - offset
    before = names[first - 1].lower() if first else ""
    after = names[last + 1] if last + 1 < len(names) else ""
    if (
        last > first
        and before in LOCATIVE_BEFORE
        and after not in POSSESSIVE_ENDINGS
        and place_key(names[first : last + 1]) in places
    ):
        return True
    if welsh and before in MUTATING:
        ends = range(max(last + 1, first + 2), min(len(names), first + 4) + 1)
        if any(a_mutated_place(names[first:end], places) for end in ends):
            return True
    for start in range(max(0, first - 3), first + 1):
        for end in range(last + 1, min(len(names), start + 4) + 1):
            around = [*names[start:first], *names[last + 1 : end]]
            if (
                around
                and not any(w.lower() in PARTICLES or title(w) for w in around)
                and place_key(names[start:end]) in places
            ):
                return True
    return False


# Given names that are also a faith's word: "I am a progressive Christian woman", "As a
# Christian lady". Residents describe themselves by their faith more than they name a
# Christian, and a person is announced by a cue or followed by a surname ("ask Christian",
# "Christian Bale").
FAITH_WORDS = frozenset({"christian"})
# Words before a name that link to a person rather than describe one: "thanks to
# Christian", "ask Christian", "with Christian and Sarah".
_LINKS = frozenset(
    "to with from and or of for about by said ask asked tell told thanks thank hi hello "
    "dear met saw see".split()
)


def names_a_faith(before: str, word: str, after: str) -> bool:
    """Whether ``word`` is a faith's word here, not a person ("a progressive Christian
    woman"): after a lower-case word that links to no one, and before no surname."""
    if fold(word) not in FAITH_WORDS or after[:1].isupper():
        return False
    return before.isalpha() and before.islower() and before not in _LINKS


# Nouns after a place's name that make a landmark of it ("Chirk Castle", "Hope Mountain",
# "Acton Park", "Gresford Colliery"): surnames too, so the rules took "Chirk Castle" for a
# full name. After a place that is also a given name ("Hope", "Kerry") only the nouns hardly
# anyone is called: "Kerry Hill" and "Chester Hall" may be people.
_LANDMARKS_NO_ONE_IS_CALLED = frozenset(
    """castle mountain mountains abbey priory aqueduct viaduct colliery quarry valley
    reservoir marsh beach pier docks station halt junction lock canal""".split()
)
_LANDMARKS = _LANDMARKS_NO_ONE_IS_CALLED | frozenset(
    "hill hills wood woods hall bridge park green moor common heath cross tower mill"
    " fields forest lake lakes".split()
)


# Before a mountain's name, capitalised: "Mount Hood" was hidden as a full name.
_PEAKS = frozenset({"mount", "mt"})


def _a_peak(first: str, second: str) -> bool:
    """Whether ``first`` and ``second`` are "Mount" (or "Mt") and a mountain's name."""
    return first[:1].isupper() and second[:1].isupper() and fold(first.rstrip(".")) in _PEAKS


def a_landmark(place: str, noun: str) -> bool:
    """Whether ``place`` and the capitalised ``noun`` after it name a landmark ("Chirk
    Castle", "Wrexham Park"; see _LANDMARKS)."""
    kind = fold(noun)
    if kind not in _LANDMARKS or not (noun[:1].isupper() and place[:1].isupper()):
        return False
    g, key = load_gazetteer(), fold(place)
    return key in g.places and (kind in _LANDMARKS_NO_ONE_IS_CALLED or key not in g.first_names)


def a_building_named(earlier: str, before: str, noun: str) -> bool:
    """Whether ``noun`` ends a place's name after an everyday word, itself after another
    capitalised word: "Gresford Memorial Hall", "Brymbo Community Hall", "Rhos Town Hall".
    The everyday word is written lower-case more often and is no given name, so no one is
    called by it ("Sarah Hall", "Dr Hall" stay people); the capitalised word before it keeps
    a sentence's first word out ("Ask Hall")."""
    if not (earlier[:1].isupper() and before[:1].isupper() and noun[:1].isupper()):
        return False
    g, key = load_gazetteer(), fold(before)
    return (
        fold(noun) in _LANDMARKS
        and key not in g.first_names
        and g.lower_prob(key) > g.capital_prob(key)
    )


def names_a_place(
    before: str,
    word: str,
    after: str,
    *,
    welsh: bool,
    first_name: bool,
    then: str = "",
    earlier: str = "",
) -> bool:
    """Whether a guessed name ``word`` names a saint, a street, a building, a ward, a
    service, a faith, a kind of job or a Welsh house here rather than a person, from the
    words on its line before and after it ("" if none).

    One check for the rules (names.py) and the finder (statistical.py); neither applies it
    to a name a title or an introduction announced ("my son Jack school", "Mrs Evans school").

    Args:
        before, word, after: as written; ``then`` the word after ``after``, ``earlier``
            the word before ``before``.
        welsh: the text is Welsh ("Sant", "Santes" are saints there; "Sant Singh" in English).
        first_name: ``word`` is a listed first name: before a lower-case noun it is a person
            ("Sarah school nurse was great"), before a capitalised one a place ("Victoria
            Road").
    """
    saints = SAINTS_CY if welsh else SAINTS
    if before[:1].isupper() and fold(before.rstrip(".")) in saints:
        return True  # "St Giles church", "Ysgol Sant Dunawd"
    if earlier[:1].isupper() and fold(earlier.rstrip(".")) in saints and before[:1].isupper():
        return True  # "St John Fisher pupils", "St Richard Gwyn": a saint of two names
    if _a_peak(before, word) or _a_peak(word, after):
        return True  # "Mount Hood", "Mt Vernon": a mountain, as "St Giles" is a church
    if after.lower() in FACILITIES and (after[:1].isupper() or not first_name):
        return True  # "Victoria Road", "Gwersyllt library"
    if fold(after) == "street" and fold(then) not in PERSON_VERBS:
        return True  # "Charles Street is always blocked": few are called Street, and
        # residents name their street more than anything; "Sarah Street said" is a person
    if (
        fold(after) in ("is", "was")
        and fold(then) == "where"
        and fold(word) in load_gazetteer().uk_places
    ):
        return True  # "Holt is where he grew up": a place, whatever the sentence says later
    if a_landmark(word, after) or a_landmark(before, word):
        return True  # "Chirk Castle", "up Hope Mountain": the place's, or the place itself
    if a_building_named(earlier, before, word):
        return True  # "Gresford Memorial Hall": "Hall" is a surname too
    if fold(after) in _MEDICINE_FORMS and fold(word) not in popular_first_names():
        return True  # "Lanzo meds", "Oramorph tablets": a medicine's brand, not a person
    if after == "House" or (after == "house" and (fold(then) in ROLE_NOUNS or then in SERVICES)):
        return True  # "Claire House", "Latham house receptionist": a building and its staff;
        # not "at Smith house", the Smiths' house
    if after in FACILITIES_LOWER and (
        not first_name or (word[:1].isupper() and fold(then) not in WARD_ROLES)
    ):
        return True  # "Dyfi ward"; "Hogarth ward", "Cherry ward": hospitals name wards after
        # people and trees, and a resident who capitalises a name capitalises its surname
        # too ("Sarah Ward"); but "Sue ward sister" is Sue
    if fold(word) in FACILITIES_LOWER and fold(after) in WARD_ROLES and not before[:1].isupper():
        return True  # "Ward Sister Bethan", "the Ward Manager": the ward's staff; not "Sarah
        # Ward Manager", "Mrs Ward"
    if fold(word) in FACILITIES_LOWER and not after[:1].isupper():
        if after[:1].isdigit() or not before[:1].isalpha():
            return True  # "Ward 4", "on Ward 12"; "Ward is lovely." with no name before or
            # after it ("Sarah Ward", "Ward Jones") and no title ("Mrs Ward": the rules hide it)
        if before.lower() in WARD_BEFORE and fold(after) not in FAMILY:
            return True  # "all Ward staff", "the Ward was clean"; not "the Ward family"
        if (
            before[:1].isupper()
            and earlier.lower() in WARD_BEFORE
            and after not in POSSESSIVE_ENDINGS
        ):
            return True  # "the Wendolen Ward", "on Cherry Ward" (its first word: below)
    if (
        fold(after) in FACILITIES_LOWER
        and before.lower() in WARD_BEFORE
        and fold(then) not in FAMILY
        and then not in POSSESSIVE_ENDINGS
    ):
        return True  # "the Wendolen Ward", "on Cherry Ward"; not "on Sarah Ward's advice"
    if (
        welsh
        and word[:1].isupper()
        and (
            fold(before) in FACILITIES_LOWER
            or (fold(word) in FACILITIES_LOWER and after[:1].isupper())
        )
    ):
        return True  # "ar ward Onnen", "Ward Dyfi": Welsh puts the ward's name after it
    if before.lower() in _JOB_BEFORE and after.lower() in ROLE_NOUNS:
        return True  # "my Heath Visitor", "the Macmillan nurse": a kind of job, no one's name
    if not welsh and names_a_faith(before, word, after):
        return True  # "a Christian lady": not a place, but no one's name either
    if word.isupper() and len(word) > 1 and after in SERVICES:
        return True  # "IRIS team", "TED services": lower-case "team", so no one is shouting
    if names_a_thing(before, word, after):
        return True  # "Holly bushes", "the Heather moorland", "Oak trees": no one's name
    if opens_a_welsh_place(before, word) or opens_a_welsh_place(word, after):
        return True  # "yn Plas Madoc", "Ysgol Morgan Llwyd", in Welsh text too
    if (fold(before) in ("y", "yr") and opens_a_welsh_place(earlier, word)) or (
        fold(after) in ("y", "yr") and opens_a_welsh_place(word, then)
    ):
        return True  # "Pant y Celyn", "Moel yr Henfaes": the article between
    return not welsh and (welsh_phrase(word, after) or welsh_phrase(before, word))
