"""Rebuild uk_given_names.txt.gz: the given names babies in the UK have been registered with.

The name lists the gazetteer reads at run time (gender-guesser's European names, the US
census) miss much of what British parents choose: "Alfie" (78,000 babies in England and
Wales since 1996), "Albie", "Oakley", "Jemima", and many Welsh names ("Lleucu", "Begw",
"Deio", "Nanw"). Residents name staff, carers and neighbours by these.

Source: the official birth registration counts, as gathered by the ukbabynames R package
(github.com/mine-cetinkaya-rundel/ukbabynames, CC0, commit 199970d): England and Wales
1996-2020 (Office for National Statistics), Scotland 1974-2020 (National Records of
Scotland), Northern Ireland 1997-2020 (NISRA); all published under the Open Government
Licence v3.0. Each year lists every name given to three or more babies of a sex.

Kept: names given to at least MIN_BABIES babies over all years and nations together (rarer
ones are mostly one-off spellings, and add more ordinary words than names: chosen on the
four development sets, bench/RESULTS.md "UK given names"), written as single words
("Ellie-Mae" is left out: its parts are listed on their own). Left out: names that are
Welsh words the project's Welsh vocabulary knows (nlp.redaction.welsh_words), unless the
gazetteer's own Welsh list holds them: in Welsh text "Calon Lân", "Oriel", "Brenin" and
"Calan" are a song, a gallery, a king and New Year; "Haf" and "Awen" are on the Welsh list.

Run (rdata reads R's .rda files; a build-time tool only, not a dependency of the product):
    .venv/bin/pip install rdata
    .venv/bin/python tools/build_uk_given_names.py /path/to/ukbabynames
(a git directory or a checkout of the package's repository; its data/*.rda are read).
"""

from __future__ import annotations

import argparse
import gzip
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

import rdata  # type: ignore[import-not-found]

from nlp.redaction.gazetteer import WELSH_FIRST_NAMES, fold
from nlp.redaction.welsh_words import vocabulary

OUT = Path(__file__).resolve().parents[1] / "nlp" / "redaction" / "data" / "uk_given_names.txt.gz"
TABLES = ("ewbabynames", "scotbabynames", "nibabynames")
MIN_BABIES = 20


def _rda_bytes(repo: Path, table: str) -> bytes:
    """The table's .rda from a checkout, or from HEAD of a bare git directory."""
    checked_out = repo / "data" / f"{table}.rda"
    if checked_out.is_file():
        return checked_out.read_bytes()
    shown = subprocess.run(
        ["git", "-C", str(repo), "show", f"HEAD:data/{table}.rda"],
        capture_output=True,
        check=True,
    )
    return shown.stdout


def babies_by_name(repo: Path) -> Counter[str]:
    counts: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as scratch:
        for table in TABLES:
            path = Path(scratch) / f"{table}.rda"
            path.write_bytes(_rda_bytes(repo, table))
            frame = rdata.read_rda(path)[table]
            for name, babies in zip(frame["name"], frame["n"], strict=True):
                counts[str(name).strip()] += int(babies)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repo", type=Path, help="the ukbabynames repository")
    args = parser.parse_args()
    counts = babies_by_name(args.repo)
    welsh_words = vocabulary() - {fold(name) for name in WELSH_FIRST_NAMES}
    kept = sorted(
        name
        for name, babies in counts.items()
        if babies >= MIN_BABIES
        and name.isalpha()
        and len(name) > 1
        and fold(name) not in welsh_words
    )
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write(
            "# Given names registered for at least "
            f"{MIN_BABIES} babies in the UK (England and Wales 1996-2020, Scotland "
            "1974-2020, Northern Ireland 1997-2020; ONS, NRS, NISRA, Open Government "
            "Licence v3.0; via the ukbabynames package, CC0). tools/build_uk_given_names.py\n"
        )
        out.writelines(f"{name}\n" for name in kept)
    print(f"wrote {len(kept)} given names to {OUT}")


if __name__ == "__main__":
    main()
