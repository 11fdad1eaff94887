"""Given names inside everyday phrases, which name no one: the name is shown.

Residents write as they speak. A complaint says the council is "taking the mickey", that
"every Tom, Dick and Harry" parks on the pavement, that "I will sue the council"; thanks go
to "a ray of sunshine" and "a pat on the back for the bin men". The name finders read
"mickey", "Tom", "sue" and "ray" as people, and the quote lost its point ("taking the
[name]", "I will [name] the council", "is [name] of sunshine": the last from a real NHS
answer). These stretches name no one, so a name found wholly inside one is shown:

- sayings and stock characters that hold a given name ("Bob's your uncle", "nosy parker",
  "Joe Public", "Heath Robinson", "gone Pete Tong", "to be frank"; in Welsh "Siôn Corn",
  Father Christmas, "Dic Siôn Dafydd", "Mari Lwyd", "Wil Cwac Cwac"), a dog's breed ("Jack
  Russell"), a nursery rhyme ("Jack and Jill"), a brand ("Ben & Jerry's") and a wedding
  anniversary ("our Ruby wedding"), a voice assistant after its maker or wake word ("Amazon
  Alexa", "Hey Siri"), a keyword texted to a short code ("Text REFORM to 83224");
- shops named like people ("Marks and Spencer", "Debenhams", "John Lewis": high_street.py);
- grace as a virtue, in a saying ("my saving grace", "a grace period") or among the
  abstract values a resident lists ("kindness, respect and grace"), never beside people or
  values that are names too ("Grace and family", "Grace and Hope on reception");
- a given name that is also a verb, after a subject and a modal, or after "going to", "had
  to" and the like, and before its object ("I will sue the council", "I had to chase them
  up"; never at a question's start, "Will Sue the nurse ring me?");
- "been" mistyped as a given name after "have" ("I have benn very happy"), unless "to" or
  "and" follows, where a person may be meant ("I have Ben to thank");
- health boards and hospitals named after people ("Betsi Cadwaladr", "Hywel Dda", "Alder
  Hey", "the Robert Jones and Agnes Hunt"; "Betsi" alone where the text is about health
  care);
- a storm named like a person ("since Storm Bert", "Hurricane Rita"), and a title held of a
  place ("the Prince of Wales", "his Duke of Edinburgh award");
- the hospital's letters that are also given names, in capitals in a text that is not in
  capitals throughout ("sent to ED", the emergency department; "TED stockings");
- software named like a person, beside what is written in it ("Ruby code", "Julia
  scripts"), and any product beside a version of three parts ("Django 1.5.4");
- a word between "a" and a thank-you, which is the thanks' size mistyped ("A hugh
  thankyou").

A name reaching past the stretch ("a pat on the back to Sarah": "Sarah") is judged as
before. The sayings were written by hand from common British idiom; none is a person's
personal data.
"""

from __future__ import annotations

import re

from nlp.redaction.gazetteer import (
    NAME_RANK,
    common_given_names,
    common_surnames,
    fold,
    load_gazetteer,
)
from nlp.redaction.high_street import shops
from nlp.redaction.misspellings import slips
from nlp.redaction.name_cues import after_title
from nlp.redaction.person_cues import PERSON_AFTER, PERSON_VERBS

