"""Reading a resident's message: cleaning it, and recognising whole-message keywords.

A keyword counts only when it is the WHOLE message once case, accents,
punctuation, emoji and spaces are ignored: "Stop!" and "stop 🛑" are STOP,
"I want to stop the bus cuts" is an answer. This matters because the
consultations are about things people want stopped.

Welsh opt-out words (chosen, because no regulator or carrier list exists):
UK carriers and Twilio only act on the English set (STOP, STOPALL,
UNSUBSCRIBE, CANCEL, END, QUIT, plus REVOKE and OPTOUT in Twilio's newer
list). Welsh speakers commonly text "STOP" too, so the English set stays.
We add the words a Welsh speaker is likely to send on its own to mean
"stop messaging me": STOPIO (colloquial "to stop"), ATAL (the Welsh
Government's word for "stop" on forms and signs), DIWEDD ("end"), GADAEL
("leave"), CANSLO ("cancel"), DAD-DANYSGRIFIO / DAD-TANYSGRIFIO
("unsubscribe"; both spellings appear, hyphen ignored) and DIM MWY ("no
more"). We left out PAID ("don't") and DIGON ("enough"), which are
plausible one-word answers to an open question.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum

from storage import input_policy

# Whole messages longer than this are stored as sent; hostile megabyte posts
# are cut here so one message cannot exhaust memory or the database.
MAX_TEXT = 10_000

_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    """Strip control characters (keeping newlines) and surrounding whitespace."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    # The shared policy also turns lone surrogates (unstorable) into U+FFFD.
    return input_policy.clean_text(_CONTROL.sub("", text)).strip()[:MAX_TEXT]


def keyword_key(text: str) -> str:
    """The comparison form of a message: upper-case letters and digits, no accents."""
    if len(text) > 64:
        # No keyword is this long; skip the Unicode work for real answers.
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if ch.isalnum() and ch.isascii()).upper()


class Command(StrEnum):
    STOP = "stop"
    START = "start"
    HELP = "help"
    DELETE = "delete"
    WELSH = "welsh"
    ENGLISH = "english"


def _keys(*words: str) -> frozenset[str]:
    return frozenset(keyword_key(word) for word in words)


_COMMANDS: dict[str, Command] = {}
for _command, _words in (
    (
        Command.STOP,
        _keys(
            "stop",
            "stopall",
            "stop all",
            "unsubscribe",
            "cancel",
            "end",
            "quit",
            "revoke",
            "optout",
            "opt out",
            "stopio",
            "atal",
            "diwedd",
            "gadael",
            "canslo",
            "dad-danysgrifio",
            "dad-tanysgrifio",
            "dim mwy",
        ),
    ),
    (Command.START, _keys("start", "unstop", "restart", "dechrau", "ailddechrau")),
    (Command.HELP, _keys("help", "info", "cymorth", "help me", "helpu")),
    (Command.DELETE, _keys("delete", "erase", "delete me", "dileu", "dileu fi")),
    (Command.WELSH, _keys("cymraeg", "welsh", "yn gymraeg", "in welsh")),
    (Command.ENGLISH, _keys("english", "saesneg", "in english", "yn saesneg")),
):
    for _word in _words:
        _COMMANDS[_word] = _command

# Which commands are Welsh words: a first message of "CYMORTH" means Welsh.
WELSH_COMMAND_KEYS = _keys(
    "stopio",
    "atal",
    "diwedd",
    "gadael",
    "canslo",
    "dad-danysgrifio",
    "dad-tanysgrifio",
    "dim mwy",
    "dechrau",
    "ailddechrau",
    "cymorth",
    "helpu",
    "dileu",
    "dileu fi",
    "cymraeg",
    "yn gymraeg",
    "saesneg",
    "yn saesneg",
)

_YES_EN = _keys(
    "yes",
    "y",
    "yeah",
    "yep",
    "yup",
    "ok",
    "okay",
    "sure",
    "yes please",
    "go on",
    "agree",
    "i agree",
    "of course",
    "fine",
)
_YES_CY = _keys(
    "ie",
    "iawn",
    "do",
    "ydw",
    "ydy",
    "oes",
    "cytuno",
    "dw i'n cytuno",
    "rwy'n cytuno",
    "ie plis",
    "iawn diolch",
    "ie diolch",
    "wrth gwrs",
    "ia",
)
_NO_EN = _keys("no", "n", "nope", "nah", "no thanks", "no thank you", "not now", "disagree")
_NO_CY = _keys(
    "na",
    "nac ydw",
    "nage",
    "nac oes",
    "naddo",
    "dim",
    "dim diolch",
    "na diolch",
    "nadw",
)
_SKIP = _keys(
    "skip",
    "pass",
    "next",
    "prefer not to say",
    "rather not say",
    "id rather not say",
    "i'd prefer not to say",
    "prefer not",
    "rather not",
    "not telling",
    "none of your business",
    "hepgor",
    "gwell gen i beidio",
    "gwell gennyf beidio",
    "gwell gen i beidio dweud",
    "dim diolch",
    "pas",
    "nesaf",
)
_GREETINGS = _keys(
    "hi",
    "hello",
    "hey",
    "hiya",
    "helo",
    "hia",
    "shwmae",
    "sumae",
    "su mae",
    "s'mae",
    "bore da",
    "prynhawn da",
    "noswaith dda",
    "good morning",
    "good afternoon",
    "good evening",
)
_THUMBS_UP = frozenset({"\U0001f44d", "\U0001f44c", "\u2705", "\u2714"})


def command_of(key: str) -> Command | None:
    """The command a whole message means, or None when it is not one."""
    return _COMMANDS.get(key)


def is_yes(key: str, raw: str = "") -> bool:
    return key in _YES_EN or key in _YES_CY or (not key and raw.strip("\ufe0f ") in _THUMBS_UP)


def is_no(key: str) -> bool:
    return key in _NO_EN or key in _NO_CY


def yes_no_language(key: str) -> str | None:
    """ "cy" for a Welsh yes/no word, "en" for an English one, else None."""
    if key in _YES_CY or key in _NO_CY:
        return "cy"
    if key in _YES_EN or key in _NO_EN:
        return "en"
    return None


def is_skip(key: str) -> bool:
    # A plain "no" to "which ward do you live in?" means "not telling".
    return key in _SKIP or is_no(key)


def is_greeting(key: str) -> bool:
    return key in _GREETINGS


def looks_like_keyword(text: str) -> bool:
    """One short token: what someone texting a poster's keyword sends."""
    return 0 < len(text) <= 32 and " " not in text.strip() and "\n" not in text
