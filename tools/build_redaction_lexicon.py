"""Rebuild lexicon.tsv.gz, the word-frequency table the name detector reads.

Source: spaCy's English lexeme probabilities (spacy-lookups-data, en_lexeme_prob),
a 1,000,000-entry table of log-probabilities that distinguishes "will" from
"Will" and "emma" from "Emma". Loading it whole costs ~3 s and ~300 MB, so we
keep only what the detector uses: for every alphabetic word whose commoner
form is more frequent than exp(-17.5), the log-probability of its lower-case
and its capitalised spelling. A word missing from the result is rarer than
that in both spellings.

Run: .venv/bin/python tools/build_redaction_lexicon.py
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import spacy_lookups_data

CUTOFF = -17.5
OUT = Path(__file__).resolve().parents[1] / "nlp" / "redaction" / "data" / "lexicon.tsv.gz"


def main() -> None:
    source = Path(spacy_lookups_data.__file__).parent / "data" / "en_lexeme_prob.json.gz"
    with gzip.open(source, "rt", encoding="utf-8") as handle:
        probs: dict[str, float] = json.load(handle)
    lower: dict[str, float] = {}
    capital: dict[str, float] = {}
    for word, prob in probs.items():
        if not word.isalpha():
            continue
        key = word.lower()
        if word == key:
            lower[key] = max(prob, lower.get(key, -99.0))
        elif word == key.capitalize():
            capital[key] = max(prob, capital.get(key, -99.0))
    keys = sorted(
        k for k in set(lower) | set(capital) if max(lower.get(k, -99), capital.get(k, -99)) > CUTOFF
    )
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("# word\tlog p(lower-case)\tlog p(Capitalised); empty = rarer than -19.5\n")
        for key in keys:
            low = f"{lower[key]:.2f}" if key in lower else ""
            cap = f"{capital[key]:.2f}" if key in capital else ""
            out.write(f"{key}\t{low}\t{cap}\n")
    print(f"wrote {len(keys)} words to {OUT}")


if __name__ == "__main__":
    main()
