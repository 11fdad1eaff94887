"""Generators for a UK-format PII set: realistic formats, generated values, fixed seed.

Every value is made up, in the forms people really write: phones in national,
international, bracketed, dotted and dashed forms with and without extensions
(Ofcom's numbering: 07xxx mobiles, 01/02 geographic, 03/08 non-geographic);
postcodes built from the real postcode areas and the Royal Mail unit rules,
full and outward-only, any spacing and case; National Insurance numbers with
valid prefixes (HMRC: no D F I Q U V, no O second, not BG GB KN NK NT TN ZZ);
NHS numbers with a correct mod-11 check digit (numbers whose check digit would
be 10 are never issued and are skipped); street and flat addresses, English
and Welsh; names from British and Welsh first names and surnames. Sentences
come from templates written like feedback to a council, and some contain
look-alikes that are NOT personal (road numbers, reference numbers, years,
ward names) so that precision means something.
"""

from __future__ import annotations

import random
from collections.abc import Callable

AREAS = (
    "B CF LL SA NP SY LD CH L M E N W SE SW NW EC WC G EH AB BS BA OX CB LS S NE YO PL EX".split()
)
FIRST = (
    "Dafydd Siân Rhys Gwenllian Ffion Cerys Iolo Owain Bethan Gareth Aled Lowri Emma Oliver Amelia "
    "Jack Olivia Harry Isla George Ava Noah Mia Leo Sophie Tomos Elin Catrin Huw Megan Priya "
    "Mohammed "
    "Aisha Kwame Zofia Tadeusz Mary John Sarah David"
).split()
SURNAMES = (
    "Jones|Davies|Williams|Evans|Thomas|Roberts|Hughes|Lewis|Morgan|Griffiths|Pritchard|Pugh|Smith|"
    "Brown|Taylor|Wilson|Patel|Khan|Nowak|O'Brien|Campbell|Wright|Walker|ap Gwilym|Llewellyn|Parry|"
    "Rowlands|Hopkins|Edwards|ferch Rhys|Young|Green"
).split("|")
STREETS = (
    "Acacia Station Church Victoria Mill Bryn Heol Maes Park High Queens Grosvenor Rhosddu Chester"
).split()
STREET_TYPES = (
    "Avenue Road Street Lane Close Drive Way Crescent Terrace Gardens Court Place".split()
)
TOWNS = "Wrexham Cardiff Swansea Mold Rhyl Newport Bangor Chester Leeds Bristol".split()
HOUSES = "Ty Gwyn|Bryn Awel|The Laurels|Rose Cottage|Hafod".split("|")
DOMAINS = "gmail.com|hotmail.co.uk|btinternet.com|outlook.com|yahoo.co.uk|wrexham.gov.uk".split("|")


def _d(rng: random.Random, n: int) -> str:
    return "".join(str(rng.randrange(10)) for _ in range(n))


def phone(rng: random.Random) -> str:
    mobile = "7" + str(rng.choice([4, 5, 7, 8, 9])) + _d(rng, 8)
    geo = rng.choice(["1978", "1492", "1745", "1248", "1633", "1792"]) + _d(rng, 6)
    london = "20" + rng.choice("378") + _d(rng, 7)
    cardiff = "29" + "20" + _d(rng, 6)
    nongeo = rng.choice(["300", "345", "800", "808"]) + _d(rng, 7)
    number = rng.choice([mobile, mobile, geo, london, cardiff, nongeo])
    national = "0" + number
    if number.startswith("7"):
        groups = [national[:5], national[5:]]
    elif number.startswith("2"):
        groups = [national[:3], national[3:7], national[7:]]
    elif number.startswith(("3", "8")):
        groups = [national[:4], national[4:7], national[7:]]
    else:
        groups = [national[:5], national[5:]]
    form = rng.randrange(9)
    if form == 0:
        text = " ".join(groups)
    elif form == 1:
        text = national
    elif form == 2:
        text = "+44 " + " ".join([groups[0][1:], *groups[1:]])
    elif form == 3:
        text = "+44 (0)" + " ".join([groups[0][1:], *groups[1:]])
    elif form == 4:
        text = "(" + groups[0] + ") " + " ".join(groups[1:])
    elif form == 5:
        text = "-".join(groups)
    elif form == 6:
        text = ".".join(groups)
    elif form == 7:
        text = "+44" + number
    else:
        text = "0044 " + " ".join([groups[0][1:], *groups[1:]])
    if rng.random() < 0.1:
        text += rng.choice([" ext. ", " ext ", " x"]) + _d(rng, 3)
    return text


