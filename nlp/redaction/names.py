"""Person names from context, capitalisation and a gazetteer, over spaCy tokens.

These are the rules; the statistical name finders (statistical.py, models.py) run
beside them in the same pipeline and catch what cues cannot. The rules combine the
cues a reader uses:
- context: titles ("Mrs", "Cllr"), self-introductions ("my name is", "I'm",
  "call me", "fy enw i yw"), greetings ("Hi", "Annwyl") and sign-offs
  ("Thanks,", "Diolch,") that introduce a name;
- the gazetteer: a capitalised first name or surname, unless the word is far
  more often an ordinary word (the frequency table: "Will", "May", "Green");
- capitalisation: a capitalised rare word next to a name is part of it
  ("Krisztián Szöllösy"), as are initials and the Welsh "ap", "ab", "ferch".
Lower-case names ("emma and kaite") are taken only when the word is a known
first name and almost never an ordinary word.
"""

from __future__ import annotations

from spacy.tokens import Doc

from nlp.lang.cy.lexicon import PLACES as WELSH_PLACES
from nlp.lang.cy.mutations import demutate
from nlp.redaction.gazetteer import NOT_NAMES, Gazetteer, fold, load_gazetteer
from nlp.redaction.misspellings import misspelling_of
from nlp.redaction.name_cues import (
    ABBREVIATED,
    COMMON_WORD,
    CUE_BEFORE,
    GIVEN_NAMES_THAT_ARE_WELSH_WORDS,
    HELLO,
    INITIAL,
    INTRO_AFTER,
    INTRO_BEFORE,
    LOCATIVE_BEFORE,
    LOWER_BY,
    MUTATING,
    NAMED_AFTER,
    PARTICLES,
    SAINTS_CY,
    SAINTS_DAYS_CY,
    SENTENCE_BREAK,
    TITLES,
    TITLES_CY,
    WELSH_NAME_KEYS,
    many_of_a_kind,
    names_a_place,
    title,
    welsh_looking,
    welsh_words_in,
)

# Before a lower-case title these make it a noun ("a lady rang", "the nurse said"), so the
# lower-case word after it is no name it announces; "nurse jane", "the nurse Jane" still are.
DETERMINERS = frozenset("a an the this that my our your his her their".split())
# Frequency cut-offs (log probability), tuned on WNUT-17 train, never on dev (COMMON_WORD
# is in name_cues).
VERY_COMMON_WORD = -8.5
RARE_CAPITALISED = True
RARE_LOWER = -12.0
PROPER_MARGIN_LOWER = 1.5


class NameDetector:
    """Finds person-name character spans in a spaCy Doc.

    Args:
        gazetteer: names, places and word frequencies; loaded once if omitted.
        welsh: the text is Welsh, where many ordinary lower-case words are
            also first names elsewhere ("mae", "nain"), so lower-case names
            are never guessed.
        guess_rare: take capitalised words missing from the English frequency
            table for names; off for text in other languages, where every
            German noun would be one.
    """

    def __init__(
        self, gazetteer: Gazetteer | None = None, *, welsh: bool = False, guess_rare: bool = True
    ) -> None:
        self.gazetteer = gazetteer or load_gazetteer()
        self.welsh = welsh
        self.guess_rare = guess_rare
        self.welsh_words = welsh_words_in(welsh=welsh, gazetteer=self.gazetteer)

    def find(self, doc: Doc) -> list[tuple[int, int]]:
        """Character spans of names in `doc`."""
        return [(start, end) for start, end, _ in self.find_marked(doc)]

    def find_marked(self, doc: Doc) -> list[tuple[int, int, bool]]:
        """Character spans of names in `doc`, each marked whether a cue announced it.

        Cued: after a title or an introduction ("Mrs Hughes", "my neighbour dave", "Siân
        ydw i"). The rest are guesses from the word alone or a weak cue ("with", "from"):
        a capitalised listed name ("Penn State", "Victoria"), a rare capitalised word.
        """
        if not len(doc):
            return []
        return _Scan(self, doc).spans()


