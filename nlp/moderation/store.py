"""nlp.moderation's flags through the store: what quotes, themes and the console ask for."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlmodel import Session

from nlp.moderation.flags import SPAM, check
from storage.repositories.answer_flags import flagged_answer_ids, flags_for


def rules_version(folder: Path = Path(__file__).parent) -> str:
    """A digest of everything that decides the flags: the rule modules and the model files.

    Stored flags carry it, so any change to the rules (a word list, a pattern, a retrained
    spam model) has every answer checked again when next asked for, while an officer's
    clearances stay. A hand-kept version number was forgotten for six rule changes.
    """
    digest = hashlib.sha256()
    for path in sorted([*folder.glob("*.py"), *(folder / "data").glob("*")]):
        if path.name not in {"store.py", "__init__.py"} and path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return "moderation-" + digest.hexdigest()[:12]


VERSION = rules_version()


def _check(text: str) -> list[dict[str, str]]:
    return [flag.as_dict() for flag in check(text)]


def answer_flags(session: Session, answer_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """{answer_id: {"kinds", "reasons", "cleared", "active"}}, computed where missing."""
    return flags_for(session=session, answer_ids=answer_ids, check=_check, version=VERSION)


def active_kinds(session: Session, answer_ids: Sequence[int]) -> dict[int, list[str]]:
    """The flags that stand (not cleared by an officer) for each answer."""
    return {i: v["active"] for i, v in answer_flags(session, answer_ids).items()}


def spam_answer_ids(*, session: Session, consultation_id: int) -> list[int]:
    """The consultation's answers left out of themes as spam, newest first."""
    return flagged_answer_ids(session=session, consultation_id=consultation_id, kind=SPAM)
