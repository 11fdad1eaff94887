"""Welsh words in any mutation: in Welsh text an everyday word is not somebody's name.

The name finders learnt English. In Welsh text MiniLM scores everyday words ("halen",
"hanner", "arna") as names, the world name lists hold many of them ("Arna", "Mae",
"Tri", "Gael"), and the rules' weak cues take the word after "gyda" or "gan" ("gyda
reis", "gan rai"). So the Welsh pipeline vets every name span once more at its end
(components.PiiWelshNames): a word the project's Welsh vocabulary knows, read in every
mutation (nlp.lang.cy.mutations), is a word, and a mutated place ("Gymru", "Ddinbych",
"Gaerfyrddin") is a place. The vocabulary is what the project already ships: the Welsh
stop words and lexicon, the headwords of the apertium dictionary and of the glossary
(nlp/lang/cy/data), Bangor University's spoken-Welsh spelling dictionary's lower-case stems
(nlp/lang/cy/data/cy_spelling_words.txt.gz, built by tools/build_welsh_spelling_words.py,
names left out), and the inflected prepositions below.

A capitalised word needs more before it is taken for a word, since many Welsh words are
also names ("Gwyn", "Dan", "Carol"): it must start a sentence, follow the article ("Y
Frenhines", "yr Alban"), or, alone in its span, be on no name list. A lower-case word the
vocabulary knows is always a word in Welsh text: "gwyn" is white; so are a few given names
that are words the vocabulary leaves out with the names ("hedd" is peace:
name_cues.WELSH_NAMES_LOWER_CASE_WORDS). Nor is a lower-case word nobody announced that is
no Welsh or common English given name: the vocabulary lacks "siani flewog", "jin", "hil",
and a world name list holds them.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable
from functools import cache
from pathlib import Path

from nlp.lang.cy.gloss import Glossary
from nlp.lang.cy.lexicon import LEXICON, PLACES
from nlp.lang.cy.mutations import candidates, radical
from nlp.lang.cy.stop_words import STOP_WORDS
from nlp.redaction.gazetteer import fold
from nlp.redaction.name_cues import TITLES_CY, WELSH_NAME_KEYS, WELSH_NAMES_LOWER_CASE_WORDS

# Conjugated prepositions ("arna i", "ganddo fo", "iddyn nhw"): grammar words the stop
# list and the dictionaries do not hold in these forms.
_INFLECTED_PREPOSITIONS = """
arna arnaf arnat arno arni arnom arnon arnoch arnyn arnynt
gen genna gennyf gennyt gennym gennych ganddo ganddi ganddyn ganddynt gynno gynni gynnon
imi iti iddo iddi inni ichi iddyn iddynt amdana amdanaf amdanat amdano amdani amdanom
amdanoch amdanyn ohona ohonaf ohonot ohono ohoni ohonom ohonoch ohonyn ohonynt ata ataf
atat ato ati aton atoch atyn atynt wrtha wrthyf wrthot wrtho wrthi wrthon wrthoch wrthyn
drosta drosof drosot drosto drosti droston drostoch drostyn trwyddo trwyddi drwyddo drwyddi
drwyddyn rhyngddo rhyngddi rhyngddyn hebddo hebddi hebddyn ynddo ynddi ynddyn ynddynt
odano oddano oddani dano dani danyn
""".split()

SPELLING_WORDS = Path(__file__).parents[1] / "lang" / "cy" / "data" / "cy_spelling_words.txt.gz"

_ARTICLES = frozenset({"y", "yr"})
#: "yn" (in) as it is written before a nasal mutation: "ym Mangor", "yng Nghaerdydd".
_NASAL_IN = frozenset({"ym", "yng"})
#: Locatives after which a capitalised place abroad is the place, though a name list holds
#: it ("yn Paris", "ger Bethlehem", "drwy India"). Not "i", "o" or "â", which take people
#: too ("diolch i Paris", "siarad â Jordan"); "yn" does after some verbs ("cydio yn", to
#: grab), so a common given name stays a name after it ("Cydiodd yn Mary").
_LOCATIVE_BEFORE_ABROAD = frozenset({"yn", "ger", "drwy", "trwy"})
#: Welsh counties and regions that are also Welsh given names: in Welsh text, alone and
#: unannounced, the place ("Mae'n byw ym Methel, Gwynedd", "ar y ffin rhwng Gwynedd a
#: Phowys"); after a title or an introduction ("fy merch Gwynedd") or beside a surname
#: ("Gwynedd Jones"), the person.
REGIONS_NAMED_LIKE_PEOPLE = frozenset({"gwynedd", "dyfed", "gwent", "clwyd", "maldwyn"})
_SENTENCE_ENDS = (".", "!", "?", ":", ";", "\n")
#: Welsh nouns for nationalities, written capitalised ("Mae e'n Sais", "y Gwyddel"): words
#: wherever they stand, though a name list holds some ("Sais" is a surname too).
DEMONYMS_CY = frozenset(
    """sais saeson saesnes cymro cymry cymraes gwyddel gwyddelod gwyddeles albanwr albanwyr
    albanes llydawr llydawyr cernywiad cernywiaid americanwr americanwyr ffrancwr ffrancwyr
    ffrances almaenwr almaenwyr almaenes eidalwr eidalwyr sbaenwr sbaenwyr pwyliad pwyliaid
    iddew iddewon iddewes""".split()
)


@cache
def vocabulary() -> frozenset[str]:
    """Folded radical forms of the Welsh words the project ships (single words only)."""
    with gzip.open(SPELLING_WORDS, "rt", encoding="utf-8") as listed:
        spelling = [line.strip() for line in listed if not line.startswith("#")]
    words = [*STOP_WORDS, *LEXICON, *_INFLECTED_PREPOSITIONS, *Glossary.load().words, *spelling]
    return frozenset(
        fold(word.strip("'’"))
        for word in words
        if " " not in word and any(ch.isalpha() for ch in word)
    )


def _readings(word: str) -> list[str]:
    """The word's folded radical readings, itself first ("Gymru": "gymru", "cymru")."""
    return [fold(candidate.radical) for candidate in candidates(word.strip("'’"))]


