"""Whether one word of a name span is an ordinary word, by itself and where it stands.

statistical.ModelNameFinder trims the words at a span's edges that these checks call
ordinary (a title, a Welsh word, a word far more often written lower-case, a misspelling, a
place) and drops a span left with nothing. Kept apart from the finder, which decides what a
span is as a whole (a place, a saint, a person acting) and holds the constants
bench/name_sweep.py sweeps.
"""

from __future__ import annotations

from collections.abc import Sequence

from nlp.redaction.gazetteer import (
    NOT_NAMES,
    Gazetteer,
    fold,
    load_gazetteer,
    popular_first_names,
)
from nlp.redaction.misspellings import misspelling_of
from nlp.redaction.name_cues import (
    LOWER_BY,
    TITLES,
    TITLES_CY,
    lower_by_far,
    many_of_a_kind,
    welsh_words_in,
)
from nlp.redaction.welsh_spelling import not_welsh_spelling, spelt_as_welsh, welsh_looking
from nlp.redaction.word_shapes import code_word, drawn_out, keyboard_mash, murmur, words_joined

# A word more common than this (log probability, lower-case) is an ordinary word even
# when a model calls it a name ("the", "love"); names this common are in the gazetteer.
ORDINARY = -7.5
# Log probabilities from the gazetteer's frequency table (see name_tokens.py for its scale).
COMMON_LOWER = -11.5
MOSTLY_LOWER = -13.0
#: A common word that is also a surname is the word, alone and in lower case, even when
#: written capitalised a little more often (log probability): "curry" (-12.8 lower, -12.7
#: capitalised); "trump" (-13.0) and "mason" (-13.6) are rarer than MOSTLY_LOWER as words,
#: and stay names (bench/RESULTS.md, session 14).
WORD_LEEWAY = 1.0
#: The margin (nats) by which a word on no name list must be written lower-case more often
#: than capitalised to be a word where a sentence starts with it (_unlisted_word). Half of
#: LOWER_BY: a listed word needs more. At 1.0 it shows "Impeachment", "Indict", "Cutie" and
#: one name on the development sets, "Milestone", a director opening a CrossNER dev sentence;
#: at 0 it showed "Coyote" too, a nickname in WNUT-17 dev (bench/RESULTS.md, session 21).
UNLISTED_LOWER_BY = 1.0
_TITLES = TITLES | TITLES_CY
#: Marks at the end of a word left unfinished: a hyphen or a dash.
CUT_OFF = frozenset("-–—")
#: Closed-class words no one is named: in long, repetitive text the finder can score a
#: sentence-initial "The" near THRESHOLD ("[name] bins were not collected ..." x 100).
FUNCTION_WORDS = frozenset(
    "the a an this that these those is are was were be been being not it its of and or but"
    " to in on at by for from as if than then there their they we you he she his her our"
    " your my me us them who what which when where why how has have had do does did".split()
)
#: The same and "one": words of grammar a world name list also holds, which no cue around
#: them makes a name: "He said" ("He" is a Chinese given name), "One asked", "our trust In
#: the doctor" in capital-I text, "[name] and In particular".
GRAMMAR_WORDS = FUNCTION_WORDS | {"one"}


