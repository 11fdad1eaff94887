"""Flags on an answer, with the reason an officer is shown: abuse, spam, identifying.

- "abuse": an obscenity or slur (lexicon.py), a threat of violence, or a hateful statement
  about a group ("all immigrants should ...", "y saeson i gyd yn ..."), English or Welsh.
- "spam": adverts, prize and premium-rate texts, phishing, links to sites nobody in local
  government would send residents to; one strong cue or two weak ones (see spam.py).
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
    GROUPS_CY,
    INSULTS_CY,
    INSULTS_EN,
    OBSCENE_CY,
    OBSCENE_EN,
    SLURS_EN,
    mutated_forms,
)
from nlp.moderation.masked import MASKED_SWEARING, masked_words
from nlp.moderation.spam import spam_reasons
from nlp.moderation.swear_forms import TIN, TIN_WORDS, welsh_swear_forms

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
# English swear stems keep their force in compounds and in Welsh speech, which bolts English
# stems onto any ending ("shitloads", "twatting", "bitchy", "fuckwit"); whole-word lists miss
# those. Only stems no innocent word begins with.
_SWEAR_STEMS = re.compile(
    r"(?<![\w'])(?:fuck|shit(?!ake)|twat|wank|bitch|cunt|piss|bollock|motherf)\w*"
)


def fold(text: str) -> str:
    """Lower case, no accents, look-alike digits as letters, long runs of a letter cut to one."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    words = [w.translate(_LEET) if any(c.isalpha() for c in w) else w for w in text.split()]
    return _RUNS.sub(r"\1", " ".join(words))


def _phrase_pattern(words: frozenset[str]) -> re.Pattern[str]:
    # Compounds are written open, hyphenated or closed: "twll din", "twll-din", "twlldin".
    alternatives = sorted(
        (r"[\s-]*".join(re.escape(part) for part in w.split()) for w in words),
        key=len,
        reverse=True,
    )
    return re.compile(r"(?<![\w'])(?:" + "|".join(alternatives) + r")(?![\w])")


_CY_FORMS = (mutated_forms(OBSCENE_CY) | welsh_swear_forms()) - {"choc"}  # "choc" the chocolate
# Single words are looked up in a set (a regex alternation of ~900 words is slow); only the
# phrases go through a pattern.
_OBSCENE_WORDS = frozenset(w for w in OBSCENE_EN | _CY_FORMS if re.fullmatch(r"\w+", w))
_OBSCENE = _phrase_pattern(frozenset(OBSCENE_EN | _CY_FORMS) - _OBSCENE_WORDS)
_WORD = re.compile(r"\w+")
# "Dick" capitalised is a person's name (Siarad and Patagonia speakers, "Dick Turpin").
_NAMED_DICK = re.compile(r"\bDick\b")
# "du bitsh" is pitch-black, "pitch" soft-mutated after "du" (Siarad, development half).
_PITCH_BLACK = re.compile(r"\b(d?du)\s+bit(?:s?c?h)\b")
_SLUR = _phrase_pattern(SLURS_EN)
_INSULT = _phrase_pattern(INSULTS_EN | (mutated_forms(INSULTS_CY) - {"lo", "o", "gwp"}))
_GROUP_WORDS = GROUPS | mutated_forms(GROUPS_CY)
# The hate patterns all name a group: a text with none of these words skips them. Not the
# everyday words inside the names of several words ("the", "people", "mental", Welsh "a",
# "meddwl"), which most texts hold: each such name keeps a word of its own ("mentally",
# "disabilities", "easterners", "salwch").
_EVERYDAY_IN_GROUP_NAMES = frozenset(
    "the with people pobl a ag mental ill middle eastern native meddwl".split()
)
_GROUP_TOKENS = (
    frozenset(word for group in _GROUP_WORDS for word in group.split()) - _EVERYDAY_IN_GROUP_NAMES
)
_GROUP = r"(?:" + "|".join(sorted(_GROUP_WORDS, key=len, reverse=True)) + r")"
# A group as the subject of what is said of it, not the object of a preposition:
# "services for disabled people are useless", "lessons in Welsh are useless" and "mae
# gwersi i fewnfudwyr yn dda i ddim" are about a service, not the people.
_PREPOSITIONS = (
    "for to on of in about with against from by at into i o ar am gyda efo dros gan at"
).split()
_NOT_AFTER_PREPOSITION = "".join(
    rf"(?<!\b{p} )(?<!\b{p} the )(?<!\b{p} y )(?<!\b{p} yr )(?<!\b{p}'r )" for p in _PREPOSITIONS
)
_SUBJECT = _NOT_AFTER_PREPOSITION + _GROUP
# Words that may strengthen a verdict between the group and it ("are absolute scum", "yn
# hollol ddiog"). Only these: any word there would let a verb in ("refugees are fleeing
# terrorists", "disabled people are given useless equipment"), a denial ("are not
# criminals") or a hedge ("are less violent").
_STRONGER = (
    r"(?:(?:all|absolute(?:ly)?|utter(?:ly)?|complete(?:ly)?|total(?:ly)?|real(?:ly)?|very|so"
    r"|such|too|just|always|naturally|basically|literally|inherently|fucking|bloody|effing|dirty"
    r"|filthy|i gyd|hollol|cwbl|wir|mor|rhy|wastad|bob amser)\s+){0,2}"
)