def welsh_word(word: str) -> bool:
    """Whether some reading of ``word`` (itself or any unmutated form) is a Welsh word."""
    known = vocabulary()
    return any(reading in known or reading in PLACES for reading in _readings(word))


def welsh_place(
    word: str, places: frozenset[str] = frozenset(), *, previous: str | None = None
) -> bool:
    """Whether ``word``, as written or in the radical its previous word makes likeliest, is a
    Welsh place or one of ``places`` ("o Gymru", "yng Nghaerdydd"). Not every reading:
    "Mari" could be a nasal-mutated "Bari", but nothing before it mutates it."""
    readings = {fold(word.strip("'’")), fold(radical(word.strip("'’"), previous=previous))}
    return any(reading in PLACES or reading in places for reading in readings)


# Welsh titles and kin words before a given name, which is no house's adjective after them:
# "Syr Lewis Morris", "Nyrs Gwen", "Anti Mair": name_cues.TITLES_CY, and lords, teachers,
# royalty and parents.
_TITLES_BEFORE_NAMES = TITLES_CY | frozenset(
    "anti arglwydd arglwyddes athro athrawes brenin frenin brenhines frenhines tywysog "
    "dywysog tywysoges mam dad tad".split()
)


def after_a_capitalised_noun(previous: str, is_name: Callable[[str], bool]) -> bool:
    """Whether the text before a word ends in a capitalised Welsh noun ("Garreg", "Tŷ",
    "Ddraenen"), after which a Welsh word names a house or a place with it ("Garreg Wen",
    "Tŷ Coch") rather than a surname. Not where the sentence starts ("Mae Beth Jones"), nor
    after a title ("Syr Lewis Morris", "Nyrs Gwen"), a stop word or a common given name
    (``is_name``, folded: "Robin Coch" is a nickname)."""
    previous = previous.rstrip()
    if not previous or previous.endswith((*_SENTENCE_ENDS, ",")):
        return False
    earlier, _, last = previous.rpartition(" ")
    last = last.strip("'’")
    if not earlier.strip() or earlier.rstrip().endswith(_SENTENCE_ENDS):
        return False  # capitalised only because the sentence starts with it
    key = fold(last)
    return (
        last[:1].isupper()
        and key not in _TITLES_BEFORE_NAMES
        and key not in STOP_WORDS
        and key not in WELSH_NAME_KEYS
        and not is_name(key)
        and welsh_word(last)
    )


