"""Detectors for PII with a fixed written form: phones, emails, URLs, UK identifiers, dates.

Each detector takes the normalised detection copy of a text (see normalise.py)
and yields (start, end, type) character spans in it. Checksums (NHS mod 11,
Luhn) and the National Insurance prefix rules keep ordinary numbers from
being mistaken for identifiers; where a number is long enough to be someone's
phone or account number and fits nothing else, it is still redacted as a
phone, because a missed identifier costs more than a lost reference number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher

Found = tuple[int, int, str]

_TLD = (
    r"(?:com|org|net|edu|gov|info|biz|io|co|uk|cymru|wales|scot|ie|eu|de|fr|es|it|nl|be|ch|at|"
    r"au|ca|nz|us|in|me|tv|ly|app|dev|online|site|shop|xyz|ai|ru|pl|pt|se|no|dk|fi|hu|cz|br|mx|za)"
)
_AT = r"(?:\s?@\s?|\s?[\[\(\{<]\s?(?:at|@)\s?[\]\)\}>]\s?)"
_DOT = r"(?:\.|\s?[\[\(\{<]\s?(?:dot|\.)\s?[\]\)\}>]\s?|\s(?:dot|DOT)\s)"
# The local part starts after a non-word character and is at most 64 long (RFC
# 5321): without both, a 20,000-character token costs quadratic backtracking.
EMAIL = re.compile(
    rf"(?<![A-Za-z0-9._%+'\-])[A-Za-z0-9][A-Za-z0-9._%+'\-]{{0,63}}{_AT}[A-Za-z0-9\-]+(?:{_DOT}[A-Za-z0-9\-]+)*{_DOT}[A-Za-z]{{2,24}}\b"
)
# "jo dot bloggs at gmail dot com": spelled out in full, and ending in a real TLD,
# since "me at home" and "meet at nine" must stay.
EMAIL_SPOKEN = re.compile(
    rf"(?<![A-Za-z0-9_\-])[A-Za-z0-9][A-Za-z0-9_\-]{{0,63}}(?:\s(?:dot|DOT)\s[A-Za-z0-9_\-]{{1,63}}){{0,4}}"
    rf"\s(?:at|AT)\s[A-Za-z0-9\-]{{1,63}}(?:\s(?:dot|DOT)\s[A-Za-z0-9\-]{{1,63}}){{0,4}}"
    rf"\s(?:dot|DOT)\s{_TLD}\b",
)
# Every repetition is bounded and every match starts where a run of URL
# characters starts: unbounded nesting made "a.a.a.a..." cost minutes.
URL = re.compile(
    r"(?<![\w.\-@/])(?:(?:https?|ftp)://|www\.)[^\s<>\"]{1,2000}"
    rf"|(?<![\w.\-@/])(?:[A-Za-z0-9\-]{{1,63}}\.){{1,6}}{_TLD}(?:\.[a-z]{{2}})?\b"
    r"(?:/[^\s<>\"]{0,2000})?",
    re.IGNORECASE,
)
# Not a spreadsheet function ("@SUM(A1:A2)"): a handle is never followed by "(".
HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w.]*\()")

# Postcodes: the outward code (area + district) and the inward code (sector + unit).
_OUTWARD = r"(?:[A-Z]{1,2}[0-9][0-9A-Z]?|[A-Z]{1,2}[0-9]{2})"
POSTCODE = re.compile(
    rf"\b(?:GIR ?0AA|{_OUTWARD}[ \-]*[0-9][ABD-HJLNP-UW-Z]{{2}})\b", re.IGNORECASE
)
# The 120-odd postcode areas, so that "A1" or "CO2" alone is not taken for a postcode.
POSTCODE_AREAS = frozenset(
    "AB AL B BA BB BD BF BH BL BN BR BS BT BX CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL "
    "DN DT DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY "
    "L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA "
    "SE SG SK SL SM "
    "SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE".split()
)
# Valid outward codes that mean something else far more often.
NOT_OUTWARD = frozenset({"CO2", "SO2", "B12", "E10"})  # gas, vitamin, petrol
OUTWARD_ONLY = re.compile(r"\b([A-Za-z]{1,2})([0-9][0-9A-Za-z]?)\b")
_ROAD_CONTEXT = re.compile(r"(?:\b(?:the|junction|jct|j\d+|off|on|via|along)\s+$)", re.IGNORECASE)
_ROAD_AFTER = re.compile(r"^\s*(?:motorway|road|junction|j\d|bridge|corridor|toll|relief)", re.I)

# National Insurance: two prefix letters (D, F, I, Q, U, V never; O never second),
# six digits often in pairs, and a suffix A-D that people often leave off.
NINO = re.compile(
    r"\b([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])[ \-.]?(\d{2})[ \-.]?(\d{2})[ \-.]?(\d{2})"
    r"(?:[ \-.]?([A-D]))?\b",
    re.IGNORECASE,
)
# Written as on the card (capitals, digits in spaced pairs, suffix A-D) the shape alone is
# an NI number, whatever the prefix: HMRC's specimen "QQ 12 34 56 C" and mistyped prefixes
# are still someone's. Unspaced, "QQ123456C" is as likely a product code.
NINO_FULL = re.compile(r"\b([A-Z]{2}) (\d{2}) (\d{2}) (\d{2}) ([A-D])\b")
NINO_BAD_PREFIXES = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})
# After its name, any two letters and six digits are the number, in any case or spacing, a
# specimen or mistyped prefix too ("my NI is qq123456c", "rhif yswiriant gwladol QQ123456C").
NINO_AFTER_NAME = re.compile(
    r"\b(?:N\.?I\.?(?:N\.?O\.?)?|nino|national insurance|yswiriant gwladol)"
    r"(?:\s+(?:number|no\.?|num))?(?:\s*(?:is|was|yw|:|-))?\s*"
    r"([A-Z]{2}[ \-.]?\d{2}[ \-.]?\d{2}[ \-.]?\d{2}(?:[ \-.]?[A-D])?)\b",
    re.IGNORECASE,
)

# A run of digits with the separators people use; checked afterwards.
DIGIT_RUN = re.compile(r"(?<![\w])\+?\(?\d(?:[ .\-/()]{0,2}\d){6,22}(?![\w])")

VEHICLE_REG = re.compile(
    r"\b(?:[A-Z]{2}[0-9]{2} ?[A-Z]{3}|[A-Z][0-9]{1,3} ?[A-Z]{3}|[A-Z]{3} ?[0-9]{1,3}[A-Z])\b"
)
_REG_CONTEXT = re.compile(
    r"\b(?:reg|registration|number ?plate|plate|car|van|vehicle|rhif)\b", re.I
)

MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|ionawr|chwefror|mawrth|ebrill|"
    r"mai|mehefin|gorffennaf|awst|medi|hydref|tachwedd|rhagfyr|"
    # Welsh months soft-mutated after "o" (of: "5ed o Fehefin"), nasal after "yng".
    r"fawrth|fai|fehefin|orffennaf|ngorffennaf|fedi|dachwedd|ragfyr)"
)
# Welsh ordinals too: 1af, 2il, 3ydd, 5ed, 7fed, 11eg, 21ain.
_DAY = r"(?:[0-2]?[0-9]|3[01])(?:st|nd|rd|th|af|il|ydd|ed|fed|eg|ain)?"
DATE = re.compile(
    rf"\b(?:{_DAY}[/.\-]\s?(?:0?[1-9]|1[0-2])[/.\-]\s?(?:19|20)?\d{{2}}"
    rf"|(?:19|20)\d{{2}}[/.\-](?:0?[1-9]|1[0-2])[/.\-]{_DAY}"
    rf"|{_DAY}(?:\s+(?:of|o))?\s+{MONTHS}\.?,?\s+(?:19|20)\d{{2}}"
    rf"|{MONTHS}\.?\s+{_DAY},?\s+(?:19|20)\d{{2}})\b",
    re.IGNORECASE,
)
# Words for a birth; Welsh mutates them after "fy", "dy", "ei" (my, your, his/her): "fy
# ngeni", "fy mhen-blwydd", "dy ben-blwydd", "ei phen-blwydd".
_BIRTH_WORDS = (
    r"born|d\.?o\.?b|date of birth|birth ?day|birthdate|dyddiad geni|ganwyd|ganed|n?geni"
    r"|(?:p|b|mh|ph)en-?blwydd"
)
_DOB_CONTEXT = re.compile(rf"\b(?:{_BIRTH_WORDS}|aged?)\b", re.IGNORECASE)
# A birthday without its year ("my birthday is 5th June", "fy mhen-blwydd yw 5 Mehefin"):
# only after a birth word itself, not "aged" ("aged 80, on 5 June the bus ..."), and no full
# stop between month and day ("born in October. 2 home visits").
_BIRTH_WORD = re.compile(rf"\b(?:{_BIRTH_WORDS})\b", re.IGNORECASE)
DAY_MONTH = re.compile(
    rf"\b(?:{_DAY}(?:\s+(?:of|o))?\s+{MONTHS}|{MONTHS}\s+{_DAY})\b", re.IGNORECASE
)
_YEAR = re.compile(r"(?:19|20)\d{2}\b|\b\d{2}$")


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def nhs_checksum_ok(digits: str) -> bool:
    """True for a 10-digit string whose last digit is its NHS mod-11 check digit."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def luhn_ok(digits: str) -> bool:
    """True when `digits` passes the Luhn check used by payment cards."""
    if not digits.isdigit() or len(digits) < 12:
        return False
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def find_emails(text: str) -> Iterator[Found]:
    for pattern in (EMAIL, EMAIL_SPOKEN):
        for match in pattern.finditer(text):
            yield match.start(), match.end(), "email"


