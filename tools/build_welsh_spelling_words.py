"""Build the Welsh spelling-dictionary word list that widens redaction's Welsh vocabulary.

Why: in a Welsh answer, redaction keeps a word it knows is Welsh rather than take it for a
name (nlp.redaction.welsh_words). The project's own Welsh word lists (the lexicon, the
glossary, Apertium's dictionary) hold about 14,000 words and lacked everyday ones such as
"hil" (race), "galar" (grief), "croth" (womb) and "cil" (a nook), which the name lists of
the world hold as names. Bangor University's spoken-Welsh spelling dictionary
(techiaith/hunspell-cy-llafar, LGPL-3.0-or-later) has about 67,000 lower-case stems.

Kept: its lower-case stems (no affix expansion: mutations are read by nlp.lang.cy.mutations),
letters, hyphens and apostrophes only, two letters or more. Left out, since a name must not
become a word: Welsh given names, the 500 commonest US-census first names of each sex, and
every word on any name list (the dictionary holds "paul", "margaret", "tom" and "khan" in lower
case, from its verbatim transcriptions, and "basil", "celyn" and "lili" are words and names).
A listed word written in lower case in a Welsh answer is taken for a word by another rule
(welsh_words.ordinary_in_welsh); capitalised, it may be the person, so this list stays out.

Run: ``python tools/build_welsh_spelling_words.py --git DIR`` (a git directory of
techiaith/hunspell-cy-llafar; its commit goes in the header) or ``--dic cy_GB_llafar.dic``.
"""

from __future__ import annotations

import argparse
import gzip
import re
import subprocess
from pathlib import Path

from nlp.redaction.gazetteer import fold, load_gazetteer, popular_first_names
from nlp.redaction.name_cues import WELSH_NAME_KEYS
from nlp.redaction.welsh_words import SPELLING_WORDS as OUT

DIC = "cy_GB_llafar.dic"
_WORD = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*$")


def stems(dic: str) -> set[str]:
    """The dictionary's lower-case stems, folded, that are words and not names."""
    g = load_gazetteer()
    popular = popular_first_names()
    kept: set[str] = set()
    for line in dic.splitlines()[1:]:  # the first line is the entry count
        stem = line.split("/", 1)[0].strip().lstrip("\ufeff")
        if not stem or not stem.islower() or len(stem) < 2 or not _WORD.match(stem):
            continue
        key = fold(stem)
        if key in WELSH_NAME_KEYS or key in popular:
            continue
        if key in g.first_names or key in g.surnames:
            continue
        kept.add(key)
    return kept


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--git", type=Path, help="a git directory of hunspell-cy-llafar")
    source.add_argument("--dic", type=Path, help=f"the {DIC} file itself")
    args = parser.parse_args()
    if args.git:
        run = ["git", "--git-dir", str(args.git)]
        commit = subprocess.run([*run, "rev-parse", "HEAD"], capture_output=True, text=True)
        dic = subprocess.run([*run, "show", f"HEAD:{DIC}"], capture_output=True, text=True).stdout
        origin = f"techiaith/hunspell-cy-llafar {DIC}, commit {commit.stdout.strip()}"
    else:
        dic = args.dic.read_text(encoding="utf-8")
        origin = f"techiaith/hunspell-cy-llafar {DIC}"
    words = sorted(stems(dic))
    header = f"# {len(words)} words from {origin} (LGPL-3.0-or-later); see NOTICE.txt\n"
    # mtime=0: the same words give the same bytes, so the redaction digest only moves
    # when the list does.
    with OUT.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        out.write((header + "\n".join(words) + "\n").encode("utf-8"))
    print(f"{OUT}: {len(words)} words")


if __name__ == "__main__":
    main()
