"""English and Welsh answers in one vector space.

all-MiniLM-L6-v2 gives the best English neighbourhoods the project can run without torch,
but it is English-only: a Welsh answer and its English translation score like unrelated
text. multilingual-e5-small understands Welsh but clusters English answers less well
(Banking77 NMI 0.72 vs 0.79). So English answers go through MiniLM, and every other
answer goes through e5 and then a linear map that carries e5 vectors into MiniLM's space
(``bench/fit_welsh_map.py`` fits it). The map alone leaves a Welsh answer about as close
to its English twin as two different answers on one topic (mean cosine 0.57), and on real
text from other domains it hardly carries Welsh over at all (the twin is the nearest
English sentence 13 % of the time), so a Welsh answer is also glossed word by word into
English (:mod:`nlp.lang.cy.gloss`) and read by MiniLM; its vector is a mix of the two,
the gloss weighted by how many of the answer's words the glossary knew. The gloss is what
generalises; the mapped view fills in for words the glossary does not know. The measured
effect is in ``bench/RESULTS.md`` ("Welsh").
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from nlp.embeddings.base import EmbeddingError, content_mask

#: The shipped map, written by ``bench/fit_welsh_map.py``.
MAP_RESOURCE = "e5_to_minilm.npz"

#: Languages embedded by the English model; everything else goes through the map.
ENGLISH = "en"

#: Answers in this language are also glossed into English (see :mod:`nlp.lang.cy.gloss`).
WELSH = "cy"

#: Weight of the gloss's MiniLM vector in a fully glossed Welsh answer's vector (the
#: mapped e5 vector has the rest); scaled down by the share of words the glossary
#: did not know. Chosen on the real parallel fitting sets (bench/data/parallel/fit_*.csv)
#: by ``bench/welsh.py --weights``: twins shared a theme in 77-78 % of pairs at 0.9, 75-77 %
#: at 0.8, 73-75 % at 0.7, 66-76 % with the gloss alone (bench/RESULTS.md, "Welsh").
GLOSS_WEIGHT = 0.9


class _Glossary(Protocol):
    digest: str

    def gloss(self, text: str) -> str: ...

    def coverage(self, text: str) -> float: ...


class _Encoder(Protocol):
    dim: int
    name: str

    def encode(
        self,
        texts: Sequence[str],
        *,
        languages: Sequence[str] | None = None,
        batch_size: int = 64,
    ) -> np.ndarray: ...


class LinearMap:
    """An affine map ``y = (x - source_mean) @ weight + target_mean`` between spaces.

    Attributes:
        weight: ``(source_dim, target_dim)`` matrix.
        source_mean: mean source vector of the fitting text.
        target_mean: mean target vector of the fitting text.
        digest: short checksum of the parameters, part of the embedder's name.
    """

    def __init__(
        self, weight: np.ndarray, source_mean: np.ndarray, target_mean: np.ndarray
    ) -> None:
        if weight.ndim != 2 or source_mean.shape != (weight.shape[0],):
            raise EmbeddingError("map weight and source mean do not fit together")
        if target_mean.shape != (weight.shape[1],):
            raise EmbeddingError("map weight and target mean do not fit together")
        self.weight = weight.astype(np.float32)
        self.source_mean = source_mean.astype(np.float32)
        self.target_mean = target_mean.astype(np.float32)
        digest = hashlib.sha256()
        for part in (self.weight, self.source_mean, self.target_mean):
            digest.update(np.ascontiguousarray(part).tobytes())
        self.digest = digest.hexdigest()[:12]

    @classmethod
    def load(cls, path: Path | None = None) -> LinearMap:
        """Load a map saved by :meth:`save` (the shipped one when ``path`` is omitted)."""
        try:
            if path is None:
                ref = resources.files("nlp.embeddings") / MAP_RESOURCE
                with resources.as_file(ref) as file, np.load(file) as data:
                    return cls(data["weight"], data["source_mean"], data["target_mean"])
            with np.load(path) as data:
                return cls(data["weight"], data["source_mean"], data["target_mean"])
        except (OSError, KeyError, ValueError) as exc:
            raise EmbeddingError(
                f"cannot read the e5→MiniLM map ({exc}); regenerate it with "
                "`python bench/fit_welsh_map.py`"
            ) from exc

    def save(self, path: Path, **metadata: Any) -> None:
        """Write the map (and any scalar metadata, e.g. how it was fitted) as ``.npz``."""
        arrays: dict[str, Any] = {k: np.asarray(v) for k, v in metadata.items()}
        arrays.update(
            weight=self.weight, source_mean=self.source_mean, target_mean=self.target_mean
        )
        np.savez(path, **arrays)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        """Map rows of ``x`` and L2-normalise them."""
        y = (x - self.source_mean) @ self.weight + self.target_mean
        norms = np.linalg.norm(y, axis=1, keepdims=True)
        mapped: np.ndarray = (y / np.maximum(norms, np.float32(1e-12))).astype(np.float32)
        return mapped


def _base_language(code: str | None) -> str:
    """ "en", "EN", "en-GB" and "en_US" all mean "en"."""
    return str(code or "").lower().replace("_", "-").split("-")[0]


def _is_english(code: str | None) -> bool:
    """English by any spelling of its code; anything else goes through e5."""
    return _base_language(code) == ENGLISH


def _default_identifier() -> Callable[[str], str]:
    """The project's per-answer language identifier (imported late: it loads a model)."""
    from nlp.langid import identify

    return identify


