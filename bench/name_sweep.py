"""Sweep name heads, thresholds and SUPPORT on the development sets, in seconds per setting.

bench/redaction.py runs MiniLM again for every setting. Here MiniLM's states of every dev
text (layers 2-6, as tools/train_name_head.py caches them) are computed once and kept in a
cache file; each setting then re-runs only the real redactor (rules, the head, the vetting)
with the head, the threshold (contextual.THRESHOLD) and SUPPORT (statistical.SUPPORT) swapped
in, and scores person words like bench/redaction.py. Dev splits only: test splits are read
once, by bench/redaction.py, after the choice.

Run: python bench/name_sweep.py --gum GUM --ewt UNER_MIRROR --crossner CROSSNER \
         [--tweebank TWEEBANK_MIRROR] \
         --heads shipped,/tmp/h.npz \
         --thresholds 0.1,0.15 --supports 0.01,0.02 [--place-sure 0.5,0.9] \
         [--shout-sure 0,0.25] [--edge-support 0,0.01]
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.redaction import load, score  # noqa: E402
from nlp.redaction import Redactor, contextual, guess_support, statistical  # noqa: E402
from nlp.redaction.contextual import NameHead, shared_finder  # noqa: E402
from nlp.redaction.redactor import NAME_MODELS  # noqa: E402

CACHED_LAYERS = (2, 3, 4, 5, 6)
STATE = 384
States = dict[str, tuple[np.ndarray, np.ndarray]]


def dev_sets(
    gum: Path | None,
    ewt: Path | None,
    crossner: Path | None = None,
    *,
    gum_untrained: bool = False,
    tweebank: Path | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """The development sets; ``gum_untrained`` adds GUM train's genres that no shipped model
    was fitted on (conversation, essay, fiction, letter, podcast, how-to: bench/gum.py
    TRAINABLE), read for rules only from session 23 on, so fresher than the four dev splits;
    ``tweebank`` adds Tweebank-NER's dev tweets (bench/tweebank_ner.py), read from session 25."""
    sets = {"wnut17_dev": load("wnut17_dev")}
    if gum:
        from bench.gum import load as load_gum

        sets["gum_dev"] = load_gum(gum, "dev")
        if gum_untrained:
            sets["gum_train_untrained"] = load_gum(gum, "train", untrained_only=True)
    if ewt:
        from bench.ewt import load as load_ewt

        sets["ewt_dev"] = load_ewt(ewt, "dev")
    if crossner:
        from bench.wiki_ner import crossner as load_crossner

        sets["crossner_dev"] = load_crossner(crossner, "dev")
    if tweebank:
        from bench.tweebank_ner import load as load_tweebank

        sets["tweebank_dev"] = load_tweebank(tweebank, "dev")
    return sets


def add_dev_set_arguments(parser: argparse.ArgumentParser) -> None:
    """The options naming the development sets and the states' cache (dev_sets_for)."""
    parser.add_argument("--gum", type=Path, help="a GUM checkout (dep/, splits.md)")
    parser.add_argument("--ewt", type=Path, help="UNER English-EWT: a git mirror or a folder")
    parser.add_argument("--crossner", type=Path, help="zliucr/CrossNER: a git mirror or a folder")
    parser.add_argument("--tweebank", type=Path, help="TweebankNLP: a git mirror or a folder")
    parser.add_argument(
        "--gum-untrained", action="store_true", help="also GUM train's genres no model saw"
    )
    parser.add_argument("--cache", type=Path, default=Path("/tmp/name_sweep_states.npz"))


def dev_sets_for(args: argparse.Namespace) -> dict[str, list[dict[str, Any]]]:
    """The development sets add_dev_set_arguments' options name."""
    return dev_sets(
        args.gum,
        args.ewt,
        args.crossner,
        gum_untrained=args.gum_untrained,
        tweebank=args.tweebank,
    )


def cached_states(texts: Sequence[str], cache: Path) -> States:
    """float16 states of layers 2-6 per text, computed once and kept in ``cache`` (.npz).

    An .npz of plain arrays rather than a pickle: the cache sits in a shared folder, and
    loading it must not run code that someone else could have written there.
    """
    stored: States = {}
    if cache.is_file():
        with np.load(cache, allow_pickle=False) as kept:
            keys = [str(text) for text in kept["texts"]]
            stored = {text: (kept[f"s{i}"], kept[f"o{i}"]) for i, text in enumerate(keys)}
    missing = sorted({t for t in texts if t not in stored})
    if missing:
        embedder = shared_finder().embedder
        found = embedder.token_states(missing, layers=CACHED_LAYERS)
        for text, (states, offsets) in zip(missing, found, strict=True):
            stored[text] = (states.astype(np.float16), offsets)
        arrays: dict[str, np.ndarray] = {"texts": np.array(list(stored), dtype=str)}
        for i, (states, offsets) in enumerate(stored.values()):
            arrays[f"s{i}"], arrays[f"o{i}"] = states, offsets
        with cache.open("wb") as handle:
            # numpy's stub reads **arrays as its own keyword options (allow_pickle).
            np.savez(handle, **arrays)  # type: ignore[arg-type]
    return stored