def find_urls(text: str) -> Iterator[Found]:
    for match in URL.finditer(text):
        end = match.end()
        while end > match.start() and text[end - 1] in ".,;:!?)]}'\"":
            end -= 1
        yield match.start(), end, "url"


def find_handles(text: str) -> Iterator[Found]:
    for match in HANDLE.finditer(text):
        yield match.start(), match.end(), "handle"


# "postcode: ..." / "zip code is ...": whatever code follows is someone's postcode.
_POSTCODE_CUE = re.compile(
    r"\b(?:post ?code|postal code|zip(?: ?code)?|cod post)\b(?: is|:)?[ \t]*"
    r"([A-Za-z0-9]{2,8}(?:[ \-][A-Za-z0-9]{2,4})?)\b",
    re.IGNORECASE,
)


def find_postcodes(text: str) -> Iterator[Found]:
    for cue in _POSTCODE_CUE.finditer(text):
        code = cue.group(1)
        if any(ch.isdigit() for ch in code):
            yield cue.start(1), cue.end(1), "postcode"
    for match in POSTCODE.finditer(text):
        yield match.start(), match.end(), "postcode"
    for match in OUTWARD_ONLY.finditer(text):
        area, district = match.group(1), match.group(2)
        if area.upper() not in POSTCODE_AREAS or match.group(0).upper() in NOT_OUTWARD:
            continue
        token = match.group(0)
        # Lower-case outward codes are only believed after "postcode"-like words.
        if not token.isupper() and not re.search(
            r"(?:postcode|cod post|area)\W*$", text[: match.start()], re.I
        ):
            continue
        if area.upper() == "M" or len(area) == 1 and district.isdigit() and len(district) == 1:
            # "the M4", "J5 of the M56", "B4 paper": roads and sizes, not places.
            before, after = text[max(0, match.start() - 12) : match.start()], text[match.end() :]
            if _ROAD_CONTEXT.search(before) or _ROAD_AFTER.match(after):
                continue
        yield match.start(), match.end(), "postcode"


