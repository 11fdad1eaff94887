"""Answers with no content to theme: "yes", "idk", an e-mail address, emoji, numbers, links.

Such answers sit inside real themes when clustered (a "Yes" theme, "Go Tops!" among
the housing answers); officers expect them in "Other / unclear". The test is on the
words left once links, addresses, numbers, redaction placeholders and symbols are
removed: nothing left, or only words that carry no topic in any question.
"""

from __future__ import annotations

import re

_URL = re.compile(r"(?:https?://|www\.)\S+|\b\S+\.(?:com|org|net|uk|co|io|gov|cymru|wales)\b\S*")
_EMAIL = re.compile(r"\S+@\S+")
_PLACEHOLDER = re.compile(r"\[[a-z_ ]+\]")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
#: Words that answer no open question on their own (English and Welsh). "Nothing",
#: "none" and "no" are left out on purpose: to "what could we do better?" they are an
#: answer (the NHS coders give them their own code).
_EMPTY = {
    "yes",
    "yeah",
    "yep",
    "yup",
    "ya",
    "ok",
    "okay",
    "k",
    "idk",
    "dunno",
    "dont",
    "don't",
    "know",
    "not",
    "sure",
    "no",
    "idea",
    "n",
    "a",
    "na",
    "hi",
    "hello",
    "hey",
    "test",
    "testing",
    "asdf",
    "lol",
    "hmm",
    "um",
    "erm",
    "maybe",
    "whatever",
    "ie",
    "eg",
    "etc",
    "ydw",
    "iawn",
    "helo",
    "shwmae",
    "dim",
    "syniad",
    "gwybod",
    "wn",
    "i",
    "ddim",
}
_ANSWERS_ALONE = {"no", "not", "dim", "ddim", "i"}


def is_junk(text: str) -> bool:
    """True when an answer carries nothing to theme (see the module docstring)."""
    cleaned = _PLACEHOLDER.sub(" ", _EMAIL.sub(" ", _URL.sub(" ", text.lower())))
    words = _WORD.findall(cleaned)
    if not words:
        return True
    if len(words) == 1 and len(words[0]) <= 2 and words[0] not in _ANSWERS_ALONE:
        return True
    if all(w in _EMPTY for w in words) and not set(words) <= _ANSWERS_ALONE:
        # "no idea", "don't know", "yes ok"; a plain "no" may still answer the question.
        return True
    # Keyboard mashing: one long "word" with no vowel ("sdfghj").
    return len(words) == 1 and len(words[0]) >= 4 and not re.search(r"[aeiouwy]", words[0])
