"""Build welsh_places.txt.gz: Welsh villages, hamlets and suburbs that GeoNames lacks.

places.txt.gz (tools/build_redaction_places.py) holds GeoNames' places of 500 people or more,
which leaves out much of Wales a resident names: "Connah's Quay", "Acrefair", "Brynteg",
"Rhosddu". Ordnance Survey's OS Open Names lists every populated place in Great Britain;
briang/british-placenames (github.com/briang/british-placenames, 2f869bc, Unlicense) is its
populated places as a CSV of name, type and country (42,986 rows). This keeps the Welsh ones
that places.txt.gz does not hold and that are on no given-name or surname list ("Pandy",
"Gwen" stay names): a place that is also a name is judged by context there, and adding such
places cost person-name recall on the development sets (bench/RESULTS.md, session 17). So
did England's and Scotland's hamlets, which are far more often surnames, so they are left
out; this serves Welsh councils first.

Contains OS data © Crown copyright and database right; Open Government Licence v3.0.

The options rebuild the other variants measured (``--countries England,Scotland,Wales``,
``--types City,Town,Village``, ``--keep-listed``), each into a copy of the tree with ``--out``
before bench/name_sweep.py runs there.

Run: .venv/bin/python tools/build_redaction_welsh_places.py --csv PATH/places.csv
"""

from __future__ import annotations

import argparse
import csv
import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nlp.redaction.gazetteer import fold, name_lists  # noqa: E402

DATA = ROOT / "nlp" / "redaction" / "data"
OUT = DATA / "welsh_places.txt.gz"


def geonames_british_places() -> set[str]:
    """The places places.txt.gz already holds as British. A town abroad of the same name does
    not count: whether a lone word is a British place decides it (statistical._lone_place)."""
    with gzip.open(DATA / "places.txt.gz", "rt", encoding="utf-8") as handle:
        rows = [line.rstrip("\n").partition("\t") for line in handle if line[0] != "#"]
    return {fold(name) for name, _, flag in rows if flag == "UK"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--csv", type=Path, required=True, help="british-placenames' places.csv")
    parser.add_argument("--countries", default="Wales", help="comma-separated")
    parser.add_argument("--types", default="", help="comma-separated (City, Town, ...); all")
    parser.add_argument("--keep-listed", action="store_true", help="places that are names too")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    countries = set(args.countries.split(","))
    types = set(filter(None, args.types.split(",")))
    first_names, surnames = name_lists()
    known = geonames_british_places()
    kept: set[str] = set()
    with args.csv.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            name = row["name"].strip()
            key = fold(name)
            if (
                row["country"] in countries
                and (not types or row["type"] in types)
                and 2 < len(name) <= 40
                and key not in known
                and (args.keep_listed or (key not in first_names and key not in surnames))
            ):
                kept.add(name)
    with gzip.open(args.out, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write(
            "# Welsh populated places from OS Open Names (Contains OS data © Crown copyright"
            " and database right; OGL v3.0) via briang/british-placenames, one per line\n"
        )
        out.writelines(f"{name}\n" for name in sorted(kept))
    print(f"wrote {len(kept)} place names to {args.out}")


if __name__ == "__main__":
    main()
