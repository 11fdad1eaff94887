"""Shops named like people, shown where nothing makes them a person.

Town-centre consultations are full of shops ("since Debenhams and Wilko shut", "we go to
John Lewis in Chester now", "three bookies: Ladbrokes, William Hill and Betfred"), and the
name finders read a surname with the shop's "s", or a founder's full name, as a person: "We
lost [name] and [name]" tells the officer nothing. So, read with sayings.py's stretches (a
name wholly inside one is shown):

- chains named with a surname and an "s", or shaped like a name ("Debenhams", "Timpsons",
  "Clintons", "Thorntons", "Betfred", "Dunelm"), are shown but after a title ("Mr Ryman");
- chains named with a full name ("John Lewis", "William Hill", "Laura Ashley", "Papa John's")
  are shown only where the words around make them a shop: where one shops or works before
  ("at John Lewis", "went to", "bought it from", "the John Lewis in Chester"), or what a
  shop has or does after ("John Lewis closed", "a William Hill shop", "a Ted Baker bag").
  Or in a list with a chain ("Ladbrokes, William Hill and Betfred"). Wales has many a John
  Lewis: "Fy enw i yw John Lewis", "thanks to John Lewis" and "John Lewis is lovely" stay
  hidden.

Chains whose name is a plain surname ("Evans", "Rowlands", "Clarks") are left to the name
finders: "Mrs Rowlands" and "the Clarks next door" are people. The lists were written by
hand from the chains on British high streets; none is personal data.
"""

from __future__ import annotations

import re

from nlp.redaction.name_cues import after_title

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
_FOUNDER_NAMED = re.compile(rf"(?<![\w'’])(?:{_FULL_NAMES}){_ENDING}", re.IGNORECASE)
# A full name is the shop only where the words around it make it one (a person's full name
# shown is a leak; a shop's hidden only costs a word): where one shops or works ...
_SHOP_BEFORE = re.compile(
    r"\b(?:at|in|into|inside|outside|near|opposite|behind|the|a|an|new|old|siop|cwmni|yn"
    r"|(?:went|go|goes|going|gone|been|trip|drive|bus|walk)\s+to"
    r"|(?:bought|ordered|got)\s+(?:it\s+|them\s+)?from)\s+$",
    re.IGNORECASE,
)
# ... or what a shop has or does after it ("John Lewis closed", "a William Hill shop"); not
# "opened", which people do too ("William Hill opened the fete").
_SHOP_AFTER = re.compile(
    r"\s*(?:shops?|stores?|closed|closing|closes|shut|shuts|card|cards"
    r"|sale|sales|vouchers?|bags?|delivery|deliveries|branch|branches|outlet|website|app"
    r"|online|bookies|betting|delivers|in\s+town)\b",
    re.IGNORECASE,
)
# ... or a list it shares with a chain ("Ladbrokes, William Hill and Betfred").
_LISTED_WITH = re.compile(r"\s*(?:,|&|and|or|,\s*and|,\s*or)\s*", re.IGNORECASE)


def shops(text: str) -> list[tuple[int, int]]:
    """The stretches of ``text`` that name a shop named like a person (see the docstring)."""
    chains = [m.span() for m in _CHAIN.finditer(text) if not after_title(text, m.start())]
    found = list(chains)
    for m in _FOUNDER_NAMED.finditer(text):
        listed = any(
            _LISTED_WITH.fullmatch(text, end, m.start())
            or _LISTED_WITH.fullmatch(text, m.end(), start)
            for start, end in chains
            if end <= m.start() or start >= m.end()
        )
        if not after_title(text, m.start()) and (
            listed
            or _SHOP_BEFORE.search(text, max(0, m.start() - 20), m.start())
            or _SHOP_AFTER.match(text, m.end())
        ):
            found.append(m.span())  # not "Mr William Hill opened the fete"
    return found
