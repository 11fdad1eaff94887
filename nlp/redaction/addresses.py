"""Street addresses: house-number forms, Welsh street words, cue phrases, and what follows.

A street match ("12 Acacia Avenue", "Flat 3, Ty Gwyn", "7 Heol y Frenhines",
"233 Erzsébet tér 19") grows over the town, county, country and postcode that
follow it, so a place name inside an address goes with it, while the same
place elsewhere in a sentence is kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from nlp.redaction.patterns import MONTHS, POSTCODE, Found

_STREET_TYPES = (
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Close|Cl|Drive|Dr|Way|Crescent|Cres|Court|Ct|Place|Pl|"
    r"Terrace|Terr|Gardens|Gdns|Grove|Gr|Hill|Park|Square|Sq|View|Walk|Mews|Row|Parade|Rise|Green|"
    r"Boulevard|Blvd|Highway|Hwy|Circle|Cir|Trail|Parkway|Pkwy|Plaza|Estate|Fields|Meadow|Meadows|"
    r"Villas|Cottages|Heights|Wharf|Quay|Yard|Bank|Brow|Hollow|Chase|Glen|Vale|Croft|End|Side|Ridge|"
    r"Suite|Apt|Square|Loop|Pike|Alley|Path|Pass|Point|Port|Run)"
)
_WELSH_STREET = (
    r"(?:Heol|Stryd|Ffordd|Lôn|Lon|Maes|Cae|Rhodfa|Clos|Cilgant|Llys|Bryn|Parc|Teras|Allt|Cwrt)"
)
# Any letters after the capital: "Brønderslev" is one word, not "Br" and the rest.
_NAMEWORD = r"[A-Z](?:[^\W\d_]|['\-]){1,40}"
_LOWERWORD = r"[A-Z][a-z'\-]{1,40}"
_HOUSE = r"\d{1,5}[A-Za-z]?"
_FLAT = r"(?:(?:Flat|Apartment|Apt|Unit|Fflat|Room|Suite)\.?\s*\d{1,4}[A-Za-z]?,?\s+)"
# Written in lower case, as texts often are ("14 bryn rd", "23 hafod road", "5 maes y dre"):
# only the street words that are nothing else in lower case ("drive", "walk", "close" and
# "view" are verbs and nouns too: "a 10 minute walk", "60 cents to close"), after a house
# number that is no year nor a time ("11:00"), not a measure ("a 2 lane road") and with no
# word of grammar between ("50 yards down the road"). In Welsh the street word comes first
# and its article after it ("maes y dre"): without the article "3 ffordd" is three ways.
_LOWER_FLAT = r"(?:(?:flat|apartment|apt|unit|fflat|room)\.?\s*\d{1,4}[a-z]?,?\s+)"
_LOWER_HOUSE = r"(?<![\w.:£$/-])(?!(?:19|20)\d\d\b)\d{1,4}[a-z]?,?\s+"
_MEASURES = (
    r"(?:minutes?|mins?|hours?|hrs?|miles?|yards?|metres?|meters?|km|mph|seconds?|secs?|days?"
    r"|weeks?|months?|years?|cents?|pounds?|percent|points?|steps?|lanes?|ways?|bed(?:room)?s?"
    r"|store?y|seater|door|car|bus|foot|feet|ft|inch(?:es)?)"
)
_GRAMMAR = (
    r"(?:the|a|an|to|of|in|on|at|for|and|or|but|is|was|has|have|had|be|been|it|its|this|that"
    r"|my|our|your|his|her|their|out|outta|get|got|go|going|not|no|new)"
)
_LOWER_STREET = (
    rf"{_LOWER_HOUSE}(?!{_MEASURES}\b)(?:(?!{_GRAMMAR}\s)[a-z][a-z'\-]+\s+){{1,2}}"
    r"(?:street|road|rd|avenue|ave|lane|crescent|terrace|grove|gardens|court|mews)\b(?!['’])"
    rf"|{_LOWER_HOUSE}(?:heol|stryd|lôn|lon|maes|rhodfa|cilgant|teras|cwrt|clos|llys)"
    r"\s+(?:y|yr|'r)\s+[a-zâêîôûŵŷ][\w'’\-]+"
)
ADDRESS = re.compile(
    rf"(?:{_FLAT}?\b{_HOUSE},?\s+(?:{_NAMEWORD}\s+){{1,4}}{_STREET_TYPES}\b"
    rf"|{_FLAT}?\b{_HOUSE},?\s+{_WELSH_STREET}(?:\s+(?:y|yr|'r|[a-z]{{1,3}}))?(?:\s+{_NAMEWORD}){{1,3}}"
    rf"|{_FLAT}(?:{_NAMEWORD}\s+){{0,3}}{_NAMEWORD}"
    rf"|{_FLAT}?\b{_HOUSE},?\s+(?!(?i:{MONTHS})\b)(?:{_LOWERWORD}\s+){{0,2}}{_LOWERWORD}\s+\d{{1,5}}\b"
    r"|\b(?:P\.?O\.? Box|Blwch Post)\s*\d+"
    rf"|{_LOWER_FLAT}?(?:{_LOWER_STREET}))",
)
# After a street: ", Town", ", County", a postcode; each segment a capitalised phrase.
_ADDRESS_TAIL = re.compile(
    rf"(?:,?\s*(?:{_NAMEWORD}\b(?![0-9])(?: {_NAMEWORD}\b(?![0-9])){{0,2}}"
    rf"|[A-Z]{{2}}\b(?![0-9 ]*[0-9][A-Z]{{2}})))"
)


# Words that introduce an address: what follows, up to the end of the clause, is
# one if it has a house number or a street word.
_ADDRESS_CUE = re.compile(
    r"\b(?:(?:my |our |new |home |postal |billing |shipping |the )?address(?:es)?(?: is| was|:)"
    r"|li(?:ve|ves|ving) at|located at|based at|moved to|drops? (?:you |me |us )?off at"
    r"|meet (?:you |me |us )?at|(?:send|sent|post|posted|deliver|return|write)(?: it| them| this"
    r"| that| a new one| one| mail| letters)? to|(?:n?g|ch|c)h?yfeiriad(?: yw|:)?"
    r"|yn byw (?:yn|ar|ym))"
    r"[ \t]*:?\s*",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(
    r"[?!;]|\.(?:\s|$)|\n[ \t]*\n|\s(?:for|in case|after|before|because|but|so|which|where|if"
    r"|when|please|since|as|until|in|on|last|this|ac|ond|oherwydd|yn|ers)\b"
    r"|\s(?:and|a|ac) (?:i|we|they|he|she|it|is|was|the|my|our|there|then|dw|mae)\b",
    re.IGNORECASE,
)
_STREET_WORD = re.compile(
    rf"\b(?:{_STREET_TYPES[3:-1]}|{_WELSH_STREET[3:-1]}|str|rue|via|calle|rua|avenida|gade|vej"
    r"|gata|gatan|katu|tie|strasse|straße|weg|laan|straat|ulica|utca|út|tér|u)\b\.?",
    re.IGNORECASE,
)
# ", Town", "\n Suite 245", "\n FÜRLING", "\n Austria 25173": the lines after a street.
_CONTINUATION = re.compile(
    # ">" marks a line quoted in an e-mail reply.
    r"[ \t]*(?:,[ \t]*\n?|\n)[ \t>]*,?[ \t]*"
    r"((?:Suite|Apt|Apartment|Unit|Flat|Box|Floor|Room)\.?[ \t]*\w{1,6}"
    r"|\d{4,6}(?:-\d{3,4})?|[^\W\d_][\w'.\-]{0,30}(?:[ \t]+[\w'.\-()]{1,30}){0,3})",
)
# "233 Erzsébet tér 19", "450 Præstevænget 15": a number, a street, a number.
_NUMBER_STREET_NUMBER = re.compile(
    r"(?<![\w.])\d{1,5}[ \t]+((?:[^\W\d_][\w'.\-]{0,30}[ \t]+){1,3})\d{1,4}[A-Za-z]?\b\.?"
)

# Continental order, the street before its number ("Villacher Strasse 89", "ul. Narewska 94",
# "Via dei Fiorentini 17", "Hansinegata 120"): a street word first or a street ending.
_STREET_THEN_NUMBER = re.compile(
    r"(?:\b(?:ul\.|Via|Rua|Rúa|Calle|Avenida|Rue|Carrer)[ \t]+"
    r"(?:(?:de|del|dei|do|da|di|la|le)[ \t]+){0,2}"
    rf"(?:{_NAMEWORD}[ \t]+){{0,2}}{_NAMEWORD}"
    r"|\b[A-Z][^\W\d_]{2,30}?(?:strasse|straße|gasse|gata|gatan|vej|weg|straat|laan|katu|kuja"
    r"|utca|veien|vägen)"
    rf"|\b{_NAMEWORD}[ \t]+(?:Strasse|Straße|Gasse|Weg|Straat|Laan|Ulica))"
    r"[ \t]+\d{1,5}[A-Za-z]?\b"
)

# A house known by its name, not a number, then its street: "Rose Cottage, Mill Lane", "The
# Old Forge, Holt Road", "Bryn Awel, Church Lane", "Tŷ Gwyn, Ffordd y Capel". Rural Wales
# names its houses; the name and the street point at one home as a number would.
_HOUSE_NAME = (
    rf"(?:(?:The\s+)?(?:{_NAMEWORD}\s+){{0,2}}(?:Cottage|House|Farm|Farmhouse|Lodge|Barn"
    rf"|Bungalow|Villa|Forge|Mill|Grange|Manor|Croft)"
    rf"|(?:Bryn|Tŷ|Ty|Pen|Maes|Glan|Hafod|Llys|Bod|Plas|Gwel|Awel|Min|Nant|Pant|Tan|Cefn|Erw"
    rf"|Tyddyn|Bwthyn|Hendre|Fferm)\s+(?:(?:y|yr|'r)\s+)?{_NAMEWORD})"
)
_HOUSE_NAME_STREET = re.compile(
    rf"\b{_HOUSE_NAME},\s+(?:(?:{_NAMEWORD}\s+){{1,3}}{_STREET_TYPES}\b"
    rf"|{_WELSH_STREET}(?:\s+(?:y|yr|'r))?(?:\s+{_NAMEWORD}){{1,3}})"
)
# The lines of an address before its postcode, on one line and comma-separated: "Bryn Awel,
# Church Lane, Llay LL12 0AB". One of them must be a street or hold a number.
_LINES_BEFORE_POSTCODE = re.compile(
    r"((?:(?:The\s+)?[A-Z][\w'’-]*(?:[ \t]+(?:y|yr|'r|[A-Z][\w'’-]*)){0,3},?[ \t]+){1,4})$"
)

_YEARS = re.compile(r"\b(?:19|20)\d\d\b")


def _is_place_line(segment: str) -> bool:
    """A continuation line of an address: capitalised words, numbers or codes only."""
    words = segment.split()
    return bool(words) and all(
        w[:1].isupper() or w[:1].isdigit() or w in {"nan", "de", "do", "da", "u."} for w in words
    )


# On the same line: "Apt. 864", "Suite 245", a ZIP or postcode number ("... Avenue 62488").
_SAME_LINE = re.compile(
    r"[ \t]*,?[ \t]*(?:(?:Suite|Apt|Apartment|Unit|Flat|Floor|Room)\.?[ \t]*\w{1,6}\b"
    r"|\d{4,6}(?:-\d{3,4})?\b(?![ \t]*(?:am|pm|years?|people|minutes?|times?)\b))",
    re.IGNORECASE,
)
# A building or ZIP number written before the house number ("9554 62 Rue Gafsa").
_NUMBER_BEFORE = re.compile(r"\d{1,6}[ \t]+$")


def _start(text: str, start: int) -> int:
    before = _NUMBER_BEFORE.search(text, max(0, start - 8), start)
    return before.start() if before else start


# A street match can stop on "Suite" or "Apt" (they are street words): its number follows.
_UNIT_NUMBER = re.compile(r"\.?[ \t]*\d{1,5}[A-Za-z]?\b")
_ENDS_WITH_UNIT = re.compile(r"(?:Suite|Apt|Apartment|Unit|Flat)$", re.IGNORECASE)


def _extend(text: str, end: int) -> int:
    """Swallow the town, county, country and postcode lines that follow an address."""
    if _ENDS_WITH_UNIT.search(text, max(0, end - 9), end):
        number = _UNIT_NUMBER.match(text, end)
        end = number.end() if number else end
    for _ in range(6):
        unit = _SAME_LINE.match(text, end)
        if unit is not None:
            end = unit.end()
            continue
        tail = _ADDRESS_TAIL.match(text, end)
        if tail is not None and tail.group(0).startswith((",", " ")) and len(tail.group(0)) > 2:
            end = tail.end()
            continue
        line = _CONTINUATION.match(text, end)
        if line is None or not _is_place_line(line.group(1)):
            break
        end = line.end()
    rest = text[end : end + 20]
    post = POSTCODE.match(rest.lstrip(" ,"))
    if post:
        end += len(rest) - len(rest.lstrip(" ,")) + post.end()
    return end


# Street words that are everyday words too: lower-case after an address cue they say where,
# not which street ("I live at the end of the road", "the top of the hill", "the other side of
# town"). Capitalised, or with a house number, they are a street's ("Mill End", "4 bank").
# The last few are _STREET_WORD's unit and foreign words that are English or text-speak in
# lower case ("suite", "via", "u").
_EVERYDAY_STREET_WORDS = frozenset(
    """end side bank point pass run path port loop green hill rise view way walk row yard
    square park fields meadow meadows hollow chase glen vale croft ridge brow heights wharf
    quay circle trail plaza suite apt pike alley u tie via""".split()
)


_DETERMINER = r"\b(?:the|this|that|our|my|your|a)\s+"
_DETERMINER_BEFORE = re.compile(_DETERMINER + "$", re.IGNORECASE)
_DETERMINER_FIRST = re.compile(_DETERMINER, re.IGNORECASE)


def _names_a_street(chunk: str) -> bool:
    """Whether the words after an address cue hold a street word that names a street: not a
    lower-case everyday word, nor one after "the" ("the end of the road", "the street")."""
    for word in _STREET_WORD.finditer(chunk):
        written = word.group(0)
        if not written.islower():
            return True
        everyday = written.rstrip(".") in _EVERYDAY_STREET_WORDS
        if not everyday and not _DETERMINER_BEFORE.search(chunk, 0, word.start()):
            return True
    return False


def find_addresses(text: str) -> Iterator[Found]:
    for match in ADDRESS.finditer(text):
        yield _start(text, match.start()), _extend(text, match.end()), "address"
    for match in _NUMBER_STREET_NUMBER.finditer(text):
        words = match.group(1).split()
        if words[0][:1].isupper() and not re.match(MONTHS, words[0], re.IGNORECASE):
            yield _start(text, match.start()), _extend(text, match.end()), "address"
    for match in _STREET_THEN_NUMBER.finditer(text):
        yield _start(text, match.start()), _extend(text, match.end()), "address"
    for match in _HOUSE_NAME_STREET.finditer(text):
        yield match.start(), _extend(text, match.end()), "address"
    for post in POSTCODE.finditer(text):
        lines = _LINES_BEFORE_POSTCODE.search(text, max(0, post.start() - 120), post.start())
        if lines and "," in lines.group(1) and _STREET_WORD.search(lines.group(1)):
            yield lines.start(1), post.end(), "address"
    for cue in _ADDRESS_CUE.finditer(text):
        window = text[cue.end() : cue.end() + 140]
        chunk = _clause(window)
        numbered = re.search(r"\d", _YEARS.sub("", chunk))
        if 2 < len(chunk) and (numbered or _names_a_street(chunk)):
            start = cue.end()
            yield start, _extend(text, start + len(chunk)), "address"
        elif 2 < len(chunk) and (street := _street_after(window, len(chunk))):
            yield cue.end(), _extend(text, cue.end() + street), "address"


def _clause(window: str) -> str:
    """The words up to the clause's end, less the punctuation before it."""
    stop = _CLAUSE_END.search(window)
    return window[: stop.start() if stop else len(window)].rstrip(" ,.:\n\t")


# "the bungalow on Church Lane", "the flat above the shop in Mill Street": the home, then
# where it stands.
_HOME_ON = re.compile(r"\s+(?:on|in|off)\s+", re.IGNORECASE)


def _street_after(window: str, end: int) -> int:
    """Where the address ends when the clause after an address cue names the home and the
    next names its street ("I live at the bungalow on church lane"); 0 if it does not."""
    joint = _HOME_ON.match(window, end)
    if joint is None:
        return 0
    street = _clause(window[joint.end() :]).partition(",")[0]
    if (
        not street
        or len(street.split()) > 4
        or _DETERMINER_FIRST.match(street)  # "on the main road": which road, not its name
        or not _names_a_street(street)
    ):
        return 0
    return joint.end() + len(street)
