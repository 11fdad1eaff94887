"""Flags on an answer, with the reason an officer is shown: abuse, spam, identifying.

- "abuse": an obscenity or slur (lexicon.py), a threat of violence, an insult aimed at
  someone, or a hateful statement about a group ("all immigrants should ...", "y saeson i
  gyd yn ...": group_hate.py), English or Welsh.
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

from nlp.moderation.group_hate import hateful
from nlp.moderation.identifying import identifying_reasons
from nlp.moderation.lexicon import (
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


# Phones type curly apostrophes ("you’re", "ti’n"); the patterns are written with "'".
_APOSTROPHES = str.maketrans(dict.fromkeys("’‘ʼ`´", "'"))


def fold(text: str) -> str:
    """Lower case, straight apostrophes, no accents, look-alike digits as letters, long runs
    of a letter cut to one."""
    text = unicodedata.normalize("NFKD", text.lower().translate(_APOSTROPHES))
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
_INSULT_CY_FORMS = mutated_forms(INSULTS_CY) - {"lo", "o", "gwp"}
_INSULT = _phrase_pattern(INSULTS_EN | _INSULT_CY_FORMS)

# People in office or in a dispute with the writer, whom a threat or a death wished is aimed
# at: "I know where the councillor lives", "I hope the landlord dies".
_IN_OFFICE = (
    r"councillors?|cllrs?|mayor|leader|ministers?|mps?|officers?|planners?|landlord|boss"
    r"|manager|inspector|warden|chief executive"
)

# Whom or what a threat is aimed at: a person or their home, car or office. The verbs are
# everyday words too: "I'll burn the leaves", "we'll beat the record", "I'll hurt my back",
# "I'll kill the weeds" threaten no one.
_TARGET = (
    r"(?:you|u|ya|ye|yous|him|her|them|'?em|anyone|anybody|somebody|someone|whoever|everyone"
    r"|the lot of (?:you|yous|them)"
    r"|(?:his|her|their|your|ur|the|that|this|those|these|every|any|a)\s+(?:\w+\s+){0,2}?"
    rf"(?:{_IN_OFFICE}|neighbours?|people|man|woman|men|women|lads?|kids?|family|bastards?"
    r"|idiots?|house|home|car|cars|van|windows?|door|offices?|depot|shop|tyres|building|staff"
    r"|drivers?|binmen|bin men|clerk|receptionists?|nurses?|doctors?)\b)"
)

# Those a violent end is wished on (_THREATS): a pronoun, whoever did something, someone in
# office, or people by what they do ("people who drop litter", "dog walkers who leave mess").
_PEOPLE_WISHED = (
    r"(?:they|he|she|you|u|the lot of (?:them|you)|those responsible|(?:whoever|anyone who"
    r"|anybody who)(?:\s+\w+){1,6}?"
    r"|(?:(?:the|these|those|that|this|our|all|all the|all these|all those|some)\s+)?"
    r"(?:\w+\s+){0,2}?"
    rf"(?:{_IN_OFFICE}|people|ppl|drivers|owners|walkers|kids|yobs|youths|vandals|tippers"
    r"|thieves|scumbags|scum|paedos|paedophiles|dealers|politicians|idiots|morons|bastards)"
    r"(?:\s+who(?:\s+\w+){1,6}?)?)"
)

# The same in Welsh, after the article ("y cynghorydd", "'r swyddogion"): people in office,
# and whom or what a threat is aimed at.
_IN_OFFICE_CY = (
    r"maer|cynghorydd|cynghorwyr|arweinydd|swyddog|swyddogion|rheolwr|landlord|warden|staff"
)
_TARGET_CY = (
    rf"(?:{_IN_OFFICE_CY}|cymydog|cymdogion|bastad|bastard|diawl|tŷ|ty|car|swyddfa|ffenest"
    r"|ffenestr|ffenestri|drws|siop|fan|cyngor|gyngor)"
)

_THREATS = [
    re.compile(
        r"\b(?:i(?:'ll| will| am going to|'m going to|'m gonna| gonna)|we(?:'ll| will)|someone "
        r"(?:should|will|needs to)|gonna)\s+(?:\w+\s+)?(?:kill|stab|shoot|hurt|batter|burn|smash"
        rf"|murder|bomb|hang|beat|torch|punch|knife|strangle)\s+{_TARGET}"
    ),
    re.compile(
        r"\b(?:you(?:'re| are)\s+(?:a\s+)?dead(?:\s+man)?|watch your back|kill yourself"
        r"|kys|you(?:'ll| will) get what'?s coming(?: to you)?"
        # "I know where the councillor lives": said to frighten; of someone in office or in a
        # dispute (of "he" it is as often help: "I know where he lives, I'll take it round").
        rf"|i know where (?:you|u|(?:the|that|your|our|this) (?:\w+ )?(?:{_IN_OFFICE})) lives?"
        # "the planning officer deserves a good kicking", "needs a good hiding"; said of a
        # council, a government or a party it is a vote ("the Tories deserve a kicking").
        r"|(?<!council )(?<!councils )(?<!government )(?<!tories )(?<!labour )(?<!party )"
        r"(?<!parties )(?<!senedd )(?<!parliament )(?<!plaid )(?<!reform )"
        r"(?:deserves?|needs?) (?:a )?(?:good |proper |bloody )?(?:kicking|beating|hiding"
        r"|battering|slap|smack|punch|thump)(?! (?:of|place|places|spot|from)\b)"
        # ... but at the ballot box it is a vote: "deserves a kicking at the election".
        r"(?! (?:at|in) the (?:next )?(?:election|elections|polls|ballot box|ballot)\b)"
        # "someone should give that councillor a good kicking": to a person, not a party
        # or a council, whom a vote gives one.
        rf"|\bgiv(?:e|es|ing) {_TARGET} (?:a )?(?:good |proper |bloody )?(?:kicking|beating"
        r"|hiding|battering|slap|smack|punch|thump|going over)(?! (?:at|in) the (?:next )?"
        r"(?:election|elections|polls|ballot box|ballot)\b)"
        r"|burn (?:it|them|the(?: \w+){1,3}|(?:his|her|their|your) \w+) down"
        # "put a brick through his window": damage to someone's home, whoever does it.
        r"|(?:put|putting|throw|throwing|chuck|chucking|lob) a (?:brick|rock|stone) through"
        r" (?:his|her|their|your|the \w+'s) (?:window|windows|windscreen))\b"
    ),
    re.compile(
        r"\b(?:(?:dw ?i|rwy|rydw i|wi)(?:'n)? (?:mynd i|am)|(?:mi |fe )?(?:a|af|wna|wnaf|bydda)"
        r" i(?:'n)?)\s+(?:dy|eich|ei|ei h)?\s*(?:ladd|lladd|losgi|llosgi|frifo|brifo|guro|curo"
        r"|drywanu|thrywanu|saethu|dagu|tagu|waldio|stido|leinio|golbio|colbio)\b"
        # After the verb, a thing with its article threatens no one ("llosgi'r dail", burn
        # the leaves; "curo'r record"): only a person or their home, car or office.
        rf"(?!(?:'r|\s+y|\s+yr)\s+(?!{_TARGET_CY}\b))"
    ),
    # Wishing someone dead, aimed at "you", a person or someone in office: "I hope you die",
    # "I hope the councillor dies", "gobeithio ti'n marw". Not "she died peacefully": only
    # "hope" with a pronoun or an office before the verb, and not a verb with an object or a
    # particle ("burn the leaves", "die down") or a gentle end ("dies in his sleep",
    # "peacefully").
    re.compile(
        r"\b(?:i\s+)?hope\s+(?:you|u|ya|he|she|they|(?:the|that|our)\s+(?:\w+\s+)?"
        rf"(?:{_IN_OFFICE}|neighbours?|bastards?))\s+(?:all\s+)?"
        r"(?:die|dies|get killed|gets killed|rot|rots|burn)\b"
        r"(?!\s+(?:peacefully|in peace|comfortably|without|down|out|off|away|the|a|an"
        r"|it|them|some|soon|in (?:his|her|their|my|your) sleep)\b)"
        r"|\bgobeithio\s+(?:y\s+|bod\s+|fod\s+)?(?:ti|chi|o|fo|hi|e|nhw)(?:'n|\s+yn)\s+"
        r"(?:marw|pydru|llosgi)(?![\w'])(?!\s+(?:yn\s+)?(?:dawel|heddychlon))"
    ),
    # A violent end wished on people: "the councillors should be shot", "whoever designed
    # this wants shooting", "dog walkers who leave mess should be strung up". Of people only:
    # "the dog should be put down", "the scheme should be killed off" and "pictures should be
    # hung" threaten no one, nor does "hung out to dry". Tried only on a text that holds one
    # of the verbs (the lookahead): the people before them may start at any word.
    re.compile(
        r"\A(?=[\s\S]*?\b(?:shot|hanged|hung|strung|lynched|executed|killed|wall|shooting"
        r"|hanging|stringing|saethu|crogi)\b)[\s\S]*?(?:"
        rf"\b{_PEOPLE_WISHED}\s+(?:should|ought to|needs? to|deserves? to)\s+(?:all\s+)?be"
        r"\s+(?:all\s+)?(?:shot|hanged|hung|strung up|lynched|executed|killed|put against a wall)"
        r"(?!\s+(?:off|out|down)\b)"
        # "wants shooting" ends its clause: "the kids need shooting hoops" is a game.
        rf"|\b{_PEOPLE_WISHED}\s+(?:wants?|needs?)\s+(?:shooting|hanging|stringing up)"
        r"(?=\s*(?:$|[.,!?;:)]|(?:and|or|but|for|if|tbh|frankly|really|quite honestly)\b))"
        # Welsh: "dylen nhw gael eu saethu", "dylai'r cynghorwyr gael eu crogi" (shot,
        # hanged; "eu", them: not "dylai'r cynllun gael ei ladd", the plan killed off).
        r"|\b(?:dylen|dylien|dylai|dyla|ddylen|ddylai)(?:'r)?\s+(?:\w+\s+){0,3}?(?:gael|cael)"
        r"\s+eu\s+(?:saethu|crogi)\b)"
    ),
    # "torri dy wddw", "curo'i wyneb": harm to a body, whoever says it.
    re.compile(
        r"\b(?:[dt]orri|guro|curo|falu|malu)(?:\s+(?:dy|eich|ei)\s+|'[ir]\s+|'th\s+|'ch\s+)"
        r"(?:g?wddw|g?wddf|goes|coesau|drwyn|trwyn|wyneb|ben)\b"
    ),
    re.compile(
        r"\b(?:dylai rhywun|rhaid i rhywun)\s+(?:eu |ei |dy )?(?:ladd|lladd|saethu|losgi)\b"
    ),
    # "mae o'n haeddu cweir", "angen curfa dda": a beating wished as deserved, as in English
    # ("cael curfa", to get one, is what happened; "gweir", its mutation, is hay).
    re.compile(r"\b(?:haeddu|angen|isio|eisiau)\s+(?:cweir|curfa|chweir)\b"),
    re.compile(
        r"\b(?:gwylia dy gefn|ti(?:'n)? farw"
        r"|dw ?i'n gwybod (?:lle|ble) (?:ti'n|(?:mae|ma)(?:'r | y | yr | )\w+(?:'n| yn)) byw)\b"
    ),
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
    text = text.translate(_APOSTROPHES)  # every rule reads "I'm", "you've" as typed
    folded = fold(text)
    masked = masked_words(text.lower())  # read once for both reasons
    flags: list[Flag] = []
    if is_obscene(text, folded, masked):
        flags.append(Flag(ABUSE, OBSCENE))
    if _SLUR.search(folded) or not masked.isdisjoint(SLURS_EN):
        flags.append(Flag(ABUSE, SLUR))
    if any(p.search(folded) for p in _THREATS):
        flags.append(Flag(ABUSE, THREAT))
    if hateful(folded):
        flags.append(Flag(ABUSE, HATE))
    if _aimed_insult(folded):
        flags.append(Flag(ABUSE, INSULT))
    flags.extend(Flag(SPAM, reason) for reason in spam_reasons(text))
    flags.extend(Flag(IDENTIFYING, reason) for reason in identifying_reasons(text))
    return flags


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


# People a resident meets, whom an insult after them is aimed at ("the doctor was a complete
# idiot", "the bus driver was a moron"), as at people in office.
_PEOPLE_MET = (
    r"doctors?|dr|gps?|nurses?|receptionists?|consultants?|surgeons?|drivers?|neighbours?"
    r"|man|woman|lady|bloke|guy|girl"
)
# ... and in Welsh, after the article, with a word that may follow the noun ("y gyrrwr bws",
# "'r swyddog cynllunio"); "y ddynes" as the article softens it.
_PEOPLE_MET_CY = r"meddyg|doctor|nyrs|gyrrwr|derbynnydd|cymydog|dyn|ddynes|dynes|boi|ymgynghorydd"
_AIMED = re.compile(
    r"\b(?:(?:(?:you|u|ya)(?:\s+(?:lot|people|guys|lads|all))?|they|he|she|councillors?"
    rf"|officers?|staff|cllr \w+|(?:the|our|that|this|my) (?:\w+ )?(?:{_IN_OFFICE}|{_PEOPLE_MET}))"
    r"(?:\s+(?:are|r|is|was|were)|'re|'s)|(?:you|they)re|ur"
    rf"|(?P<cy>ti|chi|nhw|hi|fe|fo|e|o|(?:'r|y|yr) (?:{_IN_OFFICE_CY}|{_PEOPLE_MET_CY})(?: \w+)?)"
    r"(?:'n|\s+yn))\s+(?:such\s+|a\s+|an\s+|all\s+"
    r"|bunch of\s+|load of\s+|just\s+|bloody\s+|fucking\s+|hen\s+|blydi\s+|ffycin\s+|yn\s+"
    r"|griw o\s+|llwyth o\s+|bunch o\s+"
    # ... and the words that only sharpen the insult after them: "a bunch of useless idiots".
    r"|(?:useless|stupid|total|complete|absolute|utter|incompetent|pathetic|right|proper"
    r"|clueless|brainless|spineless|arrogant|lazy|old)\s+)*(?P<word>\w+)"
)
# Said to someone whatever follows: "cau dy geg", "cer i grafu", "y twpsyn"; to many, or
# politely, as a resident addresses the council: "caewch eich ceg", "ewch i grafu".
_GO = r"(?:cer|dos|ewch|cerwch)"
_DISMISSALS = re.compile(
    rf"\b(?:ca(?:u|ewch|uwch) (?:dy (?:hen )?geg|eich (?:hen geg|ceg))|{_GO} i grafu|{_GO} o 'ma"
    r"|shut (?:your|ur) (?:mouth|face)"
    # Not the literal "get lost in the system", nor "shut up shop" (closed for good).
    r"|shut up(?! shop)|drop dead|get lost(?! (?:in|on|at|between|among|amongst|along|through"
    r"|somewhere|when|if|again)\b)|nobody likes you"
    r"|y (?:twpsyn|twpsen|hurtyn|lembo|penbwl|ffwlbart)"
    r"|(?:stupid|silly|fat|lazy|ugly|daft|stuck[ -]up|miserable|rude|nasty|nosy|nosey)"
    r" (?:old )?cow"
    r"|waste of (?:space|oxygen|skin)"
    rf"|{_GO} i farw|lladd(?:a)? dy hun|neb yn dy hoffi|ti(?:'n| yn) drewi"
    r"|(?:dwyt|dydy|dyw) (?:ti|chi|nhw) (?:ddim )?(?:yn )?(?:dda|da) i ddim)\b"
)


# Welsh puts the predicate first for emphasis: "twpsyn wyt ti", "idiotiaid ydyn nhw".
_AIMED_CY = re.compile(
    r"\b(\w+)\s+(?:wyt ti|ydych chi|ydach chi|dach chi|ydi o|ydi hi|yw e|yw hi|ydyn nhw"
    r"|ydan nhw|ydy o|ydy hi)\b"
)


# In a Welsh sentence "moron" are carrots; "mae o'n dew" (he is fat) describes someone, and
# only says it to their face as "ti'n dew" (both from the Patagonia conversations). So does
# "twp" or "dwl" (daft, stupid): "roedd e'n meddwl ei bod hi'n dwp" reports what someone
# thought, as "he thought she was stupid" does in English, which no rule flags either;
# "ti'n dwp" says it to the reader.
_WELSH_HOMOGRAPHS = frozenset({"moron"})
_PLAIN = frozenset({"tew", "dew", "twp", "dwp", "dwl", "ddwl", "hurt"})
_SECOND = frozenset({"ti", "chi"})
# Welsh insults that are English words in another sense, read only after a Welsh pronoun:
# "she was hurt when the bus braked", "you hurt me", "the morning dew".
_ENGLISH_SENSES = frozenset({"hurt", "dew"})
_YOU_THEN_INSULT = re.compile(
    r"\b(?:you|ya|u)\s+(?:\w+\s+)?(?:"
    + _phrase_pattern(INSULTS_EN | (_INSULT_CY_FORMS - _ENGLISH_SENSES)).pattern
    + ")"
)


def _aimed_insult(folded: str) -> bool:
    if _DISMISSALS.search(folded):
        return True
    for match in _AIMED.finditer(folded):
        word, pronoun = match.group("word"), match.group("cy")
        if pronoun and (word in _WELSH_HOMOGRAPHS or (pronoun not in _SECOND and word in _PLAIN)):
            continue
        if not pronoun and word in _ENGLISH_SENSES:
            continue
        if _INSULT.fullmatch(word):
            return True
    for match in _AIMED_CY.finditer(folded):
        if match.group(1) not in _WELSH_HOMOGRAPHS and _INSULT.fullmatch(match.group(1)):
            return True
    return bool(_YOU_THEN_INSULT.search(folded))


def kinds(flags: list[Flag]) -> list[str]:
    """The distinct kinds, in KINDS order: what `whatmatters redact` writes as "flags"."""
    present = {flag.kind for flag in flags}
    return [kind for kind in KINDS if kind in present]
