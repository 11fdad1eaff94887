"""Reading a ward or postcode district from a resident's reply.

A consultation may carry its ward list (English and Welsh names). A reply
matches a ward when, after case, accents, punctuation and a leading "in" /
"yn" / "ward" are set aside, it is one of the names, a Welsh mutation of one
("yng Ngresffordd", "o Wrecsam", "ym Mrymbo"), or a near miss of one (a typo
of one or two letters). A UK postcode district ("LL11") is kept as given, and
a full postcode ("LL11 2AB") is cut to its district before it is stored, so
that no address-level detail reaches the breakdowns. Anything else is not a
ward: the caller asks once more, then stores WARD_NOT_GIVEN.

Without a ward list, a short name in letters is kept as written (numbers,
yes/no replies and sentences are not).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from bot.conversation.yes_no import Verdict, read
from nlp.lang.cy.mutations import candidates

WARD_NOT_GIVEN = "not given"
# A near miss must be this similar (difflib ratio) to count as the ward.
TYPO_RATIO = 0.84
_MIN_FUZZY = 5
_MAX_WORDS = 5

_FULL_POSTCODE = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})\b")
_DISTRICT = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")
_LEADING = (
    "i live in", "i'm in", "im in", "we live in", "rwy'n byw yn", "dw i'n byw yn",
    "dwi'n byw yn", "in", "yn", "yng", "ym", "o", "i", "near", "ger", "ward", "the",
)  # fmt: skip
_NAME_ONLY = re.compile(r"^[^\W\d_][^\W\d_' .&-]*(?: [^\W\d_][^\W\d_' .&-]*){0,2}$")


@dataclass(frozen=True, slots=True)
class Ward:
    en: str
    cy: str = ""

    def name(self, language: str) -> str:
        return self.cy if language == "cy" and self.cy else self.en


def wards_from_data(raw: Iterable[Any] | None) -> tuple[Ward, ...]:
    """Ward list from a consultation's JSON: names, or {"en": ..., "cy": ...} mappings."""
    out: list[Ward] = []
    for item in raw or ():
        if isinstance(item, str) and item.strip():
            out.append(Ward(en=item.strip()))
        elif isinstance(item, Mapping) and str(item.get("en") or "").strip():
            out.append(Ward(en=str(item["en"]).strip(), cy=str(item.get("cy") or "").strip()))
    return tuple(out)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower().replace("&", " and ").replace("-", " "))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("\u2019", "'")
    return " ".join(re.sub(r"[^a-z0-9' ]+", " ", text).split())


def _strip_leading(folded: str) -> str:
    changed = True
    while changed:
        changed = False
        for prefix in _LEADING:
            if folded.startswith(prefix + " "):
                folded = folded[len(prefix) + 1 :]
                changed = True
    return folded


def postcode_district(text: str) -> str | None:
    """The postcode district in a reply ("LL11" from "ll11 2ab" or "LL11"), if any."""
    upper = text.upper()
    full = _FULL_POSTCODE.search(upper)
    if full:
        return full.group(1)
    compact = re.sub(r"[^A-Z0-9]", "", upper)
    return compact if _DISTRICT.match(compact) and len(text.split()) <= 2 else None


def _forms(folded: str) -> set[str]:
    """The reply and its radical forms (yng Ngresffordd -> gresffordd)."""
    out = {folded}
    first, _, rest = folded.partition(" ")
    for candidate in candidates(first):
        radical = candidate.radical.lower()
        out.add(f"{radical} {rest}".strip())
    return out


class WardList:
    """Matches replies against one consultation's wards (built once per consultation)."""

    def __init__(self, wards: tuple[Ward, ...]) -> None:
        self.wards = wards
        self._names: dict[str, Ward] = {}
        prefixes: dict[str, set[str]] = {}
        for ward in wards:
            for name in (ward.en, ward.cy):
                if not name:
                    continue
                folded = _fold(name)
                self._names.setdefault(folded, ward)
                # "Pen-y-cae", "Pen y cae" and "Penycae" are one place.
                self._names.setdefault(folded.replace(" ", ""), ward)
                words = folded.split()
                for size in range(1, len(words)):
                    prefixes.setdefault(" ".join(words[:size]), set()).add(ward.en)
        by_en = {ward.en: ward for ward in wards}
        for prefix, owners in prefixes.items():
            # "Gresford" for "Gresford East and West"; "Chirk" (North or
            # South?) matches nothing and is asked again.
            if len(owners) == 1 and len(prefix) >= 4:
                self._names.setdefault(prefix, by_en[next(iter(owners))])

    def match(self, text: str) -> str | None:
        """The value to store for this reply: a ward's name, a postcode district, or None."""
        district = postcode_district(text)
        if district is not None:
            return district
        if len(text.split()) > _MAX_WORDS + 3 or any(ch.isdigit() for ch in text):
            return None
        folded = _strip_leading(_fold(text))
        if not folded:
            return None
        if not self.wards:
            return self._unlisted(text)
        for form in _forms(folded):
            found = self._names.get(form) or self._names.get(form.replace(" ", ""))
            if found is not None:
                return found.en
        return self._near_miss(folded)

    def _near_miss(self, folded: str) -> str | None:
        if len(folded) < _MIN_FUZZY:
            return None
        best, best_ratio = None, 0.0
        for form in _forms(folded):
            for name, ward in self._names.items():
                ratio = difflib.SequenceMatcher(None, form, name).ratio()
                if ratio > best_ratio:
                    best, best_ratio = ward, ratio
        return best.en if best is not None and best_ratio >= TYPO_RATIO else None

    @staticmethod
    def _unlisted(text: str) -> str | None:
        name = text.strip().strip(".!")
        if not _NAME_ONLY.match(name) or read(name).verdict is not Verdict.UNCLEAR:
            return None
        return name[:100]
