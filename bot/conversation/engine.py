"""The channel-agnostic conversation engine: InboundMessage in, Replies out.

Every channel (SMS, WhatsApp, Telegram, the simulator, the terminal chat)
calls `handle_inbound` from a worker thread. Each message is one database
transaction; a provider message handled before gets the replies stored in
its receipt and changes nothing, even when two deliveries race (the unique
receipt turns the loser into a read of the winner's replies).
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError

from bot.conversation import flow_commands as commands
from bot.conversation.catalog import Catalog, default_catalog
from bot.conversation.flow_steps import handle_step
from bot.conversation.keywords import (
    WELSH_COMMAND_KEYS,
    Command,
    command_of,
    is_greeting,
    looks_like_keyword,
    yes_no_language,
)
from bot.conversation.language import detect
from bot.conversation.messages import InboundMessage, Reply
from bot.conversation.steps import ConsultationDirectory, ConsultationInfo, Step
from bot.conversation.turn import Turn
from storage.db import session_scope
from storage.identity import AddressProtector
from storage.models import Channel, utcnow
from storage.repositories import participants, receipts

log = logging.getLogger(__name__)

# last_seen_at is a coarse "is this person still around" marker; writing it
# on every message would add a statement to the hot path for no one's benefit.
LAST_SEEN_RESOLUTION = timedelta(minutes=1)
_ATTEMPTS = 4


class ConversationEngine:
    def __init__(
        self,
        *,
        engine: Engine,
        protector: AddressProtector,
        on_answer_stored: Callable[[int], None] | None = None,
        clock: Callable[[], datetime] = utcnow,
        catalog: Catalog | None = None,
        directory_ttl: float = 5.0,
    ) -> None:
        self._engine = engine
        self._protector = protector
        self._on_answer_stored = on_answer_stored
        self._clock = clock
        self._catalog = catalog or default_catalog()
        self._directory = ConsultationDirectory(engine, ttl=directory_ttl)
        self._sqlite = engine.dialect.name == "sqlite"
        # SQLite has one writer; serialising our own transactions in-process
        # avoids "database is locked" from read-then-write upgrades. PostgreSQL
        # runs them in parallel and locks the participant row instead.
        self._write_lock = threading.Lock() if self._sqlite else None

    @property
    def directory(self) -> ConsultationDirectory:
        return self._directory

    def refresh_consultations(self) -> None:
        """Re-read consultations now (after an officer opens, closes or edits one)."""
        self._directory.refresh()

    # -- public API ------------------------------------------------------

    def handle_inbound(self, message: InboundMessage) -> list[Reply]:
        """Handle one resident message and return the replies to send (maybe none)."""
        for attempt in range(_ATTEMPTS):
            try:
                with self._serialised():
                    replies, answer_ids = self._handle_once(message)
            except IntegrityError:
                stored = self._stored_replies(message)
                if stored is not None:
                    return stored
                # Two first messages from one new person raced to create them;
                # the retry finds the participant the other thread created.
                if attempt == _ATTEMPTS - 1:
                    raise
            except OperationalError as error:
                if not self._sqlite or "locked" not in str(error) or attempt == _ATTEMPTS - 1:
                    raise
                time.sleep(0.05 * (attempt + 1))
            else:
                self._announce(answer_ids)
                return replies
        raise AssertionError("unreachable")  # pragma: no cover

    def opt_out(self, *, channel: Channel, address: str, source: str) -> None:
        """The provider says this address opted out (e.g. Twilio OptOutType=STOP)."""
        self._set_opt_out(channel=channel, address=address, source=source, opted_out=True)

    def opt_in(self, *, channel: Channel, address: str, source: str) -> None:
        """The provider says this address opted back in (e.g. Twilio OptOutType=START)."""
        self._set_opt_out(channel=channel, address=address, source=source, opted_out=False)

    # -- transaction -----------------------------------------------------

    @contextlib.contextmanager
    def _serialised(self) -> Iterator[None]:
        if self._write_lock is None:
            yield
        else:
            with self._write_lock:
                yield

    def _handle_once(self, message: InboundMessage) -> tuple[list[Reply], list[int]]:
        with session_scope(self._engine) as session:
            turn = Turn(
                session=session,
                message=message,
                now=self._clock(),
                catalog=self._catalog,
                directory=self._directory,
                protector=self._protector,
                address_hash=self._protector.hash(str(message.channel), message.address),
            )
            found = participants.find_with_active_conversation(
                session=session,
                channel=str(message.channel),
                address_hash=turn.address_hash,
                lock=not self._sqlite,
            )
            if found is not None:
                turn.participant, turn.conversation = found
                turn.language = turn.participant.language
            self._route(turn)
            self._write_back(turn)
            replies = turn.replies
            if message.provider_message_id is not None:
                receipts.create_receipt(
                    session=session,
                    channel=str(message.channel),
                    provider_message_id=message.provider_message_id,
                    participant_id=turn.participant.id if turn.participant else None,
                    replies=[reply.to_dict() for reply in replies],
                    received_at=turn.now,
                )
        return replies, turn.answer_ids

    def _write_back(self, turn: Turn) -> None:
        participant = turn.participant
        if participant is None:
            return
        changes = turn.participant_changes
        if changes or turn.now - participant.last_seen_at > LAST_SEEN_RESOLUTION:
            changes["last_seen_at"] = turn.now
            participants.update_participant(
                session=turn.session, participant_id=participant.id, **changes
            )
        if turn.conversation is not None and turn.conversation_dirty:
            turn.conversation.updated_at = turn.now
            participants.save_conversation(session=turn.session, conversation=turn.conversation)

    def _stored_replies(self, message: InboundMessage) -> list[Reply] | None:
        if message.provider_message_id is None:
            return None
        with session_scope(self._engine) as session:
            stored = receipts.find_receipt(
                session=session,
                channel=str(message.channel),
                provider_message_id=message.provider_message_id,
            )
        return None if stored is None else [Reply.from_dict(item) for item in stored]

    def _announce(self, answer_ids: list[int]) -> None:
        if self._on_answer_stored is None:
            return
        for answer_id in answer_ids:
            try:
                self._on_answer_stored(answer_id)
            except Exception:
                # The answer is safely stored; a failing hook (theming queue
                # down) must not turn into an error reply to the resident.
                log.exception("on_answer_stored failed for answer %s", answer_id)

    # -- routing ---------------------------------------------------------

    def _route(self, turn: Turn) -> None:
        command = command_of(turn.key)
        participant = turn.participant
        if participant is not None and participant.opted_out:
            # Opted out: silence, whatever they send, until START.
            if command is Command.START:
                commands.start_after_opt_out(turn)
            return
        if command is Command.STOP:
            if participant is None:
                turn.language = _first_language(turn) or "en"
            commands.stop(turn)
            return
        if participant is not None and participant.erasure_requested_at is not None:
            if commands.answer_erasure_question(turn, command):
                return
        if command is Command.DELETE:
            commands.request_erasure(turn)
            return
        if command in (Command.WELSH, Command.ENGLISH):
            assert command is not None
            commands.switch_language(turn, command)
            if turn.conversation is not None:
                turn.prompt()
            else:
                self._route_without_keyword(turn, keep_text=False)
            return
        if participant is None:
            turn.language = _first_language(turn) or "en"
        if command is Command.HELP:
            commands.show_help(turn)
            return
        if self._route_by_keyword_or_code(turn, command):
            return
        conversation = turn.conversation
        if command is Command.START:
            if conversation is not None:
                turn.prompt(turn.t("welcome-back"))
            else:
                self._route_without_keyword(turn, keep_text=False)
            return
        if conversation is not None:
            consultation = turn.consultation()
            if consultation is None or not consultation.accepting(turn.now):
                self._closed(turn, consultation)
                return
            self._settle_language(turn)
            handle_step(turn, consultation)
            return
        self._route_without_keyword(turn, keep_text=True)

    def _route_by_keyword_or_code(self, turn: Turn, command: Command | None) -> bool:
        conversation = turn.conversation
        target: ConsultationInfo | None = None
        if command is None and not turn.slash and turn.key:
            target = self._directory.by_keyword(turn.key)
            if target is None and conversation is None and looks_like_keyword(turn.text):
                target = self._directory.by_keyword_or_refresh(turn.key)
        if target is not None:
            if (
                conversation is not None
                and conversation.consultation_id == target.id
                and conversation.step in (Step.OPEN, Step.PROBE, Step.DONE)
            ):
                # "Buses" in answer to "what matters to you?" in the BUSES
                # consultation is an answer, not a restart.
                return False
            self._enter(turn, target, keep_text=False)
            return True
        code = turn.message.consultation_code
        if not code:
            return False
        target = self._directory.by_code(code)
        if target is None:
            if conversation is not None:
                return False
            turn.say("unknown-keyword", turn.t("unknown-keyword"))
            return True
        if conversation is not None and conversation.consultation_id == target.id:
            return False
        self._enter(turn, target, keep_text=command is None)
        return True

    def _route_without_keyword(self, turn: Turn, *, keep_text: bool) -> None:
        open_now = self._directory.open_now(turn.now)
        if len(open_now) == 1:
            self._enter(turn, open_now[0], keep_text=keep_text)
        elif keep_text and looks_like_keyword(turn.text) and not is_greeting(turn.key):
            turn.say("unknown-keyword", turn.t("unknown-keyword"))
        else:
            turn.say("ask-keyword", turn.t("ask-keyword"))

    def _enter(self, turn: Turn, target: ConsultationInfo, *, keep_text: bool) -> None:
        """Start, resume or switch to a consultation."""
        if not target.accepting(turn.now):
            self._closed(turn, target)
            return
        new_person = turn.participant is None
        participant = turn.ensure_participant(turn.language, consultation_id=target.id)
        if participant.active_consultation_id != target.id:
            turn.set_participant(active_consultation_id=target.id)
        existing = None
        if turn.conversation is not None and turn.conversation.consultation_id == target.id:
            existing = turn.conversation
        elif not new_person:
            existing = participants.find_conversation(
                session=turn.session, participant_id=participant.id, consultation_id=target.id
            )
        speaks = keep_text and turn.substantive and not is_greeting(turn.key)
        if existing is not None:
            turn.conversation = existing
            if speaks:
                self._settle_language(turn)
                handle_step(turn, target)
            elif existing.step == Step.DONE:
                turn.say("already-done", turn.t("already-done"))
            else:
                turn.prompt(turn.t("welcome-back"))
            turn.touch_conversation()
            return
        data: dict[str, object] = {}
        if new_person and (not keep_text or _first_language(turn) is None):
            # A keyword or an emoji says nothing about language: the first
            # message in words decides (see _settle_language).
            data["lang_open"] = True
        if speaks:
            data["held"] = [{"text": turn.text, "pmid": turn.message.provider_message_id}]
        turn.conversation = participants.create_conversation(
            session=turn.session,
            participant_id=participant.id,
            consultation_id=target.id,
            step=Step.CONSENT,
            now=turn.now,
            data=data,
        )
        turn.prompt()

    def _closed(self, turn: Turn, consultation: ConsultationInfo | None) -> None:
        if consultation is None:
            turn.say("ask-keyword", turn.t("ask-keyword"))
        else:
            turn.say("closed", turn.titled("closed", consultation))

    def _settle_language(self, turn: Turn) -> None:
        conversation = turn.conversation
        if conversation is None or not conversation.data.get("lang_open"):
            return
        language = detect(turn.text) or yes_no_language(turn.key)
        if language is not None:
            conversation.data.pop("lang_open", None)
            turn.set_language(language)
            turn.touch_conversation()

    # -- provider-level opt-out --------------------------------------------

    def _set_opt_out(self, *, channel: Channel, address: str, source: str, opted_out: bool) -> None:
        message = InboundMessage(
            channel=channel,
            address=address,
            text="",
            provider_message_id=None,
            received_at=self._clock(),
        )
        for attempt in range(_ATTEMPTS):
            try:
                with self._serialised(), session_scope(self._engine) as session:
                    turn = Turn(
                        session=session,
                        message=message,
                        now=self._clock(),
                        catalog=self._catalog,
                        directory=self._directory,
                        protector=self._protector,
                        address_hash=self._protector.hash(str(channel), address),
                    )
                    found = participants.find_with_active_conversation(
                        session=session,
                        channel=str(channel),
                        address_hash=turn.address_hash,
                        lock=not self._sqlite,
                    )
                    if found is not None:
                        turn.participant, turn.conversation = found
                    elif not opted_out:
                        return  # never heard of them: nothing to opt back in
                    participant = turn.ensure_participant()
                    if participant.opted_out == opted_out:
                        return
                    if opted_out:
                        turn.set_participant(opted_out=True, opted_out_at=turn.now)
                    else:
                        turn.set_participant(opted_out=False, opted_out_at=None)
                    turn.audit("opted_out" if opted_out else "opted_in", source=source)
                    self._write_back(turn)
                return
            except IntegrityError:
                if attempt == _ATTEMPTS - 1:
                    raise


def _first_language(turn: Turn) -> str | None:
    """The language a newcomer's first message is in, if it shows one."""
    if turn.key in WELSH_COMMAND_KEYS:
        return "cy"
    if turn.slash:
        return None
    return detect(turn.text) or yes_no_language(turn.key)
