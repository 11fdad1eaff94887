"""Trained name heads as files: several heads merged into one, and a head saved.

Split from tools/train_name_head.py, which fits the heads: the shipped head is the mean logit of
several fits (seeds, and heads reading words alone or beside their neighbours), merged here.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np


def merge_heads(
    fitted: list[tuple[dict[str, np.ndarray], float]],
) -> tuple[dict[str, np.ndarray], float]:
    """Several fit seeds' heads as one head whose logit is the mean of theirs.

    The seeds share the features, hence the standardisation; side by side, their hidden
    units make one wider layer and their output weights, divided by their number, sum to the
    mean logit. contextual.NameHead runs it unchanged.
    """
    heads = [params for params, _ in fitted]
    if len(heads) == 1:
        return fitted[0]
    merged = {
        "w1": np.concatenate([h["w1"] for h in heads], axis=1),
        "b1": np.concatenate([h["b1"] for h in heads]),
        "w2": np.concatenate([h["w2"] for h in heads]) / len(heads),
        "b2": np.mean([h["b2"] for h in heads], axis=0),
        "mean": heads[0]["mean"],
        "scale": heads[0]["scale"],
    }
    return merged, float(np.mean([threshold for _, threshold in fitted]))


def merge_files(paths: list[Path]) -> dict[str, np.ndarray]:
    """Trained heads' files as one head whose logit is the mean of theirs (--merge).

    Unlike merge_heads, the heads may differ in standardisation and in whether they read
    neighbours: each head's standardisation is folded into its first layer, and a head
    reading each word alone sees only the first (own) columns of a neighbours head's rows.
    """
    heads = []
    for path in paths:
        with np.load(path) as stored:
            head = {key: stored[key].astype(np.float64) for key in stored.files}
        head["b1"] = head["b1"] - (head["mean"] / head["scale"]) @ head["w1"]
        head["w1"] = head["w1"] / head["scale"][:, None]
        heads.append(head)
    if len({tuple(h["layers"]) for h in heads}) != 1:
        raise SystemExit("--merge: the heads read different MiniLM layers")
    width = max(len(h["mean"]) for h in heads)
    for head in heads:
        padded = np.zeros((width, head["w1"].shape[1]))
        padded[: len(head["w1"])] = head["w1"]
        head["w1"] = padded
    arrays = {
        "w1": np.concatenate([h["w1"] for h in heads], axis=1),
        "b1": np.concatenate([h["b1"] for h in heads]),
        "w2": np.concatenate([h["w2"] for h in heads]) / len(heads),
        "b2": np.mean([h["b2"] for h in heads], axis=0),
        "mean": np.zeros(width),
        "scale": np.ones(width),
        "threshold": np.mean([h["threshold"] for h in heads]),
    }
    merged = {key: np.asarray(value, dtype=np.float32) for key, value in arrays.items()}
    merged["layers"] = heads[0]["layers"].astype(np.int64)
    if any("neighbours" in h and bool(h["neighbours"]) for h in heads):
        merged["neighbours"] = np.array(True)
    return merged


def save(arrays: dict[str, np.ndarray], out: Path) -> None:
    for value in arrays.values():
        if value.dtype == np.float32:
            # Weights decayed to subnormal floats add nothing to a score but make every
            # product with them ~5 times slower on x86 (8 ms a 25-word answer, not 1.6).
            value[np.abs(value) < np.finfo(np.float32).tiny] = 0.0
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, allow_pickle=False, **arrays)
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    print(f"threshold {float(arrays['threshold']):.3f}; wrote {out} ({out.stat().st_size} bytes)")
    print(f'HEAD_SHA256 = "{digest}"  (put this in nlp/redaction/contextual.py)')
