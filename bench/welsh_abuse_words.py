"""Welsh words and everyday Welsh speech the abuse flag must leave alone, now against a baseline.

Three checks, each tree's ``nlp.moderation.check`` in its own process over the same texts:

- words: every word of the project's Welsh dictionaries (nlp/lang/cy/data) and, with
  ``--words``, of a spelling dictionary (a hunspell ``.dic``, e.g. techiaith/hunspell-cy-llafar,
  the spoken-Welsh forms of the Bangor transcription bank; LGPL), each in every mutation.
  A flagged word is printed so that one can see whether it really is a swear word;
- the whole clean pools (not the TSV samples) of the CHAT corpora given with ``--siarad``
  (development conversations only: the held-out ones are never read here) and
  ``--patagonia`` (bench/chat_abuse.py labels them: no swear word in the translation);
- their obscene utterances (recall), the same way.

Run:
    git archive BASE | tar -x -C /tmp/base
    .venv/bin/python bench/welsh_abuse_words.py --baseline /tmp/base \
        --siarad PATH/siarad1 --patagonia PATH/patagonia --words PATH/cy_GB_llafar.dic
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from chat_abuse import (  # type: ignore[import-not-found]  # noqa: E402
    held_out,
    label,
    read_conversations,
)
from moderation_heldout import run  # type: ignore[import-not-found]  # noqa: E402

from nlp.moderation.lexicon import mutated_forms  # noqa: E402


def dictionary_words(extra: Path | None) -> list[str]:
    words: set[str] = set()
    for name in ("cy_en_dictionary.tsv", "cy_en_glossary.tsv"):
        path = ROOT / "nlp" / "lang" / "cy" / "data" / name
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.startswith("#") and "\t" in line:
                words.add(line.split("\t")[0].lower())
    if extra:
        for line in extra.read_text(encoding="utf-8-sig").splitlines()[1:]:
            word = line.split("/")[0].strip().lower()
            if word and " " not in word:
                words.add(word)
    return sorted(mutated_forms(frozenset(words)))


def pools(repo: Path, code_switched: bool, development_only: bool) -> dict[str, list[str]]:
    obscene, clean = [], []
    for name, pairs in read_conversations(repo, "beta", code_switched).items():
        if development_only and held_out(name):
            continue
        for welsh, english in pairs:
            kind = label(welsh, english)
            if kind == "obscene":
                obscene.append(welsh)
            elif kind == "clean":
                clean.append(welsh)
    return {"obscene": obscene, "clean": clean}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baseline", type=Path, help="a tree exported with git archive")
    parser.add_argument("--words", type=Path, help="a hunspell .dic of Welsh words")
    parser.add_argument("--siarad", type=Path, help="the Siarad corpus's git directory")
    parser.add_argument("--patagonia", type=Path, help="the Patagonia corpus's git directory")
    args = parser.parse_args()
    sets = {"Welsh dictionary words, every mutation (flagged)": dictionary_words(args.words)}
    for name, repo, is_patagonia in (
        ("Siarad, development conversations", args.siarad, False),
        ("Patagonia", args.patagonia, True),
    ):
        if repo:
            pool = pools(repo, is_patagonia, development_only=not is_patagonia)
            sets[f"{name}, all clean utterances (false alarm)"] = pool["clean"]
            sets[f"{name}, obscene utterances (recall)"] = pool["obscene"]
    trees = {"now": ROOT} | ({"baseline": args.baseline} if args.baseline else {})
    results = {}
    for tree, root in trees.items():
        results[tree] = run(root, {name: ("abuse", texts) for name, texts in sets.items()})
    print("| set | texts | " + " | ".join(trees) + " |\n|---|---|" + "---|" * len(trees))
    for name, texts in sets.items():
        counts = [len(results[tree]["flagged"][name]) for tree in trees]
        cells = [f"{count} ({count / len(texts):.2%})" for count in counts]
        print(f"| {name} | {len(texts)} | " + " | ".join(cells) + " |")
    words = next(iter(sets))
    for tree in trees:
        print(f"{tree}: flagged words: {' '.join(results[tree]['flagged'][words])}")
        print(f"{tree}: {float(results[tree]['cpu']):.1f} s CPU")


if __name__ == "__main__":
    main()