def postcode(rng: random.Random) -> str:
    area = rng.choice(AREAS)
    district = str(rng.randrange(1, 30 if len(area) == 2 else 99))
    if rng.random() < 0.05 and area in {"EC", "WC", "SW", "W", "E", "N"}:
        district = str(rng.randrange(1, 9)) + rng.choice("ABCHMNPRVWXY")
    inward = (
        str(rng.randrange(10))
        + rng.choice("ABDEFGHJLNPQRSTUWXYZ")
        + rng.choice("ABDEFGHJLNPQRSTUWXYZ")
    )
    space = rng.choice([" ", " ", " ", "", "  "])
    code = f"{area}{district}{space}{inward}"
    return code.lower() if rng.random() < 0.15 else code


def outward(rng: random.Random) -> str:
    area = rng.choice(AREAS)
    return f"{area}{rng.randrange(1, 30)}"


def nino(rng: random.Random) -> str:
    first = "ABCEGHJKLMNOPRSTWXYZ"
    second = "ABCEGHJKLMNPRSTWXYZ"
    while True:
        prefix = rng.choice(first) + rng.choice(second)
        if prefix not in {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}:
            break
    digits = _d(rng, 6)
    suffix = rng.choice("ABCD")
    form = rng.randrange(4)
    if form == 0:
        return f"{prefix}{digits}{suffix}"
    if form == 1:
        return f"{prefix} {digits[:2]} {digits[2:4]} {digits[4:]} {suffix}"
    if form == 2:
        return f"{prefix}{digits}"
    return f"{prefix.lower()} {digits} {suffix.lower()}"


def nhs(rng: random.Random) -> str:
    while True:
        body = str(rng.choice([4, 6, 7])) + _d(rng, 8)
        total = sum(int(d) * w for d, w in zip(body, range(10, 1, -1), strict=True))
        check = 11 - total % 11
        check = 0 if check == 11 else check
        if check != 10:
            break
    number = body + str(check)
    return rng.choice(
        [
            f"{number[:3]} {number[3:6]} {number[6:]}",
            number,
            f"{number[:3]}-{number[3:6]}-{number[6:]}",
        ]
    )


def name(rng: random.Random) -> str:
    first = rng.choice(FIRST)
    if rng.random() < 0.3:
        return first
    return f"{first} {rng.choice(SURNAMES)}"


def email(rng: random.Random) -> str:
    local = rng.choice(
        [f"{rng.choice(FIRST)}.{rng.choice(SURNAMES)}", f"{rng.choice(FIRST)}{_d(rng, 2)}"]
    )
    local = local.lower().replace("'", "").replace(" ", "").replace("â", "a")
    domain = rng.choice(DOMAINS)
    form = rng.randrange(6)
    if form == 4:
        return f"{local} [at] {domain.replace('.', ' [dot] ')}"
    if form == 5:
        return f"{local}(at){domain}"
    return f"{local}@{domain}"


def address(rng: random.Random) -> str:
    number = rng.randrange(1, 240)
    if rng.random() < 0.2:
        street = rng.choice(["y Frenhines", "Fawr", "Maelor", "Glyndwr"])
        return f"{number} Heol {street}, {rng.choice(TOWNS)}"
    street = f"{number} {rng.choice(STREETS)} {rng.choice(STREET_TYPES)}"
    if rng.random() < 0.25:
        street = f"Flat {rng.randrange(1, 20)}, {street}"
    if rng.random() < 0.15:
        street = f"{rng.choice(HOUSES)}, {street}"
    if rng.random() < 0.5:
        street += f", {rng.choice(TOWNS)}"
    return street