def find_ninos(text: str) -> Iterator[Found]:
    for match in NINO.finditer(text):
        prefix, suffix = match.group(1), match.group(5)
        if prefix.upper() in NINO_BAD_PREFIXES or not (prefix.isupper() or prefix.islower()):
            continue  # "On 2007-01-17" is a date after a word, not "ON 20 07 01"
        odd_separators = any(ch in "-." for ch in match.group(0))
        if (prefix.islower() or odd_separators) and not suffix:
            continue  # "at 71-33-52-22" is a phone number after a word
        yield match.start(), match.end(), "nino"
    for match in NINO_FULL.finditer(text):
        yield match.start(), match.end(), "nino"
    for match in NINO_AFTER_NAME.finditer(text):
        yield match.start(1), match.end(1), "nino"


def _phone_spans(text: str) -> Iterator[tuple[int, int]]:
    # POSSIBLE accepts every VALID number plus well-formed ones outside the
    # allocated ranges (the 07700 900xxx drama range, new ranges, typos): a
    # typo'd phone number still identifies its owner to whoever dials round.
    for match in PhoneNumberMatcher(text, "GB", leniency=Leniency.POSSIBLE):
        raw = match.raw_string
        if len(_digits(raw)) >= 9 or phonenumbers.is_valid_number(match.number):
            yield match.start, match.end


# A date or a time written with digits, which must not pass for a phone number.
_DATE_LIKE = re.compile(
    r"(?:19|20)\d{2}[-/.](?:0?[1-9]|1[0-2])[-/.](?:[0-2]?\d|3[01])"
    r"|(?:[0-2]?\d|3[01])[-/.](?:0?[1-9]|1[0-2])[-/.](?:\d{4}|\d{2})\b|\d{1,2}:\d{2}"
)
# Words that say a number follows: then 6 digits are enough to be a phone number.
_PHONE_CUE = re.compile(
    r"\b(?:phone|tel|telephone|mobile|mob|cell|fax|landline|whatsapp|number|no"
    r"|(?:call|ring|text|phone|contact|reach|answering)(?: me| us| him| her)?(?: on| at)"
    r"|ffôn|ffon|ffoniwch|rhif)\b\.?[ \t]*(?:is|:|-)?[ \t\n]*",
    re.IGNORECASE,
)
_CUED_NUMBER = re.compile(r"\+?\(?\d[\d ().\-]{4,18}\d(?![\w])")