class _Scan:
    """One pass over one Doc, with token attributes read once into lists."""

    def __init__(self, detector: NameDetector, doc: Doc) -> None:
        self.g = detector.gazetteer
        self.welsh = detector.welsh
        self.guess_rare = detector.guess_rare
        self.welsh_words = detector.welsh_words
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
        foreign = not self.guess_rare and not self.welsh
        # The cue words are English and Welsh: in German "Im" is not "I'm".
        self.intro_ends = set() if foreign else {m.end() for m in INTRO_BEFORE.finditer(self.text)}
        cues = [] if foreign else list(CUE_BEFORE.finditer(self.text))
        self.cue_ends = {m.end() for m in cues}
        self.naming_ends = {m.end() for m in cues if m.group("naming")}
        self.places = self._places()

    # Token classification -------------------------------------------------------

    def capitalised(self, i: int) -> bool:
        word = self.words[i]
        if not word[:1].isupper():
            return False
        if word.isupper() and len(word) > 1:
            # "NHS", "DUI", "UK": short all-capital words are acronyms, not names.
            return not self.shouting and len(word) > 3
        return True

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
        low = self.g.lower_prob(key)
        return key not in self.g.first_names and low - self.g.capital_prob(key) > LOWER_BY

    def common(self, key: str) -> bool:
        return self.g.lower_prob(key) > COMMON_WORD

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
        word = self.words[i]
        if self.welsh or not self.alpha[i] or not word.islower() or len(word) < 3:
            return False
        key = self.keys[i]
        if key not in self.g.first_names:
            return False
        if key not in self.g.frequencies:
            # A first name no English word list knows ("krithika", "aleena"): a name.
            return len(key) > 3
        low = self.g.lower_prob(key)
        return low < RARE_LOWER and self.g.capital_prob(key) - low > PROPER_MARGIN_LOWER

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
        if welsh_looking(word):
            return False  # "Rhosddu", "Llay", "Bwlchgwyn": a Welsh place, not a name we lack
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
        A place is "yn Bryn", "ger Bryn", "Bryn y Bol Mawr", "Bryn Tynoriad"."""
        if not self.welsh or self.keys[i] not in WELSH_NAME_KEYS:
            return False
        previous = self.words[i - 1].lower().replace("’", "'") if i else ""
        following = self.next_word(i)
        alone = not following[:1].isupper() and fold(following) not in ("y", "yr")
        return alone and previous not in LOCATIVE_BEFORE  # "'r" too: "a'r Bryn", the hill

    def _places(self) -> set[int]:
        """Indices of tokens inside a known place name ("York", "New York", "Caerdydd")."""
        marked: set[int] = set()
        count = len(self.words)
        for i in range(count):
            if i in marked or not self.alpha[i]:
                continue
            for width in (3, 2, 1):
                if i + width > count:
                    continue
                phrase = " ".join(self.keys[i : i + width]) if width > 1 else self.keys[i]
                if width == 1 and self.given_name_not_placed(i):
                    continue
                if phrase in self.g.places:
                    marked.update(range(i, i + width))
                    break
            else:
                # Welsh mutates place names after prepositions: "yng Nghaerdydd", "i Wrecsam".
                previous = self.keys[i - 1] if i else ""
                if previous in MUTATING and self.words[i][:1].isupper():
                    radical = fold(demutate(self.words[i], previous=previous).radical)
                    if radical != self.keys[i] and radical in self.g.places:
                        marked.add(i)
        return marked

    # Spans ------------------------------------------------------------------------

    def cued(self, i: int) -> bool | None:
        """None if no name starts at token i; else whether a title or introduction cued it."""
        key = self.keys[i]
        if not self.alpha[i] or title(self.words[i]) or (self.welsh and key in SAINTS_CY):
            return None  # "Mrs", "President" stay: the name after it goes
        if self.welsh and (
            fold(self.next_word(i)) in SAINTS_CY or (i and self.keys[i - 1] in SAINTS_DAYS_CY)
        ):
            return None  # "Dewi Sant", "Gŵyl Dewi": a saint, their church or their day
        prev = self.words[i - 1].lower().rstrip(".") if i else ""
        if not prev and i > 1 and self.words[i - 1] == "." and self.keys[i - 2] in ABBREVIATED:
            prev = self.words[i - 2].lower()  # "Mr . Smith"; "my Mum. Thank you" ends a sentence
        # In Welsh "Sir" is a county ("Sir Ddinbych"), not a knight.
        knighted = prev == "sir" and self.welsh
        if (prev in TITLES and not knighted) or (
            prev in TITLES_CY and self.words[i - 1][:1].isupper()
        ):
            if self.capitalised(i) and not self.known(key) and self.common(key):
                return None  # "the District Nurse Team": an everyday word no one is called
            if not self.capitalised(i) and i > 1 and self.keys[i - 2] in DETERMINERS:
                return None  # "a lady rang me", "the nurse handing me over": a noun there
            return True if self.capitalised(i) or self.lower_case_name(key) else None
        after = self.starts[i] + len(self.words[i])
        if NAMED_AFTER.match(self.text, after):
            return None if key in NOT_NAMES or self.common(key) else True  # not "It is my name"
        if self.starts[i] in self.intro_ends:  # "my neighbour Dave", "Dear Nina"
            if key in NOT_NAMES or key in self.welsh_words or self.common(key):
                return None
            if self.capitalised(i) or self.lower_case_name(key):
                return True
            # "my name is borna": after a naming phrase, a word too rare to be anything else
            named = self.starts[i] in self.naming_ends and self.g.lower_prob(key) < RARE_LOWER
            return True if named and not self.mostly_a_word(key) else None
        opens = i == 0 or self.words[i - 1] in SENTENCE_BREAK or fold(self.words[i - 1]) in HELLO
        if (
            opens  # "Siân ydw i", "Hi, Dave here", not "I took my Mustang here"
            and INTRO_AFTER.match(self.text, after)
            and key not in NOT_NAMES
            and key not in self.welsh_words
            and not self.common(key)
            and key not in self.g.uk_places  # "Wrexham here we come"
            and (self.capitalised(i) or self.known(key))
            # "Fabulous here": on no name list and written lower-case more often, a word
            and (self.known(key) or self.g.capital_prob(key) >= self.g.lower_prob(key))
        ):
            return True
        if self.welsh and self.welsh_full_name(i):
            return False  # "Dan Lewis ddywedodd", "efo Beth Jones": a guess, not announced
        # An introduction after the word that does not hold ("Hapus ydw i", "Nothing
        # here"): the word is read as if it were not there.
        if i in self.places or key in self.welsh_words:
            return None
        previous = self.words[i - 1] if i and self.next_word(i - 1) else ""
        following = self.next_word(i)
        if names_a_place(
            previous,
            self.words[i],
            following,
            welsh=self.welsh,
            first_name=self.known(key),
            then=self.next_word(i + 1) if following else "",
            earlier=self.words[i - 2] if previous and i > 1 and self.next_word(i - 2) else "",
        ):
            return None  # "St Giles", "Victoria Road", "Tŷ Pawb": not a person's name
        if (
            self.starts[i] in self.cue_ends
            and self.capitalised(i)
            and key not in NOT_NAMES
            and not self.plural_of_a_word(key)
            and self.g.capital_prob(key) >= self.g.lower_prob(key)
        ):
            # "was called Logan" is announced; "with Victoria", "from Penn" only guessed.
            return self.starts[i] in self.naming_ends
        guessed = (
            self.name_like_capitalised(i) or self.name_like_lower(i) or self.rare_capitalised(i)
        )
        return False if guessed else None

    def grow(self, start: int, end: int) -> tuple[int, int]:
        """Extend [start, end) over further name parts on both sides."""
        words, spaces, count = self.words, self.spaces, len(self.words)
        while end < count:
            joined = bool(spaces[end - 1]) and "\n" not in spaces[end - 1]
            if (
                joined
                and words[end].lower() in PARTICLES
                and end + 1 < count
                and self.extendable(end + 1)
            ):
                end += 2
            elif (
                words[end] == "-"
                and not spaces[end - 1]
                and not spaces[end]
                and end + 1 < count
                and self.capitalised(end + 1)
            ):
                end += 2
            elif joined and self.extendable(end):
                end += 1
            else:
                break
        while start > 0:
            prev = start - 1
            if not spaces[prev] or "\n" in spaces[prev] or not self.capitalised(prev):
                break
            key = self.keys[prev]
            if (
                key in NOT_NAMES
                or key in self.welsh_words
                or title(self.words[prev])
                or self.common(key)
            ):
                break  # "Mr. Smith", "Emperor Norton": the title stays
            if welsh_looking(self.words[prev]) and key not in self.g.first_names:
                break  # "Ffoniwch Gareth": a Welsh verb before the name stays

            # A first name before a surname, even one that is also a place ("Isla"),
            # or a word too rare to be in the frequency table ("Kwame").
            if key in self.g.first_names or self.g.capital_prob(key) >= self.g.lower_prob(key):
                start -= 1
            else:
                break
        return start, end

    def spans(self) -> list[tuple[int, int, bool]]:
        found: list[tuple[int, int, bool]] = []
        i = 0
        while i < len(self.words):
            cued = self.cued(i)
            if cued is not None:
                start, end = self.grow(i, i + 1)
                # "S E X Y C H I L D R E N": letters spelt out, not initials of a name.
                if any(len(self.words[k].rstrip(".")) > 1 for k in range(start, end)):
                    end_char = self.starts[end - 1] + len(self.words[end - 1])
                    found.append((self.starts[start], end_char, cued))
                i = end
            else:
                i += 1
        return found
