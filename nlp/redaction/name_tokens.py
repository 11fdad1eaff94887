"""The tokens of one text as the name rules read them: each word's case, key and place.

names._Scan walks a Doc once; the questions it asks of a single token (capitalised? a
sentence's start? a listed name written lower-case? a rare capitalised word? a surname that
can continue a name?) live here, over lists of the tokens' attributes read once, apart from
the scan's cues and spans.
"""

from __future__ import annotations

from functools import cached_property

from spacy.tokens import Doc

from nlp.lang.cy.lexicon import PLACES as WELSH_PLACES
from nlp.redaction.gazetteer import (
    NAME_RANK,
    NOT_NAMES,
    WELSH_FIRST_NAMES,
    Gazetteer,
    common_given_names,
    fold,
)
from nlp.redaction.misspellings import misspelling_of
from nlp.redaction.name_cues import (
    COMMON_WORD,
    GIVEN_NAMES_THAT_ARE_WELSH_WORDS,
    INITIAL,
    LOCATIVE_BEFORE,
    SENTENCE_BREAK,
    WELSH_NAME_KEYS,
    WELSH_NAMES_LOWER_CASE_WORDS,
    lower_by_far,
    many_of_a_kind,
)
from nlp.redaction.person_cues import says_a_person
from nlp.redaction.welsh_spelling import spelt_as_welsh
from nlp.redaction.word_shapes import murmur

# Frequency cut-offs (log probability), tuned on WNUT-17 train, never on dev (COMMON_WORD
# is in name_cues).
VERY_COMMON_WORD = -8.5
RARE_CAPITALISED = True
RARE_LOWER = -12.0
PROPER_MARGIN_LOWER = 1.5