def _overlaps(start: int, end: int, claimed: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in claimed)


def find_numbers(text: str) -> Iterator[Found]:
    """Phones, NHS numbers and payment cards, which all start as digit runs."""
    if sum(ch.isdigit() for ch in text) < 6:
        return
    claimed: list[tuple[int, int]] = []
    for match in DIGIT_RUN.finditer(text):
        raw = match.group(0)
        digits = _digits(raw)
        start, end = match.start(), match.end()
        while end > start and not text[end - 1].isdigit():
            end -= 1
        if (
            len(digits) == 10
            and not raw.lstrip("(").startswith(("0", "+"))
            and nhs_checksum_ok(digits)
        ):
            claimed.append((start, end))
            yield start, end, "nhs_number"
        elif 13 <= len(digits) <= 19 and luhn_ok(digits):
            claimed.append((start, end))
            yield start, end, "card"
    for start, end in _phone_spans(text):
        if not _overlaps(start, end, claimed) and not _DATE_LIKE.match(text, start):
            claimed.append((start, end))
            yield start, end, "phone"
    for cue in _PHONE_CUE.finditer(text):
        number = _CUED_NUMBER.match(text, cue.end())
        if number is None or len(_digits(number.group(0))) < 6 or _DATE_LIKE.match(number.group(0)):
            continue
        start, end = number.start(), number.end()
        if not _overlaps(start, end, claimed):
            claimed.append((start, end))
            yield start, end, "phone"
    # Long digit runs nothing above explained: account, reference or foreign phone numbers.
    for match in DIGIT_RUN.finditer(text):
        start, end = match.start(), match.end()
        if (
            len(_digits(match.group(0))) >= 10
            and not _overlaps(start, end, claimed)
            and not _DATE_LIKE.match(text, start)
        ):
            yield start, end, "phone"


def find_vehicle_regs(text: str) -> Iterator[Found]:
    for match in VEHICLE_REG.finditer(text):
        token = match.group(0)
        # The older formats look like product codes; believe them near car words.
        if re.fullmatch(r"[A-Z]{2}[0-9]{2} ?[A-Z]{3}", token) or _REG_CONTEXT.search(
            text[max(0, match.start() - 40) : match.start()]
        ):
            yield match.start(), match.end(), "vehicle_reg"


def find_dates_of_birth(text: str) -> Iterator[Found]:
    """Full dates near a birth word, full dates whose year a resident could be born in, and
    a day and month right after a birth word."""
    if not any(ch.isdigit() for ch in text):
        return  # every date has a digit; most answers have none
    full = list(DATE.finditer(text))
    for match in DAY_MONTH.finditer(text):
        in_full_date = any(m.start() <= match.start() < m.end() for m in full)
        before = text[max(0, match.start() - 40) : match.start()]
        if not in_full_date and _BIRTH_WORD.search(before):
            yield match.start(), match.end(), "date_of_birth"
    for match in full:
        before = text[max(0, match.start() - 40) : match.start()]
        if _DOB_CONTEXT.search(before):
            yield match.start(), match.end(), "date_of_birth"
            continue
        year = _YEAR.search(match.group(0))
        if year is None:
            continue
        value = int(year.group(0)) if len(year.group(0)) == 4 else None
        if value is not None and 1900 <= value <= 2012:
            yield match.start(), match.end(), "date_of_birth"


# Bank details, after the words a resident writes them with: a sort code ("sort code
# 12-34-56", "cod didoli 12 34 56") and an account number of eight digits ("account
# 12345678", "a/c no. 12345678", "rhif cyfrif 12345678"). Without the words, six or eight
# digits are as often a reference or a date.
_SORT_CODE = re.compile(
    r"\b(?:sort[ -]?code|s/c|cod (?:didoli|trefnu))(?:\s+(?:is|yw|ydy))?\W{0,4}"
    r"(\d{2}[ -]?\d{2}[ -]?\d{2})\b",
    re.IGNORECASE,
)
_ACCOUNT_NUMBER = re.compile(
    r"\b(?:(?:bank )?(?:account|acc|acct|a/c)(?: (?:number|no|num))?|rhif (?:y )?cyfrif)"
    r"(?:\s+(?:is|yw|ydy))?\W{0,4}(\d{8})\b",
    re.IGNORECASE,
)


def find_bank_details(text: str) -> Iterator[Found]:
    """A sort code and an account number, each after its own words."""
    for pattern in (_SORT_CODE, _ACCOUNT_NUMBER):
        for match in pattern.finditer(text):
            yield match.start(1), match.end(1), "bank_account"
