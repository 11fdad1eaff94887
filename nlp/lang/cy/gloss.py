"""Word-by-word Welsh → English glosses, so an English model can place Welsh answers.

all-MiniLM-L6-v2 gives the project its best English themes but reads no Welsh. A
glossary lookup after undoing mutations turns "Mwy o fysiau i'r pentref, os gwelwch
yn dda" into "more buses village please": not a translation, but enough for
MiniLM to put the answer beside "More buses to the village please". The embedder mixes
this with the multilingual model's view (see :mod:`nlp.embeddings.bilingual`), which
covers what the glossary does not know.

Two word lists make the glossary; the first wins where both know a word:

* ``data/cy_en_glossary.tsv``, written for this project: the most frequent words of a
  CC0 Welsh sentence corpus (techiaith/brawddegau-adnabod-lleferydd) and of the project's
  Welsh lexicon, plus the vocabulary of council services, each with its everyday English
  sense. ``-`` marks a word that carries no topic (particles, the article, forms of
  "bod"), which is dropped.
* ``data/cy_en_dictionary.tsv``: ~8,000 Welsh lemmas with their English sense from
  Apertium's Welsh-English dictionary (GPL-2.0, built by
  ``tools/build_cy_en_dictionary.py``). The hand-written list alone knew 78 % of the words
  of real software text and 85 % of public-service text; with this one 93 %.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from importlib import resources

from nlp.lang.cy.lemmas import IRREGULAR
from nlp.lang.cy.mutations import candidates, demutate

GLOSSARY_RESOURCE = "cy_en_glossary.tsv"
DICTIONARY_RESOURCE = "cy_en_dictionary.tsv"

#: Gloss meaning "drop this word".
DROP = "-"

# Words are runs of letters (Welsh diacritics included), hyphenated compounds kept whole
# ("budd-dal" is "benefit", not "benefit" + "still"); apostrophes split clitics off
# ("i'r" -> "i", "r"; "Mae'n" -> "mae", "n").
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)

# Clitic and particle forms the glossary's entries for full words would misread
# ("n" is "yn", "r" is "yr", "m" is "fy"/"ym"), and multi-word expressions whose
# words glossed one by one mean something else.
_CLITICS: dict[str, str] = {"r": DROP, "n": DROP, "m": "my", "th": "your", "w": "his", "i": DROP}
_PHRASES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("os", "gwelwch", "yn", "dda"), "please"),
    (("os", "gwelwch", "chi", "n", "dda"), "please"),
    (("diolch", "yn", "fawr"), "thank you"),
    (("ar", "gael"), "available"),
    (("dim", "digon"), "not enough"),
    (("yn", "lle"), "instead of"),
    (("wrth", "gwrs"), "of course"),
    (("bob", "amser"), "always"),
    (("yn", "ôl"), "back"),
    # Everyday function phrases whose words, glossed one by one, read as something else.
    (("hyd", "yn", "oed"), "even"),
    (("dim", "ond"), "only"),
    (("ar", "hyn", "o", "bryd"), "at the moment"),
    (("o", "leiaf"), "at least"),
    (("o", "gwbl"), "at all"),
    (("er", "mwyn"), "in order to"),
    (("yn", "ogystal"), "as well"),
    (("ar", "ôl"), "after"),
    (("o", "flaen"), "in front of"),
    (("ar", "unwaith"), "at once"),
    (("cyn", "gynted"), "as soon"),
    (("mewn", "gwirionedd"), "really"),
    (("ar", "gyfer"), "for"),
    (("yn", "ystod"), "during"),
    (("yn", "erbyn"), "against"),
    (("dod", "o", "hyd"), "find"),
)

# Inflectional endings to strip when a form is not listed: imperatives ("trwsiwch"),
# past tense ("caeodd", "arhosais"), passive ("adeiladwyd"), comparatives ("agosach"),
# superlatives ("gorau" is listed; "rhataf"). The stem is then tried with the usual
# verbnoun endings ("trwsi" + "o" -> "trwsio").
# Also the impersonal present ("dangosir", "telir") and second-person plural past
# ("gwnaethoch", "cyrhaeddoch").
_ENDINGS = ("iwch", "wch", "odd", "aist", "ais", "wyd", "ach", "ech", "ant", "af", "ir", "och")
_VERBNOUN = ("", "o", "io", "u", "i", "a", "ed", "eg")


class Glossary:
    """Welsh word → English gloss, with mutations and common inflections undone.

    Args:
        entries: lower-case Welsh form → English gloss (``-`` = carries no topic).
    """

    def __init__(self, entries: Mapping[str, str]) -> None:
        self._entries = dict(entries)
        digest = hashlib.sha256()
        for key in sorted(self._entries):
            digest.update(f"{key}\t{self._entries[key]}\n".encode())
        self.digest = digest.hexdigest()[:12]

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def words(self) -> frozenset[str]:
        """The lower-case Welsh forms it glosses (single words and phrases)."""
        return frozenset(self._entries)

    @classmethod
    def load(cls) -> Glossary:
        """The shipped glossary."""
        return _shipped()

    def lookup(self, word: str, previous: str | None = None) -> str | None:
        """The gloss of one word (``"-"`` for a word to drop), or None when unknown.

        Args:
            word: one Welsh word as written (any case, possibly mutated).
            previous: the word before it, lower-cased, which licenses mutations.
        """
        low = word.lower().replace("\u2019", "'")
        found = self._entries.get(low)
        if found is not None:
            return found
        # The radical the mutation rules prefer (given the word before), then every
        # other reading: a listed reading beats a better-scored unlisted one.
        best = demutate(low, previous=previous, lexicon=self._entries).radical.lower()
        readings = [best] + [c.radical.lower() for c in candidates(low) if c.radical != best]
        for form in readings:
            if form in self._entries:
                return self._entries[form]
        for form in readings:
            found = self._inflected(form)
            if found is not None:
                return found
        return None

    def _inflected(self, form: str) -> str | None:
        singular = IRREGULAR.get(form)
        if singular is not None and singular in self._entries:
            return self._entries[singular]
        for ending in ("iadau", "oedd", "iaid", "iau", "ion", "ydd", "au", "on", "od", "ys"):
            stem = form[: -len(ending)]
            if not form.endswith(ending) or len(stem) < 3:
                continue
            # A plural ending doubles a final n or r: "dogfennau" is "dogfen" + "au".
            for candidate in (stem, stem[:-1] if stem[-1] in "nr" and stem[-2] == stem[-1] else ""):
                if candidate in self._entries:
                    return self._entries[candidate]
        for ending in _ENDINGS:
            stem = form[: -len(ending)]
            if not form.endswith(ending) or len(stem) < 3:
                continue
            for tail in _VERBNOUN:
                found = self._entries.get(stem + tail)
                if found is not None:
                    return found
        return None

    def gloss(self, text: str) -> str:
        """An English word-by-word reading of a Welsh answer.

        Unknown words are kept as written: they are often names, English words or
        loanwords the English model can still read ("bins", "Wi-Fi").
        """
        out = []
        for word, found in self._readings(text):
            if found is None:
                out.append(word)
            elif found != DROP:
                out.append(found)
        return " ".join(out)

    def coverage(self, text: str) -> float:
        """Share of the answer's words the glossary knew (0.0 for no words)."""
        readings = [
            r for word, found in self._readings(text) for r in [found] * (word.count("-") + 1)
        ]
        if not readings:
            return 0.0
        return sum(found is not None for found in readings) / len(readings)

    def _readings(self, text: str) -> Iterator[tuple[str, str | None]]:
        """(words as written, gloss or None) for each word or known phrase."""
        words = _words(text)
        low = [w.lower() for w in words]
        i = 0
        while i < len(words):
            phrase = _phrase_at(low, i)
            if phrase is not None:
                length, english = phrase
                yield " ".join(words[i : i + length]), english
                i += length
                continue
            clitic = _CLITICS.get(low[i])
            if clitic is not None:
                yield words[i], clitic
            elif "-" in words[i] and self.lookup(words[i], low[i - 1] if i else None) is None:
                # An unknown compound is read part by part ("di-waith" -> "di", "waith").
                previous = low[i - 1] if i else None
                for part in words[i].split("-"):
                    yield part, self.lookup(part, previous)
                    previous = part.lower()
            else:
                yield words[i], self.lookup(words[i], low[i - 1] if i else None)
            i += 1


