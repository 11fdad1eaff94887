"""Replies to a playback message, handled before the normal conversation.

The engine calls `handle_playback_reply(turn)` first (see
ConversationEngine's `pre_route`); it returns False to let the normal
conversation handle the message: commands (STOP, HELP ...), people never
asked, free text after their reply counted. Redelivered messages are
answered from the engine's receipts, so a vote is never counted twice.

Votes are bound to their round. A button (Telegram, the web chat) carries
its round (`bound_value`), so a press on an old round's message can never
count in a newer one, and a closed round's button says so. A typed reply
belongs to the newest round still waiting for this person's answer; a
second reply of choices only ("tri hefyd") while that round is open adds
to their choices rather than becoming an answer.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import col, select

from bot.conversation.keywords import command_of
from bot.conversation.turn import Turn
from bot.playback import checks
from bot.playback.parse import ReplyKind, parse_playback_reply
from storage.models.playback import (
    DeliveryState,
    PlaybackRecipient,
    PlaybackRound,
    PlaybackVote,
    RoundKind,
    RoundStatus,
    Verdict,
)
from usecases.playback.checks import CHECK_VALUE, verdict_of
from usecases.playback.rounds import BOUND_VALUE, label

# Rounds looked at for one reply: a person is rarely in more than a few.
_RECENT_ROUNDS = 10


def handle_playback_reply(turn: Turn) -> bool:
    participant = turn.participant
    tapped = CHECK_VALUE.match(turn.message.text.strip())
    if tapped is not None:
        if participant is not None and not participant.opted_out:
            _tapped_check(turn, int(tapped.group(1)), verdict_of(tapped.group(2)))
        elif participant is None:
            turn.say("playback-closed", turn.t("playback-closed"))
        return True
    bound = BOUND_VALUE.match(turn.message.text.strip())
    if bound is not None:
        # Always ours: a button's value must never reach the conversation as words.
        if participant is not None and not participant.opted_out:
            _pressed(turn, int(bound.group(1)), int(bound.group(2)))
        elif participant is None:
            turn.say("playback-closed", turn.t("playback-closed"))
        return True
    if participant is None or participant.opted_out or turn.slash or not turn.text:
        return False
    if command_of(turn.key) is not None or not participant.playback_sent:
        # Nobody sent them a round: not a playback reply, and no query to ask.
        return False
    if participant.erasure_requested_at is not None:
        # "Delete everything?" was asked last: their "yes" answers that, not the round.
        return False
    rows = turn.session.exec(
        select(PlaybackRecipient, PlaybackRound)
        .join(PlaybackRound, col(PlaybackRound.id) == col(PlaybackRecipient.round_id))
        .where(
            PlaybackRecipient.participant_id == participant.id,
            PlaybackRecipient.state == DeliveryState.SENT,
        )
        .order_by(col(PlaybackRound.opened_at).desc(), col(PlaybackRound.id).desc())
        .limit(_RECENT_ROUNDS)
    ).all()
    waiting_open = [r for r in rows if r[0].replied_at is None and r[1].status == RoundStatus.OPEN]
    answered_open = [
        r for r in rows if r[0].replied_at is not None and r[1].status == RoundStatus.OPEN
    ]
    waiting_closed = [
        r for r in rows if r[0].replied_at is None and r[1].status != RoundStatus.OPEN
    ]
    if waiting_open:
        recipient, round_ = waiting_open[0]
        return _first_reply(turn, recipient, round_)
    if answered_open:
        recipient, round_ = answered_open[0]
        if round_.kind == RoundKind.CHECK:
            return checks.later_words(turn, round_)
        parsed = parse_playback_reply(turn.message.text, len(round_.theme_ids), _labels(round_))
        if parsed.kind != ReplyKind.VOTE:
            return False  # words after their reply: the conversation's, as before
        _add_votes(turn, round_, parsed.positions)
        return True
    if waiting_closed:
        recipient, round_ = waiting_closed[0]
        return _first_reply(turn, recipient, round_)
    return False


def _labels(round_: PlaybackRound) -> list[tuple[str, str]]:
    return [(label(e, "en"), label(e, "cy")) for e in round_.labels]


def _open_round_of_button(
    turn: Turn, round_id: int, kind: RoundKind
) -> tuple[PlaybackRecipient, PlaybackRound] | None:
    """The resident's place in open round `round_id` of `kind`, or None after saying it
    has closed (a forged button for a round of the other kind, or one never sent them,
    counts as closed too)."""
    assert turn.participant is not None
    found = turn.session.exec(
        select(PlaybackRecipient, PlaybackRound)
        .join(PlaybackRound, col(PlaybackRound.id) == col(PlaybackRecipient.round_id))
        .where(
            PlaybackRecipient.participant_id == turn.participant.id,
            PlaybackRecipient.round_id == round_id,
            PlaybackRound.kind == kind,
        )
    ).first()
    if found is not None and found[1].status == RoundStatus.OPEN:
        return found[0], found[1]
    if found is not None and found[0].replied_at is None:
        assert found[0].id is not None
        _mark_replied(turn, found[0].id, None)
    turn.say("playback-closed", turn.t("playback-closed"))
    return None


def _pressed(turn: Turn, round_id: int, position: int) -> None:
    """A button of round `round_id` was pressed: count it there, or say why not."""
    found = _open_round_of_button(turn, round_id, RoundKind.VOTE)
    if found is None:
        return
    recipient, round_ = found
    if not 1 <= position <= len(round_.theme_ids):
        text = turn.t("playback-out-of-range", count=len(round_.theme_ids))
        turn.say("playback-out-of-range", text)
        return
    if recipient.replied_at is not None:
        _add_votes(turn, round_, (position,))
        return
    assert recipient.id is not None
    _record_votes(turn, round_, (position,))
    _mark_replied(turn, recipient.id, None)
    turn.say("playback-thanks", turn.t("playback-thanks"))


def _tapped_check(turn: Turn, round_id: int, verdict: Verdict) -> None:
    """A check round's button: the verdict for every theme shown, or say why not."""
    found = _open_round_of_button(turn, round_id, RoundKind.CHECK)
    if found is None:
        return
    recipient, round_ = found
    if recipient.replied_at is not None:
        turn.say("playback-already", turn.t("playback-already"))
        return
    shown = recipient.shown or []
    checks.record(turn, recipient, round_, dict.fromkeys(range(1, len(shown) + 1), verdict), "")


