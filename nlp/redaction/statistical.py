"""Person names from the statistical models, checked against what the rules know.

The models (nlp.redaction.models) find names the rules cannot: lower-case ones in context
("ask dave"), foreign ones, nicknames. They also make mistakes the rules never do: a Welsh
village or verb ("Rhosddu", "Ffoniwch"), a building ("the Gurdwara"), a month. So a model's
span is kept only after these checks:
- words at its edges that are titles, Welsh words, places or known non-names are trimmed
  ("Ffoniwch Gareth" -> "Gareth", "Cllr Jones" -> "Jones");
- a span left with nothing but places, Welsh words or ordinary words is dropped;
- in Welsh (``listed_only``) a span must hold a first name or surname from the gazetteer,
  and in other languages (``full_name_needed``) be a listed first name and more, since both
  models learnt English capitalisation and would take many Welsh or German nouns for
  names ("Sommer" is a listed name too; "Marta Palermo" is a full name).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc

from nlp.redaction.contextual import ContextualNameFinder, runs
from nlp.redaction.gazetteer import (
    NAME_RANK,
    VALUES_AS_NAMES,
    Gazetteer,
    common_given_names,
    fold,
    place_key,
)
from nlp.redaction.guess_support import named, supported
from nlp.redaction.name_cues import (
    LOCATIVE_BEFORE,
    NAMED_FOR_SAINTS_CY,
    PARTICLES,
    POSSESSIVES,
    ROLE_NOUNS,
    SAINTS,
    SAINTS_CY,
    title,
)
from nlp.redaction.person_cues import Word, says_a_person, spoken_of_as_a_person
from nlp.redaction.place_cues import names_a_place, within_a_place
from nlp.redaction.things_named import opens_a_thing
from nlp.redaction.welsh_places import in_a_welsh_place_name
from nlp.redaction.word_checks import WordChecks
from nlp.redaction.word_shapes import murmured

PERSON_LABELS = frozenset({"PERSON", "PER"})
#: English articles: no one writes "the dave"; a lower-case word after one is a noun. Not
#: "a", which is also a middle initial ("benjamin a seiler").
ARTICLES = frozenset({"the", "an"})
#: The name of the contextual finder among the "models" a pipeline is given.
CONTEXTUAL = "minilm"
#: A guess of the rules (a capitalised listed name, a rare capitalised word, a name after
#: "with" or "from") stands unless the contextual finder gives each of its words less than
#: this: alone, the rules take "Penn State", "Coron" and "Dr Pepper" for people. Chosen
#: with the finder's threshold on WNUT-17, GUM, EWT and CrossNER dev (bench/RESULTS.md,
#: "wikigold, SEC filings and three seeds"); titles and introductions ("Mrs Hughes", "my
#: neighbour dave") need no check.
SUPPORT = 0.02
#: A lone word on the British and Irish place list that is also a common given name
#: ("Nina", "Kerry", "Lynn": GeoNames holds every hamlet) stays a name when the contextual
#: finder gives it at least this, and nobody goes to or from it; below it the place wins
#: ("Chester needs more buses"), unless the words around it say a person acts (person_cues.py:
#: "Norton said", any listed name). English text only. Chosen on the four development sets
#: (bench/RESULTS.md, "recall on the kinds of text"); 1.01: never.
PLACE_SURE = 0.9
#: ... and only a given name among the NAME_RANK commonest (gazetteer.py; a module global
#: here too, so bench/name_sweep.py can sweep it here; the lists of people, Gazetteer.people,
#: keep gazetteer.NAME_RANK).


class ModelNameFinder(WordChecks):
    """Name spans from one or more spaCy NER models, vetted by the gazetteer.

    Args:
        models: loaded pipelines whose ``doc.ents`` carry PERSON spans.
        listed_only: the text is not English: a span must hold a listed name (see above).
        full_name_needed: ... a listed first name followed by more (other languages).
        gazetteer: names, places and frequencies; loaded once if omitted.
        contextual: the MiniLM finder (contextual.py), whose runs are vetted the same way.
    """

    def __init__(
        self,
        models: Sequence[Language],
        *,
        listed_only: bool = False,
        full_name_needed: bool = False,
        gazetteer: Gazetteer | None = None,
        contextual: ContextualNameFinder | None = None,
    ) -> None:
        super().__init__(
            gazetteer=gazetteer,
            listed_only=listed_only or full_name_needed,
            welsh=listed_only and not full_name_needed,
        )
        self.models = list(models)
        self.contextual = contextual
        self.full_name_needed = full_name_needed

    def find(self, doc: Doc, guesses: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
        """Character spans over ``doc.text`` of the names the models agree are people.

        ``guesses`` are the rules' uncued spans (names.NameDetector.find_marked). With the
        contextual finder a guess stands unless the finder gives every word of it less than
        SUPPORT (it is then sure the words are no one's name); without it, all stand.
        """
        text = doc.text
        if not text.strip():
            return []
        found: list[tuple[int, int]] = [] if self.contextual is not None else list(guesses)
        for model in self.models:
            parsed = model(text)
            model_words = [(t.idx, t.idx + len(t.text), t.text) for t in parsed]
            for ent in parsed.ents:
                if ent.label_ not in PERSON_LABELS:
                    continue
                before = parsed[ent.start - 1].lower_ if ent.start else ""
                kept = self._vet([(t.idx, t.idx + len(t.text), t.text) for t in ent], before)
                if kept is not None and not within_a_place(
                    model_words, kept, self.g.places, welsh=self.welsh
                ):
                    found.append(kept)
        if self.contextual is not None:
            words = [(t.idx, t.idx + len(t.text), t.text) for t in doc]
            position = {start: i for i, (start, _, _) in enumerate(words)}
            lower_names = written_lower(words)
            scores = self.contextual.scores_many([text], [words])[0]
            for guess in guesses:
                kept_guess = supported(words, scores, guess, SUPPORT, self.g)
                if kept_guess is not None:
                    found.append(kept_guess)
            for whole in runs(words, named(words, scores, self.contextual.threshold, self.g)):
                for run in split_at_words(whole) if self.listed_only else [whole]:
                    least = min(float(scores[position[start]]) for start, _, _ in run)
                    kept, _ = self.judge_run(text, words, position, run, lower_names, least)
                    if kept is not None:
                        found.append(kept)
        return found

    def judge_run(
        self,
        text: str,
        words: Sequence[tuple[int, int, str]],
        position: dict[int, int],
        run: list[tuple[int, int, str]],
        lower_names: bool,
        least: float = 0.0,
    ) -> tuple[tuple[int, int] | None, str]:
        """The span kept of one run of words the contextual finder calls a name, and why
        (bench/name_misses.py counts the reasons): "kept", or the check that dropped it.
        ``least`` is the finder's lowest score over the run's words (see PLACE_SURE)."""
        first, last = position[run[0][0]], position[run[-1][0]]
        if (
            len(run) == 1
            # The run's word is the text's only one (all() stops at a second: no count of a
            # long text's words for each of its one-word runs).
            and all(k == first or not any(c.isalpha() for c in w[2]) for k, w in enumerate(words))
            and len(bare := run[0][2].strip(".,!?;:-'’\"()")) > 3
            and bare.isalpha()
            and (not self.g.listed(key := fold(bare)) or key in VALUES_AS_NAMES)
        ):
            # A one-word answer that is no one's name ("asjdfoij", "Hola") or a value
            # ("Faith", "Mercy"): the finder has no words around it to read, so the rules'
            # guess alone decides. A listed name stays the finder's: a resident signs a text
            # of its own ("Sally"), as e-mails do. Not initials ("Dp", "JB"), nor a file or
            # handle named after someone ("Lisa_resume.doc").
            return None, "a word alone"
        if murmured(text, run[0][0], run[-1][1]):
            return None, "a murmur"  # "Hm-m.": split at its hyphen into "Hm" and "m"
        before = words[first - 1][2].lower() if first else ""
        after = words[last + 1][2] if last + 1 < len(words) else ""
        if place_key([run[-1][2], after]) in self.g.places:
            return None, "starts a place"  # "Caia Park": the start of a place the rules keep
        saints = SAINTS_CY if self.welsh else SAINTS
        saint = next(
            (
                k
                for k, w in enumerate(run)
                if w[2][:1].isupper() and fold(w[2].rstrip(".")) in saints
            ),
            None,
        )
        if self.welsh and fold(after) in SAINTS_CY:
            saint = len(run)  # "Dewi" before "Sant" outside the run
        if saint is not None:
            # "Dydd Santes Dwynwen": the saint's name stays; in Welsh the name may come
            # first, so the word before the saint's title goes too ("Eglwys Dewi Sant").
            run = run[: max(0, saint - 1) if self.welsh else saint]
            if not run:
                return None, "a saint"
        if self.welsh and any(fold(w) in NAMED_FOR_SAINTS_CY for w in (before, run[0][2])):
            return None, "a saint"  # "Dydd Gŵyl Dewi": St David's day
        if self._names_a_place(text, words, first):
            return None, "names a place"  # "St Giles", "Victoria Road", "Tŷ Pawb"
        if len(run) == 1 and self._capital_by_position(run[0][2], first, words):
            return None, "capital by position"  # "Patient is very happy"
        sure = least >= PLACE_SURE
        person = says_a_person(words, first, last, self.g, welsh=self.welsh) or (
            sure and not self.welsh and spoken_of_as_a_person(words, first, last)
        )
        if not person and self._a_thing_named(words, first, after):
            return None, "a thing named"  # "The Fairy Glen", "the Great Gatsby"
        kept, why = self._judged(
            list(run), before, by_context=True, lower_names=lower_names, sure=sure, person=person
        )
        if kept is None:
            return kept, why
        if within_a_place(words, kept, self.g.places, welsh=self.welsh):
            return None, "inside a place"  # "Connah's Quay": as the rules read it
        start = position[kept[0]]
        if start != first and self._names_a_place(text, words, start):
            return None, "names a place"  # "Mae Ysgol Morgan Llwyd": read again once "Mae"
            # and "Ysgol" are trimmed, as the rules read it
        return kept, why

    def _a_thing_named(self, words: Sequence[Word], first: int, after: str) -> bool:
        """Whether the run at words[first], with the capitalised words right before it,
        follows "the" and names a thing, not a person ("the Fairy Glen", "the Great Gatsby":
        things_named.opens_a_thing), as the rules read it."""
        start = first
        while (
            start > 0 and words[start - 1][2][:1].isupper() and words[start - 1][2].lower() != "the"
        ):
            start -= 1
        if not start or words[start - 1][2].lower() != "the":
            return False
        return opens_a_thing(words[start][2], after, self.g)

    def _names_a_place(self, text: str, words: Sequence[Word], k: int) -> bool:
        """Whether word k, with its neighbours, names a place (place_cues.names_a_place)."""
        return names_a_place(
            neighbour(text, words, k - 1, k),
            words[k][2],
            neighbour(text, words, k + 1, k),
            welsh=self.welsh,
            first_name=fold(words[k][2]) in self.g.first_names,
            then=neighbour(text, words, k + 2, k),
            earlier=neighbour(text, words, k - 2, k),
        ) or in_a_welsh_place_name(words, k)

    def _lone_place(
        self,
        word: str,
        before: str,
        *,
        by_context: bool = False,
        sure: bool = False,
        person: bool = False,
    ) -> bool:
        key = fold(word)
        if key not in self.g.places:
            return False
        if by_context:
            if (
                not self.listed_only
                and before not in ("to", "from")
                and (
                    (sure and key in common_given_names(NAME_RANK))
                    or (person and self._listed(word))
                )
            ):
                return False  # "Kerry was great", "Thanks again Nina": see PLACE_SURE; any
                # listed name where a person acts ("Norton said", "Senator Hatfield":
                # person_cues.py); in Welsh, off the finder's home ground, places keep it
            return key in self.g.uk_places or before in ("to", "from")
        # A first name that is also a town abroad ("Katy", "Selma") is the person here,
        # unless one goes to or from it; a British town ("Chester") stays a place.
        return (
            key in self.g.uk_places
            or key not in self.g.first_names
            or before in ("to", "from")
            or not word[:1].isupper()
        )

    def _vet(
        self,
        tokens: list[tuple[int, int, str]],
        before: str,
        *,
        by_context: bool = False,
        lower_names: bool = True,
    ) -> tuple[int, int] | None:
        return self._judged(tokens, before, by_context=by_context, lower_names=lower_names)[0]

    def _judged(
        self,
        tokens: list[tuple[int, int, str]],
        before: str,
        *,
        by_context: bool = False,
        lower_names: bool = True,
        sure: bool = False,
        person: bool = False,
    ) -> tuple[tuple[int, int] | None, str]:
        if before in ARTICLES and tokens[0][2].islower() and not self.listed_only:
            return None, "after an article"  # "into the bush", "the rose bed": a thing
        if (
            before in POSSESSIVES
            and len(tokens) == 1
            and tokens[0][2].isupper()
            and not self._listed(tokens[0][2])
        ):
            return None, "a role"  # "my GP", "our CPN", "her OT": a job's letters
        if before in LOCATIVE_BEFORE:
            if not any(self._listed(w) for _, _, w in tokens):
                return None, "after a locative"  # "the Gurdwara", "in Marford": a place
            by_context = False  # "the castle": a listed surname, but after "the" a thing
        # An office before a name goes too ("President Obama"); at the end it may be a
        # surname ("Stephen King"), so only the left edge loses it.
        while tokens and (
            title(tokens[0][2])
            or self._ordinary(
                tokens[0][2], by_context=by_context, lower_names=lower_names, sure=sure
            )
        ):
            tokens = tokens[1:]
        # A writer who capitalised the name's first word would have capitalised its
        # surname: a lower-case word after it that is far more often a word is one ("Sarah
        # rang me back", in a text too short to show the writer's habits).
        capital_first = bool(tokens) and tokens[0][2][:1].isupper()
        while tokens and (
            self._ordinary(tokens[-1][2], by_context=by_context, lower_names=lower_names, sure=sure)
            or (
                by_context
                and capital_first
                and len(tokens) > 1
                and self._far_more_often_lower(tokens[-1][2])
            )
        ):
            tokens = tokens[:-1]
        if not tokens:
            return None, "ordinary words"
        if len(tokens) == 1 and self._lone_place(
            tokens[0][2], before, by_context=by_context, sure=sure, person=person
        ):
            return None, "a place alone"  # "Chester", "Mold": a place that is also a name
        if all(word.islower() and self._everyday_surname(word) for _, _, word in tokens):
            return None, "an everyday word"  # "Lovely ward", "the brown bins", "on ward ward"
        if len(tokens) == 1 and tokens[0][2].islower() and fold(tokens[0][2]) in ROLE_NOUNS:
            return None, "a job"  # "taken by porter", "ask sister"; "porter robinson" stays
        if self.listed_only:
            # Welsh or foreign words around a name are not part of it ("Siân ac mae'r"),
            # nor a lower-case word beside a capitalised name ("się Zofia Nowak").
            capitalised = any(word[:1].isupper() for _, _, word in tokens)

            def outside(word: str) -> bool:
                return not self._listed(word) or (capitalised and word.islower())

            while tokens and outside(tokens[-1][2]):
                tokens = tokens[:-1]
            while tokens and outside(tokens[0][2]):
                tokens = tokens[1:]
        if self.listed_only and not any(self._listed(word) for _, _, word in tokens):
            return None, "no listed name"
        if self.full_name_needed and (
            len(tokens) < 2 or fold(tokens[0][2]) not in self.g.first_names
        ):
            return None, "no full name"
        return (tokens[0][0], tokens[-1][1]), "kept"


def split_at_words(run: list[Word]) -> list[list[Word]]:
    """A run with a capitalised word, cut at its lower-case words but a name's particles
    ("Siôn ap Rhys", "Lleucu ferch Dafydd"): outside English the finder runs a name on
    into the words after it ("Gareth ar ward Onnen"), and the edge checks see only the
    run's ends. A run all in lower case stays whole ("dafydd jones")."""
    if not any(word[:1].isupper() for _, _, word in run):
        return [run]
    pieces: list[list[Word]] = [[]]
    for token in run:
        word = token[2]
        if word.islower() and word not in PARTICLES:
            pieces.append([])
        else:
            pieces[-1].append(token)
    return [piece for piece in pieces if piece]


def neighbour(text: str, words: Sequence[Word], index: int, of: int) -> str:
    """The word at ``index`` if it is on the same line as word ``of``, else ""."""
    if not 0 <= index < len(words):
        return ""
    left, right = sorted((index, of))
    return "" if "\n" in text[words[left][1] : words[right][0]] else words[index][2]


def written_lower(words: Sequence[Word]) -> bool:
    """Whether a text's writer leaves names in lower case: no capital past its first word.

    A resident who types "rose and grace" writes every name that way; one who types "ward
    Gresford East" would have written "Ward" for a person.
    """
    return not any(
        word[:1].isupper() and word != "I" for _, _, word in words[1:] if word[:1].isalpha()
    )
