"""Choosing the one follow-up question from what the resident's answer says.

A rich answer (what and why, bot.conversation.steps.is_rich) needs no
follow-up; nor does a refusal ("nothing", "dim byd", "no idea") or an answer
of emoji alone: asking "why does that matter?" after those reads as not
listening. Otherwise the follow-up names what the answer is about:

* no reason given ("Buses"): "You mentioned buses - why does that matter to you?"
* a reason already given ("Buses because I cannot drive"): "You mentioned
  buses. What one change would make the most difference to you?"

The topic is the answer's own words. English uses the parser's noun chunks
when a statistical spaCy model is installed, and otherwise the project's
lookup pipeline (lemmas tell plurals) with a small rule: the first run of
content words, preferring nouns after a determiner over verbs after a
pronoun. Welsh uses the project's Welsh pipeline (de-mutation), and the
topic takes the soft mutation "am" requires ("bysiau" -> "am fysiau").
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

import spacy_lookups_data
from spacy.tokens import Doc, Token

from bot.conversation.steps import is_rich
from bot.conversation.yes_no import Verdict, read
from nlp.lang.cy.lemmas import KNOWN_FORMS
from nlp.lang.cy.mutations import Mutation, mutate, radical
from nlp.pipelines import get_pipeline

MAX_TOPIC_CHARS = 40
_MAX_TOPIC_WORDS = 3
_LETTER = re.compile(r"[^\W\d_]")


class Plan(StrEnum):
    SKIP = "skip"  # no follow-up: straight on to the profile questions
    GENERIC = "generic"  # the consultation's own follow-up wording
    WHY = "why"  # "You mentioned X - why does that matter to you?"
    CHANGE = "change"  # "You mentioned X. What one change would ...?"


@dataclass(frozen=True, slots=True)
class FollowUp:
    plan: Plan
    topic: str = ""
    language: str = "en"

    def to_data(self) -> dict[str, str]:
        return {"plan": str(self.plan), "topic": self.topic, "language": self.language}


_REFUSALS = frozenset(
    {
        "nothing", "none", "nil", "n/a", "na", "nothing really", "not much", "no comment",
        "nothing to say", "nothing else", "pass", "dunno", "don't know", "dont know",
        "no idea", "not sure", "idk", "whatever", "dim", "dim byd", "dim sylw", "dim syniad",
        "dim ots", "dim byd really", "sai'n gwybod", "dwn i ddim", "wn i ddim", "dim clem",
    }
)  # fmt: skip
_REASON = re.compile(
    r"\b(because|cos|coz|cuz|cause|since|so that|otherwise|for my|for our|oherwydd|achos|"
    r"gan fod|felly|er mwyn)\b",
    re.IGNORECASE,
)
# Words that are never what an answer is "about".
_GENERIC = frozenset(
    {
        "want", "wants", "need", "needs", "like", "think", "get", "make", "really", "more",
        "better", "good", "bad", "lot", "lots", "thing", "things", "stuff", "people",
        "everything", "nothing", "something", "please", "also", "just", "less", "much",
        "know", "feel", "see", "going", "area", "place", "live", "living", "here", "there",
        "cannot", "keep", "sure", "hello", "thanks", "thank", "important", "matters",
        "matter", "should", "would", "could", "angen", "eisiau", "isio", "moyn", "mwy",
        "gwell", "pethau", "peth", "pobl", "popeth", "gallu", "cael", "gwneud", "mynd",
        "hoffi", "meddwl", "gweld", "iawn", "plis", "diolch", "helo", "yma", "lle", "byw",
        "ardal", "bwysig", "pwysig", "wirioneddol", "dylai", "gormod",
        "time", "hour", "hours", "year", "years", "day", "days", "loads", "member", "kind",
        "way", "bit", "anything", "everyone", "yes", "nope", "okay", "test", "female",
        "male", "myself", "old", "experience", "service", "change", "improve",
    }
)  # fmt: skip
_DETERMINERS = frozenset(
    {"the", "a", "an", "our", "my", "their", "more", "less", "better", "cleaner", "safer",
     "no", "any", "some", "local", "cheaper", "fewer", "new"}
)  # fmt: skip
_VERB_LEFT = frozenset(
    {"i", "we", "you", "they", "to", "can", "cannot", "can't", "will", "would", "could",
     "should", "don't", "not", "i'm", "we're", "please"}
)  # fmt: skip
_WELSH_ARTICLES = frozenset({"y", "yr", "'r"})
_ABOUT_ME = re.compile(
    r"^\s*(i am|i'm|im|i\u2019m|i consider myself|dw i'n|dwi'n|rydw i'n|rwy'n)\b", re.IGNORECASE
)


def plan_follow_up(answer: str, language: str) -> FollowUp:
    """The follow-up to ask after this open answer (or SKIP when none fits)."""
    text = answer.strip()
    if not _LETTER.search(text) or is_rich(text) or _is_refusal(text):
        return FollowUp(Plan.SKIP, language=language)
    if read(text).verdict is Verdict.YES or _ABOUT_ME.match(text):
        # "I am a member of Generation X": about the resident, not a topic.
        return FollowUp(Plan.GENERIC, language=language)
    try:
        topic = _welsh_topic(text) if language == "cy" else _english_topic(text)
    except Exception:  # pragma: no cover - a broken pipeline must not cost the answer
        topic = ""
    if not topic or len(topic) > MAX_TOPIC_CHARS:
        return FollowUp(Plan.GENERIC, language=language)
    plan = Plan.CHANGE if _REASON.search(text) else Plan.WHY
    return FollowUp(plan, topic=topic, language=language)


def _is_refusal(text: str) -> bool:
    plain = re.sub(r"[^\w' /]+", "", text.lower()).strip()
    if plain in _REFUSALS or plain.split(" ")[0] in ("nothing", "none", "dim"):
        return True
    reading = read(text)
    return reading.verdict is Verdict.NO or (
        reading.verdict is Verdict.UNCLEAR and reading.attempted and len(text.split()) <= 4
    )


@lru_cache(maxsize=1)
def _english_pos() -> dict[str, frozenset[str]]:
    """WordNet's word lists by part of speech, as shipped in spacy-lookups-data.

    Without a parser these tell "the park" (a noun) from "excellent" or
    "treated" (adjectives): only nouns can be what an answer is about.
    """
    path = Path(spacy_lookups_data.__file__).parent / "data" / "en_lemma_index.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        index = json.load(handle)
    return {pos: frozenset(words) for pos, words in index.items()}


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Nouns and adjectives together, built once: the union of two WordNet lists
    costs ~4 ms, and an open answer on the webhook path used to pay it every time."""
    pos = _english_pos()
    return pos["noun"] | pos["adj"]