def serve_from_cache(embedder: Any, stored: dict[str, tuple[np.ndarray, np.ndarray]]) -> None:
    """Have ``embedder`` read MiniLM's states from ``stored`` (cached_states), not compute them.

    Windows of long texts and warm-up texts are not in the cache: computed as usual, and kept.
    """
    compute = embedder.token_states

    def from_cache(
        texts: Sequence[str], *, batch_size: int = 32, layers: Sequence[int] = (6,)
    ) -> list[tuple[np.ndarray, np.ndarray]]:
        columns = np.concatenate(
            [np.arange(STATE) + STATE * CACHED_LAYERS.index(k) for k in layers]
        )
        out = []
        for text in texts:
            if text not in stored:
                states, offsets = compute([text], layers=CACHED_LAYERS)[0]
                stored[text] = (states.astype(np.float16), offsets)
            states, offsets = stored[text]
            out.append((states[:, columns].astype(np.float32), offsets))
        return out

    embedder.token_states = from_cache


#: Module constants swept from the command line: option -> (module, constant, type).
SWEPT: dict[str, tuple[Any, str, type]] = {
    "--place-sure": (statistical, "PLACE_SURE", float),
    "--name-rank": (statistical, "NAME_RANK", int),
    "--shout-sure": (guess_support, "SHOUT_SURE", float),
    "--edge-support": (guess_support, "EDGE_SUPPORT", float),
}


def kept(set_name: str, kind: str) -> bool:
    """Whether a span of ``kind`` is scored on ``set_name``. Tweebank replaced every handle by
    a placeholder ("@USER333") its annotators never tag: hiding one is right, and no name the
    finder found, so its handles are left out, as bench/redaction.py's "handles apart"."""
    return kind != "handle" or not set_name.startswith("tweebank_")


def dest(option: str) -> str:
    """argparse's attribute name for ``option`` ("--place-sure" -> "place_sure")."""
    return option[2:].replace("-", "_")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_dev_set_arguments(parser)
    parser.add_argument(
        "--heads", default="shipped", help="'shipped' or .npz paths, comma-separated"
    )
    parser.add_argument("--thresholds", default=str(contextual.THRESHOLD), help="shipped if unset")
    parser.add_argument("--supports", default=str(statistical.SUPPORT), help="shipped if unset")
    for option, (module, constant, _) in SWEPT.items():
        parser.add_argument(
            option,
            default=str(getattr(module, constant)),
            help=f"{module.__name__.rsplit('.', 1)[-1]}.{constant} values, comma-separated"
            " (shipped if unset)",
        )
    parser.add_argument(
        "--language",
        choices=("en", "guess"),
        default="guess",
        help="'en': every text through the English pipeline (what the language guess costs)",
    )
    args = parser.parse_args()
    sets = dev_sets_for(args)
    stored = cached_states([r["text"] for rows in sets.values() for r in rows], args.cache)
    finder = shared_finder()
    serve_from_cache(finder.embedder, stored)
    redactor = Redactor(name_models=NAME_MODELS)
    for head in args.heads.split(","):
        finder.head = NameHead() if head == "shipped" else NameHead(Path(head), sha256=None)
        for threshold in map(float, args.thresholds.split(",")):
            finder.threshold = threshold
            for support in map(float, args.supports.split(",")):
                statistical.SUPPORT = support
                choices = [
                    [(option, kind(v)) for v in getattr(args, dest(option)).split(",")]
                    for option, (_, _, kind) in SWEPT.items()
                ]
                for setting in itertools.product(*choices):
                    for option, value in setting:
                        module, constant, _ = SWEPT[option]
                        setattr(module, constant, value)
                    line = [Path(head).name, f"t={threshold}", f"s={support}"]
                    line.extend(f"{option[2:]}={value}" for option, value in setting)
                    for name, rows in sets.items():
                        results = redactor.redact_many(
                            [r["text"] for r in rows],
                            language="en" if args.language == "en" else None,
                        )
                        predicted = [
                            [(s.start, s.end, s.type) for s in r.spans if kept(name, s.type)]
                            for r in results
                        ]
                        figures = score(rows, predicted, ours=True, names_only=True)
                        line.append(f"{name} {figures['precision']:.3f} / {figures['recall']:.3f}")
                    print("  ".join(line), flush=True)


if __name__ == "__main__":
    main()
