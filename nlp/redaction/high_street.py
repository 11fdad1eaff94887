"""Shops named like people: shown where the text does not make them a person.

Town-centre consultations are full of shops ("since Debenhams and Wilko shut", "John Lewis
is too far", "three bookies: Ladbrokes, William Hill and Betfred"), and the name finders read
a surname with the shop's "s", or a founder's full name, as a person: "We lost [name] and
[name]" tells the officer nothing. So, read with sayings.py's stretches (a name wholly
inside one is shown):

- chains named with a surname and an "s", or shaped like a name ("Debenhams", "Timpsons",
  "Clintons", "Thorntons", "Betfred", "Dunelm"), are shown but after a title ("Mr Ryman");
- chains named with a full name ("John Lewis", "William Hill", "Laura Ashley", "Papa John's")
  are shown unless the text makes them a person: a title, kin word or thanks before ("my
  uncle John Lewis", "thanks to William Hill"), or a verb only a person does after ("John
  Lewis rang me back"). Wales has many a John Lewis; "John Lewis is too far" is the shop.

Chains whose name is a plain surname ("Evans", "Rowlands", "Clarks") are left to the name
finders: "Mrs Rowlands" and "the Clarks next door" are people. The lists were written by
hand from the chains on British high streets; none is personal data.
"""

from __future__ import annotations

import re

from nlp.redaction.name_cues import after_title
from nlp.redaction.person_cues import PERSON_AFTER, PERSON_VERBS

#: Chains that are a surname with the shop's "s", or a word shaped like a name.
_CHAINS = (
    r"debenhams|timpsons|clintons|thorntons|ladbrokes|betfred|dunelm|woolworths|woolies"
    r"|wilkinsons|hamleys|rymans?|barnardo['’]?s|harry\s+ramsden['’]?s|nando['’]?s"
    r"|wetherspoons?|tim\s+hortons|toby\s+carvery|costa\s+coffee"
    r"|marks\s+(?:and|&|n)\s+spencers?|frankie\s+(?:and|&|n)\s+benny['’]?s"
    r"|holland\s+(?:and|&|n)\s+barrett"
)
#: Chains named with a founder's full name, and their possessive or plural forms.
_FULL_NAMES = (
    r"john\s+lewis|william\s+hill|laura\s+ashley|ted\s+baker|ann\s+summers|dorothy\s+perkins"
    r"|robert\s+dyas|travis\s+perkins|ernest\s+jones|h\.?\s+samuel|jack\s+wills"
    r"|harvey\s+nichols|paddy\s+power|miss\s+selfridge|papa\s+john"
)
_ENDING = r"(?:['’]?s)?(?![\w'’])"
_CHAIN = re.compile(rf"(?<![\w'’])(?:{_CHAINS}){_ENDING}", re.IGNORECASE)
_FULL_NAME = re.compile(
    rf"(?<![\w'’])(?:{_FULL_NAMES}){_ENDING}"
    rf"(?!,?\s+(?:{'|'.join(sorted(PERSON_VERBS | PERSON_AFTER))})\b)",
    re.IGNORECASE,
)
# Thanks or kin right before the name: "thanks to John Lewis", "my uncle William Hill".
_PERSON_BEFORE = re.compile(
    r"\b(?:thanks?|thank\s+you|cheers|diolch|my|our|his|her|their|uncle|aunt|auntie|cousin"
    r"|brother|sister|son|daughter|husband|wife|partner|friend|neighbour|dear|mr|mrs|ms|miss"
    r"|dr)(?:\s+to)?[\s,]+$",
    re.IGNORECASE,
)


def shops(text: str) -> list[tuple[int, int]]:
    """The stretches of ``text`` that name a shop named like a person (see the docstring)."""
    found = [m.span() for m in _CHAIN.finditer(text) if not after_title(text, m.start())]
    found += [
        m.span()
        for m in _FULL_NAME.finditer(text)
        if not after_title(text, m.start())
        and not _PERSON_BEFORE.search(text, max(0, m.start() - 30), m.start())
    ]
    return found
