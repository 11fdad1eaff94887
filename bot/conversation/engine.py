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
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from bot.conversation.catalog import Catalog, default_catalog
from bot.conversation.flow_routing import route
from bot.conversation.messages import InboundMessage, Reply
from bot.conversation.steps import ConsultationDirectory
from bot.conversation.turn import Turn
from storage.db import is_dropped_connection, session_scope
from storage.identity import AddressProtector
from storage.models import Channel, utcnow
from storage.repositories import participants, receipts
from storage.repositories.turn_end import TurnWrites, end_turn

log = logging.getLogger(__name__)

# last_seen_at is a coarse "is this person still around" marker; writing it
# on every message would add a statement to the hot path for no one's benefit.
LAST_SEEN_RESOLUTION = timedelta(minutes=1)
_ATTEMPTS = 4


class ConversationEngine:
    """Handles residents' messages for every channel; synchronous and thread-safe.

    `on_answer_stored(answer_id)` runs after the commit for every answer stored
    (the theming hook). `clock` is injectable so tests can jump hours ahead;
    `directory_ttl` is how long consultation wording may be served from memory.
    """

    def __init__(
        self,
        *,
        engine: Engine,
        protector: AddressProtector,
        on_answer_stored: Callable[[int], None] | None = None,
        clock: Callable[[], datetime] = utcnow,
        catalog: Catalog | None = None,
        directory_ttl: float = 5.0,
        pre_route: Callable[[Turn], bool] | None = None,
    ) -> None:
        self._engine = engine
        # Runs before normal routing and may claim the message by returning
        # True (e.g. a reply to a playback round, bot.playback.handler).
        self._pre_route = pre_route
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
            except DBAPIError as error:
                if attempt == _ATTEMPTS - 1 or not self._retryable(error, attempt):
                    raise
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

    def _retryable(self, error: DBAPIError, attempt: int) -> bool:
        if is_dropped_connection(error):
            # The pool is not pre-pinged (storage/db.py): a connection the
            # server closed fails here once, and the retry gets a fresh one.
            return attempt == 0
        if self._sqlite and isinstance(error, OperationalError) and "locked" in str(error):
            time.sleep(0.05 * (attempt + 1))
            return True
        return False

    @contextlib.contextmanager
    def _serialised(self) -> Iterator[None]:
        if self._write_lock is None:
            yield
        else:
            with self._write_lock:
                yield

    @contextlib.contextmanager
    def _turn(self, message: InboundMessage) -> Iterator[Turn]:
        """A Turn in one transaction on a Core connection: committed when the block
        ends, rolled back if it raises (with the ORM session, if a handler made one)."""
        with self._engine.begin() as connection:
            turn = Turn(
                connection=connection,
                message=message,
                now=self._clock(),
                catalog=self._catalog,
                directory=self._directory,
                protector=self._protector,
                address_hash=self._protector.hash(str(message.channel), message.address),
            )
            try:
                yield turn
                turn.finish_session()
            finally:
                turn.drop_session()

    def _handle_once(self, message: InboundMessage) -> tuple[list[Reply], list[int]]:
        with self._turn(message) as turn:
            found = participants.find_with_active_conversation(
                session=turn.connection,
                channel=str(message.channel),
                address_hash=turn.address_hash,
                lock=not self._sqlite,
            )
            if found is not None:
                turn.participant, turn.conversation = found
                turn.language = turn.participant.language
            if self._pre_route is None or not self._pre_route(turn):
                route(turn)
            replies = turn.replies
            receipt = None
            if message.provider_message_id is not None:
                receipt = receipts.receipt_values(
                    channel=str(message.channel),
                    provider_message_id=message.provider_message_id,
                    participant_id=turn.participant.id if turn.participant else None,
                    replies=[reply.to_dict() for reply in replies],
                    received_at=turn.now,
                )
            self._write_back(turn, receipt)
        return replies, turn.answer_ids

    def _write_back(self, turn: Turn, receipt: dict[str, Any] | None = None) -> None:
        """The participant's and conversation's changes, the answers and audit
        events, then the receipt (one statement on PostgreSQL:
        storage/repositories/turn_end.py)."""
        participant = turn.participant
        writes = TurnWrites(
            answers=turn.answers_to_store, events=turn.events_to_record, receipt=receipt
        )
        if participant is not None:
            writes.participant_id = participant.id
            writes.participant_changes = turn.participant_changes
            if writes.participant_changes or (
                turn.now - participant.last_seen_at > LAST_SEEN_RESOLUTION
            ):
                writes.participant_changes["last_seen_at"] = turn.now
            if turn.conversation is not None and turn.conversation_dirty:
                turn.conversation.updated_at = turn.now
                writes.conversation = turn.conversation
        turn.answer_ids += end_turn(session=turn.connection, writes=writes)

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
                with self._serialised(), self._turn(message) as turn:
                    found = participants.find_with_active_conversation(
                        session=turn.connection,
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
            except DBAPIError as error:
                if attempt == _ATTEMPTS - 1 or not self._retryable(error, attempt):
                    raise
