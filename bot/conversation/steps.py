"""Where a conversation can be, what each consultation asks, and when an answer is rich.

Consultations and their questions are read on every message, yet change only
when an officer edits them, so the engine keeps them in a small in-memory
directory refreshed every few seconds (and at once when a keyword or code is
not found, so a consultation created a moment ago is found).
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import select

from bot.conversation.wards import WardList, wards_from_data
from storage.db import make_unpooled_engine, session_scope
from storage.models import Consultation, ConsultationStatus, QuestionKind
from storage.repositories.consultations import (
    list_consultations,
    normalise_keyword,
    questions_of,
)
from storage.repositories.participants import aware


class Step(StrEnum):
    CONSENT = "consent"
    OPEN = "open"
    PROBE = "probe"
    PROFILE = "profile"
    FEEDBACK = "feedback"
    DONE = "done"


# An answer is "rich" (the follow-up probe is skipped) when it already says
# what and why: at least RICH_WORDS words, or at least RICH_CLAUSE_WORDS words
# over three or more clauses (split at . ! ? ; : newlines and at the
# connectives below, English and Welsh). "Buses" or "Better buses please"
# get the probe; "The buses are late, and I can't get to work because there
# is no other way" does not.
RICH_WORDS = 25
RICH_CLAUSE_WORDS = 12
_CLAUSE_BREAK = re.compile(
    r"[.!?;:\n]+\s*\S|\b(?:because|but|and|so|since|as|although|though|which|"
    r"oherwydd|achos|ond|ac|felly|gan|er|sy'n|sydd)\b",
    re.IGNORECASE,
)


def is_rich(text: str) -> bool:
    words = len(text.split())
    if words >= RICH_WORDS:
        return True
    return words >= RICH_CLAUSE_WORDS and len(_CLAUSE_BREAK.findall(text)) >= 2


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    en: str
    cy: str

    def label(self, language: str) -> str:
        return self.cy if language == "cy" and self.cy else self.en


@dataclass(frozen=True, slots=True)
class QuestionInfo:
    id: int
    kind: str
    prompt_en: str
    prompt_cy: str
    choices: tuple[Choice, ...] = ()

    def prompt(self, language: str) -> str:
        return self.prompt_cy if language == "cy" and self.prompt_cy else self.prompt_en


@dataclass(frozen=True, slots=True)
class ConsultationInfo:
    id: int
    slug: str
    keyword: str
    title_en: str
    title_cy: str
    status: str
    opens_at: datetime | None
    closes_at: datetime | None
    open_question: QuestionInfo | None
    probe: QuestionInfo | None
    profile: tuple[QuestionInfo, ...]
    wards: WardList = field(default_factory=lambda: WardList(()))

    def title(self, language: str) -> str:
        return self.title_cy if language == "cy" and self.title_cy else self.title_en

    def accepting(self, now: datetime) -> bool:
        if self.status != ConsultationStatus.OPEN:
            return False
        if self.opens_at is not None and self.opens_at > now:
            return False
        return not (self.closes_at is not None and self.closes_at <= now)


_PROFILE_KINDS = {QuestionKind.WARD, QuestionKind.AGE_BAND, QuestionKind.CHOICE}


def _choices(raw: list[dict[str, Any]] | None) -> tuple[Choice, ...]:
    out = []
    for item in raw or []:
        value = str(item.get("value") or item.get("en") or "")
        if value:
            out.append(
                Choice(value=value, en=str(item.get("en") or value), cy=str(item.get("cy") or ""))
            )
    return tuple(out)


class ConsultationDirectory:
    """A thread-safe, periodically refreshed snapshot of every consultation."""

    def __init__(self, engine: Engine, *, ttl: float = 5.0) -> None:
        # Refreshes use their own unpooled connection: a turn already holds a
        # pooled one while it asks the directory, and under load every pooled
        # connection can be held by a turn waiting for this refresh (deadlock).
        self._engine = (
            engine
            if engine.url.database in (None, "", ":memory:")
            else make_unpooled_engine(engine.url.render_as_string(hide_password=False))
        )
        self._ttl = ttl
        self._lock = threading.Lock()
        self._loaded_at = float("-inf")
        self._by_id: dict[int, ConsultationInfo] = {}
        self._by_keyword: dict[str, ConsultationInfo] = {}
        self._by_slug: dict[str, ConsultationInfo] = {}

    def refresh(self) -> None:
        """Reload from the store now (a few small queries; runs every few seconds at most)."""
        by_id: dict[int, ConsultationInfo] = {}
        with session_scope(self._engine) as session:
            for consultation in list_consultations(session=session):
                assert consultation.id is not None
                questions = questions_of(session=session, consultation_id=consultation.id)
                infos = [
                    QuestionInfo(
                        id=q.id or 0,
                        kind=str(q.kind),
                        prompt_en=q.prompt_en,
                        prompt_cy=q.prompt_cy,
                        choices=_choices(q.choices),
                    )
                    for q in questions
                ]
                by_id[consultation.id] = ConsultationInfo(
                    id=consultation.id,
                    slug=consultation.slug,
                    keyword=consultation.keyword,
                    title_en=consultation.title_en,
                    title_cy=consultation.title_cy,
                    status=str(consultation.status),
                    opens_at=aware(consultation.opens_at),
                    closes_at=aware(consultation.closes_at),
                    open_question=next((q for q in infos if q.kind == QuestionKind.OPEN), None),
                    probe=next((q for q in infos if q.kind == QuestionKind.PROBE), None),
                    profile=tuple(q for q in infos if q.kind in _PROFILE_KINDS),
                    wards=WardList(wards_from_data(consultation.wards)),
                )
        self._by_id = by_id
        self._by_keyword = {c.keyword: c for c in by_id.values()}
        self._by_slug = {c.slug: c for c in by_id.values()}
        self._loaded_at = time.monotonic()

    def _fresh(self, *, max_age: float | None = None) -> None:
        limit = self._ttl if max_age is None else max_age
        if time.monotonic() - self._loaded_at <= limit:
            return
        if self._by_id and max_age is None:
            # Someone else is already refreshing: the snapshot a few seconds
            # old is good enough; do not queue behind them.
            if not self._lock.acquire(blocking=False):
                return
        else:
            self._lock.acquire()
        try:
            if time.monotonic() - self._loaded_at > limit:
                self.refresh()
        finally:
            self._lock.release()

    def get(self, consultation_id: int) -> ConsultationInfo | None:
        self._fresh()
        found = self._by_id.get(consultation_id)
        if found is None:
            self._fresh(max_age=0.0)
            found = self._by_id.get(consultation_id)
        return found

    def by_keyword(self, key: str) -> ConsultationInfo | None:
        """The consultation whose keyword is exactly this message (already keyword_key'd)."""
        self._fresh()
        if not key:
            return None
        return self._by_keyword.get(key)

    def by_keyword_or_refresh(self, key: str) -> ConsultationInfo | None:
        """Like by_keyword, but a miss asks the store (a consultation created a moment ago)."""
        found = self.by_keyword(key)
        if found is None and key and self._exists(Consultation.keyword == key):
            self.refresh()
            found = self._by_keyword.get(key)
        return found

    def by_code(self, code: str) -> ConsultationInfo | None:
        """A deep-link code: a consultation slug (or, forgivingly, its keyword)."""
        self._fresh()
        code = code.strip()
        found = self._by_slug.get(code) or self._by_slug.get(code.lower())
        if found is None and self._exists(Consultation.slug.in_([code, code.lower()])):  # type: ignore[attr-defined]
            self.refresh()
            found = self._by_slug.get(code) or self._by_slug.get(code.lower())
        if found is None:
            try:
                found = self.by_keyword_or_refresh(normalise_keyword(code))
            except ValueError:
                found = None
        return found

    def _exists(self, condition: Any) -> bool:
        # Misses are rare (a typo, a brand-new consultation): one indexed
        # lookup is cheaper than reloading everything on every typo.
        with session_scope(self._engine) as session:
            return session.exec(select(Consultation.id).where(condition)).first() is not None

    def open_now(self, now: datetime) -> list[ConsultationInfo]:
        self._fresh()
        return [c for c in self._by_id.values() if c.accepting(now)]
