"""Why something was refused, in the page's language.

The rules live below the console (nlp, storage, the playback use case) and explain
themselves in English, in words written for people. This maps the ones an officer
meets in the console to catalogue messages; a reason it does not know (a new rule, a
reworded one) is shown as it was written, in English, rather than not at all.
"""

from __future__ import annotations

import re

from console.i18n import translate

# (pattern of the English reason, message id); named groups become the message's arguments.
KNOWN: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), message_id)
    for p, message_id in [
        (r"a theme name needs at least one word", "reason-name-empty"),
        (r"a theme name is at most (?P<limit>\d+) characters", "reason-name-too-long"),
        (r"merge into an active theme that is not 'other'", "reason-merge-target"),
        (r"choose at least one other theme to merge", "reason-merge-none"),
        (r"the 'other' bucket cannot be merged; move its answers instead", "reason-merge-other"),
        (r"a split needs at least two parts", "reason-split-parts"),
        (r"every part of a split needs at least one answer", "reason-split-empty"),
        (r"give every part of a split a Welsh name", "flash-welsh-name-needed"),
        (r"answer (?P<answer>\d+) is not in this consultation", "reason-answer-elsewhere"),
        (r"give the seed theme a name or examples with words in them", "reason-seed-empty"),
        (r"no theme (?P<theme>\d+) in this consultation", "reason-no-theme"),
        (r"choose at least one theme", "reason-round-none"),
        (r"a round offers at most (?P<limit>\d+) themes", "reason-round-too-many"),
        (r"a theme is listed twice", "reason-round-twice"),
        (r"not an active theme of this consultation: (?P<ids>.+)", "reason-round-inactive"),
        (r"round (?P<round>\d+) is still open: close it first", "reason-round-open"),
        (r"'(?P<email>.*)' is not an e-mail address", "reason-bad-email"),
        (r"an account for (?P<email>.+) already exists", "reason-account-exists"),
        (r"a password needs at least (?P<limit>\d+) characters", "reason-password-short"),
        (r"quotes need the redactor installed", "reason-no-redactor"),
    ]
]


def explain(error: Exception | str, language: str) -> str:
    """`error`'s reason in `language` when the console knows it, else its own English."""
    text = str(error)
    for pattern, message_id in KNOWN:
        match = pattern.fullmatch(text)
        if match:
            return translate(language, message_id, **match.groupdict())
    return text