def _first_reply(turn: Turn, recipient: PlaybackRecipient, round_: PlaybackRound) -> bool:
    assert recipient.id is not None and round_.id is not None
    if round_.kind == RoundKind.CHECK:
        return checks.first_reply(turn, recipient, round_)
    parsed = parse_playback_reply(turn.message.text, len(round_.theme_ids), _labels(round_))
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
    _record_votes(turn, round_, parsed.positions)
    _mark_replied(turn, recipient.id, answer_id)
    key = {
        ReplyKind.VOTE: "playback-thanks",
        ReplyKind.VOTE_AND_TEXT: "playback-thanks-both",
        ReplyKind.TEXT: "playback-thanks-missed",
    }[parsed.kind]
    turn.say(key, turn.t(key))
    return True


def _add_votes(turn: Turn, round_: PlaybackRound, positions: tuple[int, ...]) -> None:
    """A later choice in a round already answered: added once, never stored as words."""
    assert turn.participant is not None
    have = set(
        turn.session.exec(
            select(PlaybackVote.position).where(
                PlaybackVote.round_id == round_.id,
                PlaybackVote.participant_id == turn.participant.id,
            )
        ).all()
    )
    new = tuple(p for p in positions if p not in have)
    if not new:
        # A double tap, or the same choice again.
        turn.say("playback-already", turn.t("playback-already"))
        return
    _record_votes(turn, round_, new)
    turn.say("playback-added", turn.t("playback-added"))


def _record_votes(turn: Turn, round_: PlaybackRound, positions: tuple[int, ...]) -> None:
    assert turn.participant is not None and round_.id is not None
    for position in positions:
        turn.session.add(
            PlaybackVote(
                round_id=round_.id,
                participant_id=turn.participant.id,
                position=position,
                provider_message_id=turn.message.provider_message_id,
                created_at=turn.now,
            )
        )


def _store_answer(turn: Turn, consultation_id: int, text: str | None = None) -> int:
    return checks.store_answer(turn, consultation_id, text or "")


def _mark_replied(turn: Turn, recipient_id: int, answer_id: int | None) -> None:
    turn.session.execute(
        update(PlaybackRecipient)
        .where(col(PlaybackRecipient.id) == recipient_id)
        .values(replied_at=turn.now, missed_answer_id=answer_id)
    )