# What a Welsh hateful statement calls a group, radical: after "yn" the word is
# soft-mutated ("yn ddiog", "yn droseddwyr", "yn faich"), so every mutation is matched.
_VERDICTS_CY = frozenset(
    {
        "da i ddim",
        "llygod mawr",
        "gwastraff arian",
        "gwastraff lle",
        "rhy emosiynol",
        "sal yn feddyliol",
        "bygythiad i gymdeithas",
        "perygl i gymdeithas",
    }
    | set(
        """
diog twp israddol treisgar celwyddog barus diwerth anwaraidd sbwriel baw anifeiliaid moch
fermin ffiaidd troseddwyr terfysgwyr drwg ych pla parasitiaid llau lladron treiswyr sgym
baich afiach anwybodus budr anfoesol annaturiol gwyrdroedig pedoffiliaid anwariaid
""".split()
    )
)
_VERDICT_CY = "(?:" + "|".join(sorted(mutated_forms(_VERDICTS_CY), key=len, reverse=True)) + ")"

_THREATS = [
    re.compile(
        r"\b(?:i(?:'ll| will| am going to|'m going to|'m gonna| gonna)|we(?:'ll| will)|someone "
        r"(?:should|will|needs to)|gonna)\s+(?:\w+\s+)?(?:kill|stab|shoot|hurt|batter|burn|smash"
        r"|murder|bomb|hang|beat|torch|punch|knife|strangle)\b"
    ),
    re.compile(
        r"\b(?:you(?:'re| are)\s+(?:a\s+)?dead(?:\s+man)?|watch your back|kill yourself"
        r"|kys|i know where you live|you(?:'ll| will) get what'?s coming(?: to you)?"
        r"|burn (?:it|them|the(?: \w+){1,3}|(?:his|her|their|your) \w+) down"
        # "put a brick through his window": damage to someone's home, whoever does it.
        r"|(?:put|putting|throw|throwing|chuck|chucking|lob) a (?:brick|rock|stone) through"
        r" (?:his|her|their|your|the \w+'s) (?:window|windows|windscreen))\b"
    ),
    re.compile(
        r"\b(?:(?:dw ?i|rwy|rydw i|wi)(?:'n)? (?:mynd i|am)|(?:mi |fe )?(?:a|af|wna|wnaf|bydda)"
        r" i(?:'n)?)\s+(?:dy|eich|ei|ei h)?\s*(?:ladd|lladd|losgi|llosgi|frifo|brifo|guro|curo"
        r"|drywanu|thrywanu|saethu|dagu|tagu|waldio|stido|leinio|golbio|colbio)\b"
        r"(?!'r (?:record|tim|gem))"
    ),
    # Wishing someone dead, aimed at "you", a person or someone in office: "I hope you die",
    # "I hope the councillor dies", "gobeithio ti'n marw". Not "she died peacefully": only
    # "hope" with a pronoun or an office before the verb, and not a verb with an object or a
    # particle ("burn the leaves", "die down") or a gentle end ("dies in his sleep",
    # "peacefully").
    re.compile(
        r"\b(?:i\s+)?hope\s+(?:you|u|ya|he|she|they|(?:the|that|our)\s+(?:\w+\s+)?"
        r"(?:councillors?|cllrs?|mayor|leader|ministers?|mps?|officers?|landlord|neighbours?"
        r"|boss|manager|bastards?))\s+(?:all\s+)?(?:die|dies|get killed|gets killed|rot|rots"
        r"|burn)\b(?!\s+(?:peacefully|in peace|comfortably|without|down|out|off|away|the|a|an"
        r"|it|them|some|soon|in (?:his|her|their|my|your) sleep)\b)"
        r"|\bgobeithio\s+(?:y\s+|bod\s+|fod\s+)?(?:ti|chi|o|fo|hi|e|nhw)(?:'n|\s+yn)\s+"
        r"(?:marw|pydru|llosgi)(?![\w'])(?!\s+(?:yn\s+)?(?:dawel|heddychlon))"
    ),
    # "torri dy wddw", "curo'i wyneb": harm to a body, whoever says it.
    re.compile(
        r"\b(?:[dt]orri|guro|curo|falu|malu)(?:\s+(?:dy|eich|ei)\s+|'[ir]\s+|'th\s+|'ch\s+)"
        r"(?:g?wddw|g?wddf|goes|coesau|drwyn|trwyn|wyneb|ben)\b"
    ),
    re.compile(
        r"\b(?:dylai rhywun|rhaid i rhywun)\s+(?:eu |ei |dy )?(?:ladd|lladd|saethu|losgi)\b"
    ),
    re.compile(r"\b(?:gwylia dy gefn|ti(?:'n)? farw|dw i'n gwybod lle ti'n byw)\b"),
    # "llosgi'r swyddfa i lawr", "taflu bricsen drwy ei ffenest".
    re.compile(
        r"\b(?:llosgi|losgi)(?:'r|\s+y|\s+yr|\s+(?:ei|eu|dy|eich))\s+\w+(?:\s+\w+)?\s+i\s+lawr"
        r"|\b(?:taflu|daflu|rhoi|roi)\s+(?:bricsen|carreg|garreg)\s+(?:drwy|trwy|drw)\s+"
        r"(?:ei|eu|dy|eich)\s+(?:ffenest|ffenestr|ffenestri)\b"
    ),
    # Inflected future: "mi ladda i di", "stidia i o".
    re.compile(
        r"\b(?:ladda|lladda|waldia|stidia|saetha|losga|llosga|drywana|thrywana)"
        r"(?:f)? i (?:di|ti|chi|o|fo|fe|hi|nhw)\b"
    ),
]
# Told to go, or to be sent, back where "they" came from: said of a group, named or not.
_GO_BACK = re.compile(
    r"\bgo back to (?:your|their) (?:own )?country\b"
    r"|\b(?:go|goes|going) back (?:to )?where (?:you|u|they) (?:came|come) from\b"
    r"|\b(?:send|ship|kick|deport) (?:them|'em) (?:all )?back (?:to )?where they"
    r" (?:came|come) from\b"
    # "Ewch yn ôl i'ch gwlad eich hun", "cer nôl i le ddest ti" (folded: no circumflex).
    r"|\b(?:ewch|cer|dos|anfonwch nhw|gyrrwch nhw)\s+(?:yn\s+ol|nol|'nol)\s+i\s*(?:'ch|'th)"
    r"\s+g?wlad\b"
    r"|\b(?:ewch|cer|dos|anfonwch nhw|gyrrwch nhw)\s+(?:yn\s+ol|nol|'nol)\s+i\s+(?:le|lle|ble)"
    r"\s+(?:y\s+)?(?:daethoch|ddaethoch|daethon|ddaethon|ddest|daethost|ddaethost)\b"
)
_HATE = [
    re.compile(
        rf"\b{_GROUP}\s+(?:should|must|need to|ought to)\s+(?:all\s+)?(?:be\s+)?(?:go back|"
        r"deported|sent back|kicked out|shot|gassed|hanged|banned|wiped out|burned|fuck off|drown"
        r"|die|killed|locked up|sterilised|sterilized|exterminated|put down|rounded up)\b"
    ),
    re.compile(
        rf"\b(?:send|kick|throw|ship|get)\s+(?:the\s+|all\s+(?:the\s+)?)?{_GROUP}\s+(?:back|out)\b"
    ),
    re.compile(rf"\b(?:hate|can't stand|despise)\s+(?:all\s+|the\s+)?{_GROUP}\b"),
    # Killing or ridding the country of a group: "we need to kill the chinese", "society
    # would be better off without the mentally ill", "lladd y Saeson", "cael gwared ar
    # fewnfudwyr". Not a group's own things ("get rid of the travellers' rubbish").
    re.compile(
        r"\b(?:kill|exterminate|gas|wipe out|get rid of|better off without|lladd|ladd|difa"
        r"|cael gwared (?:ar|o))(?:\s+(?:all|the|these|those|yr?|'r|holl))*\s+"
        rf"{_GROUP}\b(?!['’])"
    ),
    re.compile(rf"\b(?:casau|cas gen i)(?:'r|\s+y|\s+yr)?\s+{_GROUP}\b"),
    re.compile(rf"\b(?:cicio|hel|anfon)(?:'r|\s+y|\s+yr)?\s+{_GROUP}\s+(?:allan|adre|yn ol|nol)\b"),
    re.compile(
        rf"\b(?:dylai|dylen|dylsai|rhaid i)(?:'r|\s+y|\s+yr)?\s+{_GROUP}\s+(?:i gyd\s+)?(?:fynd"
        r"\s+(?:adre|adref|gartre|gartref|nol|yn ol|o 'ma)"
        r"|gael eu (?:hel|taflu|cicio|saethu|lladd|crogi|difa)|farw|marw|foddi|boddi)\b"
    ),
    # The usual shapes of a hateful statement, in both languages: a group stealing "our"
    # jobs or homes, not belonging, not welcome, compared with vermin, told to get out.
    re.compile(
        rf"\b{_GROUP}\s+(?:are\s+|r\s+)?(?:stealing|taking|nicking|robbing)\s+(?:all\s+)?our"
        r"\s+(?:jobs|houses|homes|benefits|country|women|money)\b"
    ),
    re.compile(
        rf"\b(?:{_GROUP}\s+(?:are\s+|r\s+)?(?:not welcome|don't belong|do not belong)"
        rf"|no\s+{_GROUP}\s+(?:welcome|allowed|wanted))\b"
    ),
    re.compile(
        rf"\b{_GROUP}\s+(?:are\s+|r\s+)?(?:just\s+)?(?:like|no better than)\s+(?:\w+\s+)?"
        r"(?:animals|rats|vermin|cockroaches|parasites|insects|a disease)\b"
    ),
    re.compile(
        rf"\b{_GROUP}\s+(?:yn|sy'n)\s+(?:dwyn|cymryd|dwgyd)\s+(?:ein|y)\s+(?:swyddi|tai"
        r"|gwaith|budd-daliadau|gwlad|arian)\b"
    ),
    re.compile(
        rf"\b(?:dim|does dim|sdim)\s+croeso\s+i(?:'r|\s+y|\s+yr)?\s+{_GROUP}\b"
        rf"|\b{_GROUP}\s+(?:allan|mas|ewch adre|ewch o 'ma)\s*(?:!|$)"
    ),
    re.compile(
        rf"\b{_GROUP}\s+(?:\w+\s+){{0,3}}fel\s+(?:anifeiliaid|llygod mawr|moch|chwilod duon"
        r"|fermin|parasitiaid|llau|pla)\b"
    ),
    # The other usual shapes (ToxiGen's kinds of implicit hate, Hartvigsen et al. 2022): a
    # group called vermin, criminal, lazy or inferior as a whole; denied a right; never to
    # be trusted; ruining or taking over the country; not wanted as neighbours. Each needs
    # the group's name as the subject, so "the staff are lazy", "refugees are in dangerous
    # conditions" and "toilets for the disabled are useless" stay clean, and only a word
    # that strengthens the verdict may come between (_STRONGER).
    re.compile(
        rf"\b{_SUBJECT}\s+(?:are|r)\s+{_STRONGER}"
        r"(?:lazy|stupid|inferior|violent|liars|greedy|useless|worthless|savages|primitive"
        r"|subhuman|uncivilised|uncivilized|criminals|rapists|terrorists|thieves|animals|vermin"
        r"|scum|parasites|disgusting|filth|evil|dirty|a disease|a plague|the problem"
        r"|(?:too|so) (?:emotional|irrational|hysterical)|dumb|backward|ignorant|untrustworthy"
        r"|dishonest|scroungers|spongers|freeloaders|leeches|a drain|a burden|mentally ill"
        r"|diseased|perverts|perverted|deviants|sexual deviants|savage|brutes|immoral|unnatural"
        r"|an abomination|abominations|freaks|groomers|paedophiles|pedophiles|predators|inbred"
        r"|invaders|degenerates|(?:a )?(?:menace|menaces|threat|danger) to society"
        r"|a waste of (?:space|money))\b"
    ),
    re.compile(
        rf"\b{_SUBJECT}\s+(?:should(?:n't| not| never)|must not|mustn't)\s+be\s+allowed\s+to\s+"
        r"(?:vote|live|work|marry|adopt|come|stay|teach|own|hold|run|have kids|have children"
        r"|breed)\b"
        rf"|\b{_SUBJECT}\s+(?:can't|cannot|can never|should never)\s+be\s+trusted\b"
        rf"|\b{_SUBJECT}\s+(?:are\s+)?(?:ruining|destroying|taking over|invading|infesting)\s+"
        r"(?:this|our|the|britain|wales|england|the uk)\b"
        rf"|\b(?:don't|do not)\s+want\s+(?:any\s+)?{_GROUP}\s+(?:living|moving|working)\s+"
        r"(?:here|near|next|round|in)\b"
        rf"|\bthe only good\s+{_GROUP}\b"
    ),
    re.compile(
        rf"\b{_SUBJECT}\s+(?:i gyd\s+)?(?:yn|yw|ydy|sy'n)\s+{_STRONGER}"
        rf"{_VERDICT_CY}\b"
    ),
    re.compile(
        rf"\b(?:ddylai|dylai|ddylen|dylen)(?:'r|\s+y|\s+yr)?\s+{_GROUP}\s+ddim\s+(?:cael\s+)?"
        r"(?:(?:yr\s+)?hawl\s+i\s+)?(?:bleidleisio|pleidleisio|byw|fyw|gweithio|weithio"
        r"|priodi|briodi|dod|ddod|aros|mabwysiadu|fabwysiadu)\b"
        rf"|\b(?:does dim|sdim|dim)\s+modd\s+(?:trystio|ymddiried\s+yn)(?:'r|\s+y|\s+yr)?"
        rf"\s+{_GROUP}\b"
        rf"|\b{_SUBJECT}\s+(?:yn|sy'n)\s+(?:difetha|dinistrio|chwalu|cymryd drosodd)\b"
        rf"|\b(?:dw i|dwi|rwy|dydw i|dw i ddim|dwi ddim)\s+(?:ddim\s+)?(?:eisiau|isio|moyn)"
        rf"(?:'r|\s+y|\s+yr)?\s+{_GROUP}\s+(?:yn byw|yma|drws nesa)"
    ),
    re.compile(
        rf"\b(?:dydy|dyw|dydi|nid yw|nad yw)(?:'r|\s+y|\s+yr)?\s+{_GROUP}\s+(?:ddim\s+)?"
        r"(?:yn\s+)?perthyn\s+(?:yma|i gymru|yng nghymru|fan hyn)\b"
    ),
]

