"""What the words around a name say about it: a person acts, a place does not.

statistical.ModelNameFinder drops a lone word the contextual finder calls a name when it is
also a British place ("Norton", "Hatfield", "Holt": GeoNames lists every hamlet), unless it is
a common given name (statistical.PLACE_SURE). A surname that is also a town stays dropped,
since "Holt is lovely" is about Holt. These cues say the word is a person all the same:
- an office or title, capitalised, right before it ("Senator Hatfield", "Emperor Norton");
- a verb only people do right after it ("Norton said", "Hatfield told us", "Norton would
  later add"), or "himself", "herself", "who" ("Shaw himself ran"): a town neither speaks nor
  decides;
- a word for how a person treats others, or a job, after "is", "was" or "has been" ("Preston
  was very helpful", "Holt was rude to my mum", "Hill was a professor at ..."): a town is
  neither;
- where the finder is sure of it (statistical.PLACE_SURE), "he", "his", "she" or "her" in
  its sentence ("Born in England, Norton spent most of his early life"): a town is "it";
- "you" or "please" after it at a sentence's start: someone spoken to ("sterling you gone");
- a list of people it stands in: a capitalised given name that is no place, joined to it by
  "and", "&" or a comma ("Caroline and Lee were kind", "Jog, Suzanne & Lea");
- a job or a relation it is set beside, in brackets or between commas ("my support worker
  (Shannon)", "the receptionist, Kerry, was kind"): a town is no one's assistant.
The word must be on a name list ("Wrexham said" stays a place) and in a run the finder calls
a name (THRESHOLD; without a cue a given name needs PLACE_SURE): bench/RESULTS.md, session 12.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from nlp.redaction.gazetteer import Gazetteer, fold
from nlp.redaction.name_cues import (
    ACTED,
    OCCUPATIONS,
    PERSON_ADJECTIVES,
    PERSON_ADJECTIVES_CY,
    ROLE_NOUNS,
    ROLE_NOUNS_CY,
    SAINTS,
    title,
)

Word = tuple[int, int, str]

#: Verbs of saying, thinking and deciding, and of a life's events: their subject is a person
#: (a town or a ward "has", "is", "needs", "gets"; it does not "say" or "marry"). Past,
#: present and base forms, as written after a name or an auxiliary, and an artist's or a
#: scholar's past ("starred", "studied", "taught"). Not verbs a council or a club also does
#: in the news ("announced", "issued", "signed", "won", "played", "performed", "recorded"),
#: nor a form that is a noun after a place ("Chester studies", "Wrexham graduates").
PERSON_VERBS = (
    frozenset(
        """