def ordinary_in_welsh(
    word: str,
    *,
    before: str,
    listed: bool,
    alone: bool = True,
    announced: bool = False,
    places: frozenset[str] = frozenset(),
    abroad: frozenset[str] = frozenset(),
    given: bool = True,
    common_name: Callable[[str], bool] | None = None,
) -> bool:
    """Whether a word a name finder marked in Welsh text is an everyday word or a place.

    Args:
        word: the word as written.
        before: the text before it (its end decides whether a sentence starts here; a
            few words are enough).
        listed: whether a name list holds the word (first name or surname).
        alone: the word is the whole span. Beside another name word a listed word stays,
            even where a sentence starts ("Ben Davies oedd yno": "Ben" reads as "pen"), and a
            capitalised word stays unless the article puts it there: "Cledwyn Fychan" is a
            surname however "bychan" reads.
        announced: a title or an introduction came first ("Mrs Lewis", "Ffoniwch Awen",
            "eira ydy fy enw i"): only an unlisted Welsh place is not the name.
        places: folded place names (the gazetteer's British places): read only as written
            or as the previous word mutates them, since a thousand surnames are also
            villages ("Lewis", "Preston") and any mutation reading finds more ("Mari").
        abroad: folded places abroad (the gazetteer's world places), read only as written
            after a locative ("yn Paris", "ger Bethlehem") and only when the word is no
            common given name (``given``).
        given: the word is a Welsh given name or one of the commonest English ones
            ("gareth", "dave"). Unannounced and lower-case, any other word is taken for a
            Welsh or borrowed word the vocabulary lacks ("siani flewog", "jin", "tei", "hil"),
            though a world name list holds it; but not a listed name beside another name
            word ("dafydd jones": the surname stays hidden with the given name).
        common_name: whether a folded word is a common given name; given, a Welsh word alone
            after a capitalised Welsh noun (:func:`after_a_capitalised_noun`, read only when
            every cheaper check has passed), unless a Welsh given name, names a house or a
            place with it ("Garreg Wen", "Tŷ Coch").
    """
    if not any(ch.isalpha() for ch in word):
        return False
    previous = before.rstrip()
    last = fold(previous.rsplit(None, 1)[-1]) if previous else ""
    if alone and last in _NASAL_IN and word[:1].isupper():
        return True  # "ym Merlin" is Berlin, "yng Nglyn" a glen: no one's name follows
        # the locative "yn" that mutates it
    if (
        alone
        and not given
        and last in _LOCATIVE_BEFORE_ABROAD
        and word[:1].isupper()
        and fold(word.strip("'’")) in abroad
    ):
        return True  # "yn Paris", "ger Bethlehem": a place abroad, though a name too; not
        # a common given name, which "yn" also takes after a verb ("Cydiodd yn Mary")
    if announced:
        if listed:
            return False
        if welsh_place(word, previous=last or None):
            return True
        # A noun alone that the cue's mutation disguises ("gan Lywodraeth", "gan Gymru"): its
        # radical is a Welsh word that no Welsh given name shares ("i Fryn" is Bryn).
        # Unmutated ("gan Dafydd"), with a radical the vocabulary lacks ("i Fethan"), or
        # beside another name word ("gan Dic Jones", "Siân Fychan"), a person.
        written = fold(word.strip("'’"))
        root = fold(radical(word.strip("'’"), previous=last or None))
        return alone and root != written and root in vocabulary() and root not in WELSH_NAME_KEYS
    if alone and DEMONYMS_CY.intersection(_readings(word)):
        return True  # "Mae e'n Sais", "yn Wyddel": a nationality, not a surname
    if alone and fold(word) in REGIONS_NAMED_LIKE_PEOPLE:
        return True  # "ym Methel, Gwynedd", "bryniau Maldwyn": unannounced, the county
    after_article = last in _ARTICLES or last.endswith(("'r", "’r"))  # "Mae'r Frenhines"
    if word.islower() and after_article:
        return True  # "y robin", "yr eira": Welsh puts no article before a person's name
    if word.islower() and fold(word) in WELSH_NAMES_LOWER_CASE_WORDS:
        return True  # "mae hedd yn bwysig", "chwarae efo tegan": words the vocabulary lacks
    if word.islower() and not given and (alone or not listed):
        return True  # "jin", "siani flewog"; beside a given name "dafydd jones" stays whole
    if not welsh_word(word) and not welsh_place(word, places, previous=last or None):
        return False
    if word.islower():
        return True
    if alone and after_article:
        return True  # "Gŵyl yr Haf", "papur y Seren": no article before a person's name
    if fold(word) in WELSH_NAME_KEYS:
        return False  # "Gwyn", "Heulwen", "Arwyn": capitalised, the person
    if alone and common_name is not None and after_a_capitalised_noun(previous, common_name):
        return True  # "Garreg Wen", "Tŷ Coch" ("Siân Wyn", "Nyrs Gwen" stay: given names;
        # not alone, the word before it is kept as a name: "Magi Ddwl" is a nickname)
    starts = not previous or previous.endswith(_SENTENCE_ENDS)
    return (starts and (alone or not listed)) or after_article or (alone and not listed)