# (template, {slot: generator}); slots are typed with our placeholder types.
Slot = tuple[str, Callable[[random.Random], str]]
TEMPLATES: list[tuple[str, dict[str, Slot]]] = [
    ("Please ring me on {p} about the bus to Wrexham.", {"p": ("phone", phone)}),
    ("My number is {p}, the 42 bus never comes.", {"p": ("phone", phone)}),
    ("Text {p} if you want more detail on the A483 roadworks.", {"p": ("phone", phone)}),
    ("You can email me at {e} about the library hours.", {"e": ("email", email)}),
    ("Contact {e} or {p}", {"e": ("email", email), "p": ("phone", phone)}),
    ("I live at {a} and the bins were missed again.", {"a": ("address", address)}),
    (
        "The streetlight outside {a} {pc} has been out since March 2024.",
        {"a": ("address", address), "pc": ("postcode", postcode)},
    ),
    ("Postcode {pc}, ward Gresford East.", {"pc": ("postcode", postcode)}),
    ("We are in {pc} and there is no dentist taking patients.", {"pc": ("postcode", postcode)}),
    ("I'm in {o} and the buses after 6pm are useless.", {"o": ("postcode", outward)}),
    ("Anyone in the {o} area will tell you the same.", {"o": ("postcode", outward)}),
    ("My NI number is {n} if you need it for the claim.", {"n": ("nino", nino)}),
    ("National Insurance: {n}. Ref 2024/0193.", {"n": ("nino", nino)}),
    ("My NHS number is {h} and I waited 14 weeks.", {"h": ("nhs_number", nhs)}),
    ("NHS no. {h}, the surgery lost my referral.", {"h": ("nhs_number", nhs)}),
    ("My name is {n}, I have lived here 30 years.", {"n": ("name", name)}),
    ("Hi, I'm {n} and the park needs more bins.", {"n": ("name", name)}),
    ("Thanks, {n}", {"n": ("name", name)}),
    ("Diolch, {n}", {"n": ("name", name)}),
    ("Fy enw i yw {n} ac mae'r bws yn hwyr bob dydd.", {"n": ("name", name)}),
    (
        "I spoke to Mrs {s} at the council and nothing happened.",
        {"s": ("name", lambda r: r.choice(SURNAMES))},
    ),
    ("{n} from the housing team was really helpful.", {"n": ("name", name)}),
    ("Cllr {s} promised a crossing in 2019.", {"s": ("name", lambda r: r.choice(SURNAMES))}),
    (
        "Write to {n}, {a}, {pc}.",
        {"n": ("name", name), "a": ("address", address), "pc": ("postcode", postcode)},
    ),
    ("Call {n} on {p}.", {"n": ("name", name), "p": ("phone", phone)}),
    ("The M4 was closed again and the 15:42 train from Cardiff never came.", {}),
    ("Bus 7 and bus 12 should run every 20 minutes, not every 60.", {}),
    ("Council tax went up 4.99% in 2024; reference 20240193 on the letter.", {}),
    ("Rhosddu and Caia Park wards need youth clubs.", {}),
    ("Mae angen mwy o fysiau yn Wrecsam a Chaerdydd.", {}),
    ("The A55 near junction 16 floods every winter.", {}),
    ("I have waited 3 years for the B5425 resurfacing.", {}),
]


def generate(count: int = 1000, seed: int = 20261122) -> list[dict[str, object]]:
    """`count` records {"text", "spans"} with our placeholder types, reproducibly."""
    rng = random.Random(seed)
    records: list[dict[str, object]] = []
    for _ in range(count):
        template, slots = rng.choice(TEMPLATES)
        text = ""
        spans: list[dict[str, object]] = []
        for piece in _split(template):
            if piece.startswith("{") and piece.endswith("}"):
                kind, make = slots[piece[1:-1]]
                value = make(rng)
                spans.append({"start": len(text), "end": len(text) + len(value), "type": kind})
                text += value
            else:
                text += piece
        records.append({"text": text, "spans": spans})
    return records


def _split(template: str) -> list[str]:
    parts: list[str] = []
    buffer = ""
    i = 0
    while i < len(template):
        if template[i] == "{":
            j = template.index("}", i)
            parts.extend([buffer, template[i : j + 1]])
            buffer = ""
            i = j + 1
        else:
            buffer += template[i]
            i += 1
    parts.append(buffer)
    return [p for p in parts if p]