class Tokens:
    """One Doc's tokens, with their attributes read once into lists.

    Args:
        doc: the text, tokenised.
        gazetteer: names, places and frequencies.
        welsh, guess_rare: as names.NameDetector's.
        welsh_words: the Welsh words that rule a name out in this text's language.
    """

    #: Indices of tokens inside a known place name (names._Scan fills it).
    places: set[int]

    def __init__(
        self,
        doc: Doc,
        *,
        gazetteer: Gazetteer,
        welsh: bool,
        guess_rare: bool,
        welsh_words: frozenset[str],
    ) -> None:
        self.g = gazetteer
        self.welsh = welsh
        self.guess_rare = guess_rare
        self.welsh_words = welsh_words
        # One pass over the tokens: each spaCy attribute access builds a Token.
        self.words: list[str] = []
        self.starts: list[int] = []
        self.spaces: list[str] = []
        self.alpha: list[bool] = []
        for token in doc:
            self.words.append(token.text)
            self.starts.append(token.idx)
            self.spaces.append(token.whitespace_)
            self.alpha.append(token.is_alpha)
        self.text = "".join(w + s for w, s in zip(self.words, self.spaces, strict=True))
        self.keys = [fold(w.strip("'")) for w in self.words]
        letters = [ch for ch in self.text if ch.isalpha()]
        self.shouting = bool(letters) and sum(ch.isupper() for ch in letters) > 0.6 * len(letters)

    @cached_property
    def word_spans(self) -> list[tuple[int, int, str]]:
        """Each token as (start, end, word), as person_cues reads them."""
        return [(a, a + len(w), w) for a, w in zip(self.starts, self.words, strict=True)]

    def capitalised(self, i: int) -> bool:
        word = self.words[i]
        if not word[:1].isupper():
            return False
        if word.isupper() and len(word) > 1:
            # "NHS", "DUI", "UK": short all-capital words are acronyms, not names.
            return not self.shouting and len(word) > 3
        return True

    def initials(self, i: int) -> bool:
        """Two or three capitals after a capitalised title: a person's initials ("Doctor DC",
        "Nurse JB"), not a job's letters or a word ("Nurse RGN", "Dad OK"). One letter is
        left ("Mum I", "Mrs B": hardly anyone's identity)."""
        word = self.words[i]
        return (
            2 <= len(word) <= 3
            and word.isalpha()
            and word.isupper()
            and not self.shouting
            and i > 0
            and self.words[i - 1][:1].isupper()
            and self.keys[i] not in NOT_NAMES
            and not self.common(self.keys[i])
        )

    def sentence_start(self, i: int) -> bool:
        j = i - 1
        while j >= 0 and not self.words[j].strip():
            j -= 1
        if j < 0:
            return True
        prev = self.words[j]
        return prev in SENTENCE_BREAK or prev.endswith((".", "!", "?")) or "\n" in self.spaces[j]

    def known(self, key: str) -> bool:
        return self.g.listed(key)

    def lower_case_name(self, key: str) -> bool:
        """A listed name that, written in lower case after a title or an introduction, is
        still the name: English writes it capitalised at least as often ("nurse jane", "ask
        smith"), or it is rare as a word. Not "nurse weekly", "the best ward", "ask will",
        nor an everyday word that is only a surname ("I am eager to", "the nurse handing me
        over"): residents do write given names in lower case ("my neighbour dave")."""
        if not self.known(key) or self.common(key) or self.mostly_a_word(key):
            return False
        return self.g.capital_prob(key) >= self.g.lower_prob(key) or (
            self.g.lower_prob(key) < RARE_LOWER
        )

    def mostly_a_word(self, key: str) -> bool:
        """No one's given name, and written lower-case far more often than capitalised."""
        return key not in self.g.first_names and lower_by_far(key, self.g)

    def common(self, key: str) -> bool:
        return self.g.lower_prob(key) > COMMON_WORD

    def one_of_ours(self, i: int) -> bool:
        """Whether token i is a given name after "our", as British English names family ("our
        Sarah is at university", "our Kayleigh does my shopping"): capitalised, on the
        given-name list and neither a common word nor a British place ("our Will to win",
        "our Lady", "our Chester office")."""
        key = self.keys[i]
        return (
            i > 0
            and self.keys[i - 1] == "our"
            and self.capitalised(i)
            and key in self.g.first_names
            and key not in NOT_NAMES
            and not self.common(key)
            and key not in self.g.uk_places
        )

    def plural_of_a_word(self, key: str) -> bool:
        """ "Eagles", "Lions", "Canadians": a team, a product or a people, not a person."""
        if many_of_a_kind(key) and not self.known(key):
            return True  # "Podiatrists", "Methodists": no word list holds every trade
        return (
            len(key) > 3 and key.endswith("s") and (self.common(key[:-1]) or key[:-1] in NOT_NAMES)
        )

    def name_like_capitalised(self, i: int) -> bool:
        """A capitalised gazetteer word that is not mostly an ordinary word."""
        if not self.alpha[i] or not self.capitalised(i):
            return False
        key = self.keys[i]
        if not self.known(key) or self.plural_of_a_word(key):
            return False
        margin = self.g.capital_prob(key) - self.g.lower_prob(key)
        if not self.guess_rare and not self.welsh:
            # Other languages capitalise nouns ("Strom", "Stadt"): only a first name
            # that English writes capitalised far more often counts.
            return key in self.g.first_names and (margin > 1.5 or key not in self.g.frequencies)
        if self.sentence_start(i):
            # margin 0 with both spellings unknown: a rare name ("Tadeusz") opening a sentence.
            return not self.common(key) and margin >= 0
        return not self.common(key) or margin > 1.5

    def name_like_lower(self, i: int) -> bool:
        """A given name written lower-case: residents type them so ("ask dave")."""
        word = self.words[i]
        if not self.alpha[i] or not word.islower() or len(word) < 3:
            return False
        key = self.keys[i]
        if self.welsh:
            # "diolch i sian", "roedd gareth yn wych": a Welsh given name. Every Welsh word
            # is rare to the English table, so only the Welsh list counts here, and the
            # Welsh pipeline's last check takes back the names its vocabulary knows as
            # words ("gwyn" is white, "seren" a star: welsh_words.py).
            return (
                key in WELSH_NAME_KEYS
                and key not in GIVEN_NAMES_THAT_ARE_WELSH_WORDS
                and key not in WELSH_NAMES_LOWER_CASE_WORDS
                # Accents left out are a name typed fast ("sian"); others are another
                # word's ("sïon" is rumours, not Siôn).
                and (word.isascii() or word in WELSH_FIRST_NAMES)
            )
        if key not in self.g.first_names:
            return False
        if key not in self.g.frequencies:
            # A first name no English word list knows ("krithika", "aleena"): a name.
            return len(key) > 3
        low = self.g.lower_prob(key)
        return low < RARE_LOWER and self.g.capital_prob(key) - low > PROPER_MARGIN_LOWER

    def welsh_word_named(self, i: int) -> bool:
        """In Welsh text, a given name that is also a Welsh word ("Dan" is under, "Beth"
        what, "Bob" every, "Pam" why: GIVEN_NAMES_THAT_ARE_WELSH_WORDS), capitalised where
        Welsh capitalises no word: past a sentence's start and not opening a title ("Dan y
        Wenallt"). Only a cue around it makes it the person (names._Scan.cued)."""
        word = self.words[i]
        return (
            self.welsh
            and self.keys[i] in GIVEN_NAMES_THAT_ARE_WELSH_WORDS
            and word[:1].isupper()
            and word[1:].islower()
            and not self.sentence_start(i)
            and not self.next_word(i)[:1].isupper()
        )

    def rare_capitalised(self, i: int) -> bool:
        """A capitalised word too rare for the frequency table, mid-sentence: "Write to Kwame"."""
        if (
            not RARE_CAPITALISED
            or self.welsh  # every Welsh word is "rare" to an English frequency table
            or not self.guess_rare
            or not self.alpha[i]
            or not self.capitalised(i)
        ):
            return False
        word, key = self.words[i], self.keys[i]
        if self.plural_of_a_word(key):
            return False
        # Title case only: acronyms ("DUI") and CamelCase brands are not names.
        if not word[1:].islower() or (self.sentence_start(i) and len(word) < 4):
            return False
        if spelt_as_welsh(word):
            return False  # "Rhosddu", "Bwlchgwyn", "Dolywern": a Welsh place, not a name we
            # lack
        if murmur(key):
            return False  # "Unhunh.": a listener's murmur (word_shapes.py)
        if self.sentence_start(i) and misspelling_of(key, self.g) is not None:
            return False  # "Nothimg to add": a misspelt word capitalised by its place
        if i and (self.keys[i - 1] in LOCATIVE_BEFORE or (i - 1) in self.places):
            return False  # "in Marford", "the Gurdwara", "Wrexham Maelor"
        return key not in self.g.frequencies and key not in NOT_NAMES and len(key) > 2

    def next_word(self, i: int) -> str:
        """The word after token i on the same line, or ""."""
        joined = i + 1 < len(self.words) and self.spaces[i] and "\n" not in self.spaces[i]
        return self.words[i + 1] if joined else ""

    def welsh_full_name(self, i: int) -> bool:
        """In Welsh text, a listed first name and a listed surname side by side, both
        capitalised: "Dan Lewis", "efo Beth Jones". Alone, each is read as something else
        ("dan" is under, "Lewis" an island), so only the pair says a person.

        The surname must be no Welsh word or Welsh place and no common English word ("My
        Fair Lady"), the pair no place ("Sri Lanka"), and no article may come before it
        ("Yr Alban"). A first name that is also a Welsh word is the verb, particle or
        preposition before a surname ("Mae Jones yn byw", "Yr Un Mor Hapus") unless it is
        a given name common in Wales ("Dan Biggar sydd am gicio").
        """
        nxt = i + 1
        if not self.next_word(i):
            return False
        if not (
            self.alpha[i] and self.alpha[nxt] and self.capitalised(i) and self.capitalised(nxt)
        ):
            return False
        first, last = self.keys[i], self.keys[nxt]
        if first not in self.g.first_names or last not in self.g.surnames:
            return False
        if last in self.welsh_words or last in WELSH_PLACES or self.common(last):
            return False
        if f"{first} {last}" in self.g.places or (i and self.keys[i - 1] in ("y", "yr")):
            return False
        if first in GIVEN_NAMES_THAT_ARE_WELSH_WORDS:
            return True
        # The world lists hold odd first names ("The", "Yr").
        return first not in self.welsh_words and not self.common(first)

    def extendable(self, i: int) -> bool:
        """Can this token continue a name already started?"""
        if INITIAL.match(self.words[i]):
            if self.words[i] == "I":
                # "Emily I love": a bare "I" is the pronoun unless a surname follows it.
                return i + 1 < len(self.words) and bool(self.spaces[i]) and self.capitalised(i + 1)
            return True
        if not self.capitalised(i):
            # "olga krylova": a lower-case name goes on with a lower-case surname.
            return self.lower_surname(i)
        key = self.keys[i]
        if key in NOT_NAMES or key in self.welsh_words:
            return False
        if not self.words[i].isascii() and not self.known(key):
            # "Bašić" folds to "basic", but English never writes it so: a surname.
            return True
        # A place right after a first name is a surname ("Caitlin Lennox", "Erin Dale").
        if self.known(key):
            # After a first name, "Brown" and "Young" are surnames; only the
            # commonest words ("Good", "Will") are not.
            return self.g.lower_prob(key) < VERY_COMMON_WORD or self.g.capital_prob(
                key
            ) > self.g.lower_prob(key)
        # A capitalised word rarely written lower-case: a surname we do not list.
        return self.g.capital_prob(key) >= self.g.lower_prob(key)

    def lower_surname(self, i: int) -> bool:
        word = self.words[i]
        if self.welsh or self.shouting or not self.alpha[i] or not word.islower() or len(word) < 3:
            return False
        if not self.words[i - 1].islower():
            return False
        key = self.keys[i]
        return (key in self.g.surnames or key not in self.g.frequencies) and (
            self.g.lower_prob(key) < RARE_LOWER
        )

    def given_name_not_placed(self, i: int) -> bool:
        """A Welsh given name that is also a hamlet ("Bryn", "Arwyn"), in Welsh text, alone:
        no locative before it and no name after it, the person ("Diolch i Bryn am y te").
        A place is "yn Bryn", "ger Bryn", "Bryn y Bol Mawr", "Bryn Tynoriad". So is any
        common given name that is also a place where the words around it say a person
        (person_cues.says_a_person: "Roedd Ashley a Lee yn wych", "y nyrs ardal, Chelsea,",
        "Roedd Chelsea yn garedig")."""
        if not self.welsh:
            return False
        if self.keys[i] not in WELSH_NAME_KEYS:
            return self.keys[i] in common_given_names(NAME_RANK) and says_a_person(
                self.word_spans, i, i, self.g, welsh=True
            )
        previous = self.words[i - 1].lower().replace("’", "'") if i else ""
        following = self.next_word(i)
        alone = not following[:1].isupper() and fold(following) not in ("y", "yr")
        if alone and previous in ("a", "ac"):
            # Welsh "and", not the English article: a list, of people when the other side
            # holds one ("Roedd Glyn a Bryn yn wych"), of places when not ("rhwng Rhos a
            # Bryn").
            return says_a_person(self.word_spans, i, i, self.g, welsh=True)
        return alone and previous not in LOCATIVE_BEFORE  # "'r" too: "a'r Bryn", the hill
