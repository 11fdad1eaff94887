"""Why something was refused, in the page's language.

The rules live below the console (nlp, storage, the playback use case) and explain
themselves in English, in words written for people. This maps the ones an officer
meets in the console to catalogue messages; a reason it does not know (a new rule, a
reworded one) is shown as it was written, in English, rather than not at all.
"""

from __future__ import annotations

import re

from console.i18n import translate
from nlp.moderation import flags, spam

# (pattern of the English reason, message id); named groups become the message's arguments.
KNOWN: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), message_id)
    for p, message_id in [
        (r"a theme name needs at least one word", "reason-name-empty"),
        (r"a theme name is at most (?P<limit>\d+) characters", "reason-name-too-long"),
        (r"'(?P<word>.+)' is one of this consultation's words to hide", "reason-name-hidden-word"),
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
        (r"Keep each text under (?P<limit>\d+) characters\.", "reason-response-text-long"),
        (r"Keep names under (?P<limit>\d+) characters\.", "reason-response-name-long"),
        (r"Say why in English or Welsh\.", "reason-response-why"),
        (r"Say what the council will do, in English or Welsh\.", "reason-response-what"),
        (r"Name the body the theme was passed to\.", "reason-response-passed-to"),
        (
            r"A theme the council is not acting on itself has the status 'closed'\.",
            "reason-response-must-close",
        ),
        (r"'Closed' is for themes the council is not acting on itself\.", "reason-response-closed"),
        (r"Give the date as YYYY-MM-DD\.", "reason-response-date"),
        (r"No such theme in this consultation\.", "error-no-theme"),
        (
            r"This theme was merged or removed; answer the theme it is now part of\.",
            "reason-response-theme-gone",
        ),
        (r"A consultation cannot follow on from itself\.", "reason-link-itself"),
        (r"No such earlier consultation\.", "reason-link-no-earlier"),
        (r"These consultations are already linked\.", "reason-link-twice"),
        (r"That consultation already follows on from this one\.", "reason-link-circle"),
        (r"No such link for this consultation\.", "error-no-round-link"),
        (r"No such match for this consultation\.", "reason-no-match"),
        (
            r"One of these themes is already matched; undo that match first\.",
            "reason-match-taken",
        ),
        (r"No such theme in the earlier consultation\.", "reason-no-earlier-theme"),
        (r"Only current themes can be matched\.", "reason-match-current"),
        (r"answer (?P<answer>\d+) has no '(?P<kind>[a-z]+)' flag", "reason-no-flag"),
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


# The moderation rules' reasons for a flag (nlp/moderation), each worded in the catalogue.
FLAG_REASONS: dict[str, str] = {
    flags.OBSCENE: "flag-reason-obscene",
    flags.SLUR: "flag-reason-slur",
    flags.THREAT: "flag-reason-threat",
    flags.HATE: "flag-reason-hate",
    flags.INSULT: "flag-reason-insult",
    "prize text": "flag-reason-prize",
    "prize text (Welsh)": "flag-reason-prize-cy",
    "premium-rate or short-code number": "flag-reason-premium-rate",
    "subscription or advert small print": "flag-reason-small-print",
    "self-promotion": "flag-reason-self-promotion",
    "money or a free offer": "flag-reason-money",
    "pressure to act now": "flag-reason-pressure",
    "advert": "flag-reason-advert",
    "text-speak of bulk texts": "flag-reason-text-speak",
    "opt-out or helpline wording": "flag-reason-opt-out",
    "addressed to a customer list": "flag-reason-customer-list",
    "phishing wording": "flag-reason-phishing",
    "asks to be messaged privately": "flag-reason-private-message",
    "a phone number, short code or weekly price": "flag-reason-number-or-price",
    spam.MODEL_REASON: "flag-reason-model",
    "a child and their school": "flag-reason-child-school",
    "'the only ...' in a place points at one person": "flag-reason-the-only",
    "'yr unig ...' mewn lle: one person": "flag-reason-the-only-cy",
    "the writer's job at a named place": "flag-reason-own-job",
    "a job and a small place point at one person": "flag-reason-job-place",
    "a description of the writer's house": "flag-reason-house",
    "the writer's business in a named place": "flag-reason-own-business",
    "the writer leads a named group": "flag-reason-leads-group",
    "the writer's age and a named place": "flag-reason-age-place",
    "the writer describes themself as the neighbours know them": "flag-reason-known-locally",
    "something that happened to the writer or their family at a named place": (
        "flag-reason-local-event"
    ),
    "someone else pointed at by their house": "flag-reason-their-house",
}
_UNKNOWN_SITE = re.compile(re.escape(spam.UNKNOWN_SITE).replace(r"\{host\}", "(?P<host>.*)"))


def explain_flag(reason: str, language: str) -> str:
    """A flag's reason in `language`; one the console does not know is shown as written."""
    if reason in FLAG_REASONS:
        return translate(language, FLAG_REASONS[reason])
    site = _UNKNOWN_SITE.fullmatch(reason)
    if site:
        return translate(language, "flag-reason-unknown-site", host=site["host"])
    # Weak spam cues come joined ("money or a free offer and pressure to act now").
    parts = reason.split(spam.WEAK_JOIN)
    if len(parts) > 1 and all(part in FLAG_REASONS for part in parts):
        worded = [translate(language, FLAG_REASONS[part]) for part in parts]
        joined = worded[0]
        for part in worded[1:]:
            joined = translate(language, "flag-reason-and", first=joined, second=part)
        return joined
    return reason
