"""Other mentions of a name or a street already redacted once in the same text.

The finders judge each mention where it stands; a name they hid once must go wherever it
is written again, or "[name] ... ring Gareth" gives the first placeholder away.
"""

from __future__ import annotations

import re
from typing import Any

from nlp.redaction.addresses import ADDRESS
from nlp.redaction.gazetteer import fold, place_key
from nlp.redaction.gazetteer import load_gazetteer as _gazetteer

_HOUSE_NUMBER = re.compile(r"^\W*(?:(?:flat|apartment|unit|rhif|fflat)\s*)?\d+[a-z]?\b[\s,]*", re.I)

# Words as the place list's keys are read (place_key): a possessive split off its word.
_WORD = re.compile(r"[^\W\d_]+|['’]s(?![^\W\d_])")


def repeated_mentions(text: str, spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Other mentions of a name or street already redacted once in the same text.

    "Gareth ... ring Gareth" and "14 Bryn Road ... the bins on Bryn Road" would give away
    what the first placeholder hid.
    """
    extra: list[dict[str, Any]] = []
    names = any(span["type"] == "name" for span in spans)
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)] if names else []
    for span in spans:
        if span["type"] not in ("name", "address"):
            continue
        found = text[span["start"] : span["end"]]
        if span["type"] == "address":
            street = ADDRESS.search(found)
            core = _HOUSE_NUMBER.sub("", street.group(0)).strip() if street else ""
            terms = [core] if len(core.split()) >= 2 else []
        else:
            terms = re.findall(r"[^\W\d_]{3,}", found)
        for term in terms:
            pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, term.split())) + r"(?!\w)"
            # "Will" the name does not make every "will" one: ordinary words repeat only
            # as written.
            key = fold(term)
            low = _gazetteer().lower_prob(key)
            ordinary = span["type"] == "name" and low > -11.0
            # A capitalised name that is more often a lower-case word repeats only
            # capitalised: "Cherry Ward ... the staff on the ward".
            capital_only = (
                span["type"] == "name"
                and term[:1].isupper()
                and low > _gazetteer().capital_prob(key)
            )
            for match in re.finditer(pattern, text, 0 if ordinary else re.IGNORECASE):
                if capital_only and not match.group()[:1].isupper():
                    continue
                if span["type"] == "name" and in_a_longer_place(words, match.start(), match.end()):
                    continue  # "Glyn ... lives in Glyn Ceiriog": the village's name shows no
                    # one's, and "[name] Ceiriog" would tell the reader the person's
                extra.append({"start": match.start(), "end": match.end(), "type": span["type"]})
    return extra


def in_a_longer_place(words: list[tuple[int, int, str]], start: int, end: int) -> bool:
    """Whether the characters start..end of a text, whose ``words`` (start, end, word; read
    by _WORD) are given, are part of a longer British place name written around them, two
    to four words ("Glyn Ceiriog", "Connah's Quay"), on the gazetteer's place list."""
    inside = [k for k, (a, b, _) in enumerate(words) if start <= a and b <= end]
    if not inside:
        return False
    first, last = inside[0], inside[-1]
    places = _gazetteer().uk_places
    for begin in range(max(0, first - 3), first + 1):
        for finish in range(last + 1, min(len(words), begin + 4) + 1):
            if finish - begin > last + 1 - first and (
                place_key([w for _, _, w in words[begin:finish]]) in places
            ):
                return True
    return False