# Abstract values, and none a given name: "Grace and Hope on reception" are two people.
_VALUES = (
    r"(?:kindness|respect|dignity|honesty|compassion|peace|fairness|justice|equality|freedom"
    r"|trust|integrity|generosity|courage|humility|love|happiness|gratitude|understanding"
    r"|empathy|tolerance)"
)
# A list's joints: "kindness, respect and grace".
_AND = r"(?:\s*,\s*|\s+and\s+|\s*&\s*)"
# The sayings, stock characters and breeds. Each is whole: "Tom" alone, "Jack" alone or
# "Mickey" alone is still a name.
_SAYINGS = (
    r"t(?:ake|akes|aking|ook|aken)\s+the\s+(?:mick(?:ey|y|ie)?|michael)",
    # Only as a word for shoddy, after a determiner: "is mickey mouse's voice scary" is
    # about the character.
    r"(?:a|an|this|that|such|what|total|complete|right|proper|bit)\s+mickey[\s-]+mouse",
    r"bob['’]?s\s+(?:your|yer|ya)\s+uncle",
    r"(?:every|any)\s+tom,?\s+dick,?\s+(?:and|or|&)\s+harry",
    r"peeping\s+toms?",
    r"doubting\s+thomas(?:es)?",
    r"nos(?:e)?y\s+parkers?",
    r"smart\s+alec(?:k|ks|s)?",
    r"jacks?\s+of\s+all\s+trades",
    r"jack\s+the\s+lad",
    r"jack\s+russ?ell?s?",
    r"jack\s+frost",
    r"robin\s+red[\s-]?breasts?",
    r"jack\s+(?:and|&)\s+jill",
    # Brands named after people, as shoppers write them.
    r"ben\s+(?:and|&|n)\s+jerry['’]?s|jack\s+daniel['’]?s|aunt\s+bessie['’]?s"
    r"|uncle\s+ben['’]?s|mr\.?\s+kipling|(?:dr|doc)\.?\s+martens?",
    # Health boards and hospitals named after people, as Welsh residents name them: the
    # North Wales board after a nurse ("Betsi Cadwaladr never answer"), the west and south
    # Wales boards after a king and a minister, the children's hospital and hospice families
    # from Wrexham go to, and the orthopaedic hospital at Gobowen.
    r"betsi\s+cadwaladr|hywel\s+dda|aneurin\s+bevan|alder\s+hey|t[yŷ]\s+hafan"
    r"|(?:the\s+)?robert\s+jones\s+(?:and|&)\s+agnes\s+hunt",
    r"(?:ruby|pearl|coral|amber|jade)\s+(?:wedding|anniversary|jubilee)s?",
    # A keyword texted to a short code, in capitals as adverts and petitions print it ("Text
    # REFORM to 83224"); not a phone number's first digits ("text DAVE to 07700 900123").
    r"(?-i:[A-Z]{2,})(?=\s+to\s+\d{4,6}(?![\d ]*\d))",
    # A voice assistant named like a woman, after its maker, an article or its wake word,
    # or before what it is ("I bought an Alexa", "Amazon Alexa", "Hey Siri", "the Alexa
    # app"). Not after "ask" or "my": "ask Alexa", "our Alexa is at university" are people.
    r"(?:an?|the|amazon|apple|microsoft|samsung|hey|ok|okay)(?:['’]s)?\s+(?:alexa|siri|cortana"
    r"|bixby)|(?:alexa|siri|cortana|bixby)\s+(?:apps?|devices?|speakers?|skills?|dots?|echo"
    r"|reminders?|routines?|alarms?)",
    r"billy[\s-]+no[\s-]+mates",
    r"johnny[\s-]+come[\s-]+lately",
    r"heath\s+robinson",
    r"joe\s+(?:bloggs|public|soap)",
    r"(?:john|jane)\s+doe",
    r"pete\s+tong",
    r"happy\s+as\s+larry",
    r"the\s+full\s+monty",
    r"lazy\s+susans?",
    r"clever\s+dicks?",
    r"silly\s+billy",
    r"rays?\s+of\s+(?:sunshine|light|hope)",
    r"(?:question|exclamation)\s+marks?",
    r"pats?\s+on\s+the\s+back",
    r"to\s+be\s+(?:(?:quite|totally|brutally|perfectly|completely|very|honest\s+and)\s+)?frank",
    r"si[oô]n\s+corn",
    # Welsh stock characters, songs and customs: "fel Siôn a Siân" (a couple never home
    # together), "Dic Siôn Dafydd" (a Welshman who turns his back on Welsh), the Mari Lwyd.
    r"si[oô]n\s+a\s+si[aâ]n|d?dic\s+si[oô]n\s+dafydd|wil\s+cwac\s+cwac|sali\s+mali"
    r"|dafydd\s+y\s+garreg\s+wen|twm\s+si[oô]n\s+cati|guto\s+nyth\s+br[aâ]n|[mf]ari\s+lwyd"
    r"|santa\s+claus",
    # A title held of a place, which names an office, and an award named after one ("the
    # Prince of Wales", "his Duke of Edinburgh award", "the Duchess of Cornwall", "the
    # Princess Royal"): "Prince", "Duke" and "Earl" are given names too. Capitalised only.
    r"(?-i:(?:Prince|Princess|Duke|Duchess|Earl|Countess|Marquess|Marchioness|Baron|Baroness"
    r"|Viscount|Viscountess)\s+of\s+(?:the\s+)?[A-Z][a-z]+|Princess\s+Royal)",
    # Grace as a virtue: in a saying, or among the abstract values a resident lists
    # ("kindness, respect and grace"); never beside people ("Grace and family came").
    r"saving\s+grace|grace\s+periods?|(?:say|said|says|saying)\s+grace|fall\s+from\s+grace"
    r"|airs\s+and\s+graces|grace\s+of\s+god|with\s+(?:good\s+|such\s+|great\s+)?grace",
    rf"(?:{_VALUES}{_AND})+grace|grace(?:{_AND}{_VALUES})+",
)

