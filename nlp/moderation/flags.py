"""Flags on an answer, with the reason an officer is shown: abuse, spam, identifying.

- "abuse": an obscenity or slur (lexicon.py), a threat of violence, or a hateful statement
  about a group ("all immigrants should ...", "y saeson i gyd yn ..."), English or Welsh.
- "spam": adverts, prize and premium-rate texts, links to sites nobody in local government
  would send residents to. Counted on cues (see _SPAM_CUES); two weak cues or one strong one.
- "identifying": details that point at one person without naming them ("my son at Ysgol
  Bryn", "the only chemist in Llay", "as the headteacher of ..."), see identifying.py.

Rules and lists only, written from the sources cited in lexicon.py and from general
knowledge of premium-rate and prize scams (Ofcom and the Phone-paid Services Authority
describe them); none of the measurement sets in bench/moderation.py was used to write them.

    check("You have WON a £1000 prize! Text WIN to 87121")
    -> [Flag("spam", "prize text"), Flag("spam", "premium-rate or short-code number")]
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from nlp.moderation.identifying import identifying_reasons
from nlp.moderation.lexicon import (
    GROUPS,
    INSULTS_CY,
    INSULTS_EN,
    OBSCENE_CY,
    OBSCENE_EN,
    SLURS_EN,
    mutated_forms,
)

ABUSE, SPAM, IDENTIFYING = "abuse", "spam", "identifying"
KINDS = (ABUSE, SPAM, IDENTIFYING)
# Answers flagged with these are never proposed as quotes and are blurred in the console.
HIDDEN_KINDS = frozenset({ABUSE, SPAM})


@dataclass(frozen=True, slots=True)
class Flag:
    kind: str
    reason: str

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "reason": self.reason}


_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "@": "a", "$": "s"})
_RUNS = re.compile(r"(\w)\1{2,}")
_MASKED = re.compile(
    r"\b(?:f[\*#\-_.]+(?:c?k|ck)(?:ing|in|er|ed)?|sh[\*#]+t|c[\*#]+nt|b[\*#]+tch|tw[\*#]+t)\b"
)


def fold(text: str) -> str:
    """Lower case, no accents, look-alike digits as letters, long runs of a letter cut to one."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    words = [w.translate(_LEET) if any(c.isalpha() for c in w) else w for w in text.split()]
    return _RUNS.sub(r"\1", " ".join(words))


def _phrase_pattern(words: frozenset[str]) -> re.Pattern[str]:
    alternatives = sorted(
        (r"\s+".join(re.escape(part) for part in w.split()) for w in words), key=len, reverse=True
    )
    return re.compile(r"(?<![\w'])(?:" + "|".join(alternatives) + r")(?![\w])")


_CY_FORMS = mutated_forms(OBSCENE_CY) - {"choc"}  # "choc" the chocolate
_OBSCENE = _phrase_pattern(OBSCENE_EN | _CY_FORMS)
_SLUR = _phrase_pattern(SLURS_EN)
_INSULT = _phrase_pattern(INSULTS_EN | (mutated_forms(INSULTS_CY) - {"lo", "o", "gwp"}))
_GROUP = r"(?:" + "|".join(sorted(GROUPS, key=len, reverse=True)) + r")"