# The abuse flag's reasons, as officers read them (console/reasons.py words them in Welsh).
OBSCENE = "obscene language"
SLUR = "slur"
THREAT = "threat of violence"
HATE = "hateful statement about a group"
INSULT = "insult aimed at someone"
ABUSE_REASONS = (OBSCENE, SLUR, THREAT, HATE, INSULT)


def check(text: str, language: str | None = None) -> list[Flag]:
    """The flags this answer deserves, each with a reason, at most one reason per rule."""
    if not text or not text.strip():
        return []
    folded = fold(text)
    masked = masked_words(text.lower())  # read once for both reasons
    flags: list[Flag] = []
    if is_obscene(text, folded, masked):
        flags.append(Flag(ABUSE, OBSCENE))
    if _SLUR.search(folded) or not masked.isdisjoint(SLURS_EN):
        flags.append(Flag(ABUSE, SLUR))
    if any(p.search(folded) for p in _THREATS):
        flags.append(Flag(ABUSE, THREAT))
    if _GO_BACK.search(folded) or (
        not _GROUP_TOKENS.isdisjoint(_WORD.findall(folded)) and _hateful(folded)
    ):
        flags.append(Flag(ABUSE, HATE))
    if _aimed_insult(folded):
        flags.append(Flag(ABUSE, INSULT))
    flags.extend(Flag(SPAM, reason) for reason in spam_reasons(text))
    flags.extend(Flag(IDENTIFYING, reason) for reason in identifying_reasons(text))
    return flags


