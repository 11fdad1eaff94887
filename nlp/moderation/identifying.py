"""Details that point at one person even with every name redacted.

A quote can identify its author, or someone else, without a name: "my son at Ysgol Bryn
Alyn" (a child at a small school), "the only chemist in Llay", "as the headteacher of ...",
"the lollipop lady on Bryn Road" (a job and a small place). Officers decide; these rules
say why they should look. English and Welsh.
"""

from __future__ import annotations

import re

from nlp.lang.cy.mutations import Mutation, mutate
from nlp.redaction.gazetteer import fold, load_gazetteer

# A capitalised word that names a place: not a day, a month, a festival or a language ("I
# run the club on Tuesdays", "the only shop open on Sundays", "yn Gymraeg").
_NOT_A_PLACE = (
    r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March"
    r"|April|May|June|July|August|September|October|November|December|Christmas|Easter"
    r"|English|Welsh|Saesneg|Cymraeg|Gymraeg|Covid|Town|NHS)s?\b)"
)
# "Y Waun", "Yr Wyddgrug": a Welsh place may open with its article.
_NAMED = _NOT_A_PLACE + r"(?:Yr?\s+)?[A-Z]\w+"
_CAP = _NOT_A_PLACE + r"[A-Z][\w'’-]+(?:\s+(?:y|yr|'r|of|on|the|[A-Z][\w'’-]+))*"
_KIN = (
    r"(?:son|daughter|child|kid|kids|children|boy|girl|grandson|granddaughter|grandchild|"
    r"mab|merch|plentyn|plant|wyr|wyres)"
)
# Welsh jobs, radical and soft-mutated: a job after the predicative "yn" mutates ("dw i'n
# feddyg", "mae fy ngŵr yn ofalwr"), and so does a feminine one after "y" ("y brifathrawes").
_JOBS_CY = sorted(
    {
        form
        for job in (
            "prifathro prifathrawes athro athrawes ficer gweinidog meddyg nyrs fferyllydd "
            "deintydd postmon perchennog rheolwr rheolwraig cadeirydd clerc cynghorydd maer "
            "gyrrwr ysgrifennydd trysorydd gofalwr gofalwraig tafarnwr siopwr glanhawr "
            "glanhawraig derbynnydd hyfforddwr warden"
        ).split()
        for form in (job, mutate(job, Mutation.SOFT))
    },
    # A set has no order from one run to the next; the pattern should be the same each
    # time, and the longest first reads best ("athrawes" before "athro").
    key=lambda job: (-len(job), job),
)
# The jobs a place has one of, which its name before them points at: "I've been the
# Brymbo councillor for ten years", "as the Gresford vicar". Not "the Maths teacher".
_ONE_PER_PLACE = (
    r"(?:councillor|vicar|rector|headteacher|head teacher|headmaster|headmistress|postman"
    r"|postwoman|postie|lollipop (?:lady|man)|publican|mayor|minister|priest|imam|rabbi"
    r"|pharmacist|butcher|caretaker|warden)"
)
# ... and the jobs that point at someone where the workplace is named after them.
_JOBS = (
    rf"(?:{_ONE_PER_PLACE}|deputy head|teacher|gp|doctor|nurse|chemist|dentist|vet|landlord"
    r"|landlady|shopkeeper|baker|manager|owner|chair|chairman|chairwoman|clerk|policeman|pcso"
    r"|bus driver|driver|receptionist|cleaner|coach|secretary|treasurer|chairperson"
    rf"|{'|'.join(_JOBS_CY)})"
)
_PLACE_WORDS = (
    # "Rhosnesni High", "Darland Academy": British schools go by their place and their kind
    # ("High Street" is a street).
    r"(?:school|primary|high(?!\s+(?i:street|st|road|rd|town)\b)|academy|infants|juniors"
    r"|comprehensive|ysgol|nursery|meithrin|college|coleg|surgery|practice|pharmacy|chemist|"
    r"shop|siop|pub|tafarn|church|chapel|capel|eglwys|mosque|gurdwara|club|clwb|village|pentref|"
    r"estate|ystad|street|road|close|lane|heol|stryd|ffordd)"
)

