"""Details that point at one person even with every name redacted.

A quote can identify its author, or someone else, without a name: "my son at Ysgol Bryn
Alyn" (a child at a small school), "the only chemist in Llay", "as the headteacher of ...",
"the lollipop lady on Bryn Road" (a job and a small place). Officers decide; these rules
say why they should look. English and Welsh.
"""

from __future__ import annotations

import re

from nlp.moderation.hint_words import (
    BUSINESS,
    CAP,
    EVENTS,
    EVENTS_CY,
    JOB_ADJECTIVES,
    JOBS,
    KIN,
    LOCAL,
    NAMED,
    NAMED_PLACE_CY,
    ONE_PER_PLACE,
    PLACE_WORDS,
    RARE_AGE,
    RELATIVE,
    RELATIVE_CY,
    WORKPLACES_CY,
    WORKS_IN_A_NAMED_PLACE,
)
from nlp.redaction.gazetteer import fold, load_gazetteer

RULES: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(
            # Case is ignored but in the school's name, which CAP finds by its capital: "my
            # child at home and school" names none.
            rf"\b(?i:my|our|fy|ein)\s+(?:\w+\s+)?(?i:{KIN})\b[^.!?\n]{{0,40}}?\b"
            rf"(?:(?i:at|in|goes to|attends|yn|sy'n mynd i)\s+(?:(?i:ysgol)|{CAP}\s+"
            rf"(?i:{PLACE_WORDS}))"
            # A school year says the rest is a school: "in year 3 at St Mary's", "ym mlwyddyn
            # 6 yn St Mary's" (the year mutates after "ym").
            rf"|(?i:year|[bmf]lwyddyn|reception|derbyn)\s*\d{{0,2}}\s+(?i:at|in|yn|ym|yng)\s+"
            rf"{CAP})",
        ),
        "a child and their school",
    ),
    (
        re.compile(
            rf"\b(?i:the only)\s+(?:\w+\s+){{0,4}}?(?i:{JOBS}|{PLACE_WORDS}|\w+)\s+"
            rf"(?i:in|on|at|near|round|around)\s+(?:(?:the\s+)?{NAMED}|{LOCAL})"
        ),
        "'the only ...' in a place points at one person",
    ),
    (
        re.compile(
            rf"\b(?:yr unig|unig)\s+\w+\s+(?:\w+\s+)?(?:yn|ym|yng|ar|ger)\s+"
            rf"(?:{NAMED}|(?i:y|yr|ein)\s+(?i:pentref|pentre|stryd|ystad|stad|ffordd|heol))"
        ),
        "'yr unig ...' mewn lle: one person",
    ),
    (
        # Welsh may name the workplace right after the job ("fel prifathrawes Ysgol y Llan",
        # "dw i'n nyrs Meddygfa'r Waun"); "'n" only after the writer ("mae hi'n nyrs" is not).
        re.compile(
            # "yn" only after the writer ("rydw i yn feddyg"): "roedd yn weinidog yng
            # Nghaernarfon" is someone's biography
            # Not someone else's life told: "she worked as a nurse in Serbia", "gweithiodd
            # fel nyrs yn Serbia", "ceir ei hanes fel gweinidog ym Mhenclawdd".
            rf"(?:(?<!\b(?i:he worked) )(?<!\b(?i:she worked) )(?<!\b(?i:he served) )"
            rf"(?<!\b(?i:she served) )(?<!(?i:gweithiodd) )(?<!(?i:weithiodd) )"
            rf"(?<!(?i:bu'n gweithio) )(?<!(?i:ei hanes) )"
            rf"\b(?i:as|being|i am|i'm|im|fel|i yn|fi yn)\s+"
            rf"|\b(?i:dw i|dwi|rydw i|rwy|ydw i)'n\s+"
            # "Fi yw'r ficer yn Eglwys Sant Silyn": I am the vicar.
            rf"|\b(?i:fi yw|fi ydy|fi ydi)'r\s+)"
            rf"(?i:the|a|an|y|yr)?\s*(?:(?i:{JOB_ADJECTIVES})\s+){{0,2}}(?i:{JOBS})\s+"
            rf"(?:(?i:of|at|in|for|on|outside|opposite|near|by|yn|ym|yng|ar|ger|dros)\s+"
            rf"(?:the\s+|y\s+|yr\s+)?(?:(?i:ward)\s+)?{NAMED}|{NAMED_PLACE_CY})"
        ),
        "the writer's job at a named place",
    ),
    (
        re.compile(
            r"\b(?i:as|being|i am|i'm|im|i've been|i have been|i was)\s+(?i:the)\s+"
            rf"(?!(?i:{JOB_ADJECTIVES})\b){NAMED}\s+(?:(?i:{JOB_ADJECTIVES})\s+){{0,2}}"
            rf"(?i:{ONE_PER_PLACE})\b"
        ),
        "the writer's job at a named place",
    ),
    (
        # Where the writer works, when the workplace is in a named place: "I work at the Co-op
        # in Coedpoeth", "dw i'n gweithio yn y siop yng Nghoedpoeth"; not a council or a town
        # alone ("I work for the council", "I work in Wrexham").
        re.compile(
            rf"\b(?i:i|we)\s+{WORKS_IN_A_NAMED_PLACE}"
            rf"|\b(?i:dw i'n|dwi'n|rydw i'n|rwy'n|roeddwn i'n|ro'n i'n)\s+(?i:gweithio)\s+"
            rf"(?i:yn|i|gyda|efo)\s+(?i:y|yr)\s+(?:[\w&'’-]+\s+){{1,3}}?(?i:yn|ym|yng|ar)\s+{NAMED}"
        ),
        "the writer's job at a named place",
    ),
    (
        # The place may come after the workplace: "the caretaker at the community centre in
        # Caia Park", "y nyrs yn y feddygfa yn Llai".
        re.compile(
            rf"\b(?i:the|our|my|y|yr|ein)\s+(?i:{JOBS})\s+(?i:of|at|in|on|from|yn|ym|yng|ar|o)"
            rf"\s+(?:(?:the\s+|y\s+|yr\s+)?{CAP}|(?:\w+\s+){{1,3}}?(?i:in|on|at|yn|ym|yng|ar)"
            rf"\s+{NAMED})"
        ),
        "a job and a small place point at one person",
    ),
    (
        # A relative's job at a named place points at them, and at the writer through them:
        # "my wife is the practice manager at Hillcrest surgery", "my dad works at the Spar
        # in Llay", "mae fy ngŵr yn nyrs ym Meddygfa'r Waun".
        re.compile(
            rf"\b(?i:my|our)\s+{RELATIVE}\s+(?:(?i:is|was|works as|worked as)\s+"
            rf"(?:(?i:the|a|an)\s+)?(?:(?i:{JOB_ADJECTIVES})\s+){{0,2}}(?i:{JOBS})\s+"
            rf"(?i:of|at|in|for|on|outside)\s+(?:the\s+)?{NAMED}"
            rf"|{WORKS_IN_A_NAMED_PLACE})"
            rf"|\b(?i:fy|ein)\s+{RELATIVE_CY}\s+(?i:yn)\s+(?i:{JOBS})\s+"
            rf"(?:(?i:yn|ym|yng|ar|i)\s+(?:(?i:y|yr)\s+)?{NAMED}|{NAMED_PLACE_CY}"
            # "yn ofalwr yn yr ysgol yn Rhos": the workplace, then its place
            rf"|(?i:yn|ym|yng|ar|i)\s+(?i:y|yr)\s+(?:\w+\s+){{1,3}}?(?i:yn|ym|yng|ar)\s+{NAMED})"
        ),
        "a job and a small place point at one person",
    ),
    (
        # Who leads a named group, club or council is known to its members and beyond: "I
        # chair Rossett Community Council", "I run the Gresford Bowls Club", "fi sy'n
        # cadeirio Cyngor Cymuned Llai"; not a day's or a festival's event ("I run the
        # Christmas fair": NAMED).
        re.compile(
            rf"\b(?i:i|we)\s+(?i:chair|chaired|lead|led|run|ran|organise|organised|organize"
            rf"|organized|coordinate|coordinated|founded|started|set up)\s+(?:(?i:the)\s+)?"
            rf"{NAMED}(?:\s+[\w'’-]+){{0,3}}?\s+(?i:club|society|group|council|association"
            rf"|committee|team|choir|band|forum|trust|charity|church|chapel|league|network)\b"
            rf"|(?i:fi sy'n|fi oedd yn|dw i'n|dwi'n|rydw i'n|rwy'n)\s+(?i:cadeirio|arwain|rhedeg"
            rf"|trefnu)\s+(?:(?i:y|yr)\s+)?(?i:clwb|cymdeithas|grŵp|grwp|cyngor|pwyllgor|tîm|tim"
            rf"|côr|cor|fforwm|ymddiriedolaeth|elusen|capel|eglwys)\s+"
            rf"(?:{NAMED}|(?:\w+\s+){{0,2}}?(?i:yn|ym|yng|ar)\s+{NAMED})"
        ),
        "the writer leads a named group",
    ),
    (
        # Who runs the only shop, pub or café of a place is known there: "I run the Spar in
        # Gresford", "we own the chippy on Bryn Road", "dw i'n rhedeg y siop yn Llai".
        re.compile(
            rf"\b(?i:i|we|i've|we've)\s+(?i:run|own|ran|owned|kept|keep)\s+(?i:the|a)\s+"
            rf"(?:\w+\s+)?(?:(?i:{BUSINESS})|{NAMED})\s+(?i:in|on|at)\s+{NAMED}"
            rf"|(?i:dw i'n|dwi'n|rydw i'n|rwy'n|ni'n|rydyn ni'n|fi sy'n|ni sy'n)\s+"
            rf"(?i:rhedeg|rheoli|cadw|berchen(?:\s+ar)?)\s+(?:(?i:y|yr)\s+)?(?:\w+\s+)?"
            rf"(?i:{BUSINESS})\s+(?:\w+\s+)?(?i:yn|ym|yng|ar)\s+{NAMED}"
        ),
        "the writer's business in a named place",
    ),
    (
        # An age few share, with where the writer lives: a child or someone of 85 or more in
        # a named place ("I am 94 and live alone on Maes y Dref", "I'm a 17 year old carer
        # in Gwersyllt", "dw i'n 94 oed ac yn byw yn Llai"). Ages in between are too common
        # to point at anyone.
        re.compile(
            rf"\b(?i:i am|i'm|im|i’m|aged|dw i'n|dwi'n|rydw i'n|rwy'n)\s+(?:(?i:a|an)\s+)?"
            rf"{RARE_AGE}[^.!?\n]{{0,60}}?\b(?i:in|on|at|yn|ym|yng|ar)\s+(?:the\s+)?"
            # "at the end of Bryn Road", "ym mhen draw Heol y Bryn"
            rf"(?:(?i:end|top|bottom|corner|far end|pen draw|mhen draw|mhen)\s+(?i:of\s+)?)?"
            rf"{NAMED}"
        ),
        "the writer's age and a named place",
    ),
    (
        # The writer as the neighbours know them: "I'm the deaf lady who lives by the chapel",
        # "I'm the man with the guide dog", "Fi ydy'r ddynes efo'r ci".
        re.compile(
            r"\b(?:i'm|i am|im|i’m|we're|we are|we’re)\s+the\s+(?:[\w-]+\s+){0,3}?(?:lady|man"
            r"|woman|guy|girl|boy|lad"
            r"|bloke|fella|chap|gentleman|pensioner|widow|widower|mum|dad|mother|father|family"
            r"|couple)\s+(?:who|with|that|from|next|opposite|by|at|on)\b"
            r"|\bfi\s+(?:yw|ydy|ydi)['’]r\s+(?:\w+\s+){0,2}?(?:ddynes|dyn|fenyw|wraig|gŵr|ferch"
            r"|bachgen|fam|tad|teulu)\s+(?:sy['’]n|efo|gyda|o|drws)\b",
            re.IGNORECASE,
        ),
        "the writer describes themself as the neighbours know them",
    ),
    (
        # The house as the street knows it, or its number: "I live in the end house", "we
        # live at number 12", "dw i'n byw yn rhif 4" (a street's neighbours need no more).
        re.compile(
            r"\b(?:i live|we live|i'm|i am|rydw i|dw i)\s+(?:at|in|yn|ym|yng)\s+(?:the\s+)?"
            r"(?:last|first|only|corner|end|big|old|yellow|red|white|blue|green)\s+"
            r"(?:house|cottage|farm|bungalow|flat|tŷ|ty|bwthyn|fferm)"
            r"|\b(?:i|we|i've|we've)\s+(?:live|lived|have lived|moved)\s+(?:at|in|into|to)\s+"
            r"(?:number|no\.?|flat|house)\s*\d{1,4}[a-z]?\b"
            r"|\b(?:dw i|dwi|rydw i|rwy|ni|rydyn ni)(?:'n| yn) byw (?:yn|ym) (?:rhif|fflat)\s*\d",
            re.IGNORECASE,
        ),
        "a description of the writer's house",
    ),
    (
        # What happened to the writer or their family at a named place, as the local news
        # told it: "the boy who was hit by a car on Ruabon Road", "the woman whose house
        # flooded on Bridge Street", "our house was the one that burnt down in Rhos", "my son
        # was the boy stabbed outside the Turf".
        re.compile(
            rf"\b(?:(?i:i'm|i am|im|i’m|i was|we were|we're|we are|our \w+ (?:is|was)"
            rf"|my {RELATIVE} (?:is|was))\s+the"
            rf"|(?i:as|i'm|i am|we're|we are)\s+the\s+(?:{RELATIVE}|(?i:parents?|family|widow"
            rf"|widower|mother|father))\s+of\s+the)"
            rf"\s+(?:[\w-]+\s+){{0,2}}?(?i:one|ones|boy|girl|man|woman|lady|family|couple|child"
            rf"|lad|driver|house|home|car)\b[^.!?\n]{{0,40}}?\b(?i:{EVENTS})\b[^.!?\n]{{0,40}}?"
            rf"\b(?i:in|on|at|outside|near|by)\s+(?:the\s+)?{NAMED}"
            # "Fi oedd y ddynes a gafodd ei tharo ar Heol Rhiwabon", "fy mab oedd y bachgen
            # gafodd ei drywanu yn Rhos", "ein tŷ ni oedd yr un losgodd yn Llai".
            rf"|\b(?i:fi|ni|fy {RELATIVE_CY}|ein \w+(?: ni)?)\s+(?i:oedd|ydy|yw)\s+(?i:y|yr)\s+"
            rf"(?i:un|bachgen|ferch|dyn|ddynes|teulu|tŷ|ty|plentyn|gyrrwr)\b[^.!?\n]{{0,40}}?"
            rf"\b(?i:{EVENTS_CY})\w*\b[^.!?\n]{{0,40}}?\b(?i:yn|ym|yng|ar|ger)\s+{NAMED}"
        ),
        "something that happened to the writer or their family at a named place",
    ),
    (
        # The writer's home by what stands beside it in a named place: "I live in the
        # bungalow next to the chapel in Pentre Broughton", "we live opposite the school in
        # Llay", "dw i'n byw drws nesaf i'r capel yn Llai". A village knows who lives there.
        re.compile(
            r"\b(?i:i|we)(?:\s+(?i:live|lived|have lived)|['’](?i:ve)\s+lived)\s+"
            r"(?:(?i:in|at)\s+(?i:the|a)\s+(?:[\w-]+\s+)?(?i:house|bungalow|cottage|flat|farm)\s+)?"
            r"(?i:next door to|next to|opposite|behind|beside|above|across from"
            r"|(?:across|over) the road from)\s+(?i:the)\s+(?:[\w'’-]+\s+){1,3}?"
            rf"(?i:in|on|at)\s+(?:the\s+)?{NAMED}"
            r"|\b(?i:dw i|dwi|rydw i|rwy|ni|rydyn ni)(?:'n|’n|\s+yn)\s+byw\s+"
            r"(?:(?i:yn|ym)\s+(?i:y|yr)\s+\w+\s+)?(?i:drws nesa(?:f)?\s+i|gyferbyn\s+(?:â|a)"
            r"|tu ôl\s+i|uwchben|wrth ymyl)\s*(?i:'r|’r|y|yr)\s*(?:\w+\s+){1,3}?"
            rf"(?i:yn|ym|yng|ar)\s+{NAMED}"
        ),
        "a description of the writer's house",
    ),
    (
        # Someone else pointed at by their house: "my neighbour at number 3 deals drugs",
        # "the family in the blue house on Chapel Street": a street knows who is meant.
        # Case is ignored but in the street's name, which NAMED finds by its capital.
        re.compile(
            r"\b(?i:neighbours?|man|woman|lady|bloke|guy|family|people|tenants?|couple|lad|lads"
            r"|kids|owner|landlord|cymydog|cymdogion|teulu|dyn|dynes)\s+(?i:at|in|from|yn|ym|o)"
            r"\s+(?:(?i:number|no\.?|rhif|flat|fflat)\s*\d{1,4}(?i:[a-z])?\b"
            r"|(?i:the)\s+(?:[\w-]+\s+){1,2}?(?i:house|bungalow|cottage|flat)\s+(?i:on|in|at)\s+"
            + NAMED
            + ")"
        ),
        "someone else pointed at by their house",
    ),
]