said says say told tells tell asked asks ask replied replies reply explained explains explain
wrote writes write added adds add observed noted note argued argues argue claimed claims claim
insisted insists insist admitted admits admit recalled recalls recall remembered remembers
remember thought thinks think believed believes believe felt feels feel knew knows know wanted
wants want decided decides decide ordered orders order summoned urged urges urge promised
promises promise apologised apologized apologises apologizes apologise apologize smiled smile
laughed laugh cried cry shouted shout whispered whisper died die married marry retired retire
resigned resign sang sings starred composed composes painted studied graduated taught teaches
lectured directed co-wrote co-founded
""".split()
    )
    | ACTED
)  # and the rules' past tenses: "Holt rang me", "Norton texted"
#: Between a name and its verb: auxiliaries and adverbs of time ("Norton would later add",
#: "Kerry has told us", "Smith then said"); at most two are skipped.
AUXILIARIES = frozenset(
    """would will could should might may can has had have did does later then also never
    always once first finally initially soon just often""".split()
)
#: After a name, a word only a person takes ("Shaw himself", "Norton, who").
PERSON_AFTER = frozenset({"himself", "herself", "who"})
#: After a name that opens a sentence, the words of someone spoken to ("sterling you gone too
#: far", "Preston, please do a video"): a place is talked about, not talked to.
ADDRESSED = frozenset({"you", "please"})


def acts_as_person(
    words: Sequence[Word], first: int, last: int, places: Collection[str] = ()
) -> bool:
    """Whether words[first..last] (a run the finder calls a name) is a person by its context:
    a title before it, a person's verb (PERSON_VERBS) or "himself" after it, past a comma, or
    "you" after it at a sentence's start (ADDRESSED).
    Not a saint ("St Helens") nor a title that opens a place's name (``places``, folded:
    "Bishop Auckland"); only the same line counts."""
    previous = _next_word(words, first, -1)
    titled = (previous, words[first][2])
    if first < last:  # "Senator Hatfield" read as one run
        titled = (words[first][2], words[first + 1][2])
    office, name = titled
    if (
        office[:1].isupper()  # "Senator", "Dr."; not the verbs "don't judge Holt", "I count"
        and title(office)
        and fold(office.rstrip(".")) not in SAINTS
        and fold(f"{office} {name}") not in places
    ):
        return True
    ahead = _words_after(words, last, 4)
    if ahead[:1] == [","]:
        ahead = ahead[1:]
    if not ahead:
        return False
    if (not previous or previous[-1:] in ".!?") and ahead[0] in ADDRESSED:
        return True  # spoken to, at a sentence's start
    if ahead[0] in PERSON_AFTER:
        return True
    skipped = 0
    while skipped < 2 and len(ahead) > 1 and ahead[0] in AUXILIARIES:
        ahead, skipped = ahead[1:], skipped + 1
    return ahead[0] in PERSON_VERBS


#: The words that join the names of a list of people ("Caroline and Lee", "Suzanne & Lea").
LIST_JOINERS = frozenset({"and", "&", ","})
#: ... and in Welsh ("Ashley a Lee", "Kerry ac Emma").
LIST_JOINERS_CY = frozenset({"a", "ac", "&", ","})


def listed_beside_a_person(
    words: Sequence[Word],
    first: int,
    last: int,
    people: Collection[str],
    joiners: Collection[str] = LIST_JOINERS,
) -> bool:
    """Whether words[first..last] stands in a list beside someone: the word past a joiner
    (``joiners``: LIST_JOINERS, or LIST_JOINERS_CY in Welsh) on either side is a
    capitalised given name in ``people`` (folded; the caller leaves out names that are also
    places, so "Wrexham and Chester" is no list of people). The run must be capitalised as
    the name beside it is ("Jake is brill, Andrea": "brill" is a word). Only the same line
    counts."""
    if not words[first][2][:1].isupper():
        return False
    for index, step in ((first, -1), (last, 1)):
        joiner, k = _next_word_at(words, index, step)
        if joiner.lower() not in joiners:
            continue
        name, _ = _next_word_at(words, k, step)
        if name[:1].isupper() and name[1:].islower() and fold(name) in people:
            return True
    return False


#: What sets a word beside a role: brackets, or commas ("the nurse, Kerry, was kind").
_BESIDE = {"(": ")", ",": ","}


def named_beside_a_role(
    words: Sequence[Word],
    first: int,
    last: int,
    roles: Collection[str] = ROLE_NOUNS,
    reach: int = 1,
) -> bool:
    """Whether words[first..last] stands in brackets or between commas right after a noun
    for a person's job or tie (``roles``: ROLE_NOUNS, or in Welsh ROLE_NOUNS_CY too):
    "assistant (Shannon)", "my carer, Lee, said". The noun is one of the ``reach`` words
    before the mark (2 in Welsh, which puts a role's qualifier after it: "gweithiwr
    cymdeithasol, Shannon,"). The closing mark must follow the run, or the line or sentence
    end there. Only the same line counts."""
    opening, k = _next_word_at(words, first, -1)
    closing = _BESIDE.get(opening)
    if closing is None:
        return False
    for _ in range(reach):
        role, k = _next_word_at(words, k, -1)
        if fold(role) in roles:
            after = _next_word(words, last, 1)
            return after == closing or (closing == "," and after in ("", ".", "!", "?"))
    return False


#: The verbs that link a name to what it is like ("Wells was kind", "Hope has been patient").
_LINKING = frozenset("is was are were has have had seems seemed".split())
#: Words between the link and the word for how one treats others ("was always so kind",
#: "has not been very helpful"); at most three are skipped.
_DEGREE = frozenset(
    """very so really always extremely incredibly super ever particularly especially most
    exceptionally absolutely truly genuinely also just too quite never not been""".split()
)


#: Where someone works, between their name and what they are like ("Hope from the council
#: was so helpful", "Sky at the surgery is always kind"): up to four words.
_WHERE_FROM = frozenset({"from", "at", "on"})


def described_as_a_person(words: Sequence[Word], last: int) -> bool:
    """Whether English text says words[..last] treats people somehow: a linking verb and a
    word for it after it ("Preston was very helpful", "Holt was rude to my mum": a town is
    neither; PERSON_ADJECTIVES), past where the person works ("Hope from the council was
    kind"). Only the same line counts."""
    linking, k = _next_word_at(words, last, 1)
    if linking.lower() in _WHERE_FROM:
        for _ in range(5):
            linking, k = _next_word_at(words, k, 1)
            if not linking or linking.lower() in _LINKING:
                break
    if linking.lower() not in _LINKING:
        return False
    word, k = _next_word_at(words, k, 1)
    for _ in range(3):
        if word.lower() not in _DEGREE:
            break
        word, k = _next_word_at(words, k, 1)
    if word.lower() in PERSON_ADJECTIVES:
        return True
    return word.lower() in ("a", "an", "the") and _a_job_follows(words, k)


#: After a person's job, where they do it, or the clause's end ("Hill was a professor at
#: ...", "Hayes is a charter Fellow of AAAI", "Hope is a nurse."); not a compound that makes
#: the job a thing ("Holt is a coach stop").
_AFTER_A_JOB = frozenset("at in of for with and who from on , . ! ? ; :".split())


def _a_job_follows(words: Sequence[Word], k: int) -> bool:
    """Whether a job (OCCUPATIONS) follows the article at words[k], after at most two words
    ("was a visiting professor at", "is the president of"), the clause ending or going on to
    where it is done after it (_AFTER_A_JOB)."""
    for _ in range(3):
        word, k = _next_word_at(words, k, 1)
        if fold(word) in OCCUPATIONS:
            following = _next_word(words, k, 1)
            return not following or following.lower() in _AFTER_A_JOB
        if not word.isalpha():
            return False
    return False


#: Pronouns only a person takes: a town is "it" ("Norton spent most of his early life").
_PERSONAL_PRONOUNS = frozenset("he she his her him himself herself".split())
_SENTENCE_ENDS = frozenset({".", "!", "?"})


def spoken_of_as_a_person(words: Sequence[Word], first: int, last: int, reach: int = 12) -> bool:
    """Whether a personal pronoun stands within ``reach`` words of words[first..last] in
    the same sentence and line ("Born in England, Norton spent most of his early life", "In
    his role of emperor, Norton issued decrees"). Weaker than the cues above: the caller
    asks the finder to be sure as well (statistical.PLACE_SURE)."""
    for index, step in ((first, -1), (last, 1)):
        k = index
        for _ in range(reach):
            word, k = _next_word_at(words, k, step)
            if not word or word in _SENTENCE_ENDS:
                break
            if word.lower() in _PERSONAL_PRONOUNS:
                return True
    return False


#: People by their job or tie in Welsh text, in either language ("nyrs ardal, Chelsea,").
_ROLES_CY = ROLE_NOUNS | ROLE_NOUNS_CY


def described_as_a_person_cy(words: Sequence[Word], last: int) -> bool:
    """Whether Welsh text says words[..last] treats people somehow: "yn" or "'n" and a word
    for it after it ("Roedd Chelsea yn garedig iawn", "Mae Kerry'n glên":
    PERSON_ADJECTIVES_CY). Only the same line counts."""
    linking, k = _next_word_at(words, last, 1)
    if linking.replace("’", "'").lower() not in ("yn", "'n"):
        return False
    return fold(_next_word_at(words, k, 1)[0]) in PERSON_ADJECTIVES_CY


def says_a_person(
    words: Sequence[Word], first: int, last: int, gazetteer: Gazetteer, *, welsh: bool
) -> bool:
    """Whether the words around words[first..last] say it is a person, the cues above in
    one: in English a person's verb or title (acts_as_person), being kind or rude
    (described_as_a_person), a list of people, a job it is set beside; in Welsh a list
    joined by "a"/"ac", a Welsh or English job (two words back: "gweithiwr cymdeithasol,
    Shannon,"), or being kind or rude (described_as_a_person_cy; Welsh verbs come first and
    are read as introductions, name_cues.INTRO_BEFORE)."""
    if welsh:
        return (
            listed_beside_a_person(words, first, last, gazetteer.people, LIST_JOINERS_CY)
            or named_beside_a_role(words, first, last, _ROLES_CY, reach=2)
            or described_as_a_person_cy(words, last)
        )
    return (
        acts_as_person(words, first, last, gazetteer.places)  # "Norton said"
        or described_as_a_person(words, last)  # "Preston was very helpful"
        or listed_beside_a_person(words, first, last, gazetteer.people)  # "Caroline and Lee"
        or named_beside_a_role(words, first, last)  # "occupational assistant (Shannon)"
    )


def _words_after(words: Sequence[Word], index: int, count: int) -> list[str]:
    """Up to ``count`` tokens after ``index`` that are not blank, on the same line, lower-case."""
    found: list[str] = []
    for _, _, word in words[index + 1 :]:
        if len(found) == count or "\n" in word:
            break
        if word.strip():
            found.append(word.lower())
    return found


def _next_word(words: Sequence[Word], index: int, step: int) -> str:
    """The next token from ``index`` in direction ``step`` that is not blank, on the same
    line ("" if a line break or the text's edge comes first)."""
    return _next_word_at(words, index, step)[0]


def _next_word_at(words: Sequence[Word], index: int, step: int) -> tuple[str, int]:
    """_next_word and its position (the text's edge or the line break when it is "")."""
    k = index + step
    while 0 <= k < len(words) and not words[k][2].strip():
        if "\n" in words[k][2]:
            return "", k
        k += step
    return (words[k][2], k) if 0 <= k < len(words) else ("", k)