#: Languages, libraries and tools named like people (technical.py shows them anywhere in
#: text about code).
SOFTWARE_NAMED_LIKE_PEOPLE = frozenset(
    "ruby julia haskell swift scala perl pascal ada crystal elixir dart rust kotlin django"
    " flask rails jenkins travis jackson kendo ember unity cordova kivy spark delphi"
    " anaconda babel".split()
)
# Software named like a person, beside what is written in it or with it ("Ruby code", "the
# Haskell type system", "Julia scripts"): people write about code in forums, and a
# resident's "with Julia" is still a person. A product beside its three-part version
# ("Django 1.5.4", "Spark 1.5.1") is never a person either; two parts may be a time or a
# rating ("saw Paul 2.30", "Sarah 4.5 stars").
_SOFTWARE = (
    rf"(?:{'|'.join(sorted(SOFTWARE_NAMED_LIKE_PEOPLE))})\s+(?:code"
    r"|programs?|scripts?|librar(?:y|ies)|gems?|packages?|modules?|developers?|programmers?"
    r"|type system|syntax|versions?|compiler|interpreter|apps?|framework|api|on rails"
    r"|projects?|server|builds?|plugins?|ui|mapper|slave|agent)"
)
_VERSIONED = r"[A-Z][\w+#-]*\s+v?\d+\.\d+\.\d+"

# Given names that are also verbs a resident does to an organisation ("sue the council",
# "chase them up", "they rob us", "nick it", "mark it", "bill us").
_VERBS = r"(?:sue|rob|nick|mark|bill|chase|pat)"
# What follows such a verb: its object, or the particle of "chase up".
_OBJECT = (
    r"(?:the|them|him|her|us|you|me|my|your|his|their|our|it|this|that|these|those|every"
    r"|everyone|anyone|someone|council|landlord|up|for|a|an)\b"
)
# A subject and a modal ("I will", "we'll", "they could"): with the subject written, the
# modal cannot open a question ("Will Sue the nurse ring me?").
_MODAL = (
    r"\b(?:i|we|you|they|he|she|people|residents|someone|somebody|anyone|everyone|nobody)"
    r"(?:['’]ll|['’]d|\s+(?:will|would|shall|should|can|could|may|might|must|won['’]t"
    r"|wouldn['’]t|couldn['’]t|shouldn['’]t|cannot|can['’]t|will\s+have\s+to"
    r"|would\s+have\s+to|might\s+have\s+to))"
    r"(?:\s+(?:definitely|probably|certainly|just|also|now|soon|then|not|never))?\s+"
)
# "going to sue", "had to chase", "threatened to sue".
_TO = (
    r"\b(?:(?:going|want|wants|wanted|need|needs|needed|have|has|had|try|tried|trying"
    r"|threatened|threatening|plan|planning|intend|decided)\s+to|gonna|wanna)\s+"
)
# A slip of "been" after "have", and not before "to" or "and" ("I have Ben to thank").
_BEEN_SLIPS = "|".join(sorted((s for s in slips("been") if s.isalpha()), key=len, reverse=True))
# Lower-case only: "I have Ben here" is a person.
_BEEN = (
    rf"\b(?:have|has|had|['’]ve|having)\s+((?-i:{_BEEN_SLIPS}))(?=\s+(?!(?:to|and)\b)(?-i:[a-z]))"
)
# "A hugh thankyou": one word between "a" and the thanks.
_THANKS_SIZE = r"\ba\s+([^\W\d_]+)\s+(?=(?:thank[\s-]*you|thankyou|thanks)\b)"