#: How much more often, in log odds, a word must be written capitalised than not to count as a
#: proper noun in a text typed without capitals ("tesco", "giles"; not "lion", "bank").
_CAPITALISED_BY = 0.5
_WORD = re.compile(r"[^\W\d_][\w'’-]+")
# The same workplaces typed in lower case, and the name after them.
_NAMED_PLACE_LOWER_CY = re.compile(rf"\b(?:{WORKPLACES_CY}) (?:(?:y|yr) )?[^\W\d_]+", re.IGNORECASE)


def identifying_reasons(text: str) -> list[str]:
    """Why this text may identify someone without a name (empty: nothing found). A text typed
    with no capital at all is read a second time with a capital on its places and on the
    words usually written with one ("im the only pharmacist in llay", "i run the chip shop in
    gresford"): the rules find a named place by its capital."""
    texts = [text]
    if not any(ch.isupper() for ch in text):
        texts.append(_proper_nouns_capitalised(text))
    # Several rules share a reason ("a job and a small place ..."): the officer reads each once.
    return list(
        dict.fromkeys(reason for pattern, reason in RULES if any(pattern.search(t) for t in texts))
    )


def _proper_nouns_capitalised(text: str) -> str:
    """The text with a capital on each British place and each word usually written with one."""
    g = load_gazetteer()

    def capitalised(match: re.Match[str]) -> str:
        word = match.group()
        key = fold(word)
        lower, capital = g.lower_prob(key), g.capital_prob(key)
        if capital > lower + _CAPITALISED_BY or (key in g.uk_places and capital >= lower):
            return word[:1].upper() + word[1:]
        return word

    # A Welsh workplace's noun and the name after it ("ysgol penygelli", "capel y bryn"):
    # written with capitals, NAMED_PLACE_CY reads them.
    return _NAMED_PLACE_LOWER_CY.sub(
        lambda m: " ".join(
            w[:1].upper() + w[1:] if w not in ("y", "yr") else w for w in m[0].split(" ")
        ),
        _WORD.sub(capitalised, text),
    )
