"""Words whose shape says they are no one's name, whatever the finder scores them.

A hand run across the keyboard in place of an answer ("asdfasdfklj"), a murmur ("hunh",
"Hm-m" split at its hyphen), a word drawn out for emphasis ("Hungryyyyy"), a file's name in
a question about code ("main.cu"), and everyday words run together as code and apps name
things ("ClassCastException", "WhatsApp"). Each test leaves out the shapes names also take
("Hadassah", "Doherty", "Saraaaah", "Lisa_resume.doc", "McDonald", "MysteryGuitarMan"); see
each docstring. Used by word_checks.WordChecks, names.py and statistical.py; measured in
bench/RESULTS.md (sessions 13, 24 and 25).
"""

from __future__ import annotations

import re

from nlp.redaction.gazetteer import NOT_NAMES, Gazetteer, fold
from nlp.redaction.name_cues import PARTICLES

# The rows of a QWERTY keyboard, for a hand run across it in place of an answer. Four keys
# in order spell no name but "erty" and "wert" ("Doherty", "Stewert").
_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_KEY_RUNS = frozenset(row[k : k + 4] for row in _KEYBOARD_ROWS for k in range(len(row) - 3)) - {
    "erty",
    "wert",
}
_HOME_ROW = frozenset(_KEYBOARD_ROWS[1])
_J_BESIDE = re.compile(r"[sdfghkl]j|j[sdfghkl]")


def keyboard_mash(key: str) -> bool:
    """Whether a folded word is typed noise, not a name: four neighbouring keys in order
    ("asdfjoisdjf", "zxcvb"); five or more letters of the home row with few a's and either no
    vowel or a "j" among consonants ("gsdfg", "aksjdflaksjdf": the names the home row spells
    are full of a's, "Shasha", "Hadassah"); or eight or more letters of at most three kinds
    ("kekekekeke"). Callers also leave out any word a name list or the frequency table
    holds."""
    letters = "".join(ch for ch in key if ch.isalpha())
    if len(letters) < 5:
        return False
    if any(letters[k : k + 4] in _KEY_RUNS for k in range(len(letters) - 3)):
        return True
    if (
        set(letters) <= _HOME_ROW
        and letters.count("a") < 0.25 * len(letters)
        and ("a" not in letters or _J_BESIDE.search(letters))
    ):
        return True
    return len(letters) >= 8 and len(set(letters)) <= 3


# The sounds a listener makes and a transcript or a text spells ("hunh", "unhunh", "hm-m",
# "mm-hmm"): an "h" among m's, n's and u's, hyphens between.
_MURMUR = re.compile(r"(?=[hmnu-]*h)[hmnu]+(?:-[hmnu]+)*")


def murmur(key: str) -> bool:
    """Whether a folded word is a murmur ("hunh", "unhunh", "hm-m"), not a name: three
    letters or more of h, m, n and u only, one an "h". The names so spelt ("Hu", "Nhu",
    "Munn") are short, have no "h" or are on a name list, which callers read first."""
    return len(key.replace("-", "")) >= 3 and bool(_MURMUR.fullmatch(key))


# A letter written three times or more in a row: a word drawn out ("Hungryyyyy", "sooo"),
# and how often (log probability) its plain form must be written to be a common word.
_DRAWN_OUT = re.compile(r"([^\W\d_])\1{2,}")
_COMMON = -13.0


def drawn_out(key: str, g: Gazetteer) -> bool:
    """Whether a folded word is an everyday word drawn out for emphasis ("hungryyyyy",
    "doneeee", "bigggg", "birdsss", "lmfaoooo"): with each run of three or more letters cut
    to one or to two, a word on NOT_NAMES or written lower-case more often than
    capitalised and common. A given name drawn out stays ("Saraaaah": "sarah"), unless it is
    written lower-case more often ("willll")."""
    if not _DRAWN_OUT.search(key):
        return False
    forms = {_DRAWN_OUT.sub(r"\1", key), _DRAWN_OUT.sub(r"\1\1", key)}
    if any(f in g.first_names and g.lower_prob(f) <= g.capital_prob(f) for f in forms):
        return False
    return any(f in NOT_NAMES or g.lower_prob(f) > max(g.capital_prob(f), _COMMON) for f in forms)


def murmured(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` lies inside a murmur with hyphens ("Hm-m.", "Mm-hmm"), which
    the tokeniser splits at the hyphens into words too short to read as a murmur alone."""
    while end > start and not text[end - 1].isalpha():
        end -= 1  # "m." is a word to the tokeniser
    while start and (text[start - 1].isalpha() or text[start - 1] == "-"):
        start -= 1
    while end < len(text) and (text[end].isalpha() or text[end] == "-"):
        end += 1
    whole = text[start:end]
    return "-" in whole and murmur(fold(whole))


# A file's name: a stem, a dot and a common extension ("main.cu", "m_redir.c", "vert.glsl").
_FILE_NAME = re.compile(
    r"[\w-]+\.(?:c|h|cc|cpp|cu|py|js|ts|java|rb|php|go|rs|cs|sh|glsl|html?|css|xml|json|ya?ml"
    r"|txt|log|md|csv|tsv|docx?|xlsx?|pptx?|pdf|odt|rtf|jpe?g|png|gif|svg|mp[34]|wav|zip|gz"
    r"|tar|exe|dll|jar|apk|sql|db|ini|cfg|conf)",
    re.IGNORECASE,
)


def code_word(word: str, given_names: frozenset[str]) -> bool:
    """Whether a word is a file's name ("main.cu"), not a person's. A file named after
    someone keeps its name hidden ("Lisa_resume.doc"): ``given_names`` (folded) are looked
    for in its stem. (A command's switch, "-P", is left: it is written as an e-mail's
    signed initial, "-M".)"""
    if not _FILE_NAME.fullmatch(word):
        return False
    stem = word.rsplit(".", 1)[0]
    return not any(fold(part) in given_names for part in re.split(r"[\W_]+", stem) if part)


# The parts of a word written with capitals inside: "Class", "Cast", "root", "CG".
_CAMEL_PARTS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
# Particles that open a surname with a capital after them ("DeLong", "McGrath", "FitzGerald").
_SURNAME_OPENERS = PARTICLES | {"mc", "fitz"}
# Words for a person that make joined words someone's handle ("MysteryGuitarMan").
_PERSONA = frozenset(
    "man men woman girl boy guy lady king queen dude kid gamer mum mom dad".split()
)


def words_joined(word: str, gazetteer: Gazetteer) -> bool:
    """Everyday words run together with capitals, as code and apps name things
    ("ClassCastException", "rootCanvas", "WhatsApp"): each part written lower-case more
    often than capitalised. Not a name with a capital inside ("McDonald", "DeShawn",
    "JeremyCG": a part is more often capitalised), initials ("MLKj": a part of two letters),
    a surname after a particle ("DeLong", "LaForge", "McGrath"), nor a handle made of a
    person's words ("MysteryGuitarMan")."""
    if not word.isalpha() or word.isupper() or word.islower() or word.istitle():
        return False
    parts = _CAMEL_PARTS.findall(word)
    if len(parts) < 2 or "".join(parts) != word or fold(parts[0]) in _SURNAME_OPENERS:
        return False
    if any(fold(part) in _PERSONA for part in parts):
        return False
    return all(
        len(part) > 2 and gazetteer.lower_prob(fold(part)) > gazetteer.capital_prob(fold(part))
        for part in parts
    )