# A storm named as the Met Office and the news name them, with a given name ("since Storm
# Bert", "Hurricane Rita", "Corwynt Ophelia"). Both capitalised, the name one a storm can
# have (_storm_name), no surname after it and no person's verb: "Storm" is a given name
# too ("Storm Evans rang me", "Storm Ashley Evans" are people).
_STORM = re.compile(
    r"(?<![\w'’])(?:Storm|Hurricane|Cyclone|Typhoon|Corwynt)\s+([A-Z][a-z]+)(?![\w])"
    r"(?!\s+[A-Z])(?!,?\s+(?:" + "|".join(sorted(PERSON_VERBS | PERSON_AFTER)) + r")\b)"
)

# "Betsi" alone, the health board as residents call it, where the text is about health care
# ("Betsi is failing patients", "waiting lists under Betsi"); elsewhere a woman's name.
_BETSI = re.compile(r"(?<![\w'’])Betsi(?!['’]?\w)(?!\s+[A-Z])")
_THANKED = re.compile(r"\b(?:thanks?|thank\s+you|cheers|diolch)(?:\s+(?:to|i))?\s+$", re.IGNORECASE)
_ABOUT_HEALTH = re.compile(
    r"\b(?:health|board|nhs|hospital|ysbyty|iechyd|gp|patients?|waiting|appointments?"
    r"|bcuhb|a&e|ambulance|cleifion|meddyg)\b",
    re.IGNORECASE,
)

# "sent to ED", "TED stockings" (see the docstring): in capitals only, as the NHS writes them.
_LETTERS = re.compile(r"(?<![\w&])(?:ED|TED)(?![\w&])")

_STRETCHES = re.compile(
    r"(?<![\w'’])(?:" + "|".join((*_SAYINGS, _SOFTWARE)) + r")(?![\w])", re.IGNORECASE
)
_VERSIONS = re.compile(_VERSIONED + r"(?![\w.])")
_VERB_AFTER = re.compile(rf"(?:{_MODAL}|{_TO})({_VERBS})(?=\s+{_OBJECT})", re.IGNORECASE)
_WORD_IN_CONTEXT = (re.compile(_BEEN, re.IGNORECASE), re.compile(_THANKS_SIZE, re.IGNORECASE))


def _storm_name(key: str) -> bool:
    """Whether a folded word after "Storm" can be a storm's name: a given name that is no
    common surname, or a common given name ("Bert", "Dennis", "Christoph", "Darragh"), or a
    word on no name list ("Phailin"); not a common surname that is a given name only
    somewhere ("Storm Jones", "Storm Evans"). The census's full surname list holds
    "Christoph" and "Darragh" too, so only its commonest are read."""
    g = load_gazetteer()
    if key in g.first_names:
        return key not in common_surnames() or key in common_given_names(NAME_RANK)
    return not g.listed(key)


def sayings(text: str) -> list[tuple[int, int]]:
    """The stretches of ``text`` in which a given name names no one (see the docstring)."""
    found = [
        (m.start(), m.end()) for pattern in (_STRETCHES, _VERSIONS) for m in pattern.finditer(text)
    ]
    found += [m.span(1) for m in _VERB_AFTER.finditer(text)]
    if "Betsi" in text and _ABOUT_HEALTH.search(text):
        # Not after a title or kin word, nor thanked: "my nan Betsi was in hospital",
        # "thanks to Betsi at the GP" are women.
        found += [
            m.span()
            for m in _BETSI.finditer(text)
            if not after_title(text, m.start())
            and not _THANKED.search(text, max(0, m.start() - 30), m.start())
        ]
    if any(kind in text for kind in ("Storm", "Hurricane", "Cyclone", "Typhoon", "Corwynt")):
        found += [m.span() for m in _STORM.finditer(text) if _storm_name(fold(m.group(1)))]
    found += [m.span(1) for pattern in _WORD_IN_CONTEXT for m in pattern.finditer(text)]
    if any(letter.islower() for letter in text):
        found += [(m.start(), m.end()) for m in _LETTERS.finditer(text)]
    return found + shops(text)
