"""nlp.moderation's flags through the store: what quotes, themes and the console ask for."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlmodel import Session

from nlp.moderation.flags import SPAM, check
from nlp.versions import moderation_version
from storage.repositories.answer_flags import flagged_answer_ids, flags_for

# A digest of the rule files: any change to the rules has stored flags checked again
# (nlp.versions), an officer's clearances kept.
VERSION = moderation_version()


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