def _content(token: Token) -> bool:
    return (
        token.is_alpha
        and not token.is_stop
        and len(token.text) >= 3
        and token.lower_ not in _GENERIC
        and token.lemma_.lower() not in _GENERIC
    )


_INTENSIFIERS = frozenset({"very", "so", "too", "really", "quite", "most", "extremely", "always"})


def _english_noun(token: Token) -> bool:
    """A word that can be what the answer is about (a noun, or an adjective before one)."""
    if not _content(token):
        return False
    pos = _english_pos()
    lower = token.lower_
    lemma = token.lemma_.lower() or lower
    if lemma not in pos["noun"] and lower not in pos["noun"]:
        return False
    # "treated", "looked", "friendly": verbs and adjectives whose lemma is
    # also a noun somewhere in WordNet.
    if (lower.endswith("ed") and lemma != lower) or lower.endswith("ly"):
        return False
    previous = token.doc[token.i - 1].lower_ if token.i > 0 else ""
    return previous not in _INTENSIFIERS


def _runs(doc: Doc, keep: Callable[[Token], bool]) -> list[list[Token]]:
    runs: list[list[Token]] = []
    current: list[Token] = []
    for token in doc:
        if keep(token):
            current.append(token)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _english_topic(text: str) -> str:
    doc = get_pipeline("en")(text[:300])
    if doc.has_annotation("DEP"):
        for chunk in doc.noun_chunks:
            words = [t for t in chunk if _content(t)]
            if words:
                return _english_phrase(words)
        return ""
    runs = [_with_adjectives(doc, run) for run in _runs(doc, _english_noun)]
    if not runs:
        return ""

    def score(run: list[Token]) -> int:
        head = run[-1]
        left = doc[run[0].i - 1].lower_ if run[0].i > 0 else ""
        value = 2 if _plural(head) else 0
        value += 2 if left in _DETERMINERS else 0
        value -= 3 if left in _VERB_LEFT else 0
        return value

    best = max(runs, key=lambda run: (score(run), -run[0].i))
    left = doc[best[0].i - 1].lower_ if best[0].i > 0 else ""
    return _english_phrase(best, left)