# A claim named as false before it is said: "it is a common misconception that native
# americans are all savages", "nid yw'n wir fod mewnfudwyr yn ddiog".
_DENIED = re.compile(
    r"\b(?:misconception|myth|stereotype|lie|not true|untrue|false|wrong to (?:say|think|believe)"
    r"|camsyniad|chwedl|ystrydeb|celwydd|ddim yn wir|nid yw'n wir|nad yw'n wir)"
    r"\s+(?:\w+\s+)?(?:that|bod|fod|mai)\b[^.!?]*$"
)


def _hateful(folded: str) -> bool:
    """A hateful statement about a group, not one denied in its own sentence."""
    return any(
        not _DENIED.search(folded[: match.start()])
        for pattern in _HATE
        for match in pattern.finditer(folded)
    )


def is_obscene(text: str, folded: str | None = None, masked: set[str] | None = None) -> bool:
    """Whether the text holds an obscenity, English or Welsh, in any of its written forms.
    ``folded`` and ``masked`` (masked.masked_words), when the caller has them already."""
    if folded is None or "Dick" in text:
        folded = fold(_NAMED_DICK.sub("Richard", text))
    folded = _PITCH_BLACK.sub("du pyg", folded)
    lowered = text.lower()
    if MASKED_SWEARING.search(lowered) or _obscene_words(folded):
        return True
    if masked is None:
        masked = masked_words(lowered)
    if not masked.isdisjoint(OBSCENE_EN):
        return True
    # Letters spelt out to dodge a filter: "f u c k", "c.a.c.h.u", "ff-y-c-i-n".
    spelt = [_SEPARATORS.sub("", m.group()) for m in _SPELT_OUT.finditer(folded)]
    return any(_obscene_words(word) for word in spelt)