# Words residents put before their job ("as a local GP", "as a retired teacher"), and an
# elected member's tier and party ("the Labour county councillor for Acton", "the Plaid
# Cymru councillor for ..."): a ward has one to three, known by name.
_JOB_ADJECTIVES = (
    r"(?:local|village|retired|former|school|parish|community|practice|senior|head|lead|"
    r"part-time|full-time|lleol|pentref|wedi ymddeol|county|town|city|borough|district|ward|"
    r"labour|conservative|tory|lib dem|liberal democrat|plaid cymru|plaid|green|reform|"
    r"independent|sir|tref|cymuned|llafur|ceidwadol|annibynnol)"
)
# A place everyone in a consultation's area knows without its name: "the only black family
# in the village", "the only wheelchair user on our street".
_LOCAL = (
    r"(?i:the|our|this|my)\s+(?i:village|street|road|close|estate|cul-de-sac|lane|avenue"
    r"|crescent|block|flats|terrace|work|workplace|office|school|class|church|chapel)\b"
)
# An age few residents share: under 18, or 85 and over, written as residents write it
# ("I'm 94", "aged 16", "a 17 year old", "dw i'n 94 oed"). A bare number must end the clause
# ("I'm 94 and ...", "aged 92, living"), so "I am 5 minutes from the park" and "I'm 8 months
# pregnant" are no age.
_RARE_AGE = (
    r"(?:[1-9]|1[0-7]|8[5-9]|9\d|10\d)(?:\s*-?\s*(?i:years?|yrs?)(?:\s*-\s*|\s+)(?i:old)\b"
    r"|\s+(?i:oed)\b|(?=\s*(?:[,;&+]|(?i:and|living|who|with|yo|y/o)\b)))"
)

# A Welsh workplace by its name: "Ysgol y Llan", "Meddygfa'r Waun", "Capel Bethel".
_WORKPLACES_CY = (
    "Ysgol|Capel|Eglwys|Meddygfa|Fferyllfa|Clwb|Tafarn|Siop|Ysbyty|Cartref|Neuadd|Canolfan"
)
_NAMED_PLACE_CY = rf"(?:{_WORKPLACES_CY})(?:\s+(?:y|yr)\s+|'r\s+|\s+)[A-Z]\w+"
# The writer's close family, whose job at a named place points at them too.
_RELATIVE = (
    r"(?i:wife|husband|partner|son|daughter|mum|mother|mam|dad|father|brother|sister"
    r"|grandson|granddaughter|nan|grandad|grandfather|grandmother)"
)
# The same in Welsh, as "fy" mutates them ("fy ngŵr", "fy ngwraig", "fy nhad", "fy mam").
_RELATIVE_CY = (
    r"(?i:ngŵr|ngwr|gŵr|gwr|ngwraig|gwraig|nhad|nhad i|mam|mab|merch|mrawd|chwaer|mhartner"
    r"|partner)"
)
# Where someone works or volunteers, when the workplace is in a named place: "at the Co-op in
# Coedpoeth", "at the Spar in Llay"; not a council, the NHS or a hospital, nor a town alone.
_WORKS_IN_A_NAMED_PLACE = (
    rf"(?i:work|works|worked|volunteer|volunteers|volunteered)\s+(?i:at|in|for)\s+"
    rf"(?i:the|a|an)\s+(?!(?i:council|nhs|government|hospital)\b)(?:[\w&'’-]+\s+){{1,3}}?"
    rf"(?i:in|on|at)\s+(?:the\s+)?{_NAMED}"
)
# The businesses people run or keep: "I run the Spar", "we own the chippy", "y siop".
_BUSINESS = (
    r"(?:shop|pub|caf[eé]|chippy|takeaway|salon|garage|post office|business|newsagents?|bakery"
    r"|hotel|b&b|restaurant|bar|florists?|butchers?|butcher's|barbers?|hairdressers?|chemist"
    r"|pharmacy|launderette|deli|tea ?room|bookshop|vets|nail bar|off licence|farm shop"
    r"|siop|tafarn|dafarn|caffi|busnes|garej|swyddfa bost|gwesty|bwyty|fferyllfa)"
)