def _with_adjectives(doc: Doc, run: list[Token]) -> list[Token]:
    """Take in the adjectives just before a noun run ("the electoral college")."""
    adjectives = _english_pos()["adj"]
    start = run[0].i
    while start > 0 and doc[start - 1].lower_ in adjectives and _content(doc[start - 1]):
        start -= 1
    return [doc[i] for i in range(start, run[0].i)] + run


def _plural(token: Token) -> bool:
    lemma = token.lemma_.lower()
    return bool(lemma) and lemma != token.lower_ and token.lower_.endswith("s")


def _english_phrase(run: list[Token], left: str = "") -> str:
    words = run[-_MAX_TOPIC_WORDS:]
    common = _common_words()
    # Capitals stay on names ("Wrexham", "NHS"), not on common words ("Doctors").
    shown = [
        t.text if t.text.isupper() and len(t.text) > 1
        else t.text if t.text[:1].isupper() and (t.lemma_.lower() or t.lower_) not in common
        and t.lower_ not in common
        else t.lower_
        for t in words
    ]  # fmt: skip
    phrase = " ".join(shown)
    # The resident's own determiner, turned towards them: "my bins" -> "your bins".
    article = {"the": "the", "my": "your", "our": "your"}.get(left)
    return f"{article} {phrase}" if article else phrase


def _welsh_topic(text: str) -> str:
    doc = get_pipeline("cy")(text[:300])
    runs = _runs(doc, _content)
    if not runs:
        return ""
    run = runs[0][:_MAX_TOPIC_WORDS]
    first = run[0]
    before = doc[first.i - 1].lower_ if first.i > 0 else ""
    rest = [t.lower_ if not t.text[:1].isupper() else t.text for t in run[1:]]
    if before in _WELSH_ARTICLES:
        # "am y dref", "am yr ysgol": the article takes the mutation, and
        # the resident's own (already mutated) noun follows it.
        article = "yr" if before == "yr" else "y"
        return " ".join([article, first.lower_, *rest])
    previous = doc[first.i - 1].text if first.i > 0 else None
    root = radical(first.text, previous=previous)
    if first.text[:1].isupper() and root not in KNOWN_FORMS:
        root = root.capitalize()  # a place name: "am Gaerdydd"
    # "am" takes the soft mutation: bysiau -> am fysiau, parc -> am barc.
    return " ".join([mutate(root, Mutation.SOFT), *rest])


def warm_up() -> None:
    """Load the pipelines and word lists the follow-up reads (seconds on a busy machine), so
    the first resident's open answer does not wait for them. Runs on a thread at start-up."""
    plan_follow_up("The buses are late", "en")
    plan_follow_up("Mae'r bysiau'n hwyr", "cy")
