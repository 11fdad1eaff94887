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

import re

from spacy.tokens import Doc

from nlp.lang.cy.mutations import demutate
from nlp.redaction.gazetteer import (
    NOT_NAMES,
    POSSESSIVE_ENDINGS,
    Gazetteer,
    fold,
    load_gazetteer,
    place_key,
)
from nlp.redaction.name_cues import (
    ABBREVIATED,
    ACTED_AFTER,
    AT_THE_DESK,
    CALLED_AFTER_A_PERSON,
    CUE_BEFORE,
    DETERMINERS,
    HELLO,
    INTRO_AFTER,
    INTRO_BEFORE,
    JOB_BEFORE,
    MUTATING,
    NAMED_AFTER,
    NAMED_FOR_SAINTS_CY,
    PLACE_BODIES,
    ROLE_NOUNS,
    SAINTS_CY,
    SENTENCE_BREAK,
    SURNAME_TITLES,
    SURNAMES_NAMED_ONLY_AFTER_A_TITLE,
    THANKED_BEFORE,
    THE_JOB_AFTER,
    TITLES,
    TITLES_CY,
    person_cue_before_cy,
    title,
    welsh_words_in,
)
from nlp.redaction.name_extent import NameExtent
from nlp.redaction.name_tokens import RARE_LOWER
from nlp.redaction.person_cues import AUXILIARIES, described_as_a_person, says_a_person
from nlp.redaction.place_cues import names_a_place
from nlp.redaction.things_named import opens_a_thing
from nlp.redaction.welsh_places import a_mutated_place, in_a_welsh_place_name
from nlp.redaction.welsh_words import welsh_word
from nlp.redaction.word_checks import GRAMMAR_WORDS
from nlp.redaction.word_shapes import drawn_out, words_joined

# Introductions that may describe rather than name: "I am Disabled", "Dear Resident". After
# any other English one, the word must not end its line: a sign-off's last word is the
# writer's name, whatever it means ("Regards, Sunny"); "Best Actor" is an award. Welsh "gan"
# and "gyda" name a person ("gan Gaze na Cook").
_DESCRIBED = re.compile(r"(?:\bi am|\bi['’]?m|\bwe are|\bwe['’]?re|\bdear)\s+$", re.IGNORECASE)


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


