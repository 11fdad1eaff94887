"""Other mentions of a name or a street already redacted once in the same text.

The finders judge each mention where it stands; a name they hid once must go wherever it
is written again, or "[name] ... ring Gareth" gives the first placeholder away.
"""

from __future__ import annotations

import re
from typing import Any

from nlp.redaction.addresses import ADDRESS
from nlp.redaction.gazetteer import fold
from nlp.redaction.gazetteer import load_gazetteer as _gazetteer
from nlp.redaction.place_cues import within_a_place

_HOUSE_NUMBER = re.compile(r"^\W*(?:(?:flat|apartment|unit|rhif|fflat)\s*)?\d+[a-z]?\b[\s,]*", re.I)

# Words as the place list's keys are read (gazetteer.place_key): a possessive split off
# its word, as spaCy splits it for within_a_place.
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
                if span["type"] == "name" and within_a_place(
                    words, (match.start(), match.end()), _gazetteer().uk_places
                ):
                    continue  # "Glyn ... lives in Glyn Ceiriog": the village's name shows no
                    # one's, and "[name] Ceiriog" would tell the reader the person's
                extra.append({"start": match.start(), "end": match.end(), "type": span["type"]})
    return extra
