"""One inbound message being handled: its context, the writes it makes, the replies it gives.

A Turn lives inside one database transaction, on a Core connection (an ORM
session is made only for the handlers that want one). Handlers (flow_steps,
flow_commands, the engine's routing) read and change it; the engine writes
the participant and conversation back once at the end, with the answers and
audit events the handlers recorded, so a message costs a handful of
statements however many handlers touch it (one at the end on PostgreSQL:
storage/repositories/turn_end.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection
from sqlmodel import Session

from bot.channels.sms.segments import segment_count
from bot.conversation.catalog import Catalog
from bot.conversation.keywords import clean_text, keyword_key
from bot.conversation.language import detect
from bot.conversation.messages import InboundMessage, Reply, ReplyOption
from bot.conversation.steps import ConsultationDirectory, ConsultationInfo, QuestionInfo, Step
from bot.conversation.yes_no import Reading, Verdict, read
from storage.identity import AddressProtector
from storage.repositories import answers, audit, new_residents, participants
from storage.repositories.participants import ConversationRecord, ParticipantRecord

# A conversation picked up after this long starts with "Hello again!".
RESUME_GAP = timedelta(hours=6)
# See Turn.says_something_else.
MIN_CONTENT_WORDS = 2
# Every prompt we write must fit in this many SMS segments (tests enforce it).
MAX_SEGMENTS = 2
# (language, message id, title) -> wording: counting segments on every greeting
# is measurable at benchmark rates, and titles rarely change.
_TITLED: dict[tuple[str, str, str], str] = {}


_THANKS = ("thank", "diolch")


def join_parts(parts: tuple[str, ...] | list[str]) -> str:
    """Join message parts, dropping a thanks that the next part says again.

    "Thank you!" followed by an officer's question that starts "Thank you."
    would read "Thank you! Thank you. ..." to the resident.
    """
    kept = [part for part in parts if part]
    out: list[str] = []
    for index, part in enumerate(kept):
        following = kept[index + 1] if index + 1 < len(kept) else ""
        if part.lower().startswith(_THANKS) and following.lower().startswith(_THANKS):
            continue
        out.append(part)
    return " ".join(out)


@dataclass
class Turn:
    connection: Connection
    message: InboundMessage
    now: datetime
    catalog: Catalog
    directory: ConsultationDirectory
    protector: AddressProtector
    address_hash: str
    participant: ParticipantRecord | None = None
    conversation: ConversationRecord | None = None
    text: str = ""
    key: str = ""
    # A Telegram-style "/command": never an answer.
    slash: bool = False
    language: str = "en"
    replies: list[Reply] = field(default_factory=list)
    answer_ids: list[int] = field(default_factory=list)
    # Rows written at the end of the turn (their ids join answer_ids then).
    answers_to_store: list[dict[str, Any]] = field(default_factory=list)
    events_to_record: list[dict[str, Any]] = field(default_factory=list)
    participant_changes: dict[str, Any] = field(default_factory=dict)
    conversation_dirty: bool = False
    _reading: Reading | None = field(default=None, init=False, repr=False)
    _session: Session | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.text = clean_text(self.message.text)
        if self.text.startswith("/"):
            # "/start", "/help@WhatMattersBot", "/start what-matters"
            self.slash = True
            words = self.text[1:].split("@")[0].split()
            self.key = keyword_key(words[0]) if words else ""
        else:
            self.key = keyword_key(self.text)
        if self.participant is not None:
            self.language = self.participant.language

    @property
    def session(self) -> Session:
        """An ORM session in the turn's transaction, made when a handler asks (a
        playback reply, an erasure): the Session's own bookkeeping costs more than
        most turns' statements, so the rest run on the connection."""
        if self._session is None:
            self._session = Session(bind=self.connection, expire_on_commit=False)
        return self._session

    def finish_session(self) -> None:
        """Write what the ORM session holds into the transaction, then let it go."""
        if self._session is not None:
            self._session.flush()
            self.drop_session()

    def drop_session(self) -> None:
        if self._session is not None:
            self._session.close()
            self._session = None

    @property
    def reading(self) -> Reading:
        """The message read as a reply to a yes/no question (computed once)."""
        if self._reading is None:
            self._reading = read("" if self.slash else self.text)
        return self._reading

    @property
    def says_something_else(self) -> bool:
        """Whether a reply to a yes/no question that is neither yes nor no is a message of its own.

        One word that is not a clear yes or no ("Pardwn?", "hmm", "🤷"), or a
        garbled "yes no", answers the question badly: it is asked again and
        never kept. Two words or more are something the resident wants to say.
        """
        reading = self.reading
        if reading.verdict is not Verdict.UNCLEAR or reading.attempted:
            return False
        # "Who are you?" asks us something: it is not an answer to keep.
        return len(self.text.split()) >= MIN_CONTENT_WORDS and not self.text.endswith("?")

    # -- wording ---------------------------------------------------------

    def t(self, message_id: str, **args: Any) -> str:
        return self.catalog.text(self.language, message_id, **args)

    def titled(self, message_id: str, consultation: ConsultationInfo) -> str:
        """A message naming the consultation, or its short form when that fits SMS better.

        Officers choose titles: a long one, or one with letters outside GSM-7
        (Welsh w-circumflex ...), could make the message 3-5 SMS segments.
        """
        title = consultation.title(self.language)
        cache_key = (self.language, message_id, title)
        text = _TITLED.get(cache_key)
        if text is None:
            text = self.t(message_id, title=title)
            if segment_count(text) > MAX_SEGMENTS:
                text = self.t(f"{message_id}-short")
            if len(_TITLED) > 1000:
                _TITLED.clear()
            _TITLED[cache_key] = text
        return text

    def say(self, key: str, *parts: str, options: tuple[ReplyOption, ...] = ()) -> None:
        text = join_parts(parts)
        self.replies.append(Reply(text=text, key=key, options=options, language=self.language))

    def yes_no(self) -> tuple[ReplyOption, ...]:
        # The values are what the text asks for ("Reply YES or NO" / "Atebwch
        # IE neu NA"), so SMS needs no extra "YES Ie" lines.
        return (
            ReplyOption(value=self.t("option-yes-value"), label=self.t("option-yes")),
            ReplyOption(value=self.t("option-no-value"), label=self.t("option-no")),
        )

    # -- state -----------------------------------------------------------

    @property
    def substantive(self) -> bool:
        """Whether the message says something we should keep (not empty, not a /command)."""
        return bool(self.text) and not self.slash

    def set_participant(self, **values: Any) -> None:
        assert self.participant is not None
        for name, value in values.items():
            # The record holds only what routing needs (not consent_at ...).
            if hasattr(self.participant, name):
                setattr(self.participant, name, value)
        self.participant_changes.update(values)

    def set_language(self, language: str) -> None:
        self.language = language
        if self.participant is not None and self.participant.language != language:
            self.set_participant(language=language)

    def ensure_participant(
        self,
        language: str | None = None,
        *,
        consultation_id: int | None = None,
        data: dict[str, Any] | None = None,
    ) -> ParticipantRecord:
        if self.participant is None:
            self.language = language or self.language
            self.participant = participants.create_participant(
                session=self.connection,
                channel=str(self.message.channel),
                address_hash=self.address_hash,
                address_encrypted=self.protector.encrypt(self.message.address),
                language=self.language,
                now=self.now,
                active_consultation_id=consultation_id,
                data=data,
            )
        return self.participant

    def start_participant(self, *, consultation_id: int, step: str, data: dict[str, Any]) -> None:
        """Create a new resident with their first conversation (one statement on PostgreSQL)."""
        assert self.participant is None
        self.participant, self.conversation = new_residents.create_participant_in(
            session=self.connection,
            channel=str(self.message.channel),
            address_hash=self.address_hash,
            address_encrypted=self.protector.encrypt(self.message.address),
            language=self.language,
            now=self.now,
            consultation_id=consultation_id,
            step=step,
            conversation_data=data,
        )

    def forget_participant(self) -> None:
        """After an erasure: nothing of theirs is written back at the end of the turn."""
        self.participant = None
        self.conversation = None
        self.participant_changes.clear()
        self.conversation_dirty = False
        self.answers_to_store.clear()

    def touch_conversation(self) -> None:
        self.conversation_dirty = True

    def gap(self) -> bool:
        """Whether the resident comes back after a long pause."""
        updated = self.conversation.updated_at if self.conversation else None
        return updated is not None and self.now - updated > RESUME_GAP

    def consultation(self) -> ConsultationInfo | None:
        if self.conversation is None:
            return None
        return self.directory.get(self.conversation.consultation_id)

    # -- writes ----------------------------------------------------------

    def store_answer(
        self,
        text: str,
        *,
        kind: str,
        question: QuestionInfo | None = None,
        provider_message_id: str | None = None,
        received_at: datetime | None = None,
        language: str | None = None,
    ) -> None:
        assert self.participant is not None and self.conversation is not None
        pmid = provider_message_id
        if pmid is None and self.message.provider_message_id is not None:
            pmid = self.message.provider_message_id
        self.answers_to_store.append(
            answers.answer_values(
                consultation_id=self.conversation.consultation_id,
                participant_id=self.participant.id,
                conversation_id=self.conversation.id,
                question_id=question.id if question else None,
                kind=kind,
                channel=str(self.message.channel),
                # The language the answer is written in (theming groups Welsh and
                # English answers), falling back to the conversation's language.
                language=language or detect(text) or self.language,
                text=text,
                received_at=received_at or self.message.received_at,
                # Unique across channels: a Telegram update id and a
                # simulator id may be the same digits.
                provider_message_id=f"{self.message.channel}:{pmid}" if pmid else None,
                now=self.now,
            )
        )

    def audit(self, action: str, **detail: Any) -> None:
        assert self.participant is not None
        self.events_to_record.append(
            audit.event_values(
                actor="participant",
                action=action,
                subject=f"participant:{self.participant.id}",
                detail=detail or None,
                at=self.now,
            )
        )

    # -- prompts ---------------------------------------------------------

    def prompt(self, *lead: str) -> None:
        """Ask (again) whatever the current conversation is waiting for."""
        conversation, consultation = self.conversation, self.consultation()
        if conversation is None or consultation is None:
            self.say("ask-keyword", self.t("ask-keyword"))
            return
        step = conversation.step
        if step == Step.CONSENT:
            # The greeting carries the privacy notice: show it whole, unprefixed.
            self.say("greeting", self.titled("greeting", consultation), options=self.yes_no())
        elif step == Step.OPEN:
            question = consultation.open_question
            self.say("ask-open", *lead, question.prompt(self.language) if question else "")
        elif step == Step.PROBE:
            self.say("ask-probe", *lead, self.follow_up_text(consultation))
        elif step == Step.PROFILE:
            self.profile_prompt(consultation, *lead)
        elif step == Step.FEEDBACK:
            self.say("ask-feedback", *lead, self.t("feedback-reask"), options=self.yes_no())
        else:
            self.say("already-done", self.t("already-done"))

    def follow_up_text(self, consultation: ConsultationInfo) -> str:
        """The follow-up chosen for this answer, or the consultation's own wording."""
        assert self.conversation is not None
        chosen = self.conversation.data.get("follow_up") or {}
        plan, topic = chosen.get("plan"), chosen.get("topic")
        # The topic is in the words of the answer: after a language switch
        # the consultation's own follow-up reads better than a mixed one.
        if plan in ("why", "change") and topic and chosen.get("language") == self.language:
            return self.t(f"follow-up-{plan}", topic=topic)
        probe = consultation.probe
        return probe.prompt(self.language) if probe else self.t("probe-default")

    def profile_question(self, consultation: ConsultationInfo) -> QuestionInfo | None:
        assert self.conversation is not None
        index = int(self.conversation.data.get("profile", 0))
        return consultation.profile[index] if index < len(consultation.profile) else None

    def profile_prompt(self, consultation: ConsultationInfo, *lead: str) -> None:
        question = self.profile_question(consultation)
        if question is None:
            return
        parts = [*lead, question.prompt(self.language)]
        options: list[ReplyOption] = []
        if question.choices:
            listed = ", ".join(
                f"{n}) {choice.label(self.language)}"
                for n, choice in enumerate(question.choices, start=1)
            )
            parts += [self.t("choose-number"), listed + "."]
            options = [
                ReplyOption(value=str(n), label=choice.label(self.language))
                for n, choice in enumerate(question.choices, start=1)
            ]
        parts.append(self.t("skip-hint"))
        options.append(ReplyOption(value=self.t("option-skip-value"), label=self.t("option-skip")))
        self.say("ask-profile", *parts, options=tuple(options))
