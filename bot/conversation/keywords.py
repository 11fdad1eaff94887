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

from bot.conversation.yes_no import read as read_yes_no

# Whole messages longer than this are stored as sent; hostile megabyte posts
# are cut here so one message cannot exhaust memory or the database.
MAX_TEXT = 10_000

_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    """Strip control characters (keeping newlines) and surrounding whitespace."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _CONTROL.sub("", text).strip()[:MAX_TEXT]


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


def command_of(key: str) -> Command | None:
    """The command a whole message means, or None when it is not one."""
    return _COMMANDS.get(key)


def is_skip(key: str, text: str = "") -> bool:
    # A plain "no" to "which ward do you live in?" means "not telling".
    return key in _SKIP or (bool(text) and read_yes_no(text).no)


def is_greeting(key: str) -> bool:
    return key in _GREETINGS


def looks_like_keyword(text: str) -> bool:
    """One short token: what someone texting a poster's keyword sends."""
    return 0 < len(text) <= 32 and " " not in text.strip() and "\n" not in text
