"""Where the name finder misses names and hides words, by genre and by why (dev sets only).

For each development set (GUM dev, EWT dev and, with --gum-untrained, GUM train's genres no
model was fitted on carry a genre per sentence; WNUT-17 and CrossNER dev count as one genre
each) the real redactor runs with MiniLM's states from
bench/name_sweep.py's cache, and every person-name word it misses, and every word it wrongly
hides, is put in one box by the stage that decided it:

- ``head>=t, vetted out``: the head called it a name and statistical.py dropped or trimmed
  it (a place, a word more often lower-case, a capital only because the sentence starts ...);
- ``rule guess < SUPPORT``: the rules guessed it and the head gave it under SUPPORT;
- ``head t/2..t``: the head came close; ``head < t/2``: the head was sure it is no name;
- and by the kind of context a resident's text has more of than GUM train's genres:
  lower case, a first name alone, a vocative ("Thanks Jim", "Jim, ..."), beside a verb of
  saying, a possessive, at the start of the sentence.

Every word wrongly hidden is also counted by the path that hid it (``false_path``: the head's
run, a run a rules guess also covered, a rules guess standing on SUPPORT alone, a cue rule,
the redactor's joining and repeats, a handle) and by what it is (``false_kind``: the set's own
entity type when it gives one, else its shape), with the name words each path hid beside it.
``--dump F`` writes every name word, hidden word and word near THRESHOLD as JSON lines.

Run: python bench/name_misses.py --gum GUM --ewt UNER_MIRROR --cache /tmp/nerdata_sweep.npz \
         [--gum-untrained] [--head /tmp/h.npz] [--show 40] [--dump /tmp/words.jsonl]
Test splits are never read here.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.name_sweep import (  # noqa: E402
    add_dev_set_arguments,
    cached_states,
    dev_sets_for,
    serve_from_cache,
)
from bench.redaction import PERSON_LIKE, _tokens  # noqa: E402
from nlp.redaction import Redactor, guess_support, statistical  # noqa: E402
from nlp.redaction.contextual import NameHead, runs, shared_finder  # noqa: E402
from nlp.redaction.redactor import NAME_MODELS  # noqa: E402
from nlp.redaction.statistical import written_lower  # noqa: E402

# Words before a name said to someone ("Thanks Jim", "Hi Sue", "Dear Ann").
VOCATIVE_BEFORE = frozenset(
    "hi hey hello thanks thank cheers dear bye goodbye ok okay yes no oh sorry well yeah"
    " morning evening night".split()
)
SAYING = frozenset(
    "said says say asked asks told tells replied replies answered shouted whispered cried"
    " called wrote writes added explained laughed yelled muttered".split()
)


def kinds(text: str, tokens: list[tuple[int, int]], k: int, alone: bool) -> list[str]:
    """The kinds of context of token ``k``, a gold name word (see the module docstring)."""
    start, end = tokens[k]
    word = text[start:end]
    bare = word.strip(".,!?;:\"'()’")
    before = text[tokens[k - 1][0] : tokens[k - 1][1]].lower().strip(",.!?\"'") if k else ""
    after = text[tokens[k + 1][0] : tokens[k + 1][1]].lower() if k + 1 < len(tokens) else ""
    out = []
    if bare[:1].islower():
        out.append("lower case")
    if alone:
        out.append("one word alone")
    first = k == 0 or text[tokens[k - 1][0] : tokens[k - 1][1]][-1:] in '.!?"“'
    if (
        before in VOCATIVE_BEFORE
        or (first and word.endswith(","))
        or (k and text[tokens[k - 1][0] : tokens[k - 1][1]].endswith(",") and word[-1:] in ".!?")
    ):
        out.append("vocative")
    if before in SAYING or after.strip(",.!?\"'") in SAYING:
        out.append("beside saying")
    if word.endswith(("'s", "’s")) or after in ("'s", "’s"):
        out.append("possessive")
    if first:
        out.append("sentence start")
    return out or ["other"]


def false_path(
    record: dict[str, Any] | None, a: int, b: int, score: float, handle: bool, t: float
) -> str:
    """Which stage hid a word that is no one's name (see the module docstring)."""
    if handle:
        return "handle"
    if record is None:
        return "other"

    def overlaps(spans: list[tuple[int, int]]) -> bool:
        return any(c < b and a < d for c, d in spans)

    if overlaps(record["cued"]):
        return "cue rule"
    if score >= t and next((v for c, v in record["verdicts"].items() if a <= c < b), "") == "kept":
        return "head run" + (" + rule guess" if overlaps(record["kept_guesses"]) else "")
    if overlaps(record["kept_guesses"]):
        return "rule guess by SUPPORT"
    return "other (joined, repeated)"