class _Scan(NameExtent):
    """One pass over one Doc: the cues around each token, and the name spans they start."""

    def __init__(self, detector: NameDetector, doc: Doc) -> None:
        super().__init__(
            doc,
            gazetteer=detector.gazetteer,
            welsh=detector.welsh,
            guess_rare=detector.guess_rare,
            welsh_words=detector.welsh_words,
        )
        foreign = not self.guess_rare and not self.welsh
        # The cue words are English and Welsh: in German "Im" is not "I'm".
        self.intro_ends = set() if foreign else {m.end() for m in INTRO_BEFORE.finditer(self.text)}
        cues = [] if foreign else list(CUE_BEFORE.finditer(self.text))
        self.cue_ends = {m.end() for m in cues}
        self.naming_ends = {m.end() for m in cues if m.group("naming")}
        self.places = self._places()

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
                phrase = place_key(self.words[i : i + width]) if width > 1 else self.keys[i]
                if width == 1 and self.given_name_not_placed(i):
                    continue
                if phrase in self.g.places:
                    marked.update(range(i, i + width))
                    break
            else:
                # Welsh mutates place names after prepositions: "yng Nghaerdydd", "i Wrecsam".
                previous = self.keys[i - 1] if i else ""
                if previous not in MUTATING or not self.words[i][:1].isupper():
                    continue
                width = next(
                    (
                        w
                        for w in (3, 2)
                        if i + w <= count and a_mutated_place(self.words[i : i + w], self.g.places)
                    ),
                    0,
                )
                if width:
                    marked.update(range(i, i + width))  # "i Lyn Ceiriog": Glyn Ceiriog
                    continue
                radical = fold(demutate(self.words[i], previous=previous).radical)
                if radical != self.keys[i] and radical in self.g.places:
                    marked.add(i)
        return marked

    # Spans ------------------------------------------------------------------------

    def given_name_cued_by_its_deeds(self, i: int, after: int) -> bool:
        """Whether the capitalised given name at token i (a word too, as often as not: "Hope",
        "Will", "Summer") is a person by what the words around it say: what only a person did
        after it (ACTED_AFTER), how it treats others ("Hope was so kind":
        person_cues.described_as_a_person), thanks to it, or its job before or after it (JOB_BEFORE,
        THE_JOB_AFTER). Not a word of grammar ("He said") nor after an article ("the Bell
        rang"); nor beside a job when it can be the modal ("Will the nurse ring?", "the nurse
        Will come") or, opening a sentence, "Hope" that leaves out its "I" ("Hope the GP
        rings")."""
        key = self.keys[i]
        if (
            not self.capitalised(i)
            or key not in self.g.first_names
            or key in NOT_NAMES
            or key in GRAMMAR_WORDS
            or (i and self.keys[i - 1] in DETERMINERS)
        ):
            return False
        before = self.text[max(0, self.starts[i] - 30) : self.starts[i]]
        if (
            ACTED_AFTER.match(self.text, after)
            or THANKED_BEFORE.search(before)
            or described_as_a_person(self.word_spans, i)
        ):
            return True
        if key in AUXILIARIES or (key == "hope" and self.sentence_start(i)):
            return False
        return bool(JOB_BEFORE.search(before) or THE_JOB_AFTER.match(self.text, after))

    def cued(self, i: int) -> bool | None:
        """None if no name starts at token i; else whether a title or introduction cued it."""
        key = self.keys[i]
        if not self.alpha[i] or title(self.words[i]) or (self.welsh and key in SAINTS_CY):
            return None  # "Mrs", "President" stay: the name after it goes
        if drawn_out(key, self.g):
            return None  # "I am Hungryyyyy": a word drawn out (word_shapes.py)
        if self.welsh and (
            fold(self.next_word(i)) in SAINTS_CY or (i and self.keys[i - 1] in NAMED_FOR_SAINTS_CY)
        ):
            return None  # "Dewi Sant", "Gŵyl Dewi": a saint, their church or their day
        prev = self.words[i - 1].lower().rstrip(".") if i else ""
        if not prev and i > 1 and self.words[i - 1] == "." and self.keys[i - 2] in ABBREVIATED:
            prev = self.words[i - 2].lower()  # "Mr . Smith"; "my Mum. Thank you" ends a sentence
        if prev in ROLE_NOUNS and i > 1 and self.capitalised(i - 1) and title(self.words[i - 2]):
            prev = self.words[i - 2].lower().rstrip(".")  # "Nurse Practitioner Kay": the title's
        # In Welsh "Sir" is a county ("Sir Ddinbych"), not a knight.
        knighted = prev == "sir" and self.welsh
        if (prev in TITLES and not knighted) or (
            prev in TITLES_CY
            and (self.words[i - 1][:1].isupper() or self.named_after_a_lower_title(i))
        ):
            if (
                key in ROLE_NOUNS
                and self.capitalised(i)
                and (self.next_word(i)[:1].isupper() or not self.known(key))
            ):
                return None  # "Nurse Practitioner Kay": the title goes on, the name comes next;
                # "the Nurse Practitioner was great"; not "Mrs Porter", a surname too
            if (
                self.capitalised(i)
                and not self.known(key)
                and (self.common(key) or key in self.welsh_words)
                and not (prev in SURNAME_TITLES and key in SURNAMES_NAMED_ONLY_AFTER_A_TITLE)
            ):
                return None  # "the District Nurse Team", "Athro Cymraeg": a word no one is called
            if not self.capitalised(i) and i > 1 and self.keys[i - 2] in DETERMINERS:
                return None  # "a lady rang me", "the nurse handing me over": a noun there
            named = self.capitalised(i) or self.lower_case_name(key) or self.initials(i)
            return True if named else None
        after = self.starts[i] + len(self.words[i])
        if (
            self.capitalised(i)
            and key in self.g.first_names
            and AT_THE_DESK.match(self.text, after)
        ) or self.one_of_ours(i):
            return True  # "Summer on the front desk" (no season is at reception), "our Sarah"
        if self.given_name_cued_by_its_deeds(i, after):
            return True  # "Hope rang me", "Sky the HCA", "my carer Joy", "Thanks to Summer"
        if NAMED_AFTER.match(self.text, after):
            return None if key in NOT_NAMES or self.common(key) else True  # not "It is my name"
        if (
            self.starts[i] in self.naming_ends
            and self.capitalised(i)
            and key in self.g.first_names
            and key not in NOT_NAMES
            and CALLED_AFTER_A_PERSON.search(self.text, max(0, self.starts[i] - 40), self.starts[i])
        ):
            return True  # "a nurse called Hope", "the lady named Joy"
        if self.starts[i] in self.intro_ends:  # "my neighbour Dave", "Dear Nina"
            if key in self.g.uk_places and fold(self.next_word(i)) in PLACE_BODIES:
                return None  # "Tell Wrexham council to fix it": the place's council
            if self.welsh_word_named(i) and person_cue_before_cy(self.text, self.starts[i]):
                return True  # "Diolch i Bob", "siaradais i efo Pam"; not "gan Bob" (by every)
            if (key in NOT_NAMES or key in self.welsh_words or self.common(key)) and not (
                self.welsh and self.welsh_full_name(i)  # "gyda Dan Lewis"
            ):
                return None
            if (
                (
                    _DESCRIBED.search(self.text[max(0, self.starts[i] - 16) : self.starts[i]])
                    or (self.next_word(i) and not self.welsh)
                )
                and self.capitalised(i)
                and self.words[i][1:].islower()  # not "Thank you XXXX", a name blanked out
                and not self.known(key)
                and self.g.lower_prob(key) > self.g.capital_prob(key)
                and not self.next_word(i)[:1].isupper()
                and self.next_word(i) not in POSSESSIVE_ENDINGS
            ):
                return None  # "I am Disabled", "I'm Autistic", "Dear Resident": on no name
                # list and written lower-case more often, a word the writer stressed; not
                # before a surname ("I am Dic Jones") or owning something ("as regards
                # Salty's example": a username)
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
            # "Fabulous here", "Landing here": no given name, and written lower-case more
            # often, a word (a surname list holds "Landing"; "Smith here" stays a name)
            and (key in self.g.first_names or self.g.capital_prob(key) >= self.g.lower_prob(key))
        ):
            return True
        if self.welsh and self.welsh_full_name(i):
            return False  # "Dan Lewis ddywedodd", "efo Beth Jones": a guess, not announced
        if self.welsh_word_named(i) and says_a_person(self.word_spans, i, i, self.g, welsh=True):
            return False  # "Mae Eira yn garedig iawn", "Roedd Gareth a Dan yn wych": a guess
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
            and not words_joined(self.words[i], self.g)  # "with ClassCastException"
        ):
            # "was called Logan" is announced; "with Victoria", "from Penn" only guessed.
            return self.starts[i] in self.naming_ends
        if self.a_thing_named(i):
            return None  # "The Fairy Glen", "the Great Gatsby": a place, a book
        guessed = (
            self.name_like_capitalised(i) or self.name_like_lower(i) or self.rare_capitalised(i)
        )
        return False if guessed else None

    def named_after_a_lower_title(self, i: int) -> bool:
        """Whether token i is a listed name in lower case that is no Welsh word, after a Welsh
        title also in lower case: "y cynghorydd huws", "nain roberts". A lower-case Welsh title
        is a noun as often ("y cynghorydd lleol", the local councillor), so only a name that
        can be nothing else follows it as its name."""
        key = self.keys[i]
        return (
            self.words[i].islower()
            and key not in self.welsh_words
            and not welsh_word(self.words[i])
            and self.lower_case_name(key)
        )

    def a_thing_named(self, i: int) -> bool:
        """Whether the capitalised words token i stands among follow "the" and name a thing,
        not a person ("the Fairy Glen": things_named.opens_a_thing)."""
        first = i
        while first > 0 and self.capitalised(first - 1) and self.keys[first - 1] != "the":
            first -= 1
        if not first or self.keys[first - 1] != "the" or not self.capitalised(first):
            return False
        last = i
        while last + 1 < len(self.words) and self.capitalised(last + 1):
            last += 1
        return opens_a_thing(self.words[first], self.next_word(last), self.g)

    def spans(self) -> list[tuple[int, int, bool]]:
        found: list[tuple[int, int, bool]] = []
        i = 0
        while i < len(self.words):
            cued = self.cued(i)
            if cued is not None:
                start, end = self.grow(i, i + 1)
                if not cued and in_a_welsh_place_name(self.word_spans, start):
                    # "Ysgol Morgan Llwyd": "Llwyd" grew over "Morgan", which the place
                    # noun before it makes the place's; a title's name stays ("Nyrs Gwen").
                    i = end
                    continue
                # "S E X Y C H I L D R E N": letters spelt out, not initials of a name.
                if any(len(self.words[k].rstrip(".")) > 1 for k in range(start, end)):
                    end_char = self.starts[end - 1] + len(self.words[end - 1])
                    found.append((self.starts[start], end_char, cued))
                i = end
            else:
                i += 1
        return found
