"""Reading a reply to a yes/no question, in Welsh or English.

Welsh has no single word for yes or no: the reply echoes the verb of the
question ("Hoffech chi...?" - "Hoffwn" / "Na hoffwn"), in its person and
tense, often mutated and spelled as spoken. The forms are data
(bot.conversation.yes_no_forms); this module builds the phrase table once,
adding each verb form's mutations and negatives, and reads a message as
YES, NO or UNCLEAR.

A message is read whole: the longest known phrase is taken at each word and
every word must be known (a yes word, a no word, thanks, please, a pronoun).
When that fails, the first clause alone may decide ("Ydw, plîs" / "Nac ydw;
dw i'n gyfreithiwr" / "Yes, but keep it short"), and so may a leading Welsh
verb form followed by a few words ("Hoffwn glywed mwy"). Anything mixed ("yes
no"), unsure ("maybe", "efallai") or unknown is UNCLEAR: the caller asks
again and never stores it as an answer.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from bot.conversation import yes_no_forms as forms


class Verdict(StrEnum):
    YES = "yes"
    NO = "no"
    UNCLEAR = "unclear"


class _Kind(StrEnum):
    YES = "yes"
    NO = "no"
    NEGATOR = "negator"  # "ddim", "not": turns a verb form into a no
    UNSURE = "unsure"
    FILLER = "filler"


@dataclass(frozen=True, slots=True)
class _Entry:
    kind: _Kind
    language: str | None
    # May open a longer reply without a comma ("Hoffwn glywed mwy").
    leads: bool = False
    verb: bool = False


@dataclass(frozen=True, slots=True)
class Reading:
    verdict: Verdict
    # "cy" or "en" when the reply shows its language; None for "ok", "y", "na".
    language: str | None = None
    # Whether any yes/no word was seen (a garbled attempt, not an answer).
    attempted: bool = False

    @property
    def yes(self) -> bool:
        return self.verdict is Verdict.YES

    @property
    def no(self) -> bool:
        return self.verdict is Verdict.NO


UNCLEAR = Reading(Verdict.UNCLEAR)
# Longest phrase in the table, in words; bounds the matching loop.
_MAX_PHRASE = 6
# A reply longer than this is a message, not an answer to a yes/no question.
_MAX_WORDS = 12
_LEAD_REST = 6
_CLAUSE = re.compile(r"[,;.!?:\n()\-\u2013\u2014/]+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
_NOT_WORD = re.compile(r"[^a-z0-9' ]+")
_REPEATS = re.compile(r"([a-z])\1{2,}")
_EMOJI_NOISE = re.compile("[\ufe0f\u200d\U0001f3fb-\U0001f3ff\\s]")


def _soft(form: str) -> str:
    for radical, mutated in (("ll", "l"), ("rh", "r"), ("p", "b"), ("t", "d"), ("c", "g")):
        if form.startswith(radical):
            return mutated + form[len(radical) :]
    if form.startswith("dd"):
        return form
    for radical, mutated in (("b", "f"), ("d", "dd"), ("m", "f"), ("g", "")):
        if form.startswith(radical):
            return mutated + form[1:]
    return form


def _aspirate(form: str) -> str | None:
    for radical in ("p", "t", "c"):
        if form.startswith(radical) and not form.startswith("ch"):
            return radical + "h" + form[1:]
    return None


def _with_bare_apostrophes(phrase: str) -> set[str]:
    # Texters drop apostrophes ("dont", "im in", "dwin cytuno").
    return {phrase, phrase.replace("'", "")} if "'" in phrase else {phrase}


@lru_cache(maxsize=1)
def _table() -> dict[str, _Entry]:
    table: dict[str, _Entry] = {}

    def add(phrase: str, entry: _Entry) -> None:
        for variant in _with_bare_apostrophes(phrase):
            table.setdefault(variant, entry)

    for groups, kind, language in (
        (forms.WELSH_UNSURE, _Kind.UNSURE, "cy"),
        (forms.ENGLISH_UNSURE, _Kind.UNSURE, "en"),
        (forms.WELSH_NO, _Kind.NO, "cy"),
        (forms.ENGLISH_NO, _Kind.NO, "en"),
        (forms.WELSH_YES, _Kind.YES, "cy"),
        (forms.ENGLISH_YES, _Kind.YES, "en"),
        (forms.SHARED_YES, _Kind.YES, None),
        (forms.SHARED_NO, _Kind.NO, None),
        (forms.WELSH_FILLERS, _Kind.FILLER, None),
        (forms.ENGLISH_FILLERS, _Kind.FILLER, None),
        (forms.PRONOUNS, _Kind.FILLER, None),
    ):
        for phrase in groups:
            add(phrase, _Entry(kind, language, leads=phrase in _LEADING))
    for verb_forms in forms.WELSH_VERB_FORMS.values():
        for form in verb_forms:
            _add_verb_form(table, form)
    for negator in ("ddim", "not"):
        table[negator] = _Entry(_Kind.NEGATOR, None)
    # The negative particles before a verb form we do not know ("Nac ydynt"):
    # a garbled no, never an answer.
    for particle in ("nac", "nag", "ni", "nid"):
        table.setdefault(particle, _Entry(_Kind.NEGATOR, "cy"))
    # "na" is both Welsh and a common English spelling of "nah": no language.
    table["na"] = _Entry(_Kind.NO, None)
    table["do"] = _Entry(_Kind.YES, "cy")
    return table


_LEADING = frozenset({"yes", "yeah", "yep", "aye", "ie", "ia", "naddo"})


def _add_verb_form(table: dict[str, _Entry], form: str) -> None:
    yes = _Entry(_Kind.YES, "cy", leads=True, verb=True)
    no = _Entry(_Kind.NO, "cy", leads=True, verb=True)
    first, _, rest = form.partition(" ")
    tail = f" {rest}" if rest else ""
    soft = _soft(first) + tail
    aspirate = _aspirate(first)
    # Radical, and soft after the dropped affirmative particle ("(Fe) fydda i").
    for affirmative in {form, soft}:
        if affirmative not in forms.NOT_WELSH_FORMS:
            table.setdefault(affirmative, yes)
    negatives = {f"na {form}", f"na {soft}", f"ni {soft}", f"nid {form}"}
    if aspirate is not None:
        negatives |= {f"na {aspirate}{tail}", f"ni {aspirate}{tail}"}
        # Spoken negative keeps only the mutation: "Cha i ddim", "Chei di ddim".
        table.setdefault(aspirate + tail, no)
    if first[0] in "aeiouwy":
        negatives |= {f"nac {form}", f"nag {form}", f"nag{form}", f"nac{form}"}
    for negative in negatives:
        table[negative] = no


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES).lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _REPEATS.sub(r"\1", text)


def _words(clause: str) -> list[str]:
    cleaned = _NOT_WORD.sub(" ", clause)
    return [word.strip("'") for word in cleaned.split() if word.strip("'")]


def _segment(words: list[str]) -> list[_Entry] | None:
    """Cover every word with known phrases, fewest phrases first; None when a word is unknown.

    Dynamic programming rather than greedy longest match: greedy "i'm happy to"
    would strand "help" in "I'm happy to help"; the search finds "i'm" +
    "happy to help".
    """
    table = _table()
    best: list[list[_Entry] | None] = [None] * (len(words) + 1)
    best[0] = []
    for start in range(len(words)):
        done = best[start]
        if done is None:
            continue
        for size in range(1, min(_MAX_PHRASE, len(words) - start) + 1):
            entry = table.get(" ".join(words[start : start + size]))
            if entry is None:
                continue
            candidate = [*done, entry]
            current = best[start + size]
            if current is None or len(candidate) < len(current):
                best[start + size] = candidate
    return best[len(words)]


def _resolve(entries: list[_Entry]) -> Reading:
    kinds = {e.kind for e in entries}
    languages = {e.language for e in entries if e.kind is not _Kind.FILLER and e.language}
    language = languages.pop() if len(languages) == 1 else None
    attempted = bool(kinds & {_Kind.YES, _Kind.NO, _Kind.NEGATOR})
    if _Kind.UNSURE in kinds:
        return Reading(Verdict.UNCLEAR, language, attempted=True)
    if _Kind.NEGATOR in kinds and _Kind.NO not in kinds:
        # "Fydda i ddim", "Bydd ddim", "I am not": a verb form made negative.
        if any(e.verb or e.kind is _Kind.YES for e in entries) or kinds <= {
            _Kind.NEGATOR,
            _Kind.FILLER,
        }:
            return Reading(Verdict.NO, language, attempted=True)
    polar = kinds & {_Kind.YES, _Kind.NO}
    if polar == {_Kind.YES}:
        return Reading(Verdict.YES, language, attempted=True)
    if polar == {_Kind.NO} or (polar == set() and _Kind.NEGATOR in kinds):
        return Reading(Verdict.NO, language, attempted=True)
    return Reading(Verdict.UNCLEAR, language, attempted=attempted)


def _emoji_reading(text: str) -> Reading | None:
    bare = _EMOJI_NOISE.sub("", text)
    if bare and all(ch in forms.YES_EMOJI for ch in bare):
        return Reading(Verdict.YES)
    if bare and all(ch in forms.NO_EMOJI for ch in bare):
        return Reading(Verdict.NO)
    return None


# Short replies ("yes", "Yes please", "ie", "no thanks") repeat across residents
# and are read more than once per message; long free text is rarely seen twice.
_CACHED_UP_TO = 24


def read(text: str) -> Reading:
    """How a reply to a yes/no question reads: YES, NO or UNCLEAR (with its language)."""
    return _read_short(text) if len(text) <= _CACHED_UP_TO else _read(text)


@lru_cache(maxsize=4096)
def _read_short(text: str) -> Reading:
    return _read(text)


def _read(text: str) -> Reading:
    if not text or len(text) > 200:
        return UNCLEAR
    emoji = _emoji_reading(text)
    if emoji is not None:
        return emoji
    normal = _normalise(text)
    clauses = [c for c in _CLAUSE.split(normal) if _words(c)]
    if not clauses:
        return UNCLEAR
    words = [w for c in clauses for w in _words(c)]
    if len(words) > _MAX_WORDS:
        return UNCLEAR
    whole = _segment(words)
    if whole is not None:
        return _resolve(whole)
    return _read_lead(clauses)


def _read_lead(clauses: list[str]) -> Reading:
    """The first clause decides when it is a clear yes or no and the rest does not contradict it."""
    head = _segment(_words(clauses[0]))
    rest_words = [w for c in clauses[1:] for w in _words(c)]
    if head is None:
        head, rest_words = _leading_form(_words(clauses[0]), rest_words)
        if head is None:
            return Reading(Verdict.UNCLEAR, attempted=_mentions_polar(clauses))
    reading = _resolve(head)
    if reading.verdict is Verdict.UNCLEAR:
        return reading
    table = _table()
    opposite = _Kind.NO if reading.yes else _Kind.YES
    contrary = {opposite, _Kind.UNSURE} | ({_Kind.NEGATOR} if reading.yes else set())
    for word in rest_words:
        entry = table.get(word)
        if entry is not None and entry.kind in contrary and entry.kind is not _Kind.FILLER:
            return Reading(Verdict.UNCLEAR, reading.language, attempted=True)
    return reading


def _leading_form(words: list[str], rest: list[str]) -> tuple[list[_Entry] | None, list[str]]:
    """A reply opening with a Welsh verb form or a clear yes/no word and a few more words."""
    table = _table()
    for size in range(min(3, len(words)), 0, -1):
        entry = table.get(" ".join(words[:size]))
        if entry is not None and entry.leads:
            remaining = words[size:] + rest
            if len(remaining) <= _LEAD_REST:
                return [entry], remaining
    return None, rest


def _mentions_polar(clauses: list[str]) -> bool:
    """Whether the reply opens like a yes or a no ("yes no", "Ie ond na"), not a sentence."""
    table = _table()
    # Single letters and "ok" / "na" ("Y dref", "na" in a sentence) are
    # too common inside real answers to count as an attempt.
    return any(
        (entry := table.get(word)) is not None
        and entry.kind in (_Kind.YES, _Kind.NO, _Kind.NEGATOR)
        and entry.language is not None
        for word in _words(clauses[0])[:2]
    )


def language_of(text: str) -> str | None:
    """The language a yes/no reply shows ("Ydw" is Welsh, "yep" English, "y" neither)."""
    reading = read(text)
    return reading.language if reading.verdict is not Verdict.UNCLEAR else None
