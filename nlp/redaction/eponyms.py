"""Conditions and care services named after people: the name is shown, as the thing it names.

Residents write about their health and their care: "Mum has Lewy body dementia", "my son has
Duchenne muscular dystrophy", "the Marie Curie nurses were wonderful", "Sue Ryder hospice".
The name finders read "Lewy", "Duchenne", "Marie Curie" as people and the quote lost what it
was about ("[name] muscular dystrophy", "[name] nurses"). A condition or a charity names no
resident, so these are shown:

- a name written just before a condition's noun ("Bell's palsy", "Huntingtons disease",
  "Guillain Barre syndrome", "Epstein-Barr virus", "Baker's cyst"), or in Welsh just after
  one ("clefyd Parkinson", "syndrom Down");
- the conditions people name by their eponym alone, with its possessive or plural
  ("Parkinson's", "Alzheimers", "Crohn's", "Addison's");
- the care charities and services named after their founders or patrons ("Marie Curie",
  "Sue Ryder", "Macmillan nurse"; "Macmillan" alone is a surname).

Buildings, units, awards and businesses named after people are shown too, by the noun after
the name:
"the John Ryle Centre", "George Eliot Hospital", "the Agnes Unit", "on the Lynn Jarrett
Ward", "nominated for a Daisy award" (each from a real NHS answer, each hidden before), and
after a title of honour ("Sir Thomas Picton School", "Ysgol Syr Hugh Owen"). The noun must
be capitalised ("Sarah school nurse" is Sarah), unless two lower-case words name the kind
of public place ("Alyn Waters country park", "Plas Madoc leisure centre"); "Ward" must
follow an article ("thanks to Sarah Ward" is a person) and an award an article too ("a Daisy
award").

Never after a title or kin word ("Dr Parkinson's clinic", "Mrs Bell's palsy": that is Mrs
Bell), and never a common given name before a condition's noun ("Jane's disease" is Jane's):
no condition on the lists below is named after one.

The lists were written by hand: eponymous conditions residents write about (Wikipedia's "List
of eponymously named diseases", CC BY-SA 4.0, describes how they are named, with and without
the possessive) and the names UK care charities go by.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from nlp.redaction.gazetteer import (
    NAME_RANK,
    POSSESSIVE_ENDINGS,
    common_given_names,
    fold,
    load_gazetteer,
    popular_first_names,
)
from nlp.redaction.name_cues import (
    DETERMINERS,
    FAMILY,
    previous_word,
    title,
)
from nlp.redaction.welsh_places import opens_a_welsh_place

# Nouns after an eponym that make it a condition, a sign or a manoeuvre. "muscular" and "body"
# come between ("Duchenne muscular dystrophy", "Lewy body dementia"); the rest of a word the
# name's span cut and a hyphenated second eponym are read through ("Epstein-Barr virus",
# "Ehlers-Danlos syndrome"), and so is a second capitalised one ("Guillain Barre syndrome").
_AFTER_NAME = re.compile(
    r"[^\W\d_]*(?:-[^\W\d_]+)*(?:['’]s|s['’]|['’])?"
    r"(?:\s+(?-i:[A-Z])[^\W\d_]+(?:['’]s)?)?\s+(?:(?:muscular|body)\s+)?"
    r"(?:diseases?|syndromes?|palsy|lymphomas?|sarcomas?|disorders?|ataxia|chorea|dystrophy"
    r"|cysts?|contractures?|o?esophagus|ulcers?|neuralgia|phenomenon|encephalopathy|dementia"
    r"|tumou?rs?|neuromas?|virus|manoeuvre|maneuver|procedure|by\s+proxy)\b",
    re.IGNORECASE,
)
# Welsh puts the noun first, soft- or nasal-mutated after some words ("ei glefyd", "fy
# nghlefyd").
_BEFORE_NAME = re.compile(r"\b(?:[cg]h?lefyd|nghlefyd|syndrom|afiechyd|haint)\s+$", re.IGNORECASE)
# Conditions named by their eponym alone ("Mum has Alzheimers", "my Crohn's flared up"),
# folded, as written before the possessive or plural.
KNOWN_ALONE = frozenset(
    """parkinson alzheimer crohn asperger tourette raynaud hodgkin huntington meniere menier
    addison cushing sjogren hashimoto paget dupuytren perthes munchausen down""".split()
)
# Kin words, which the title check counts as titles ("Mum Jones").
_KIN = frozenset("mam mum dad nan nana grandma grandad aunt auntie uncle".split())
# Charities and services named after people. "Macmillan" only beside its service's noun.
_SERVICES = re.compile(
    r"(?<!\w)(?:marie\s+curr?ie|sue\s+ryder|leonard\s+cheshire|florence\s+nightingale"
    r"|ronald\s+mcdonald|barnardo['’]?s"
    r"|macmillan(?=\s+(?:nurses?|nursing|team|cancer|support|centres?|centers?|unit|services?"
    r"|information|grant|specialist))"
    r"|maggie['’]s(?=\s+cent(?:re|er)s?))(?!\w)",
    re.IGNORECASE,
)


# Buildings, services and businesses named after people, by their capitalised noun ("the
# John Ryle Centre", "George Eliot Hospital"). Not "Hall", "Court" or "Lodge", which are
# surnames too.
_BUILDINGS = (
    "Centre Center Hospital Hospice Unit Clinic Surgery School Academy Library Institute"
    " Foundation Airport Stadium Theatre Museum Gallery Station University College House"
).split()
# ... and those that are also surnames ("Wing", "Tower"), read only after a name.
_BUILDINGS_AFTER_ONLY = "Trust Memorial Wing Suite Tower Towers Square".split()
_BUILDING_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:"
    + "|".join(_BUILDINGS + _BUILDINGS_AFTER_ONLY)
    # Businesses named after their owners: "Evans Funeral Directors", "R Jones Builders",
    # "Smith & Sons Ltd": a trading name is on the shop's sign, no one's personal data.
    + r"|Ltd|Limited|Inc|Plc|PLC|LLP|LLC|Corp|Solicitors|Funeral|Builders|Motors|Garage"
    r"|Butchers|Bakery|Pharmacy|Chemists|Opticians|(?:&|and) Sons?)\b"
)
# ... and the firms residents name most, the care agencies, taxis and trades that come to
# them ("the carers from Castle Care", "Evans Taxis"): words of job titles too ("Lisa Care
# Manager", "Sarah Housing Officer"; an NHS answer's "Hillary Healthcare Manger"), so not
# before a job's noun, nor after a lone common given name ("ask Dave Care").
_FIRM_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:Care|Homecare|Healthcare|Housing|Taxis|Cabs|Coaches|Removals|Plumbing"
    r"|Electrical|Roofing|Scaffolding|Landscaping|Joinery|Haulage|Dental|Vets|Nursery)\b"
    r"(?!\s+(?i:manager|manger|officer|co-?ordinator|worker|assistant|lead|navigator"
    r"|support))"
)
# The same nouns when a finder took them into the name itself ("Hope House", "Claire House
# Hospice"): a name ending in one, or one alone after another capitalised word that is no
# title, is the building.
_BUILDING_NOUN = re.compile("|".join(_BUILDINGS))
# A given name and a surname, both capitalised (a popular given name and a listed surname:
# not "the Prophet Mohammed", "the Symbolists Paul Verlaine", "the Marshall Plan"), and what
# may follow a place's name: the text's or a clause's end, a preposition, a conjunction or a
# verb ("at the Robert Jones in Gobowen", "the Robert Jones was"); not a noun ("the Sarah
# Jones team" is hers).
_FULL_NAME = re.compile(r"[A-Z][a-z]+(?:\s+[A-Z][a-z'’-]+)+")
_PLACE_NAME_ENDS = re.compile(
    r"\s*(?:$|[.,!?;:)]|(?:in|at|on|for|to|from|with|near|by|and|or|but|is|was|were|are|has"
    r"|had|have|will|would|again|today|yesterday|last|next)\b)"
)
# Places by their kind in two lower-case words, right after their name ("Alyn Waters country
# park", "Bellevue Road car park", "Plas Madoc leisure centre"): no one writes a person's
# name before these. Not the places a person has, which texts write without the apostrophe
# ("Rhys primary school", "Sarah care home"), nor one lower-case noun ("Sarah school nurse"),
# nor a lone common given name ("Grace medical centre" may be Grace's).
_PLACE_KIND_AFTER = re.compile(
    r"\s+(?:country|retail|business|skate|car) parks?\b"
    r"|\s+(?:medical|health|leisure|community|sports|visitor|shopping|enterprise) cent(?:re|er)s?\b"
    r"|\s+(?:nature reserves?|industrial estates?|housing estates?|playing fields?|play areas?"
    r"|bus station|train station|railway station|fire station|police station)\b"
    # A statue is of a public figure: "the Owain Glyndwr statue needs cleaning".
    r"|\s+(?:statue|monument)s?\b"
)
# A shop or trade by its owner's name with the possessive, in any case ("Ray's pizza", "Tony's
# chippy", "Burch's Karate"), or capitalised ("Malcolm Smith Motorsports", "Caldwell
# Insurance"). Never a lower-case trade without the possessive: "I bought Sarah pizza".
_TRADES = (
    r"pizza|pizzeria|chippy|chip shop|kebabs?|caf[eé]|karate|barbers?|salon|takeaway"
    r"|bakery|butchers?|auto|autos|motors|motorsports|insurance|diner|restaurant|florists?"
    r"|plumbing|electrical|transport|removals|taxis?|cabs|coaches|fabrics|hardware|tyres"
    r"|carpets|furniture|dental|vets|kennels|cattery|launderette|dry cleaners|gym|stores"
    r"|newsagents?|hairdressers?|deli|bistro|nails|tattoos?|opticians?|pharmacy|chemists?"
)
_TRADE_AFTER = re.compile(
    rf"(?:['’]s?\s+|s\s+)(?i:{_TRADES}|auto tech)\b|\s+(?=[A-Z])(?i:{_TRADES})\b"
)

# Titles of honour before a building's namesake: "Sir Thomas Picton School", "Ysgol Syr Hugh
# Owen". Not "Dr", "Mr" or "Mrs": "Dr Smith surgery" is the doctor's.
_HONOURS = frozenset(
    "sir syr dame lord lady king queen prince princess brenin brenhines tywysog tywysoges"
    " arglwydd bishop esgob archbishop archesgob".split()
)
# A ward named after a person, after an article ("on the Lynn Jarrett Ward"): "Ward" after
# a name alone is a surname ("Sarah Ward"), and a family is the Wards ("the Ward family").
_WARD_AFTER = re.compile(r"\s+Ward(?!['’]s)\b(?!\s+(?:" + "|".join(sorted(FAMILY)) + r")\b)")
# An award named after a person, after an article ("a Daisy award", "the Nobel prize").
_AWARD_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:awards?|prizes?|medals?|trophy|scholarships?|lectures?|fellowships?)\b",
    re.IGNORECASE,
)


def eponyms(text: str) -> list[tuple[int, int]]:
    """The stretches of ``text`` that name a care charity or service after a person."""
    return [(m.start(), m.end()) for m in _SERVICES.finditer(text)]


def names_a_condition_or_service(
    text: str, start: int, end: int, services: Sequence[tuple[int, int]] | None = None
) -> bool:
    """Whether the name found at ``text[start:end]`` names a condition or a care service
    (see the module's docstring), not a person. ``services``: ``eponyms(text)``, when the
    caller checks several names of one text (read here otherwise)."""
    previous = previous_word(text, start)
    name = text[start:end]
    if title(previous):
        # "Dr Parkinson's clinic", "Mrs Bell's palsy"; but Welsh puts kin first: "Mae gan
        # Dad Alzheimer's" (Dad has Alzheimer's).
        return fold(previous) in _KIN and _known_alone(text, name, end)
    if services is None:
        services = eponyms(text)
    if any(a <= start and end <= b for a, b in services):
        return True
    if _known_alone(text, name, end):
        return True
    first = fold(name.split()[0]) if name.split() else ""
    if first in popular_first_names():
        return False  # "Jane's disease" is Jane's
    return bool(
        _AFTER_NAME.match(text, end) or _BEFORE_NAME.search(text[max(0, start - 20) : start])
    )


def _known_alone(text: str, name: str, end: int) -> bool:
    """A condition named by its eponym alone: "Parkinson's", "Alzheimers" ("Down" alone is
    a word, not a condition)."""
    key = fold(name).rstrip("'’")
    possessive = key.endswith(("'s", "’s")) or text[end : end + 2] in ("'s", "’s")
    stem = key[:-2] if key.endswith(("'s", "’s")) else key
    return (stem in KNOWN_ALONE and possessive) or (key[-1:] == "s" and key[:-1] in KNOWN_ALONE)


def _surname(key: str) -> bool:
    """A listed surname written capitalised more often than not ("jones"; not "plan")."""
    g = load_gazetteer()
    return key in g.surnames and g.capital_prob(key) > g.lower_prob(key)


def names_a_building_award_or_trade(text: str, start: int, end: int) -> bool:
    """Whether the name found at ``text[start:end]`` names a building, a unit, a ward, an
    award or a business after a person ("the John Ryle Centre", "a Daisy award", "Tony's
    chippy"), not a person."""
    previous = previous_word(text, start)
    honour = fold(previous) in _HONOURS
    if title(previous) and not honour:
        return False  # "Dr Gray's Centre" may be the doctor's; "Mrs Ward" is Mrs Ward
    if _BUILDING_AFTER.match(text, end) or _TRADE_AFTER.match(text, end):
        return True
    name = text[start:end]
    if _FIRM_AFTER.match(text, end) and (
        len(name.split()) > 1 or fold(name) not in common_given_names(NAME_RANK)
    ):
        return True
    parts = name.split()
    if parts and _BUILDING_NOUN.fullmatch(parts[-1]) and (parts[:-1] or previous[:1].isupper()):
        return True  # "Hope House", "Claire House Hospice": the building, whole or in part
    if _PLACE_KIND_AFTER.match(text, end) and (
        len(name.split()) > 1 or fold(name) not in popular_first_names()
    ):
        return True
    if honour:
        # Welsh puts the building first: "Ysgol Syr Hugh Owen", "Coleg Syr Thomas Jones".
        earlier = previous_word(text, text.rfind(previous, 0, start))
        return opens_a_welsh_place(earlier, previous)
    article = fold(previous) in DETERMINERS
    if article and name.endswith(" Ward") and text[end : end + 2] not in POSSESSIVE_ENDINGS:
        return True  # the finder took the ward's noun into the name: "the Lynn Jarrett Ward"
    if (
        previous == "the"
        and _FULL_NAME.fullmatch(name)
        and fold(parts[0]) in popular_first_names()
        and _surname(fold(parts[-1]))
        and _PLACE_NAME_ENDS.match(text, end)
    ):
        return True  # "my appointment at the Robert Jones was cancelled": no one puts "the"
        # before a person's full name, only before what is named after one
    return article and bool(_WARD_AFTER.match(text, end) or _AWARD_AFTER.match(text, end))