# What the local news reports of someone, and a street remembers.
_EVENTS = (
    r"hit|knocked|run over|ran over|flooded|flood|burnt|burned|fire|stabbed|attacked|mugged"
    r"|robbed|burgled|killed|died|found dead|found the body|injured|assaulted|crashed|fell"
    r"|evicted|rescued|shot|beaten|bitten|arrested|drowned|murdered|missing"
)

# ... in Welsh, as stems: "ei daro"/"ei tharo" (hit), "llosgi"/"losgodd" (burnt),
# "trywanu"/"drywanu" (stabbed), "lladd"/"ladd" (killed), "marw"/"farw" (died), "ymosod"
# (attacked), "dwyn"/"ddwyn" (robbed), "llifogydd" (floods), "damwain" (an accident).
_EVENTS_CY = (
    r"daro|tharo|taro|llosg|losg|trywan|drywan|lladd|ladd|marw|farw|ymosod|dwyn|ddwyn"
    r"|llifogydd|damwain|anaf"
)

RULES: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(
            # Case is ignored but in the school's name, which _CAP finds by its capital: "my
            # child at home and school" names none.
            rf"\b(?i:my|our|fy|ein)\s+(?:\w+\s+)?(?i:{_KIN})\b[^.!?\n]{{0,40}}?\b"
            rf"(?:(?i:at|in|goes to|attends|yn|sy'n mynd i)\s+(?:(?i:ysgol)|{_CAP}\s+"
            rf"(?i:{_PLACE_WORDS}))"
            # A school year says the rest is a school: "in year 3 at St Mary's", "ym mlwyddyn
            # 6 yn St Mary's" (the year mutates after "ym").
            rf"|(?i:year|[bmf]lwyddyn|reception|derbyn)\s*\d{{0,2}}\s+(?i:at|in|yn|ym|yng)\s+"
            rf"{_CAP})",
        ),
        "a child and their school",
    ),
    (
        re.compile(
            rf"\b(?i:the only)\s+(?:\w+\s+){{0,4}}?(?i:{_JOBS}|{_PLACE_WORDS}|\w+)\s+"
            rf"(?i:in|on|at|near|round|around)\s+(?:(?:the\s+)?{_NAMED}|{_LOCAL})"
        ),
        "'the only ...' in a place points at one person",
    ),
    (
        re.compile(
            rf"\b(?:yr unig|unig)\s+\w+\s+(?:\w+\s+)?(?:yn|ym|yng|ar|ger)\s+"
            rf"(?:{_NAMED}|(?i:y|yr|ein)\s+(?i:pentref|pentre|stryd|ystad|stad|ffordd|heol))"
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
            rf"(?i:the|a|an|y|yr)?\s*(?:(?i:{_JOB_ADJECTIVES})\s+){{0,2}}(?i:{_JOBS})\s+"
            rf"(?:(?i:of|at|in|for|on|outside|opposite|near|by|yn|ym|yng|ar|ger|dros)\s+"
            rf"(?:the\s+|y\s+|yr\s+)?(?:(?i:ward)\s+)?{_NAMED}|{_NAMED_PLACE_CY})"
        ),
        "the writer's job at a named place",
    ),
    (
        re.compile(
            r"\b(?i:as|being|i am|i'm|im|i've been|i have been|i was)\s+(?i:the)\s+"
            rf"(?!(?i:{_JOB_ADJECTIVES})\b){_NAMED}\s+(?:(?i:{_JOB_ADJECTIVES})\s+){{0,2}}"
            rf"(?i:{_ONE_PER_PLACE})\b"
        ),
        "the writer's job at a named place",
    ),
    (
        # Where the writer works, when the workplace is in a named place: "I work at the Co-op
        # in Coedpoeth", "dw i'n gweithio yn y siop yng Nghoedpoeth"; not a council or a town
        # alone ("I work for the council", "I work in Wrexham").
        re.compile(
            rf"\b(?i:i|we)\s+{_WORKS_IN_A_NAMED_PLACE}"
            rf"|\b(?i:dw i'n|dwi'n|rydw i'n|rwy'n|roeddwn i'n|ro'n i'n)\s+(?i:gweithio)\s+"
            rf"(?i:yn|i|gyda|efo)\s+(?i:y|yr)\s+(?:[\w&'’-]+\s+){{1,3}}?(?i:yn|ym|yng|ar)\s+{_NAMED}"
        ),
        "the writer's job at a named place",
    ),
    (
        # The place may come after the workplace: "the caretaker at the community centre in
        # Caia Park", "y nyrs yn y feddygfa yn Llai".
        re.compile(
            rf"\b(?i:the|our|my|y|yr|ein)\s+(?i:{_JOBS})\s+(?i:of|at|in|on|from|yn|ym|yng|ar|o)"
            rf"\s+(?:(?:the\s+|y\s+|yr\s+)?{_CAP}|(?:\w+\s+){{1,3}}?(?i:in|on|at|yn|ym|yng|ar)"
            rf"\s+{_NAMED})"
        ),
        "a job and a small place point at one person",
    ),
    (
        # A relative's job at a named place points at them, and at the writer through them:
        # "my wife is the practice manager at Hillcrest surgery", "my dad works at the Spar
        # in Llay", "mae fy ngŵr yn nyrs ym Meddygfa'r Waun".
        re.compile(
            rf"\b(?i:my|our)\s+{_RELATIVE}\s+(?:(?i:is|was|works as|worked as)\s+"
            rf"(?:(?i:the|a|an)\s+)?(?:(?i:{_JOB_ADJECTIVES})\s+){{0,2}}(?i:{_JOBS})\s+"
            rf"(?i:of|at|in|for|on|outside)\s+(?:the\s+)?{_NAMED}"
            rf"|{_WORKS_IN_A_NAMED_PLACE})"
            rf"|\b(?i:fy|ein)\s+{_RELATIVE_CY}\s+(?i:yn)\s+(?i:{_JOBS})\s+"
            rf"(?:(?i:yn|ym|yng|ar|i)\s+(?:(?i:y|yr)\s+)?{_NAMED}|{_NAMED_PLACE_CY}"
            # "yn ofalwr yn yr ysgol yn Rhos": the workplace, then its place
            rf"|(?i:yn|ym|yng|ar|i)\s+(?i:y|yr)\s+(?:\w+\s+){{1,3}}?(?i:yn|ym|yng|ar)\s+{_NAMED})"
        ),
        "a job and a small place point at one person",
    ),
    (
        # Who leads a named group, club or council is known to its members and beyond: "I
        # chair Rossett Community Council", "I run the Gresford Bowls Club", "fi sy'n
        # cadeirio Cyngor Cymuned Llai"; not a day's or a festival's event ("I run the
        # Christmas fair": _NAMED).
        re.compile(
            rf"\b(?i:i|we)\s+(?i:chair|chaired|lead|led|run|ran|organise|organised|organize"
            rf"|organized|coordinate|coordinated|founded|started|set up)\s+(?:(?i:the)\s+)?"
            rf"{_NAMED}(?:\s+[\w'’-]+){{0,3}}?\s+(?i:club|society|group|council|association"
            rf"|committee|team|choir|band|forum|trust|charity|church|chapel|league|network)\b"
            rf"|(?i:fi sy'n|fi oedd yn|dw i'n|dwi'n|rydw i'n|rwy'n)\s+(?i:cadeirio|arwain|rhedeg"
            rf"|trefnu)\s+(?:(?i:y|yr)\s+)?(?i:clwb|cymdeithas|grŵp|grwp|cyngor|pwyllgor|tîm|tim"
            rf"|côr|cor|fforwm|ymddiriedolaeth|elusen|capel|eglwys)\s+"
            rf"(?:{_NAMED}|(?:\w+\s+){{0,2}}?(?i:yn|ym|yng|ar)\s+{_NAMED})"
        ),
        "the writer leads a named group",
    ),
    (
        # Who runs the only shop, pub or café of a place is known there: "I run the Spar in
        # Gresford", "we own the chippy on Bryn Road", "dw i'n rhedeg y siop yn Llai".
        re.compile(
            rf"\b(?i:i|we|i've|we've)\s+(?i:run|own|ran|owned|kept|keep)\s+(?i:the|a)\s+"
            rf"(?:\w+\s+)?(?:(?i:{_BUSINESS})|{_NAMED})\s+(?i:in|on|at)\s+{_NAMED}"
            rf"|(?i:dw i'n|dwi'n|rydw i'n|rwy'n|ni'n|rydyn ni'n|fi sy'n|ni sy'n)\s+"
            rf"(?i:rhedeg|rheoli|cadw|berchen(?:\s+ar)?)\s+(?:(?i:y|yr)\s+)?(?:\w+\s+)?"
            rf"(?i:{_BUSINESS})\s+(?:\w+\s+)?(?i:yn|ym|yng|ar)\s+{_NAMED}"
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
            rf"{_RARE_AGE}[^.!?\n]{{0,60}}?\b(?i:in|on|at|yn|ym|yng|ar)\s+(?:the\s+)?"
            # "at the end of Bryn Road", "ym mhen draw Heol y Bryn"
            rf"(?:(?i:end|top|bottom|corner|far end|pen draw|mhen draw|mhen)\s+(?i:of\s+)?)?"
            rf"{_NAMED}"
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
            rf"|my {_RELATIVE} (?:is|was))\s+the"
            rf"|(?i:as|i'm|i am|we're|we are)\s+the\s+(?:{_RELATIVE}|(?i:parents?|family|widow"
            rf"|widower|mother|father))\s+of\s+the)"
            rf"\s+(?:[\w-]+\s+){{0,2}}?(?i:one|ones|boy|girl|man|woman|lady|family|couple|child"
            rf"|lad|driver|house|home|car)\b[^.!?\n]{{0,40}}?\b(?i:{_EVENTS})\b[^.!?\n]{{0,40}}?"
            rf"\b(?i:in|on|at|outside|near|by)\s+(?:the\s+)?{_NAMED}"
            # "Fi oedd y ddynes a gafodd ei tharo ar Heol Rhiwabon", "fy mab oedd y bachgen
            # gafodd ei drywanu yn Rhos", "ein tŷ ni oedd yr un losgodd yn Llai".
            rf"|\b(?i:fi|ni|fy {_RELATIVE_CY}|ein \w+(?: ni)?)\s+(?i:oedd|ydy|yw)\s+(?i:y|yr)\s+"
            rf"(?i:un|bachgen|ferch|dyn|ddynes|teulu|tŷ|ty|plentyn|gyrrwr)\b[^.!?\n]{{0,40}}?"
            rf"\b(?i:{_EVENTS_CY})\w*\b[^.!?\n]{{0,40}}?\b(?i:yn|ym|yng|ar|ger)\s+{_NAMED}"
        ),
        "something that happened to the writer or their family at a named place",
    ),
    (
        # Someone else pointed at by their house: "my neighbour at number 3 deals drugs",
        # "the family in the blue house on Chapel Street": a street knows who is meant.
        # Case is ignored but in the street's name, which _NAMED finds by its capital.
        re.compile(
            r"\b(?i:neighbours?|man|woman|lady|bloke|guy|family|people|tenants?|couple|lad|lads"
            r"|kids|owner|landlord|cymydog|cymdogion|teulu|dyn|dynes)\s+(?i:at|in|from|yn|ym|o)"
            r"\s+(?:(?i:number|no\.?|rhif|flat|fflat)\s*\d{1,4}(?i:[a-z])?\b"
            r"|(?i:the)\s+(?:[\w-]+\s+){1,2}?(?i:house|bungalow|cottage|flat)\s+(?i:on|in|at)\s+"
            + _NAMED
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
_NAMED_PLACE_LOWER_CY = re.compile(
    rf"\b(?:{_WORKPLACES_CY}) (?:(?:y|yr) )?[^\W\d_]+", re.IGNORECASE
)


def identifying_reasons(text: str) -> list[str]:
    """Why this text may identify someone without a name (empty: nothing found). A text typed
    with no capital at all is read a second time with a capital on its places and on the
    words usually written with one ("im the only pharmacist in llay", "i run the chip shop in
    gresford"): the rules find a named place by its capital."""
    texts = [text]
    if not any(ch.isupper() for ch in text):
        texts.append(_proper_nouns_capitalised(text))
    return [reason for pattern, reason in RULES if any(pattern.search(t) for t in texts)]


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
    # written with capitals, _NAMED_PLACE_CY reads them.
    return _NAMED_PLACE_LOWER_CY.sub(
        lambda m: " ".join(
            w[:1].upper() + w[1:] if w not in ("y", "yr") else w for w in m[0].split(" ")
        ),
        _WORD.sub(capitalised, text),
    )
