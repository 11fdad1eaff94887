"""Forget text derived from answers that are being erased or cleared by retention.

Theme labels and keywords are phrases taken from many answers. When answers go (a
resident's erasure request, the retention period), a phrase that only those answers
contained would outlive them on the board, in exports and in the API. So, before the
answers go:
- keywords whose words appear in no other answer of the consultation are dropped;
- a generated label in the same case is replaced by the first keyword left (the next
  refit relabels the theme from the answers that remain);
- the erased answers leave the themes' representative-quote lists;
- the labels' copies (a council's response, a feedback line, a playback round) have each
  such word masked where it stands (storage/repositories/label_copies.py).
Quotes, cached redactions, assignments and embeddings go with the answers (ON DELETE
CASCADE; retention deletes the first two itself).

Words shorter than three letters and a few function words never count: they identify
nobody and are in every answer.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from sqlalchemy import Connection, Select, func, select, update
from sqlmodel import Session, SQLModel

from storage.repositories.label_copies import mask_label_copies

_T = SQLModel.metadata.tables
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_FUNCTION_WORDS = frozenset(
    "the and for with from that this are was were have has not but you your our their".split()
)
# Several erased answers' words are checked in one query each; beyond this many
# candidate words the phrase is dropped without asking (cheaper, and safe).
_MAX_CHECKS = 400


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _words(text: str) -> set[str]:
    return {
        w
        for w in (_fold(m) for m in _WORD.findall(text))
        if len(w) > 2 and w not in _FUNCTION_WORDS
    }


def forget_derived_text(*, connection: Connection | Session, erased_ids: Select[tuple[int]]) -> int:
    """Drop label and keyword text that only the erased answers carry; returns themes changed.

    Args:
        connection: the connection or session doing the erasure (the caller commits).
        erased_ids: a SELECT of the ids of the answers going; call before they go.
    """
    answer, theme = _T["answer"], _T["theme"]
    erased: dict[int, set[str]] = {}
    ids: set[int] = set()
    for answer_id, consultation_id, text in connection.execute(
        select(answer.c.id, answer.c.consultation_id, answer.c.text).where(
            answer.c.id.in_(erased_ids)
        )
    ):
        ids.add(int(answer_id))
        erased.setdefault(int(consultation_id), set()).update(_words(text or ""))
    changed = 0
    for consultation_id, words in erased.items():
        still_written: dict[str, bool] = {}

        def survives(
            phrase: str,
            consultation_id: int = consultation_id,
            words: set[str] = words,
            still_written: dict[str, bool] = still_written,
        ) -> bool:
            for word in _words(phrase) & words:
                if word not in still_written:
                    if len(still_written) >= _MAX_CHECKS:
                        return False
                    still_written[word] = _written_elsewhere(
                        connection, consultation_id, word, erased_ids
                    )
                if not still_written[word]:
                    return False
            return True

        themes = connection.execute(
            select(
                theme.c.id,
                theme.c.label_en,
                theme.c.label_cy,
                theme.c.keywords,
                theme.c.quote_answer_ids,
            ).where(theme.c.consultation_id == consultation_id)
        ).all()
        for theme_id, label_en, label_cy, keywords, quote_ids in themes:
            kept = [k for k in (keywords or []) if survives(k)]
            fallback = kept[0][:1].upper() + kept[0][1:] if kept else ""
            values = {
                "keywords": kept,
                "label_en": label_en if survives(label_en or "") else fallback,
                "label_cy": label_cy if survives(label_cy or "") else "",
                "quote_answer_ids": [q for q in (quote_ids or []) if q not in ids],
            }
            current = {
                "keywords": list(keywords or []),
                "label_en": label_en,
                "label_cy": label_cy,
                "quote_answer_ids": list(quote_ids or []),
            }
            if values != current:
                connection.execute(update(theme).where(theme.c.id == theme_id).values(**values))
                changed += 1

        def masked(label: str, survives: Callable[[str], bool] = survives) -> str:
            return _WORD.sub(lambda m: m.group() if survives(m.group()) else "[redacted]", label)

        mask_label_copies(connection, consultation_id, masked)
    return changed


def _written_elsewhere(
    connection: Connection | Session, consultation_id: int, word: str, erased: Select[tuple[int]]
) -> bool:
    """Does another answer of the consultation contain `word` (case-insensitively)?"""
    answer = _T["answer"]
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    query = (
        select(answer.c.id)
        .where(
            answer.c.consultation_id == consultation_id,
            answer.c.id.not_in(erased),
            func.lower(answer.c.text).like(f"%{escaped}%", escape="\\"),
        )
        .limit(1)
    )
    return connection.execute(query).first() is not None