def capital_share(words: list[tuple[int, int, str]]) -> float:
    """The share of a text's words past a sentence's first that start with a capital."""
    inside = [
        word
        for k, (_, _, word) in enumerate(words)
        if k and words[k - 1][2][-1:] not in ".!?" and word[:1].isalpha()
    ]
    return sum(w[:1].isupper() for w in inside) / max(1, len(inside))


def false_kind(text: str, tokens: list[tuple[int, int]], k: int, typed: str) -> str:
    """What a wrongly hidden word is: the dataset's own entity type when it gives one
    ("product", "organization"), else its shape."""
    if typed:
        return f"labelled {typed}"
    word = text[tokens[k][0] : tokens[k][1]]
    bare = word.strip(".,!?;:\"'()’")
    if not any(ch.isalpha() for ch in bare):
        return "punctuation"
    if bare.islower():
        return "lower case"
    if bare.isupper() and len(bare) > 1:
        return "all capitals"
    first = k == 0 or text[tokens[k - 1][0] : tokens[k - 1][1]][-1:] in '.!?"“'
    return "capitalised, sentence start" if first else "capitalised"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_dev_set_arguments(parser)
    parser.add_argument("--head", help="an .npz head instead of the shipped one")
    parser.add_argument("--show", type=int, default=30, help="examples listed per box")
    parser.add_argument(
        "--dump", type=Path, help="a JSONL file: every name word, word hidden or near THRESHOLD"
    )
    args = parser.parse_args()
    sets = dev_sets_for(args)
    stored = cached_states([r["text"] for rows in sets.values() for r in rows], args.cache)
    finder = shared_finder()
    if args.head:
        finder.head = NameHead(Path(args.head), sha256=None)
    serve_from_cache(finder.embedder, stored)
    # What the combination saw per text: the words, their scores, the rules' guesses.
    seen: dict[str, dict[str, Any]] = {}
    original_find = statistical.ModelNameFinder.find

    def recording_find(self: Any, doc: Any, guesses: Any = ()) -> list[tuple[int, int]]:
        words = [(t.idx, t.idx + len(t.text), t.text) for t in doc]
        scores = finder.scores_many([doc.text], [words])[0] if words else np.zeros(0)
        found = original_find(self, doc, guesses)
        position = {start: i for i, (start, _, _) in enumerate(words)}
        lower_names = written_lower(words)
        verdicts: dict[int, str] = {}
        for run in runs(words, guess_support.named(words, scores, finder.threshold, self.g)):
            least = min(float(scores[position[start]]) for start, _, _ in run)
            kept, why = self.judge_run(doc.text, words, position, run, lower_names, least)
            for start, end, _ in run:
                inside = kept is not None and kept[0] <= start and end <= kept[1]
                verdicts[start] = "kept" if inside else why if kept is None else "trimmed"
        kept_guesses = [
            kept
            for guess in guesses
            if (kept := guess_support.supported(words, scores, guess, statistical.SUPPORT, self.g))
            is not None
        ]
        seen[doc.text] = {
            "words": words,
            "scores": scores,
            "guesses": list(guesses),
            "kept_guesses": kept_guesses,
            "cued": list(doc._.pii_name_cued or []),
            "verdicts": verdicts,
        }
        return found

    statistical.ModelNameFinder.find = recording_find  # type: ignore[method-assign]
    redactor = Redactor(name_models=NAME_MODELS)
    t = finder.threshold
    dump = args.dump.open("w", encoding="utf-8") if args.dump else None
    for name, rows in sets.items():
        results = redactor.redact_many([r["text"] for r in rows])
        per_genre: dict[str, Counter[str]] = defaultdict(Counter)
        boxes: dict[str, list[str]] = defaultdict(list)
        why_count: Counter[str] = Counter()
        kind_count: Counter[str] = Counter()
        kind_total: Counter[str] = Counter()
        false_words: Counter[str] = Counter()
        false_by: Counter[tuple[str, str]] = Counter()
        right_by: Counter[str] = Counter()
        for row, result in zip(rows, results, strict=True):
            text = row["text"]
            genre = row.get("genre") or str(row.get("doc", name)).split("-")[0]
            tokens = _tokens(text)
            gold = [False] * len(tokens)
            alone = [False] * len(tokens)
            typed = [""] * len(tokens)
            for span in row["spans"]:
                if span["type"] != "person":
                    for k, (a, b) in enumerate(tokens):
                        if a < span["end"] and span["start"] < b:
                            typed[k] = span["type"]
                    continue
                inside = [
                    k for k, (a, b) in enumerate(tokens) if a < span["end"] and span["start"] < b
                ]
                for k in inside:
                    gold[k] = True
                    alone[k] = len(inside) == 1
            hidden = [
                any(a < s.end and s.start < b for s in result.spans if s.type in PERSON_LIKE)
                for a, b in tokens
            ]
            handles = [
                any(a < s.end and s.start < b for s in result.spans if s.type == "handle")
                for a, b in tokens
            ]
            record = seen.get(text)
            for k, (a, b) in enumerate(tokens):
                per_genre[genre]["gold"] += gold[k]
                per_genre[genre]["hit"] += gold[k] and hidden[k]
                per_genre[genre]["predicted"] += hidden[k]
                per_genre[genre]["false"] += hidden[k] and not gold[k]
                score = 0.0
                guessed = False
                verdict = ""
                if record is not None:
                    inside = [
                        s
                        for (c, d, _), s in zip(record["words"], record["scores"], strict=True)
                        if c < b and a < d
                    ]
                    score = max(inside, default=0.0)
                    guessed = any(c < b and a < d for c, d in record["guesses"])
                    verdict = next((v for c, v in record["verdicts"].items() if a <= c < b), "kept")
                shown = f"{text[max(0, a - 40) : a]}[[{text[a:b]}]]{text[b : b + 30]}"
                shown = f"{score:.3f} {shown}".replace("\n", " ")
                if dump is not None and (hidden[k] or gold[k] or score >= t / 2):
                    fields = {"set": name, "genre": genre, "word": text[a:b], "score": float(score)}
                    fields |= {"gold": gold[k], "hidden": hidden[k], "typed": typed[k]}
                    fields["path"] = false_path(record, a, b, score, handles[k], t)
                    fields["shape"] = false_kind(text, tokens, k, "")
                    fields["lower_names"] = record is not None and written_lower(record["words"])
                    fields["capitals"] = capital_share(record["words"]) if record else 0.0
                    dump.write(json.dumps(fields) + "\n")
                if hidden[k] and not gold[k]:
                    false_words[text[a:b].strip(".,!?;:'\"").lower()] += 1
                    boxes[f"false / {genre}"].append(shown)
                    path = false_path(record, a, b, score, handles[k], t)
                    kind = false_kind(text, tokens, k, typed[k])
                    false_by[(path, kind)] += 1
                    boxes[f"false by path / {path} / {kind}"].append(f"{genre:12} {shown}")
                if not gold[k]:
                    if score >= t and verdict != "kept" and not hidden[k]:
                        boxes[f"rightly vetted / {verdict}"].append(f"{genre:12} {shown}")
                    continue
                context = kinds(text, tokens, k, alone[k])
                for kind in context:
                    kind_total[kind] += 1
                    kind_count[kind] += not hidden[k]
                if hidden[k]:
                    path = false_path(record, a, b, score, handles[k], t)
                    right_by[path] += 1
                    boxes[f"right by path / {path}"].append(f"{genre:12} {shown}")
                    continue
                if score >= t:
                    why = f"head>=t, vetted out: {verdict}"
                elif guessed and score < statistical.SUPPORT:
                    why = "rule guess < SUPPORT"
                elif score >= t / 2:
                    why = "head t/2..t"
                else:
                    why = "head < t/2"
                why_count[why] += 1
                boxes[f"miss / {why}"].append(f"{genre:12} {','.join(context):30} {shown}")
        print(f"\n## {name}")
        print("genre | gold | missed | recall | hidden | false | precision")
        for genre, c in sorted(per_genre.items()):
            recall = c["hit"] / max(1, c["gold"])
            precision = 1 - c["false"] / max(1, c["predicted"])
            print(
                f"{genre} | {c['gold']} | {c['gold'] - c['hit']} | {recall:.3f} | "
                f"{c['predicted']} | {c['false']} | {precision:.3f}"
            )
        print("why missed:", dict(why_count.most_common()))
        print(
            "missed by kind (missed / gold):",
            {k: f"{kind_count[k]}/{kind_total[k]}" for k, _ in kind_total.most_common()},
        )
        print("false words:", false_words.most_common(40))
        paths = sorted(
            {p for p, _ in false_by},
            key=lambda p: -sum(n for (q, _), n in false_by.items() if q == p),
        )
        print("false words by kind (rows) and path (columns): " + " | ".join(paths))
        for kind in sorted(
            {k for _, k in false_by},
            key=lambda k: -sum(n for (_, j), n in false_by.items() if j == k),
        ):
            print(f"{kind} | " + " | ".join(str(false_by[(p, kind)]) for p in paths))
        print("name words hidden | " + " | ".join(str(right_by[p]) for p in paths))
        print("names elsewhere:", {p: n for p, n in right_by.items() if p not in paths})
        for box, examples in sorted(boxes.items()):
            print(f"\n### {box} ({len(examples)})")
            for example in examples[: args.show]:
                print("  ", example)
    if dump is not None:
        dump.close()


if __name__ == "__main__":
    main()
