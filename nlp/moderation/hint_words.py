"""The words re-identification hints are written with: places, jobs, kin, ages, events.

identifying.py's rules put these together ("my son at Ysgol Bryn Alyn", "the only chemist in
Llay", "I'm 94 and live alone on Maes y Dref"). Each is a regular expression fragment, English
and Welsh, and each says what it leaves out and why.
"""

from __future__ import annotations

from nlp.lang.cy.mutations import Mutation, mutate

# A capitalised word that names a place: not a day, a month, a festival or a language ("I
# run the club on Tuesdays", "the only shop open on Sundays", "yn Gymraeg").
NOT_A_PLACE = (
    r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March"
    r"|April|May|June|July|August|September|October|November|December|Christmas|Easter"
    r"|English|Welsh|Saesneg|Cymraeg|Gymraeg|Covid|Town|NHS)s?\b)"
)
# "Y Waun", "Yr Wyddgrug": a Welsh place may open with its article.
NAMED = NOT_A_PLACE + r"(?:Yr?\s+)?[A-Z]\w+"
CAP = NOT_A_PLACE + r"[A-Z][\w'’-]+(?:\s+(?:y|yr|'r|of|on|the|[A-Z][\w'’-]+))*"
KIN = (
    r"(?:son|daughter|child|kid|kids|children|boy|girl|grandson|granddaughter|grandchild|"
    r"mab|merch|plentyn|plant|wyr|wyres)"
)
# Welsh jobs, radical and soft-mutated: a job after the predicative "yn" mutates ("dw i'n
# feddyg", "mae fy ngŵr yn ofalwr"), and so does a feminine one after "y" ("y brifathrawes").
JOBS_CY = sorted(
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
ONE_PER_PLACE = (
    r"(?:councillor|vicar|rector|headteacher|head teacher|headmaster|headmistress|postman"
    r"|postwoman|postie|sub-postmaster|sub-postmistress|postmaster|postmistress"
    r"|lollipop (?:lady|man)|publican|mayor|minister|priest|imam|rabbi"
    r"|pharmacist|butcher|caretaker|warden)"
)
# ... and the jobs that point at someone where the workplace is named after them.
JOBS = (
    rf"(?:{ONE_PER_PLACE}|deputy head|teacher|gp|doctor|nurse|chemist|dentist|vet|landlord"
    r"|landlady|shopkeeper|baker|manager|owner|chair|chairman|chairwoman|clerk|policeman|pcso"
    r"|bus driver|driver|receptionist|cleaner|coach|secretary|treasurer|chairperson"
    rf"|{'|'.join(JOBS_CY)})"
)
PLACE_WORDS = (
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
JOB_ADJECTIVES = (
    r"(?:local|village|retired|former|school|parish|community|practice|senior|head|lead|"
    r"part-time|full-time|lleol|pentref|wedi ymddeol|county|town|city|borough|district|ward|"
    r"labour|conservative|tory|lib dem|liberal democrat|plaid cymru|plaid|green|reform|"
    r"independent|sir|tref|cymuned|llafur|ceidwadol|annibynnol)"
)
# A place everyone in a consultation's area knows without its name: "the only black family
# in the village", "the only wheelchair user on our street".
LOCAL = (
    r"(?i:the|our|this|my)\s+(?i:village|street|road|close|estate|cul-de-sac|lane|avenue"
    r"|crescent|block|flats|terrace|work|workplace|office|school|class|church|chapel)\b"
)
# An age few residents share: under 18, or 85 and over, written as residents write it
# ("I'm 94", "aged 16", "a 17 year old", "dw i'n 94 oed"). A bare number must end the clause
# ("I'm 94 and ...", "aged 92, living"), so "I am 5 minutes from the park" and "I'm 8 months
# pregnant" are no age.
RARE_AGE = (
    r"(?:[1-9]|1[0-7]|8[5-9]|9\d|10\d)(?:\s*-?\s*(?i:years?|yrs?)(?:\s*-\s*|\s+)(?i:old)\b"
    r"|\s+(?i:oed)\b|(?=\s*(?:[,;&+]|(?i:and|living|who|with|yo|y/o)\b)))"
)

# A Welsh workplace by its name: "Ysgol y Llan", "Meddygfa'r Waun", "Capel Bethel".
WORKPLACES_CY = (
    "Ysgol|Capel|Eglwys|Meddygfa|Fferyllfa|Clwb|Tafarn|Siop|Ysbyty|Cartref|Neuadd|Canolfan"
)
NAMED_PLACE_CY = rf"(?:{WORKPLACES_CY})(?:\s+(?:y|yr)\s+|'r\s+|\s+)[A-Z]\w+"
# The writer's close family, whose job at a named place points at them too.
RELATIVE = (
    r"(?i:wife|husband|partner|son|daughter|mum|mother|mam|dad|father|brother|sister"
    r"|grandson|granddaughter|nan|grandad|grandfather|grandmother)"
)
# The same in Welsh, as "fy" mutates them ("fy ngŵr", "fy ngwraig", "fy nhad", "fy mam").
RELATIVE_CY = (
    r"(?i:ngŵr|ngwr|gŵr|gwr|ngwraig|gwraig|nhad|nhad i|mam|mab|merch|mrawd|chwaer|mhartner"
    r"|partner)"
)
# Where someone works or volunteers, when the workplace is in a named place: "at the Co-op in
# Coedpoeth", "at the Spar in Llay"; not a council, the NHS or a hospital, nor a town alone.
WORKS_IN_A_NAMED_PLACE = (
    rf"(?i:work|works|worked|volunteer|volunteers|volunteered)\s+(?i:at|in|for)\s+"
    rf"(?i:the|a|an)\s+(?!(?i:council|nhs|government|hospital)\b)(?:[\w&'’-]+\s+){{1,3}}?"
    rf"(?i:in|on|at)\s+(?:the\s+)?{NAMED}"
)
# The businesses people run or keep: "I run the Spar", "we own the chippy", "y siop".
BUSINESS = (
    r"(?:shop|pub|caf[eé]|chippy|takeaway|salon|garage|post office|business|newsagents?|bakery"
    r"|hotel|b&b|restaurant|bar|florists?|butchers?|butcher's|barbers?|hairdressers?|chemist"
    r"|pharmacy|launderette|deli|tea ?room|bookshop|vets|nail bar|off licence|farm shop"
    r"|siop|tafarn|dafarn|caffi|busnes|garej|swyddfa bost|gwesty|bwyty|fferyllfa)"
)

# What the local news reports of someone, and a street remembers.
EVENTS = (
    r"hit|knocked|run over|ran over|flooded|flood|burnt|burned|fire|stabbed|attacked|mugged"
    r"|robbed|burgled|killed|died|found dead|found the body|injured|assaulted|crashed|fell"
    r"|evicted|rescued|shot|beaten|bitten|arrested|drowned|murdered|missing"
)

# ... in Welsh, as stems: "ei daro"/"ei tharo" (hit), "llosgi"/"losgodd" (burnt),
# "trywanu"/"drywanu" (stabbed), "lladd"/"ladd" (killed), "marw"/"farw" (died), "ymosod"
# (attacked), "dwyn"/"ddwyn" (robbed), "llifogydd" (floods), "damwain" (an accident).
EVENTS_CY = (
    r"daro|tharo|taro|llosg|losg|trywan|drywan|lladd|ladd|marw|farw|ymosod|dwyn|ddwyn"
    r"|llifogydd|damwain|anaf"
)