class BilingualEmbedder:
    """MiniLM for English answers, e5 → linear map for Welsh (and any other language).

    Vectors are 384-wide, L2-normalised, in MiniLM's space; texts with no letter or digit
    get an all-zero row.

    Args:
        english: the English embedder (MiniLM).
        multilingual: the multilingual embedder whose vectors the map accepts (e5).
        mapping: the e5 → MiniLM map.
        identify: returns a language code for one text; used when ``encode`` is called
            without ``languages``. Defaults to :func:`nlp.langid.identify`.
        glossary: glosses Welsh answers into English for the English model; None
            leaves Welsh to the map alone.
        gloss_weight: the gloss's share of a fully glossed Welsh answer's vector.
    """

    def __init__(
        self,
        english: _Encoder,
        multilingual: _Encoder,
        mapping: LinearMap,
        *,
        identify: Callable[[str], str] | None = None,
        glossary: _Glossary | None = None,
        gloss_weight: float = GLOSS_WEIGHT,
    ) -> None:
        if not 0.0 <= gloss_weight <= 1.0:
            raise EmbeddingError(f"gloss_weight must be between 0 and 1, not {gloss_weight}")
        if mapping.weight.shape != (multilingual.dim, english.dim):
            raise EmbeddingError(
                f"map shape {mapping.weight.shape} does not join "
                f"{multilingual.name} ({multilingual.dim}) to {english.name} ({english.dim})"
            )
        self.dim = english.dim
        if glossary is None:
            self.name = (
                f"bilingual-v1[en={english.name};other={multilingual.name}>map@{mapping.digest}]"
            )
        else:
            self.name = (
                f"bilingual-v2[en={english.name};other={multilingual.name}>map@{mapping.digest}"
                f";cy+=gloss@{glossary.digest}x{gloss_weight:g}]"
            )
        self._glossary = glossary
        self._gloss_weight = gloss_weight
        self._english = english
        self._multilingual = multilingual
        self._map = mapping
        self._identify = identify

    def languages(self, texts: Sequence[str]) -> list[str]:
        """The language code the embedder would route each text by."""
        if self._identify is None:
            self._identify = _default_identifier()
        identify = self._identify
        return [identify(t) if t.strip() else "other" for t in texts]

    def encode(
        self,
        texts: Sequence[str],
        *,
        languages: Sequence[str] | None = None,
        batch_size: int = 64,
    ) -> np.ndarray:
        """Embed answers of any language into MiniLM's space.

        Args:
            texts: the answers.
            languages: per-text codes; English (``"en"``, ``"en-GB"``...) goes to MiniLM,
                anything else (``"cy"``, ``"other"``, ``None``) through e5 and the map.
                Detected per answer when omitted.
            batch_size: texts per model call.

        Returns:
            A ``(len(texts), 384)`` float32 array.

        Raises:
            ValueError: ``languages`` is not the same length as ``texts``.
        """
        if languages is None:
            languages = self.languages(texts)
        elif len(languages) != len(texts):
            raise ValueError(
                f"got {len(languages)} language codes for {len(texts)} texts; "
                "pass one per text or none"
            )
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        has = content_mask(texts)
        is_en = np.fromiter(map(_is_english, languages), dtype=bool, count=len(texts))
        english = np.flatnonzero(has & is_en)
        other = np.flatnonzero(has & ~is_en)
        if english.size:
            out[english] = self._english.encode(
                [texts[int(i)] for i in english], batch_size=batch_size
            )
        if other.size:
            source = self._multilingual.encode(
                [texts[int(i)] for i in other], batch_size=batch_size
            )
            out[other] = self._map(source)
        if self._glossary is not None and self._gloss_weight > 0:
            welsh = [int(i) for i in other if _base_language(languages[int(i)]) == WELSH]
            if welsh:
                self._add_glosses(out, welsh, [texts[i] for i in welsh], batch_size)
        return out

    def welsh_views(
        self, texts: Sequence[str], *, batch_size: int = 64
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The two views a Welsh answer's vector is mixed from, for choosing the weight.

        Returns:
            ``(mapped, read, coverage)``: the mapped e5 vectors, MiniLM's vectors of the
            glosses (zero rows when nothing was glossed) and the share of each answer's
            words the glossary knew. ``mix_views(mapped, read, coverage, w)`` gives the
            vectors :meth:`encode` returns for Welsh texts at gloss weight ``w``.
        """
        mapped = self._map(self._multilingual.encode(list(texts), batch_size=batch_size))
        read = np.zeros_like(mapped)
        coverage = np.zeros(len(texts), dtype=np.float32)
        if self._glossary is not None:
            glosses = [self._glossary.gloss(t) for t in texts]
            coverage = np.array([self._glossary.coverage(t) for t in texts], dtype=np.float32)
            useful = np.flatnonzero(np.array([bool(g.strip()) for g in glosses], dtype=bool))
            if useful.size:
                read[useful] = self._english.encode(
                    [glosses[int(i)] for i in useful], batch_size=batch_size
                )
        return mapped, read, coverage

    def _add_glosses(
        self, out: np.ndarray, rows: list[int], texts: list[str], batch_size: int
    ) -> None:
        """Mix each Welsh row's mapped vector with MiniLM's reading of its gloss."""
        assert self._glossary is not None
        glosses = [self._glossary.gloss(t) for t in texts]
        coverage = np.array([self._glossary.coverage(t) for t in texts], dtype=np.float32)
        useful = np.flatnonzero((coverage > 0) & np.array([bool(g.strip()) for g in glosses]))
        if not useful.size:
            return
        read = self._english.encode([glosses[int(i)] for i in useful], batch_size=batch_size)
        target = np.asarray(rows)[useful]
        out[target] = mix_views(out[target], read, coverage[useful], self._gloss_weight)


def mix_views(
    mapped: np.ndarray, read: np.ndarray, coverage: np.ndarray, weight: float
) -> np.ndarray:
    """Welsh vectors from their two views, the gloss weighted by ``weight × coverage``.

    Rows with nothing glossed (an all-zero ``read`` row) keep their mapped vector.
    """
    w = (np.asarray(coverage, dtype=np.float32) * np.float32(weight))[:, None]
    w = np.where(np.linalg.norm(read, axis=1, keepdims=True) > 0, w, np.float32(0.0))
    mixed = (1.0 - w) * mapped + w * read
    norms = np.linalg.norm(mixed, axis=1, keepdims=True)
    out: np.ndarray = (mixed / np.maximum(norms, np.float32(1e-12))).astype(np.float32)
    return out