def _obscene_words(folded: str) -> bool:
    words = set(_WORD.findall(folded))
    return bool(
        not _OBSCENE_WORDS.isdisjoint(words)
        or _OBSCENE.search(folded)
        or _SWEAR_STEMS.search(folded)
        or (not TIN_WORDS.isdisjoint(words) and TIN.search(folded))
    )


_SPELT_OUT = re.compile(r"(?<![\w'])(?:(?:ff|[^\W_])[\s.\-_*]+){2,}(?:ff|[^\W_])(?![\w'])")
_SEPARATORS = re.compile(r"[\s.\-_*]+")


_AIMED = re.compile(
    r"\b(?:(?:(?:you|u|ya)(?:\s+(?:lot|people|guys|lads|all))?|they|he|she|councillors?"
    r"|officers?|staff|cllr \w+|(?:the|our|that|this) (?:mayor|leader|councillor|officer"
    r"|manager|landlord|boss))\s+(?:are|r|is|'re|'s)"
    r"|(?P<cy>ti|chi|nhw|hi|fe|fo|e|o|(?:'r|y|yr) (?:maer|cynghorydd|cynghorwyr|arweinydd"
    r"|swyddog|swyddogion|rheolwr|landlord|staff))(?:'n|\s+yn))\s+(?:such\s+|a\s+|an\s+|all\s+"
    r"|bunch of\s+|load of\s+|just\s+|bloody\s+|fucking\s+|hen\s+|blydi\s+|ffycin\s+|yn\s+"
    r"|griw o\s+|llwyth o\s+|bunch o\s+)*(?P<word>\w+)"
)
# Said to someone whatever follows: "cau dy geg", "cer i grafu", "y twpsyn".
_DISMISSALS = re.compile(
    r"\b(?:cau dy (?:hen )?geg|cer i grafu|dos i grafu|(?:cer|dos) o 'ma"
    r"|shut (?:your|ur) (?:mouth|face)"
    r"|shut up|drop dead|get lost|nobody likes you|y (?:twpsyn|twpsen|hurtyn|lembo|penbwl|ffwlbart)"
    r"|(?:stupid|silly|fat|lazy|ugly|daft) (?:old )?cow|waste of (?:space|oxygen|skin)"
    r"|cer i farw|dos i farw|lladd(?:a)? dy hun|neb yn dy hoffi|ti(?:'n| yn) drewi"
    r"|(?:dwyt|dydy|dyw) (?:ti|chi|nhw) (?:ddim )?(?:yn )?(?:dda|da) i ddim)\b"
)


