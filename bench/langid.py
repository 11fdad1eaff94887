"""Accuracy and speed of nlp.langid against baselines measured in the same run.

Usage:
    .venv/bin/python bench/langid.py [--append-results]

Data (read from ../shared/data, never copied): Welsh from
welsh/cy_lexicelt_short_phrases.csv, cy_common_spoken_short.csv,
cy_speech_prompts_cc0.csv (seeded sample) and ner_cy.jsonl; English from
themes/clinc150_val.csv, banking77_train.csv, hwu64_train.csv (seeded
samples) and the English Pol.is statements; "other" from the German and
Chinese Pol.is statements. Each set is scored twice: as written ("full") and
as seeded 1-2-word windows cut from the same texts ("1-2 words"), which is
what a first SMS reply often looks like ("bysus ysgol", "bins collection").

Baselines:
    * stopwords: count stop words of English (spaCy), Welsh (this project)
      and other Latin-script languages (spaCy); most wins, ties -> English.
    * lingua: lingua-language-detector restricted to English, Welsh,
      German, French, Spanish, Dutch, Italian, Portuguese, Chinese (only if
      installed: ``pip install '.[bench]'``), low-accuracy mode and high.
"""

from __future__ import annotations

import argparse
import csv
import importlib
import json
import platform
import random
import re
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nlp import langid  # noqa: E402
from nlp.lang.cy.stop_words import STOP_WORDS as CY_STOP  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
SEED = 20261122
Identifier = Callable[[str], str]


