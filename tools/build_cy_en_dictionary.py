"""Build the Welsh → English word list that widens the gloss, from Apertium's cym-eng pair.

Why: the hand-written glossary (3,800 words) was written for council-services answers and
knows about half the words of real text from other domains; Apertium's bilingual
dictionary (apertium/apertium-cym-eng, GPL-2.0) has ~7,000 more Welsh lemmas with their
English sense. The shipped file holds one ``welsh<TAB>english`` line per Welsh lemma
(nouns, verbnouns, adjectives, adverbs; single words only; the first left-to-right entry
wins, as Apertium's own translator would choose; English-to-Welsh-only entries fill gaps).

Run: ``python tools/build_cy_en_dictionary.py PATH/TO/apertium-cym-eng.cym-eng.dix``
(or ``--git DIR`` for a git directory of the repository; its commit goes in the header).
"""

from __future__ import annotations

import argparse
import re
import subprocess
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "nlp" / "lang" / "cy" / "data" / "cy_en_dictionary.tsv"
DIX = "apertium-cym-eng.cym-eng.dix"
KEEP = {"n", "vblex", "adj", "adv"}
_ENTRY = re.compile(
    r'<e(?P<attrs>[^>]*)>\s*<p><l>(?P<l>[^<]+(?:<b/>[^<]+)*)<s n="(?P<pos>[a-z]+)"/>.*?</l>'
    r"\s*<r>(?P<r>[^<]+(?:<b/>[^<]+)*)<s"
)


def entries(dix: str) -> dict[str, str]:
    """Welsh lemma → English lemma, first usable entry per Welsh word."""
    both: dict[str, str] = {}
    english_to_welsh_only: dict[str, str] = {}
    for match in _ENTRY.finditer(dix):
        if match["pos"] not in KEEP:
            continue
        welsh = match["l"].replace("<b/>", " ").strip().lower()
        english = match["r"].replace("<b/>", " ").replace("#", "").strip().lower()
        if " " in welsh or not welsh.replace("-", "").isalpha():
            continue
        # An entry marked RL is only used to translate English into Welsh (another Welsh
        # word is preferred the other way); it is still a right sense of the Welsh word,
        # so it serves when the Welsh word has no entry of its own.
        target = english_to_welsh_only if 'r="RL"' in match["attrs"] else both
        target.setdefault(welsh, english)
    return {**english_to_welsh_only, **both}


def _git(repo: Path, *command: str) -> str:
    run = subprocess.run(["git", "-C", str(repo), *command], capture_output=True, text=True)
    run.check_returncode()
    return run.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("dix", nargs="?", type=Path)
    source.add_argument("--git", type=Path, help="git directory of apertium/apertium-cym-eng")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    if args.git:
        run = ["git", "-C", str(args.git)]
        text = subprocess.run(
            [*run, "show", f"HEAD:{DIX}"], capture_output=True, text=True, check=True
        ).stdout
        commit = subprocess.run(
            [*run, "rev-parse", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
    else:
        text, commit = args.dix.read_text(encoding="utf-8"), "local file"
    found = entries(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as handle:
        handle.write(
            f"# Welsh -> English lemmas from apertium/apertium-cym-eng {DIX} (commit {commit}),\n"
            "# GPL-2.0; built by tools/build_cy_en_dictionary.py. See NOTICE.txt.\n"
        )
        for welsh in sorted(found):
            handle.write(f"{welsh}\t{found[welsh]}\n")
    print(f"wrote {len(found)} entries to {args.out}")


if __name__ == "__main__":
    main()