# Welsh puts the predicate first for emphasis: "twpsyn wyt ti", "idiotiaid ydyn nhw".
_AIMED_CY = re.compile(
    r"\b(\w+)\s+(?:wyt ti|ydych chi|ydach chi|dach chi|ydi o|ydi hi|yw e|yw hi|ydyn nhw"
    r"|ydan nhw|ydy o|ydy hi)\b"
)


# In a Welsh sentence "moron" are carrots; "mae o'n dew" (he is fat) describes someone, and
# only says it to their face as "ti'n dew" (both from the Patagonia conversations).
_WELSH_HOMOGRAPHS = frozenset({"moron"})
_PLAIN = frozenset({"tew", "dew"})
_SECOND = frozenset({"ti", "chi"})


def _aimed_insult(folded: str) -> bool:
    if _DISMISSALS.search(folded):
        return True
    for match in _AIMED.finditer(folded):
        word, pronoun = match.group("word"), match.group("cy")
        if pronoun and (word in _WELSH_HOMOGRAPHS or (pronoun not in _SECOND and word in _PLAIN)):
            continue
        if _INSULT.fullmatch(word):
            return True
    for match in _AIMED_CY.finditer(folded):
        if match.group(1) not in _WELSH_HOMOGRAPHS and _INSULT.fullmatch(match.group(1)):
            return True
    return bool(re.search(r"\b(?:you|ya|u)\s+(?:\w+\s+)?(?:" + _INSULT.pattern + ")", folded))


def kinds(flags: list[Flag]) -> list[str]:
    """The distinct kinds, in KINDS order: what `whatmatters redact` writes as "flags"."""
    present = {flag.kind for flag in flags}
    return [kind for kind in KINDS if kind in present]
