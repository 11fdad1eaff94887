"""Replies to a playback message, handled before the normal conversation.

The engine calls `handle_playback_reply(turn)` first (see
ConversationEngine's `pre_route`); it returns False to let the normal
conversation handle the message: commands (STOP, HELP ...), people never
asked, people who already replied. Redelivered messages are answered from
the engine's receipts, so a vote is never counted twice.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import col, select

from bot.conversation.keywords import command_of
from bot.conversation.language import detect
from bot.conversation.turn import Turn
from bot.playback.parse import ReplyKind, parse_playback_reply
from storage.models import Conversation
from storage.models.playback import (
    DeliveryState,
    PlaybackRecipient,
    PlaybackRound,
    PlaybackVote,
    RoundStatus,
)
from storage.repositories import answers
from usecases.playback.rounds import label


def handle_playback_reply(turn: Turn) -> bool:
    participant = turn.participant
    if participant is None or participant.opted_out or turn.slash or not turn.text:
        return False
    if command_of(turn.key) is not None:
        return False
    found = turn.session.exec(
        select(PlaybackRecipient, PlaybackRound)
        .join(PlaybackRound, col(PlaybackRound.id) == col(PlaybackRecipient.round_id))
        .where(
            PlaybackRecipient.participant_id == participant.id,
            PlaybackRecipient.state == DeliveryState.SENT,
            col(PlaybackRecipient.replied_at).is_(None),
        )
        .order_by(col(PlaybackRound.opened_at).desc())
    ).first()
    if found is None:
        return False
    recipient, round_ = found
    assert recipient.id is not None and round_.id is not None
    labels = [(label(e, "en"), label(e, "cy")) for e in round_.labels]
    parsed = parse_playback_reply(turn.message.text, len(round_.theme_ids), labels)
    if round_.status == RoundStatus.CLOSED:
        # Too late to count; words are still kept and themed, but a bare
        # "2" (or a late button press) would be a meaningless answer.
        late_id = (
            _store_answer(turn, round_.consultation_id, parsed.free_text)
            if parsed.free_text
            else None
        )
        _mark_replied(turn, recipient.id, late_id)
        key = "playback-closed" if late_id is None else "playback-closed-kept"
        turn.say(key, turn.t(key))
        return True
    if parsed.kind in (ReplyKind.OUT_OF_RANGE, ReplyKind.EMPTY):
        # Still waiting for their answer: ask again, count nothing.
        text = turn.t("playback-out-of-range", count=len(round_.theme_ids))
        turn.say("playback-out-of-range", text)
        return True
    answer_id: int | None = None
    if parsed.free_text:
        answer_id = _store_answer(turn, round_.consultation_id, parsed.free_text)
    for position in parsed.positions:
        turn.session.add(
            PlaybackVote(
                round_id=round_.id,
                participant_id=participant.id,
                position=position,
                provider_message_id=turn.message.provider_message_id,
                created_at=turn.now,
            )
        )
    _mark_replied(turn, recipient.id, answer_id)
    key = {
        ReplyKind.VOTE: "playback-thanks",
        ReplyKind.VOTE_AND_TEXT: "playback-thanks-both",
        ReplyKind.TEXT: "playback-thanks-missed",
    }[parsed.kind]
    turn.say(key, turn.t(key))
    return True


def _store_answer(turn: Turn, consultation_id: int, text: str | None = None) -> int:
    assert turn.participant is not None
    body = text or " ".join(turn.message.text.split())
    conversation_id = turn.session.exec(
        select(Conversation.id).where(
            Conversation.participant_id == turn.participant.id,
            Conversation.consultation_id == consultation_id,
        )
    ).first()
    pmid = turn.message.provider_message_id
    answer_id = answers.create_answer(
        session=turn.session,
        consultation_id=consultation_id,
        participant_id=turn.participant.id,
        conversation_id=conversation_id,
        kind="playback",
        channel=str(turn.message.channel),
        language=detect(body) or turn.language,
        text=body,
        received_at=turn.message.received_at,
        provider_message_id=f"{turn.message.channel}:{pmid}" if pmid else None,
        now=turn.now,
    )
    # Announced after the commit by the engine: themed like any other answer.
    turn.answer_ids.append(answer_id)
    return answer_id


def _mark_replied(turn: Turn, recipient_id: int, answer_id: int | None) -> None:
    turn.session.execute(
        update(PlaybackRecipient)
        .where(col(PlaybackRecipient.id) == recipient_id)
        .values(replied_at=turn.now, missed_answer_id=answer_id)
    )
