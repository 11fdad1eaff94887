"""Build name_compounds.txt.gz: English nouns of two words whose first word is also a name.

"Oak tree", "Cherry tomatoes", "Douglas fir", "Rose garden", "Green belt", "Stone wall":
residents capitalise the first word (it opens a sentence, or they capitalise the thing), and
alone that word is a listed given name or surname. With the lower-case word after it, the two
are a thing, not a person. This keeps every noun of two lower-case words in Open English
WordNet (github.com/globalwordnet/english-wordnet, commit d94538a; CC BY 4.0, derived from
Princeton WordNet under the WordNet licence) whose first word is on a given-name or surname
list (gazetteer.name_lists), and writes each as it may be read:

- as listed ("rose garden");
- in the plural ("oak trees", "cherry tomatoes", WordNet's own irregular forms), but not
  when the second word is also a verb and the first a common given name
  (gazetteer.common_given_names): "Rose waters the plants", "Foster cares for her mum" and
  "Ivy leaves at five" are people, so "waters", "cares" and "leaves" after such a name are
  left to the rest of the finder.

Entries that are also verbs or adjectives as a whole ("peter out", "crystal clear") are not
nouns here, so they are left out: a person may "mark down" or "bill out".

Run: .venv/bin/python tools/build_name_compounds.py --oewn PATH/english-wordnet
(the folder holding src/yaml/entries-*.yaml)
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nlp.redaction.gazetteer import NAME_RANK, common_given_names, name_lists  # noqa: E402

OUT = ROOT / "nlp" / "redaction" / "data" / "name_compounds.txt.gz"
_LEMMA = re.compile(r"^(?P<lemma>[^\s:'\"][^:]*|'[^']*'|\"[^\"]*\"):$")
_POS = re.compile(r"^  (?P<pos>[nvars]):$")
_WORD = re.compile(r"^[a-z]+$")


def read_entries(oewn: Path) -> tuple[dict[str, set[str]], dict[str, list[str]]]:
    """(the parts of speech of every lemma, the irregular noun forms of every lemma), read
    line by line from the YAML entries: a YAML parser takes minutes over the 45 MB."""
    parts: dict[str, set[str]] = defaultdict(set)
    noun_forms: dict[str, list[str]] = defaultdict(list)
    for path in sorted((oewn / "src" / "yaml").glob("entries-*.yaml")):
        lemma = pos = ""
        in_forms = False
        for line in path.read_text(encoding="utf-8").splitlines():
            if match := _LEMMA.match(line):
                lemma, pos, in_forms = match["lemma"].strip("'\""), "", False
            elif match := _POS.match(line):
                pos, in_forms = match["pos"], False
                parts[lemma].add(pos)
            elif line == "    form:":
                in_forms = pos == "n"
            elif in_forms and line.startswith("    - "):
                noun_forms[lemma].append(line[6:].strip("'\""))
            elif not line.startswith("     "):
                in_forms = False  # any other key ("    pronunciation:") ends the forms
    return parts, noun_forms


def plural(word: str) -> str:
    if word.endswith("y") and word[-2:-1] not in set("aeiou"):
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def compounds(
    parts: dict[str, set[str]],
    noun_forms: dict[str, list[str]],
    names: frozenset[str],
    common_names: frozenset[str],
) -> set[str]:
    kept: set[str] = set()
    for lemma, pos in parts.items():
        words = lemma.split(" ")
        if (
            pos != {"n"}
            or len(words) != 2
            or not all(_WORD.match(w) and len(w) > 1 for w in words)
            or words[0] not in names
        ):
            continue
        kept.add(lemma)
        head = words[1]
        if "v" in parts.get(head, set()) and words[0] in common_names:
            continue
        # WordNet's own forms of the whole noun or of its head ("tomatoes", "sheep"), else
        # the regular plural; a head already ending in "s" ("brown bells") is left alone.
        irregular = [f for f in noun_forms.get(lemma, []) if f.startswith(words[0] + " ")]
        irregular += [f"{words[0]} {form}" for form in noun_forms.get(head, [])]
        if irregular:
            kept.update(irregular)
        elif not head.endswith("s"):
            kept.add(f"{words[0]} {plural(head)}")
    return kept


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--oewn", type=Path, required=True, help="english-wordnet's folder")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    first_names, surnames = name_lists()
    parts, noun_forms = read_entries(args.oewn)
    kept = compounds(parts, noun_forms, first_names | surnames, common_given_names(NAME_RANK))
    header = (
        "# Two-word English nouns whose first word is a given name or surname, from Open"
        " English WordNet (CC BY 4.0); see NOTICE.txt\n"
    )
    # mtime=0: the same words give the same bytes, so the redaction digest only moves
    # when the list does.
    with args.out.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        out.write((header + "\n".join(sorted(kept)) + "\n").encode("utf-8"))
    print(f"{len(kept)} forms of two-word nouns -> {args.out}")


if __name__ == "__main__":
    main()