def _csv_texts(
    rel: str, limit: int | None = None, where: tuple[str, str] | None = None
) -> list[str]:
    path = DATA / rel
    with path.open(encoding="utf8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if where is None or r.get(where[0]) == where[1]]
    texts = [r["text"] for r in rows if r["text"].strip()]
    if limit is not None and len(texts) > limit:
        texts = random.Random(SEED).sample(texts, limit)
    return texts


def load_sets() -> dict[str, list[str]]:
    """Gold language -> texts."""
    cy = _csv_texts("welsh/cy_lexicelt_short_phrases.csv")
    cy += _csv_texts("welsh/cy_common_spoken_short.csv")
    cy += _csv_texts("welsh/cy_speech_prompts_cc0.csv", limit=2000)
    with (DATA / "welsh/ner_cy.jsonl").open(encoding="utf8") as fh:
        cy += [json.loads(line)["text"] for line in fh if line.strip()]
    en = _csv_texts("themes/clinc150_val.csv", limit=1000)
    en += _csv_texts("themes/banking77_train.csv", limit=1000)
    en += _csv_texts("themes/hwu64_train.csv", limit=1000)
    other: list[str] = []
    for path in sorted((DATA / "civic").glob("polis_*.csv")):
        rel = f"civic/{path.name}"
        en += _csv_texts(rel, limit=150, where=("lang", "en"))
        other += _csv_texts(rel, limit=300, where=("lang", "de"))
        other += _csv_texts(rel, limit=300, where=("lang", "zh"))
    return {"en": en, "cy": cy, "other": other}


_TOKEN = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")


def short_windows(texts: list[str], rng: random.Random) -> list[str]:
    """One 1- or 2-word window per text (2 words twice as often)."""
    out = []
    for text in texts:
        words = _TOKEN.findall(text)
        if not words:
            continue
        size = min(len(words), rng.choice((1, 2, 2)))
        start = rng.randrange(len(words) - size + 1)
        out.append(" ".join(words[start : start + size]))
    return out


def stopword_baseline() -> Identifier:
    """Most stop words wins; ties go to English."""
    en_stop = importlib.import_module("spacy.lang.en.stop_words").STOP_WORDS
    other_stop: set[str] = set()
    for lang in ("de", "fr", "es", "it", "nl", "pt"):
        other_stop |= importlib.import_module(f"spacy.lang.{lang}.stop_words").STOP_WORDS
    cy_stop = {w.replace("\u2019", "'") for w in CY_STOP}

    def identify(text: str) -> str:
        if langid._non_latin_share(text) > 0.5:
            return "other"
        words = _TOKEN.findall(text.lower().replace("\u2019", "'"))
        counts = {
            "en": sum(w in en_stop for w in words),
            "cy": sum(w in cy_stop for w in words),
            "other": sum(w in other_stop for w in words),
        }
        best = max(counts.values())
        return "en" if counts["en"] == best else max(counts, key=lambda k: counts[k])

    return identify


def lingua_baselines() -> dict[str, Identifier]:
    try:
        lingua = importlib.import_module("lingua")
    except ImportError:
        return {}
    lang = lingua.Language
    chosen = [
        lang.ENGLISH,
        lang.WELSH,
        lang.GERMAN,
        lang.FRENCH,
        lang.SPANISH,
        lang.DUTCH,
        lang.ITALIAN,
        lang.PORTUGUESE,
        lang.CHINESE,
    ]
    out: dict[str, Identifier] = {}
    for label, low in (("lingua-low", True), ("lingua-high", False)):
        builder = lingua.LanguageDetectorBuilder.from_languages(*chosen)
        if low:
            builder = builder.with_low_accuracy_mode()
        detector = builder.with_preloaded_language_models().build()

        def identify(text: str, detector: object = detector) -> str:
            found = detector.detect_language_of(text)  # type: ignore[attr-defined]
            if found == lang.ENGLISH:
                return "en"
            if found == lang.WELSH:
                return "cy"
            return "other"

        out[label] = identify
    return out


def evaluate(name: str, fn: Identifier, sets: dict[str, dict[str, list[str]]]) -> dict[str, object]:
    row: dict[str, object] = {"identifier": name}
    for variant, by_lang in sets.items():
        correct_all = 0
        count_all = 0
        elapsed = 0.0
        for gold, texts in by_lang.items():
            start = time.perf_counter()
            predictions = [fn(t) for t in texts]
            elapsed += time.perf_counter() - start
            correct = sum(p == gold for p in predictions)
            row[f"{variant}/{gold}"] = correct / len(texts)
            correct_all += correct
            count_all += len(texts)
        row[f"{variant}/all"] = correct_all / count_all
        row[f"{variant}/us"] = 1e6 * elapsed / count_all
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--append-results", action="store_true", help="append to bench/RESULTS.md")
    args = parser.parse_args()
    if not DATA.exists():
        raise SystemExit(f"needs the development data at {DATA}")
    full = load_sets()
    rng = random.Random(SEED)
    short = {lang: short_windows(texts, rng) for lang, texts in full.items()}
    sets = {"full": full, "1-2 words": short}
    start = time.perf_counter()
    langid.load()
    load_ms = 1000 * (time.perf_counter() - start)
    identifiers: dict[str, Identifier] = {"nlp.langid": langid.identify}
    identifiers["stopwords"] = stopword_baseline()
    identifiers.update(lingua_baselines())
    # Warm caches the same way for everyone: one pass untimed.
    for fn in identifiers.values():
        for texts in short.values():
            for t in texts[:50]:
                fn(t)
    rows = [evaluate(name, fn, sets) for name, fn in identifiers.items()]
    columns = [f"{v}/{g}" for v in sets for g in ("en", "cy", "other", "all")]
    timings = [f"{v}/us" for v in sets]
    header = "| identifier | " + " | ".join(columns + [f"µs/text {v}" for v in sets]) + " |"
    lines = [header, "|" + "---|" * (len(columns) + len(timings) + 1)]
    for row in rows:
        cells = [f"{float(str(row[c])):.3f}" for c in columns]
        cells += [f"{float(str(row[c])):.1f}" for c in timings]
        lines.append(f"| {row['identifier']} | " + " | ".join(cells) + " |")
    sizes = ", ".join(f"{k}: {len(v)}" for k, v in full.items())
    table = "\n".join(lines)
    print(f"texts per class ({sizes}); model load {load_ms:.0f} ms\n{table}")
    if args.append_results:
        section = (
            f"\n## Language identification — {date.today().isoformat()}\n\n"
            f"Machine: 2 cores, 24 GB, shared/noisy ({platform.python_implementation()} "
            f"{platform.python_version()}). Command: `.venv/bin/python bench/langid.py "
            f"--append-results`.\nTexts per class: {sizes} (each also cut to a seeded 1-2-word "
            f"window). Model load {load_ms:.0f} ms (first call only). Accuracy per gold class;"
            f" time per text single-threaded, the full texts first (so most words are"
            f" first-seen), then the windows (their words mostly cached).\n\n{table}\n"
        )
        with (ROOT / "bench" / "RESULTS.md").open("a", encoding="utf8") as fh:
            fh.write(section)


if __name__ == "__main__":
    main()
