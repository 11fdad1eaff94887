"""Keep personal details out of text derived from answers: theme labels, keywords, summaries.

Labels and keywords are phrases picked from many answers. A phrase is unsafe when any of
its words was redacted in one of those answers ("gareth pritchard" when "Gareth Pritchard"
became [name] somewhere), or when the phrase on its own looks like a personal detail (a
phone number, an e-mail, a postcode). Checking the words against what the redactor removed
from the source answers catches lower-case names that the phrase alone would not betray.

    words = identifying_words(pairs)          # (original text, spans) pairs
    safe = scrub_phrases(keywords, words)     # the keywords that name nobody
    label = scrub_label(label, words, safe)   # the label, or a safe keyword in its place
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from nlp.redaction.detect import find_patterns
from nlp.redaction.gazetteer import fold, load_gazetteer

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
# Placeholders ("[name]") are already safe, but a keyword made of them says nothing.
_PLACEHOLDER = re.compile(r"\[[a-z_]+\]")
# Words too common to identify anyone even if a span covered them ("the", "road").
_HARMLESS = frozenset(
    """
a an the and or of to in on at for by with from my our your his her their its is was be
road street lane avenue close drive way place court crescent hill park house flat number
heol ffordd stryd lon y yr r a ac i o ar yn
""".split()
)


# An everyday word (see telling_words): at least this common lower-case (log probability in
# the gazetteer's frequency table: "housing" -11.1, "plumbing" -13.0, "acme" -16.6) ...
EVERYDAY = -13.0
# ... and lower-case this many nats more often than capitalised ("housing" 2.7; "rose" -0.2,
# "green" 0.9 and "park" 0.6 are banned).
EVERYDAY_LOWER_BY = 1.0


def words_of(text: str) -> list[str]:
    """Folded words of `text` ("Siân's" -> "sian's")."""
    return [fold(word.replace("’", "'")) for word in _WORD.findall(text)]


def identifying_words(redactions: Iterable[tuple[str, Sequence[Any]]]) -> set[str]:
    """Folded words that the redactor removed from any of the given answers.

    Args:
        redactions: ``(original_text, spans)`` pairs, where spans are ``{"start", "end",
            "type"}`` dicts or Span objects.
    """
    found: set[str] = set()
    for item in redactions:
        original, spans = item
        for span in spans:
            start, end = _bounds(span)
            # Widen to whole words: a span may start inside one ("@gareth").
            while start > 0 and original[start - 1].isalnum():
                start -= 1
            while end < len(original) and original[end].isalnum():
                end += 1
            covered = original[start:end]
            # A span of the officer's words to hide is their phrase, not a name.
            if _span_type(span) == "redacted":
                found.update(telling_words(covered))
            else:
                found.update(w for w in words_of(covered) if w not in _HARMLESS)
    return found


def telling_words(phrase: str) -> set[str]:
    """The folded words of an officer's phrase to hide that may not stand alone in a label.

    One word is itself. Of several ("Acme Housing Repairs"), the everyday words written
    lower-case far more often than capitalised ("housing", "repairs") may: banning them
    would keep "housing" out of every label of a housing consultation. The phrase itself
    still cannot appear, since its other words are banned; a phrase of everyday words
    only ("Housing Repairs Team") bans them all.
    """
    words = [w for w in words_of(phrase) if w not in _HARMLESS]
    if len(words) < 2:
        return set(words)
    g = load_gazetteer()
    telling = {
        w
        for w in words
        if g.lower_prob(w) < EVERYDAY or g.lower_prob(w) - g.capital_prob(w) < EVERYDAY_LOWER_BY
    }
    return telling or set(words)


def _span_type(span: Any) -> str:
    return str(span["type"] if isinstance(span, Mapping) else getattr(span, "type", ""))


def _bounds(span: Any) -> tuple[int, int]:
    if isinstance(span, Mapping):
        return int(span["start"]), int(span["end"])
    return int(span.start), int(span.end)


def phrase_is_safe(phrase: str, identifying: set[str]) -> bool:
    """Neither a word the redactor removed nor a personal detail on its own."""
    if find_patterns(phrase):
        return False
    return not any(word in identifying for word in words_of(phrase))


def scrub_phrases(phrases: Sequence[str], identifying: set[str]) -> list[str]:
    """The phrases that carry no personal detail, in order; placeholders-only ones dropped."""
    kept = []
    for phrase in phrases:
        if not _PLACEHOLDER.sub("", phrase).strip(" ,.;:-"):
            continue
        if phrase_is_safe(phrase, identifying):
            kept.append(phrase)
    return kept


def scrub_label(label: str, identifying: set[str], fallbacks: Sequence[str] = ()) -> str:
    """`label` when safe; else the first safe fallback (capitalised); else ""."""
    if label and _PLACEHOLDER.sub("", label).strip() and phrase_is_safe(label, identifying):
        return label
    for fallback in scrub_phrases(fallbacks, identifying):
        return fallback[:1].upper() + fallback[1:]
    return ""


def hidden_words(lists: Iterable[Sequence[str]]) -> set[str]:
    """The folded words of officers' words to hide that are never in a label, whatever the
    cache says (:func:`telling_words` of each phrase)."""
    return {word for words in lists for phrase in words for word in telling_words(phrase)}