_THREATS = [
    re.compile(
        r"\b(?:i(?:'ll| will| am going to|'m going to|'m gonna| gonna)|we(?:'ll| will)|someone "
        r"(?:should|will|needs to)|gonna)\s+(?:\w+\s+)?(?:kill|stab|shoot|hurt|batter|burn|smash"
        r"|murder|bomb|hang|beat|torch|punch|knife|strangle)\b"
    ),
    re.compile(
        r"\b(?:you(?:'re| are)\s+(?:a\s+)?dead(?:\s+man)?|watch your back|kill yourself"
        r"|kys|i know where you live|burn (?:it|them|the \w+) down)\b"
    ),
    re.compile(
        r"\b(?:dw i(?:'n)? mynd i|a i|af i|wna i|bydda i'n)\s+(?:dy|eich|ei|ei h)?\s*"
        r"(?:ladd|lladd|losgi|llosgi|frifo|brifo|guro|curo|drywanu|saethu)\b"
    ),
    re.compile(
        r"\b(?:dylai rhywun|rhaid i rhywun)\s+(?:eu |ei |dy )?(?:ladd|lladd|saethu|losgi)\b"
    ),
    re.compile(r"\b(?:gwylia dy gefn|ti(?:'n)? farw|dw i'n gwybod lle ti'n byw)\b"),
]
_HATE = [
    re.compile(
        rf"\b(?:all|these|those|the|bloody|fucking|effing|you|them|dirty)\s+{_GROUP}\s+(?:are|r)\s+"
        r"(?:\w+\s+)?(?:scum|vermin|animals|parasites|disgusting|filth|rapists|criminals|"
        r"terrorists|a disease|a plague|subhuman|evil|dirty|thieves|the problem)\b"
    ),
    re.compile(
        rf"\b{_GROUP}\s+(?:should|must|need to|ought to)\s+(?:all\s+)?(?:be\s+)?(?:go back|"
        r"deported|sent back|kicked out|shot|gassed|hanged|banned|wiped out|burned|fuck off)\b"
    ),
    re.compile(
        rf"\b(?:send|kick|throw|ship|get)\s+(?:the\s+|all\s+(?:the\s+)?)?{_GROUP}\s+(?:back|out)\b"
    ),
    re.compile(r"\bgo back to (?:your|their) (?:own )?country\b"),
    re.compile(rf"\b(?:hate|can't stand|despise)\s+(?:all\s+|the\s+)?{_GROUP}\b"),
    re.compile(
        rf"\b(?:y |yr |'r )?{_GROUP}\s+(?:i gyd\s+)?(?:yn|yw|ydy|sy'n)\s+(?:\w+\s+)?"
        r"(?:sbwriel|baw|anifeiliaid|moch|fermin|ffiaidd|troseddwyr|terfysgwyr|drwg|ych)\b"
    ),
    re.compile(rf"\b(?:casau|cas gen i)(?:'r|\s+y|\s+yr)?\s+{_GROUP}\b"),
    re.compile(rf"\b(?:cicio|hel|anfon)(?:'r|\s+y|\s+yr)?\s+{_GROUP}\s+(?:allan|adre|yn ol|nol)\b"),
]

# Sites residents are sent to in good faith; any other link counts towards spam.
_KNOWN_SITES = re.compile(
    r"(?:^|\.)(?:gov\.uk|gov\.wales|llyw\.cymru|nhs\.uk|nhs\.wales|gig\.cymru|police\.uk|"
    r"parliament\.uk|senedd\.wales|senedd\.cymru|bbc\.co\.uk|bbc\.com|wikipedia\.org|"
    r"youtube\.com|youtu\.be|facebook\.com|twitter\.com|x\.com|instagram\.com|google\.com|"
    r"google\.co\.uk|openstreetmap\.org|ac\.uk|sch\.uk|org\.uk|gwynedd\.llyw\.cymru)$"
)
_URL = re.compile(
    r"\b(?:https?://|www\.)[^\s<>\"']+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|info|biz|xyz|"
    r"top|club|online|site|co|io|ly|me|win|click|link|ru|cn|tk)\b(?:/[^\s]*)?"
)
_STRONG_SPAM = [
    (
        re.compile(
            r"\b(?:you(?:'ve| have| are| r)?\s+(?:been\s+)?(?:won|selected|chosen)|"
            r"(?:claim|collect)\s+(?:your|a|ur)\s+\w*\s*(?:prize|reward|cash|gift|voucher|"
            r"award|bonus)|winner\b|prize draw|guaranteed (?:prize|cash|£))"
        ),
        "prize text",
    ),
    (
        re.compile(
            r"\b09\d{8,9}\b|\b0[89]0\d[ -]?\d{3}[ -]?\d{4}\b.*\b(?:claim|prize|won|call now)"
            r"|\b(?:txt|text|send|reply)\s+(?:[a-z]+\s+)?(?:to\s+)?[6-8]\d{4}\b"
            r"|\b\d{2,3}p\s*(?:/|per)\s*(?:msg|min|text|txt)|£\d\.\d\d\s*(?:/|per)\s*(?:msg|min|wk)"
        ),
        "premium-rate or short-code number",
    ),
    (
        re.compile(
            r"\b(?:ringtone|ringtones|free msg|freemsg|txt stop|text stop|stop to (?:end|opt"
            r"|cancel|unsubscribe)|to opt out|unsubscribe|t\s?&\s?c'?s? apply|t&c|cs apply)\b"
        ),
        "subscription text",
    ),
]
_WEAK_SPAM = [
    (
        re.compile(
            r"\b(?:free|cash|£\d{3,}|\$\d{3,}|\d{2,3}% off|discount|offer|deal|bonus|"
            r"voucher|gift card)\b"
        ),
        "money or a free offer",
    ),
    (
        re.compile(
            r"\b(?:call|ring|txt|text|reply|click|visit|order|buy|apply|subscribe|join)\s+"
            r"(?:now|today|here|asap|immediately)\b|\burgent\b|\bact now\b|limited time|"
            r"expires|last chance"
        ),
        "pressure to act now",
    ),
    (
        re.compile(
            r"\b(?:loan|loans|crypto|bitcoin|forex|casino|betting|viagra|cialis|dating|"
            r"singles|hot girls|work from home|earn £|make money|investment opportunity|"
            r"mobile (?:update|upgrade)|camera phone|network operator)\b"
        ),
        "advert",
    ),
    (
        re.compile(r"\b(?:txt|msg|mob|ur|u r|2 claim|4 u|pobox|po box)\b"),
        "text-speak of bulk texts",
    ),
]


