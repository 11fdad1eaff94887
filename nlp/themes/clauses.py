"""Split an answer that names several things into clauses ("buses are late and the bins
stink" -> two clauses), so that each clause can bring its own theme.

A whole-answer vector of a two-topic answer sits between the two themes and is often
close to neither; its clauses each sit near one. Splitting is deliberately conservative:
only on clear joins (";", ",", "and", "also", "but", "as well as"; in Welsh "a",
"ac", "hefyd", "ond") and only when every part keeps at least two words.
"""

from __future__ import annotations

import re

import numpy as np

_COMMON = r"[;\n]|,|\.\s"
_JOINS = {
    "en": r"\band also\b|\bas well as\b|\balso\b|\band\b|\bbut\b|\bplus\b",
    # Welsh "a" is "and" (and never an article), so it is a join only in Welsh text.
    "cy": r"\bac\b|\ba\b|\bhefyd\b|\bond\b|\bhefyd\b",
}
_SPLIT = {
    lang: re.compile(rf"\s*(?:{_COMMON}|{joins})\s*", re.IGNORECASE)
    for lang, joins in _JOINS.items()
}
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
MAX_CLAUSES = 4


def split_clauses(text: str, language: str = "en") -> list[str]:
    """The answer's clauses, or ``[]`` when it is one clause (the common case).

    Args:
        text: one answer.
        language: "cy" for Welsh joins; anything else uses the English ones.

    Returns:
        Two to four clauses, each with at least two words; ``[]`` otherwise.
    """
    parts = [
        p.strip(" .!?")
        for p in _SPLIT.get(language, _SPLIT["en"]).split(text)
        if p and p.strip(" .!?")
    ]
    parts = [p for p in parts if len(_WORD.findall(p)) >= 2]
    if len(parts) < 2:
        return []
    return parts[:MAX_CLAUSES]


def embed_clauses(
    embedder: object, texts: list[str], languages: list[str] | None = None
) -> list[np.ndarray | None]:
    """Vectors of each multi-clause answer's clauses (``None`` for one-clause answers).

    Args:
        embedder: anything with ``encode(texts, *, languages=None)``.
        texts: the answers.
        languages: language per answer (clauses keep their answer's language).

    Returns:
        Per answer, a ``(clauses, dim)`` float32 array or ``None``.
    """
    langs = languages or ["en"] * len(texts)
    split = [split_clauses(t, lang) for t, lang in zip(texts, langs, strict=True)]
    flat = [c for parts in split for c in parts]
    if not flat:
        return [None] * len(texts)
    flat_langs = [lang for parts, lang in zip(split, langs, strict=True) for _ in parts]
    # Many answers share a clause ("I need to know", "my card"): each distinct one is
    # embedded once (an eighth fewer forward passes on 10,000 real answers).
    first: dict[tuple[str, str], int] = {}
    where = [first.setdefault(pair, len(first)) for pair in zip(flat, flat_langs, strict=True)]
    distinct = np.asarray(
        embedder.encode([c for c, _ in first], languages=[lang for _, lang in first]),  # type: ignore[attr-defined]
        dtype=np.float32,
    )
    vectors = distinct[np.asarray(where, dtype=np.intp)]
    out: list[np.ndarray | None] = []
    start = 0
    for parts in split:
        out.append(vectors[start : start + len(parts)] if parts else None)
        start += len(parts)
    return out