class WordChecks:
    """The word-level checks, over one gazetteer, for one language's text.

    Args:
        gazetteer: names, places and frequencies; loaded once if omitted.
        listed_only: the text is not English: only listed names count (statistical.py).
        welsh: the text is Welsh, where every Welsh word rules a name out.
    """

    def __init__(
        self, *, gazetteer: Gazetteer | None = None, listed_only: bool = False, welsh: bool = False
    ) -> None:
        self.g = gazetteer or load_gazetteer()
        self.listed_only = listed_only
        self.welsh = welsh
        # Welsh text rules out every Welsh word; English text not "Dan", "Beth".
        self.welsh_words = welsh_words_in(welsh=welsh, gazetteer=self.g)

    def _capital_by_position(
        self, word: str, index: int, words: Sequence[tuple[int, int, str]]
    ) -> bool:
        """An everyday word capitalised only because a sentence starts with it: far more
        often written lower-case (LOWER_BY) and no one's given name ("Will" stays a name), on
        no name list and more often lower-case, or an English word misspelt ("Nothimg",
        misspellings.py)."""
        # spaCy keeps a second space as a token of its own ("me.  Lovley lady"): skip it.
        previous = next((w for _, _, w in reversed(words[:index]) if w.strip()), "")
        starts = not previous or previous[-1:] in ".!?"
        if not starts or not word[:1].isupper() or not word[1:].islower():
            return False
        key = fold(word)
        if self._mostly_lower(key) and key not in self.g.first_names:
            return True
        if self.listed_only:
            return False
        return self._unlisted_word(key) or misspelling_of(key, self.g) is not None

    def _unlisted_word(self, key: str) -> bool:
        """A word on no name list that is written lower-case UNLISTED_LOWER_BY more often
        than capitalised, however rare ("Impeachment dreams distract us", "Indict and jail
        him"): the name lists hold the world's names, so such a word opening a sentence is
        the word."""
        return (
            len(key) > 3
            and key in self.g.frequencies
            and not self.g.listed(key)
            and self.g.lower_prob(key) - self.g.capital_prob(key) > UNLISTED_LOWER_BY
        )

    def _everyday_surname(self, word: str) -> bool:
        """A surname of four letters or more that is no common given name, and an everyday
        word written lower-case more often, or nearly as often (WORD_LEEWAY: "curry"), as
        capitalised ("ward", "brown", "baker"): alone, the word.
        Residents type given names in lower case ("ask dave", "sue"), but name someone by a
        bare surname rarely and with a title when they do ("Mrs Ward", which the rules
        hide); "smith", written capitalised more often, stays a name."""
        key = fold(word)
        if len(key) < 4 or key in popular_first_names() or key not in self.g.surnames:
            return False  # short ones are nicknames as often ("shoutout to mo")
        low = self.g.lower_prob(key)
        return low > self.g.capital_prob(key) - WORD_LEEWAY and low > MOSTLY_LOWER

    def _far_more_often_lower(self, word: str) -> bool:
        """Lower-case, and written so far more often than capitalised (LOWER_BY)."""
        return word.islower() and lower_by_far(fold(word), self.g)

    def _mostly_lower(self, key: str) -> bool:
        """Written lower-case far more often than capitalised (LOWER_BY), and common."""
        return lower_by_far(key, self.g) and self.g.lower_prob(key) > MOSTLY_LOWER

    def _listed(self, word: str) -> bool:
        key = fold(word.strip("'’"))
        return self.g.listed(key)

    def _ordinary(
        self, word: str, *, by_context: bool = False, lower_names: bool = True, sure: bool = False
    ) -> bool:
        key = fold(word.strip("'’"))
        if key in NOT_NAMES or key in FUNCTION_WORDS or key in self.welsh_words:
            return True  # "The", "Ffoniwch": words, never names, at the edges of a span
        if key.rstrip(".") in _TITLES:
            return True  # "Mr.", "Cllr" at the edges of a span go
        if not any(ch.isalpha() for ch in key) or any(ch.isdigit() for ch in key):
            return True  # punctuation, emoji and number plates the model swept in
        if key[-1:] in CUT_OFF and len(key) <= 3:
            return True  # "th-", "D-": a word broken off as it was said or typed; a name
            # broken off keeps its first letters and stays ("Stoddar-", "Bradbury-")
        if keyboard_mash(key) and key not in self.g.frequencies and not self._listed(word):
            return True  # "asdfasdfklj", "KEKEKEKEKE": a hand across the keyboard
        if murmur(key) and not self._listed(word):
            return True  # "Unhunh.", "wonderful, hunh": a listener's murmur
        if drawn_out(key, self.g):
            return True  # "Hungryyyyy", "doneeee": a word drawn out; "Saraaaah" stays
        if code_word(word, self.g.first_names) or words_joined(word, self.g):
            return True  # "main.cu", "ClassCastException": a file or a name in code
        low, capital = self.g.lower_prob(key), self.g.capital_prob(key)
        if by_context:
            # The contextual finder read the sentence: a lower-case "trump" or "grace" it
            # calls a name is one, however common the word, and so is a name that is also a
            # town abroad ("Nelson", "obama"); unlisted Welsh words and British places go.
            if len(key) < 2:
                return True  # a lone letter at the edge ("P L E A S E"); initials inside stay
            if many_of_a_kind(key) and not self._listed(word):
                return True  # "Canadians", "Podiatrists": a people or a trade
            if (
                word.islower()
                and not lower_names
                and low > capital
                and (low > MOSTLY_LOWER or low - capital > LOWER_BY)
            ):
                return True  # "ward Gresford East", "Mr Smith rang": who writes capitals
                # writes names so
            if word.islower() and self._mostly_lower(key):
                return True  # "More trees": a short answer says nothing of its writer's
                # habits, and a word seen far more often lower-case is a word there
            if word.islower() and not (sure or self.listed_only) and misspelling_of(key, self.g):
                return True  # "very lovley", "kind, poilite & courteous": misspellings.py;
                # English slips only ("personol" is Welsh, not "personal" misspelt), and
                # not where the finder is sure (PLACE_SURE) of a name ("messi watching")
            if (
                word.islower()
                and len(key) > 3
                and key in self.g.frequencies
                and low > capital
                and not self._listed(word)
            ):
                return True  # "Staff fantastic", "swifter answers": on no name list and
                # written lower-case more often than not, a word; initials ("dp") stay
            # "Ishawna" is no Welsh word in English text (welsh_spelling.not_welsh_spelling)
            welsh = welsh_looking(word) and (self.listed_only or not not_welsh_spelling(word))
            return not self._listed(word) and (welsh or key in self.g.uk_places)
        if word.islower():
            if low > COMMON_LOWER:
                return True  # "van", "will": common words first, whatever the name lists say
        elif self._listed(word):
            return False
        if low > capital and low > MOSTLY_LOWER:
            return True  # "Email", "Council": words mostly written lower-case
        if spelt_as_welsh(word):
            return True  # "Ffoniwch", "Rhosddu", "Dolywern": Welsh words and places no list
            # holds
        if key in self.g.places:
            return True
        return self.g.lower_prob(key) > ORDINARY