def _links(text: str) -> list[str]:
    unknown = []
    for match in _URL.finditer(text):
        if match.start() and text[match.start() - 1] == "@":
            continue  # the domain of an e-mail address, not a link
        host = re.sub(r"^(?:https?://)?(?:www\.)?", "", match.group(0)).split("/")[0].rstrip(".,)")
        if host and not _KNOWN_SITES.search(host):
            unknown.append(host)
    return unknown


def check(text: str, language: str | None = None) -> list[Flag]:
    """The flags this answer deserves, each with a reason, at most one reason per rule."""
    if not text or not text.strip():
        return []
    folded = fold(text)
    flags: list[Flag] = []
    if _OBSCENE.search(folded) or _MASKED.search(text.lower()):
        flags.append(Flag(ABUSE, "obscene language"))
    if _SLUR.search(folded):
        flags.append(Flag(ABUSE, "slur"))
    if any(p.search(folded) for p in _THREATS):
        flags.append(Flag(ABUSE, "threat of violence"))
    if any(p.search(folded) for p in _HATE):
        flags.append(Flag(ABUSE, "hateful statement about a group"))
    if _aimed_insult(folded):
        flags.append(Flag(ABUSE, "insult aimed at someone"))
    flags.extend(_spam(text, folded))
    flags.extend(Flag(IDENTIFYING, reason) for reason in identifying_reasons(text))
    return flags


_AIMED = re.compile(
    r"\b(?:(?:you|u|ya|they|he|she|councillors?|officers?|staff|cllr \w+)\s+(?:are|r|is|'re|'s)"
    r"|(?:ti|chi|nhw|hi|fe|fo|e|o)(?:'n|\s+yn))\s+(?:such\s+|a\s+|an\s+|all\s+|bunch of\s+"
    r"|load of\s+|just\s+|bloody\s+|fucking\s+|hen\s+|blydi\s+|ffycin\s+|yn\s+)*(\w+)"
)
# Said to someone whatever follows: "cau dy geg", "cer i grafu", "y twpsyn".
_DISMISSALS = re.compile(
    r"\b(?:cau dy (?:hen )?geg|cer i grafu|dos i grafu|cer o 'ma|shut (?:your|ur) (?:mouth|face)"
    r"|shut up|drop dead|get lost|nobody likes you|y (?:twpsyn|twpsen|hurtyn|lembo|penbwl|ffwlbart)"
    r"|cer i farw|dos i farw|lladd(?:a)? dy hun|neb yn dy hoffi|ti(?:'n| yn) drewi"
    r"|(?:dwyt|dydy|dyw) (?:ti|chi|nhw) (?:ddim )?(?:yn )?(?:dda|da) i ddim)\b"
)


def _aimed_insult(folded: str) -> bool:
    if _DISMISSALS.search(folded):
        return True
    for match in _AIMED.finditer(folded):
        if _INSULT.fullmatch(match.group(1)):
            return True
    return bool(re.search(r"\b(?:you|ya|u)\s+(?:\w+\s+)?(?:" + _INSULT.pattern + ")", folded))


def _spam(text: str, folded: str) -> list[Flag]:
    strong = [Flag(SPAM, reason) for pattern, reason in _STRONG_SPAM if pattern.search(folded)]
    weak = [reason for pattern, reason in _WEAK_SPAM if pattern.search(folded)]
    links = _links(text.lower())
    if links:
        strong.append(Flag(SPAM, f"link to an unknown site ({links[0][:60]})"))
    if strong:
        return strong
    if len(weak) >= 2:
        return [Flag(SPAM, " and ".join(weak))]
    return []


def kinds(flags: list[Flag]) -> list[str]:
    """The distinct kinds, in KINDS order: what `whatmatters redact` writes as "flags"."""
    present = {flag.kind for flag in flags}
    return [kind for kind in KINDS if kind in present]
