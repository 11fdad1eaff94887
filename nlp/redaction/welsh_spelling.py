"""Words whose Welsh spelling says they are Welsh words or places, not somebody's name.

The name lists hold Welsh names, so an unlisted capitalised word spelt as only Welsh spells
("Rhosddu", "Ffoniwch") or built as Welsh builds a place's name ("Dolywern", "Pontcysyllte")
is a word or a place. Read by the rules (names.py, name_tokens.py), the vetting of every
span (word_checks.py) and, for welsh_looking only, the contextual finder's features
(contextual.py).
"""

from __future__ import annotations

import re

# Welsh spelling in a word no name list knows (Welsh names are in the gazetteer).
_WELSH_SPELLING = re.compile(
    r"^(?:Ll|Rh|Ff|Dd|Ngh|Mh|Nh|Gw)|dd|wy|ydd|aw|wch|lch|ff", re.IGNORECASE
)
# Letters Welsh never writes: "Wisława" and "Rościsław" are Polish names, not Welsh words.
_NOT_WELSH_LETTERS = re.compile(r"[kqvxzłśšćčżźńøåæßőűñçřěůžđ]", re.IGNORECASE)


def welsh_looking(word: str) -> bool:
    """Welsh spelling in a word no name list knows ("Rhosddu", "Ffoniwch")."""
    return bool(_WELSH_SPELLING.search(word)) and not _NOT_WELSH_LETTERS.search(word)


# The Welsh words a place's name is built from ("pont", bridge; "dol", meadow; "pen", top),
# radical and as "i", "o" and "yn" mutate the commonest ("fron", "bont"; not "dre":
# "Dreyfus"), then the article and a noun, or a Welsh "yll".
_PLACE_ELEMENTS = """aber afon bettws betws blaen bod bont bron bryn bwlch caer capel carreg
castell cefn cil coed cors craig croes cwm dinas dol dyffryn eglwys ffordd ffynnon fron gallt
garth glan glyn gwaun hafod hen llan llech llwyn llys maen maes moel mynydd nant pant pen
pentre pistyll plas pont porth pwll rhiw rhos rhyd sarn tal tan tir tre tref ty waun ynys
ystrad""".split()
_PLACE_SHAPE = re.compile(rf"(?:{'|'.join(_PLACE_ELEMENTS)})(?:yr?[^aeiouy\W]\w{{2,}}|\w*yll\w*)")


def welsh_place_shaped(word: str) -> bool:
    """A capitalised word built as Welsh builds a place's name, which no list need hold:
    a place word, then the article and a noun ("Penycae", "Dolywern", "Maesybont") or a
    Welsh "yll" ("Pontcysyllte", "Rhostyllen"). welsh_looking misses these, and stays as
    the contextual finder was trained. Of the 127,000 or so names on the gazetteer's lists
    only "Bodyfelt" has this shape, and a listed name is never vetted by it (word_checks.py;
    tests/nlp/test_redaction_welsh_spelling.py counts them)."""
    key = word.lower()
    if len(key) < 7 or not word[:1].isupper() or not word[1:].islower():
        return False
    if _NOT_WELSH_LETTERS.search(key) or "j" in key:
        return False
    return bool(_PLACE_SHAPE.fullmatch(key))


def spelt_as_welsh(word: str) -> bool:
    """Welsh spelling or a Welsh place's shape in a word no name list knows ("Rhosddu",
    "Dolywern"): a Welsh word or place, in English text as in Welsh."""
    return welsh_looking(word) or welsh_place_shaped(word)


def not_welsh_spelling(word: str) -> bool:
    """An unlisted word welsh_looking takes for Welsh ("aw", "wy", "ff") written with
    "sh", which Welsh spells "si" ("siop", "siarad"; "sh" only in a few loans: "brwsh",
    "cwtsh", under 1 word in 5,000 of the Welsh sentences in ../shared): a name from another
    language ("Ishawna", "Shawnda"), not a Welsh place or verb. Only for the finder's runs
    in English text; welsh_looking itself is one of the finder's inputs and stays as trained.
    """
    return "sh" in word.lower()