def _words(text: str) -> list[str]:
    return _WORD.findall(text.replace("\u2019", "'"))


def _phrase_at(low: list[str], i: int) -> tuple[int, str] | None:
    for words, english in _PHRASES:
        if tuple(low[i : i + len(words)]) == words:
            return len(words), english
    return None


def parse_glossary(lines: Iterator[str] | list[str]) -> dict[str, str]:
    """Read ``welsh<TAB>english`` lines; the first entry for a word wins.

    Raises:
        ValueError: a line without exactly one tab or with an empty side.
    """
    entries: dict[str, str] = {}
    for number, line in enumerate(lines, start=1):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
            raise ValueError(f"glossary line {number}: expected 'welsh<TAB>english': {line!r}")
        entries.setdefault(parts[0].strip().lower(), parts[1].strip())
    return entries


@lru_cache(maxsize=1)
def _shipped() -> Glossary:
    entries: dict[str, str] = {}
    # The dictionary first, so the hand-written glosses replace its senses where both exist.
    for name in (DICTIONARY_RESOURCE, GLOSSARY_RESOURCE):
        ref = resources.files("nlp.lang.cy") / "data" / name
        with ref.open(encoding="utf-8") as handle:
            entries.update(parse_glossary(list(handle)))
    return Glossary(entries)
