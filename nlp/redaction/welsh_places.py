"""Welsh words that open a place's name, and the Welsh phrases that name a place.

"Plas Madoc", "Ysgol Morgan Llwyd", "Côr Meibion Rhos", "i Lyn Ceiriog" (Glyn Ceiriog, mutated),
"Tŷ Pawb", "Pen y Bryn": the words after such a noun may be a person's name, but here they are
the place's. Read by place_cues.py's checks, the rules (names.py, name_extent.py) and the
finder (statistical.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from nlp.lang.cy.mutations import Mutation, candidates, mutate
from nlp.lang.cy.stop_words import STOP_WORDS
from nlp.redaction.gazetteer import fold, place_key
from nlp.redaction.name_cues import GIVEN_NAMES_THAT_ARE_WELSH_WORDS, WELSH_WORDS

# Welsh nouns that open the name of a house, an estate, a street or a building, whatever
# follows: "Plas Madoc", "Maes Glas", "Heol Offa", "Llys Edwin", "Ysgol Morgan Llwyd",
# "Ysbyty Maelor", "Tŷ Gwyn", of a place in the land: "Llyn Tegid", "Afon Alun", "Ynys
# Enlli", "Cwm Rhondda", and of a choir, a playgroup or a society: "Côr Meibion Rhos",
# "Cylch Meithrin", "Menter Iaith". Folded, as fold() leaves them ("côr" is "cor").
_WELSH_PLACE_NOUNS = frozenset(
    """plas neuadd canolfan ysgol capel eglwys parc maes heol ffordd stryd llys fferm
    ffynnon pentre pentref tafarn bwthyn ysbyty meddygfa llyfrgell coleg prifysgol gorsaf
    clwb ystad theatr pwll swyddfa oriel ynys llyn afon mynydd cwm pont cor cymdeithas
    cwmni cylch menter gwyl cae ty gwesty caffi amgueddfa marchnad siop aelwyd
    moel caer bae carreg cadair cader coed nant castell porth traeth tref dinas bwlch llan
    glan ogof rhaeadr swydd cefn morfa rhyd pant maen cors mynwent gwaun aber gallt""".split()
)
# ... and as mutated after "i", "yn", "ei" ("i Goleg Cambria", "yng Nghanolfan", "ym
# Mhentre"), but not the mutated forms that are names themselves ("Lyn" from llyn, "Blas"
# from plas, "Lan" from llan and glan: the name lists hold them) or everyday words ("Mae",
# is, from bae, opens a sentence before a name: "Mae Glyn Jones yn byw ...").
_MUTATED_NOT_PLACES = frozenset(
    "lyn blas faes fae lan chae gor chor gaer borth haber thy".split()
) | frozenset(STOP_WORDS)
_WELSH_PLACE_NOUNS_MUTATED = (
    frozenset(
        form
        for noun in _WELSH_PLACE_NOUNS
        for mutation in Mutation
        if (form := mutate(noun, mutation)) == noun or form not in _MUTATED_NOT_PLACES
    )
    | _WELSH_PLACE_NOUNS
)
# "Tŷ" (house) and its mutations count only with the accent: "Ty" is also a given name.
_ACCENT_NEEDED = frozenset(mutate("ty", mutation) for mutation in Mutation)


def opens_a_welsh_place(word: str, after: str) -> bool:
    """Whether ``word`` is a capitalised Welsh noun that opens a place's name and ``after``
    (the next word) is capitalised: "Plas Madoc", "Ysgol Morgan Llwyd". In English and Welsh
    text: the name after it may be a person's, but here it is the place's. Lower-case, the
    noun is a person's in Welsh ("fferm Dafydd" is Dafydd's farm)."""
    key = fold(word)
    return (
        word[:1].isupper()
        and key in _WELSH_PLACE_NOUNS_MUTATED
        and after[:1].isupper()
        and (key not in _ACCENT_NEEDED or any(ch in "ŷŶ" for ch in word))
    )


def in_a_welsh_place_name(words: Sequence[tuple[int, int, str]], start: int) -> bool:
    """Whether the capitalised words right before ``words[start]`` (start, end, word) open
    with a Welsh place noun (opens_a_welsh_place): "Ysgol Morgan" before "Llwyd", "Prifysgol
    Betsi" before "Cadwaladr". The rules and the finder read each word alone; here the whole
    name."""
    k = start
    while k > 0 and words[k - 1][2][:1].isupper():
        if opens_a_welsh_place(words[k - 1][2], words[k][2]):
            return True
        k -= 1
    return False


def a_mutated_place(words: Sequence[str], places: frozenset[str]) -> bool:
    """Whether ``words`` (two or more) name a listed place once the first is read unmutated,
    as Welsh writes a place after "i", "o" or "yn": "i Lyn Ceiriog" is Glyn Ceiriog, "o Goed
    Poeth" Coed Poeth. The first word alone may be a given name ("Lyn"); the place holds more."""
    if len(words) < 2 or not words[0][:1].isupper():
        return False
    return any(
        place_key([reading.radical, *words[1:]]) in places for reading in candidates(words[0])[1:]
    )


def welsh_phrase(word: str, after: str) -> bool:
    """Whether ``word`` opens a Welsh phrase in English text, followed by ``after`` (the next
    word, or ""): a building or a place, not a person ("Tŷ Pawb", "Ty Hapus", "Pen y Bryn").

    The word must be a Welsh word (not one of the Welsh given names), written with a letter
    only Welsh uses ("Tŷ") or followed by the article or another capitalised Welsh word.
    "Dan Lewis" and "Beth Jones" stay people: their surnames are no Welsh words.
    """
    if opens_a_welsh_place(word, after):
        return True  # "Plas Madoc", "Maes Gwyn": the second word may be a name
    if fold(word) not in WELSH_WORDS:
        return False
    if any(ch in "ŵŷŴŶ" for ch in word):
        return True
    if fold(word) in GIVEN_NAMES_THAT_ARE_WELSH_WORDS:
        return False  # "Dan Bach", "Beth Mai": a person whose surname is a Welsh word
    following = fold(after.strip("'’"))
    if following in ("y", "yr"):
        return True
    # Not "I", "Am", "Do": Welsh words too, and the English pronoun or verb after a name.
    return after[:1].isupper() and len(following) > 2 and following in WELSH_WORDS
