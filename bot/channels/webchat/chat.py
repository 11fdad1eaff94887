"""The web chat's work off the HTTP layer: find the consultation, send, keep the transcript.

Every message goes through the same `handle_inbound` as SMS and Telegram,
as channel "webchat". What the resident saw is kept (storage.models.webchat)
so the page shows the conversation so far, with or without JavaScript, and
after they come back. Playback questions and feedback reach the page the
way they reach the simulator (bot/simulator/inbox.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy.engine import Engine
from sqlmodel import select

from bot.conversation.catalog import Catalog
from bot.conversation.keywords import keyword_key
from bot.conversation.messages import InboundMessage, Reply
from bot.simulator.inbox import waiting_messages
from storage.db import session_scope
from storage.identity import AddressProtector
from storage.models import Channel, Consultation, Participant, utcnow
from storage.repositories import webchat
from storage.repositories.consultations import is_accepting, list_open

MAX_TEXT = 1600  # one long SMS concatenation: the same limit on every channel
MAX_LINES = 60


class Conversation(Protocol):
    def handle_inbound(self, message: InboundMessage) -> list[Reply]: ...


@dataclass(frozen=True, slots=True)
class ConsultationView:
    id: int
    slug: str
    keyword: str
    title: dict[str, str]
    why: dict[str, str]
    accepting: bool


@dataclass(frozen=True, slots=True)
class Line:
    who: str  # "resident" or "bot"
    text: str
    options: tuple[dict[str, str], ...] = ()
    ref: str | None = None


@dataclass
class Person:
    id: int
    language: str
    opted_out: bool


@dataclass
class Outcome:
    """After a message: lines to show once that are not kept (the resident was erased)."""

    passing: list[Line] = field(default_factory=list)


def _view(consultation: Consultation, now: datetime) -> ConsultationView:
    assert consultation.id is not None
    return ConsultationView(
        id=consultation.id,
        slug=consultation.slug,
        keyword=consultation.keyword,
        title={"en": consultation.title("en"), "cy": consultation.title("cy")},
        why={
            "en": consultation.why_en or consultation.why_cy,
            "cy": consultation.why_cy or consultation.why_en,
        },
        accepting=is_accepting(consultation, now=now),
    )


def _options(raw: Any) -> tuple[dict[str, str], ...]:
    if not isinstance(raw, list | tuple):
        return ()
    return tuple(
        {"value": str(o.get("value", ""))[:64], "label": str(o.get("label", ""))[:64]}
        for o in raw
        if isinstance(o, dict)
    )


class WebChat:
    """Synchronous (SQLAlchemy); the routes call it from a worker thread."""

    def __init__(
        self,
        *,
        engine: Engine,
        conversation: Conversation,
        protector: AddressProtector,
        catalog: Catalog,
        keep_for: timedelta,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._engine = engine
        self._conversation = conversation
        self._protector = protector
        self._catalog = catalog
        self._keep_for = keep_for
        self._clock = clock

    @property
    def protector(self) -> AddressProtector:
        return self._protector

    def consultation(self, keyword: str) -> ConsultationView | None:
        """The consultation a poster's link names (its keyword, any case), open or not."""
        key = keyword_key(keyword)
        if not key or len(keyword) > 64:
            return None
        with session_scope(self._engine) as session:
            found = session.exec(select(Consultation).where(Consultation.keyword == key)).first()
            if found is None:
                # The console's link and QR code name the slug (it is what the
                # channel registry hands out); the route redirects to the keyword.
                found = session.exec(
                    select(Consultation).where(Consultation.slug == keyword.strip().lower())
                ).first()
            return _view(found, self._clock()) if found is not None else None

    def open_consultations(self) -> list[ConsultationView]:
        now = self._clock()
        with session_scope(self._engine) as session:
            return [_view(c, now) for c in list_open(session=session, now=now)]

    def person(self, address: str) -> Person | None:
        address_hash = self._protector.hash(str(Channel.WEBCHAT), address)
        with session_scope(self._engine) as session:
            found = session.exec(
                select(Participant).where(
                    Participant.channel == Channel.WEBCHAT,
                    Participant.address_hash == address_hash,
                )
            ).first()
            if found is None or found.id is None:
                return None
            return Person(id=found.id, language=str(found.language), opted_out=found.opted_out)

    def lines(self, address: str, consultation_id: int) -> list[Line]:
        """What the page shows: the kept transcript, then anything sent since."""
        person = self.person(address)
        if person is None:
            return []
        with session_scope(self._engine) as session:
            kept = webchat.transcript(
                session=session,
                participant_id=person.id,
                consultation_id=consultation_id,
                limit=MAX_LINES,
            )
            shown = [Line(r.who, r.text, _options(r.options), r.ref) for r in kept]
            refs = webchat.refs(session=session, participant_id=person.id)
        return shown + [line for line in self._waiting(address) if line.ref not in refs]

    def _waiting(self, address: str) -> list[Line]:
        items = waiting_messages(
            self._engine, self._protector, self._catalog, address, Channel.WEBCHAT
        )
        return [
            Line("bot", str(item["text"]), _options(item.get("options")), str(item["ref"]))
            for item in items
        ]

    def send(
        self,
        address: str,
        consultation: ConsultationView,
        *,
        text: str,
        message_id: str,
        language: str,
        shown: str | None = None,
    ) -> Outcome:
        """Hand one message to the engine and keep what the resident saw, once.

        `shown` is what the resident pressed ("Ie") when it differs from what
        the engine reads ("YES").
        """
        waiting = self._waiting(address)
        now = self._clock()
        # A newcomer's Start (or the keyword typed) on this page starts this
        # consultation: sent as the page's code alone, so the greeting comes in the
        # page's language rather than the language the keyword's word looks like.
        starting = keyword_key(text) == consultation.keyword and self.person(address) is None
        replies = self._conversation.handle_inbound(
            InboundMessage(
                channel=Channel.WEBCHAT,
                address=address,
                text="" if starting else text,
                # The form's id: a double tap or a resubmitted page is one message.
                provider_message_id=f"chat:{message_id}",
                received_at=now,
                consultation_code=consultation.slug,
                preferred_language=language,
            )
        )
        answered = [
            Line("bot", r.text, tuple({"value": o.value, "label": o.label} for o in r.options))
            for r in replies
        ]
        person = self.person(address)
        if person is None:
            # Erased (DELETE confirmed): nothing of theirs is kept, this included.
            return Outcome(passing=answered)
        with session_scope(self._engine) as session:
            refs = webchat.refs(session=session, participant_id=person.id)
            lines = [line for line in waiting if line.ref not in refs]
            lines.append(Line("resident", shown or text, ref=f"msg:{message_id}"))
            lines += answered
            webchat.append_lines(
                session=session,
                participant_id=person.id,
                consultation_id=consultation.id,
                lines=[webchat.NewLine(ln.who, ln.text, ln.options, ln.ref) for ln in lines],
                now=now,
            )
            webchat.prune(session=session, before=now - self._keep_for)
        return Outcome()
