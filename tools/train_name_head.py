"""Train the contextual name head shipped as nlp/redaction/data/name_head.npz.

The head reads all-MiniLM-L6-v2's last-layer state of each word plus shape and gazetteer
features (nlp/redaction/contextual.py) and says whether the word is part of a person's name.
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

MiniLM's word pieces are uncased, so a sentence's states are computed once and each sentence is
also seen with its case scrambled (lower, upper or title case); only the shape features change.

Run: nice -n 10 .venv/bin/python tools/train_name_head.py --btc /path/to/broad_twitter_corpus
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from pathlib import Path

import numpy as np
import spacy

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from train_name_model import (  # type: ignore[import-not-found]  # noqa: E402
    _case_noise,
    _load_conll,
    _load_wnut,
    synthetic,
)

from nlp.embeddings.minilm import MiniLMEmbedder  # noqa: E402
from nlp.redaction.contextual import HEAD_PATH, word_features  # noqa: E402
from nlp.redaction.gazetteer import load_gazetteer  # noqa: E402

WELSH = ROOT.parent / "shared" / "data" / "welsh" / "ner_cy.jsonl"
Row = tuple[str, list[tuple[int, int]]]


def featurise(
    rows: list[Row],
    embedder: MiniLMEmbedder,
    rng: random.Random,
    *,
    noisy_copies: bool,
    keep_negative: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows (float16) and labels for every scored word of every sentence."""
    tokenizer = spacy.blank("en").tokenizer
    g = load_gazetteer()
    features: list[np.ndarray] = []
    labels: list[np.ndarray] = []
    for start in range(0, len(rows), 256):
        chunk = rows[start : start + 256]
        states = embedder.token_states([text for text, _ in chunk])
        for (text, spans), (state, offsets) in zip(chunk, states, strict=True):
            variants = [text]
            if noisy_copies:
                noisy = _case_noise(text, rng)
                if len(noisy) == len(text):  # offsets must still hold
                    variants.append(noisy)
            for variant in variants:
                words = [(t.idx, t.idx + len(t.text), t.text) for t in tokenizer(variant)]
                if not words or not len(offsets):
                    continue
                x, scored = word_features(words, state, offsets, g)
                y = np.array([any(s < e2 and s2 < e for s2, e2 in spans) for s, e, _ in words])
                keep = scored & (y | (np.array([rng.random() for _ in words]) < keep_negative))
                features.append(x[keep].astype(np.float16))
                labels.append(y[keep])
        print(f"  {start + len(chunk)}/{len(rows)} sentences", flush=True)
    return np.concatenate(features), np.concatenate(labels).astype(np.float32)


def fit(
    x: np.ndarray,
    y: np.ndarray,
    held_x: np.ndarray,
    held_y: np.ndarray,
    *,
    hidden: int,
    epochs: int,
    seed: int,
) -> tuple[dict[str, np.ndarray], float]:
    """Adam on the logistic loss; the epoch with the best held-out F2 is kept."""
    rng = np.random.default_rng(seed)
    mean = x.astype(np.float32).mean(axis=0)
    scale = x.astype(np.float32).std(axis=0) + 1e-3
    params = {
        "w1": (rng.standard_normal((x.shape[1], hidden)) * np.sqrt(2 / x.shape[1])).astype(
            np.float32
        ),
        "b1": np.zeros(hidden, np.float32),
        "w2": (rng.standard_normal((hidden, 1)) * np.sqrt(1 / hidden)).astype(np.float32),
        "b2": np.zeros(1, np.float32),
    }
    moments = {k: (np.zeros_like(v), np.zeros_like(v)) for k, v in params.items()}
    lr, beta1, beta2, decay, step = 1e-3, 0.9, 0.999, 1e-4, 0
    best: tuple[float, dict[str, np.ndarray], float] = (-1.0, {}, 0.5)
    for epoch in range(epochs):
        order = rng.permutation(len(x))
        for begin in range(0, len(order), 512):
            batch = order[begin : begin + 512]
            xb = (x[batch].astype(np.float32) - mean) / scale
            # Input dropout: the head must not lean on a handful of state dimensions.
            xb *= (rng.random(xb.shape) > 0.1) / 0.9
            yb = y[batch][:, None]
            pre = xb @ params["w1"] + params["b1"]
            h = np.maximum(pre, 0)
            p = 1 / (1 + np.exp(-np.clip(h @ params["w2"] + params["b2"], -30, 30)))
            grad_out = (p - yb) / len(batch)
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
    parser.add_argument("--synthetic", type=int, default=3000)
    parser.add_argument("--hidden", type=int, default=128)
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--keep-negative", type=float, default=0.5)
    parser.add_argument("--seed", type=int, default=20261205)
    parser.add_argument("--out", type=Path, default=HEAD_PATH)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    began = time.time()

    wnut = _load_wnut("wnut17_train")
    rng.shuffle(wnut)
    cut = len(wnut) * 15 // 100
    held, train = wnut[:cut], wnut[cut:]
    if args.btc:
        for path in sorted(args.btc.glob("*.conll")):
            train.extend(_load_conll(path))
    train.extend(synthetic(args.synthetic, rng))
    if WELSH.is_file():
        with WELSH.open(encoding="utf-8") as handle:
            train.extend((json.loads(line)["text"], []) for line in handle if line.strip())
    print(f"{len(train)} training sentences, {len(held)} held out", flush=True)

    embedder = MiniLMEmbedder()
    x, y = featurise(train, embedder, rng, noisy_copies=True, keep_negative=args.keep_negative)
    held_x, held_y = featurise(held, embedder, rng, noisy_copies=False, keep_negative=1.0)
    print(f"{len(x)} training words ({int(y.sum())} in names), {len(held_x)} held out", flush=True)
    params, threshold = fit(
        x, y, held_x, held_y, hidden=args.hidden, epochs=args.epochs, seed=args.seed
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    arrays: dict[str, np.ndarray] = {k: v.astype(np.float32) for k, v in params.items()}
    arrays["threshold"] = np.array(threshold, dtype=np.float32)
    np.savez_compressed(args.out, allow_pickle=False, **arrays)
    digest = hashlib.sha256(args.out.read_bytes()).hexdigest()
    print(f"threshold {threshold:.3f}; wrote {args.out} ({args.out.stat().st_size} bytes)")
    print(f'HEAD_SHA256 = "{digest}"  (put this in nlp/redaction/contextual.py)')
    print(f"{time.time() - began:.0f} s")


if __name__ == "__main__":
    main()
