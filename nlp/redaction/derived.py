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
from nlp.redaction.gazetteer import fold

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
            found.update(w for w in words_of(original[start:end]) if w not in _HARMLESS)
    return found


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
    """The folded words of officers' words to hide: never in a label, whatever the cache says."""
    return {word for words in lists for phrase in words for word in words_of(phrase)} - _HARMLESS
