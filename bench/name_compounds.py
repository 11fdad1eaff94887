"""Two-word nouns that open with a name, written as residents write them: this tree against a
baseline tree.

The nouns are those of nlp/redaction/data/name_compounds.txt.gz (Open English WordNet's
two-word nouns whose first word is a given name or surname; tools/build_name_compounds.py),
in the singular only, and only those whose first word is on the UK's registered given names
(so the count does not depend on the world lists' reach). Each is written capitalised into
two sentences: opening one ("Oak tree is a problem here") and after "the" ("we need the Oak
tree fixed"). Each tree's Redactor runs in its own process over the same sentences; the bench
prints how many hide a [name] in each tree, and a sample of those still hidden.

Run:
    git archive BASE | tar -x -C /tmp/base
    .venv/bin/python bench/name_compounds.py --baseline /tmp/base
"""

from __future__ import annotations

import argparse
import gzip
from pathlib import Path

from in_tree import run_in_tree  # type: ignore[import-not-found]

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "nlp" / "redaction" / "data"
TEMPLATES = ("{} is a problem here", "we need the {} fixed")

_CHILD = """
import json, sys
sys.path.insert(0, sys.argv[1])
from nlp.redaction import Redactor
texts = json.load(sys.stdin)
print(json.dumps([r.text for r in Redactor().redact_many(texts, language="en")]))
"""


def _lines(name: str) -> list[str]:
    with gzip.open(DATA / name, "rt", encoding="utf-8") as handle:
        return [line.strip() for line in handle if line.strip() and not line.startswith("#")]


def sentences() -> list[str]:
    """Both sentences of every singular noun whose first word is a UK-registered given name.
    A plural form is listed beside its singular ("oak trees" after "oak tree"), so only the
    nouns WordNet lists as lemmas are kept: those whose form is not the plural of another."""
    given = {line.lower() for line in _lines("uk_given_names.txt.gz")}
    forms = _lines("name_compounds.txt.gz")
    listed = set(forms)
    nouns = [
        form
        for form in forms
        if form.split()[0] in given
        and not any(form.endswith(end) and form[: -len(end)] in listed for end in ("s", "es"))
        and not (form.endswith("ies") and form[:-3] + "y" in listed)
    ]
    written = [" ".join([noun.split()[0].capitalize(), noun.split()[1]]) for noun in nouns]
    return [template.format(noun) for noun in written for template in TEMPLATES]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baseline", type=Path, required=True, help="a tree from git archive")
    parser.add_argument("--show", type=int, default=20)
    args = parser.parse_args()
    texts = sentences()
    now: list[str] = run_in_tree(_CHILD, ROOT, texts)
    before: list[str] = run_in_tree(_CHILD, args.baseline, texts)
    hidden_now = [
        (text, shown) for text, shown in zip(texts, now, strict=True) if "[name]" in shown
    ]
    hidden_before = sum("[name]" in text for text in before)
    print(
        f"sentences: {len(texts)}; with a [name]: baseline {hidden_before}, now {len(hidden_now)}"
    )
    for text, shown in hidden_now[: args.show]:
        print(f"  still hidden: {text!r} -> {shown!r}")


if __name__ == "__main__":
    main()
