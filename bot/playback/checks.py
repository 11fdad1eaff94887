"""Replies to a check round ("did we hear you right?"), called by bot.playback.handler.

A reply gives a verdict per theme shown (agree / partly / not what I meant)
and maybe the resident's own words. Words with "partly" or "no" are stored
as an answer of kind "correction", linked to each theme disputed, and themed
with every other answer (they are what the resident meant, so they belong
in the consultation's themes; the link keeps them beside the theme they
dispute). A reply with no verdict is asked again once; its words are kept
at once, so nothing is lost, and become the correction if a "no" follows.
A second unreadable reply is kept and thanked, never asked a third time.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import col, select

from bot.conversation.language import detect
from bot.conversation.steps import Step
from bot.conversation.turn import Turn
from bot.playback.agreement import AgreementReply, parse_agreement
from storage.models import Answer, Conversation
from storage.models.playback import (
    PlaybackRecipient,
    PlaybackRound,
    RoundStatus,
    ThemeAgreement,
    Verdict,
)
from storage.repositories import answers

CORRECTION = "correction"


def first_reply(turn: Turn, recipient: PlaybackRecipient, round_: PlaybackRound) -> bool:
    """A typed reply from someone the round is still waiting for."""
    assert recipient.id is not None
    parsed = parse_agreement(turn.message.text, len(recipient.shown or []))
    if round_.status != RoundStatus.OPEN:
        # Too late to count; their words are still kept (kind "playback", as in vote rounds).
        kept = _store(turn, round_, parsed.words, "playback") if parsed.words else None
        _mark_replied(turn, recipient.id, kept)
        key = "playback-closed-kept" if kept is not None else "playback-closed"
        turn.say(key, turn.t(key))
        return True
    verdicts = parsed.by_position(len(recipient.shown or []))
    if not verdicts or parsed.out_of_range:
        return _unreadable(turn, recipient, round_, parsed)
    record(turn, recipient, round_, verdicts, parsed.words)
    return True


def record(
    turn: Turn,
    recipient: PlaybackRecipient,
    round_: PlaybackRound,
    verdicts: dict[int, Verdict],
    words: str,
) -> None:
    """Store the verdicts (and words) of a first answer and thank the resident."""
    assert recipient.id is not None and round_.id is not None and turn.participant is not None
    disputed = any(v != Verdict.AGREE for v in verdicts.values())
    # Words held from an unreadable first reply become the correction now.
    held = recipient.missed_answer_id if recipient.reasked_at is not None else None
    correction: int | None = None
    extra: int | None = None
    if words:
        stored = _store(turn, round_, words, CORRECTION if disputed else "playback")
        correction, extra = (stored, None) if disputed else (None, stored)
    elif held is not None and disputed:
        turn.session.execute(update(Answer).where(col(Answer.id) == held).values(kind=CORRECTION))
        correction = held
        # Announced again: it is now a correction, linked to the theme it disputes.
        turn.answer_ids.append(held)
    shown = recipient.shown or []
    for position, verdict in verdicts.items():
        turn.session.add(
            ThemeAgreement(
                round_id=round_.id,
                participant_id=turn.participant.id,
                theme_id=round_.theme_ids[shown[position - 1] - 1],
                verdict=verdict,
                correction_answer_id=correction if verdict != Verdict.AGREE else None,
                provider_message_id=turn.message.provider_message_id,
                created_at=turn.now,
            )
        )
    _mark_replied(turn, recipient.id, extra if extra is not None else held)
    if words or (held is not None and disputed):
        key = "check-thanks-kept"
    else:
        key = "check-tell-us" if disputed else "check-thanks"
    turn.say(key, turn.t(key))


def later_words(turn: Turn, round_: PlaybackRound) -> bool:
    """Words after a "partly" / "no" given without any: their correction (once), else not ours."""
    assert turn.participant is not None
    rows = list(
        turn.session.exec(
            select(ThemeAgreement).where(
                ThemeAgreement.round_id == round_.id,
                ThemeAgreement.participant_id == turn.participant.id,
            )
        )
    )
    if turn.conversation is not None and turn.conversation.step != Step.DONE:
        return False  # answering another question of ours (a new consultation's)
    parsed = parse_agreement(turn.message.text, 1)
    # A bare "yes" or "no" now answers something else we asked (or repeats
    # their verdict, which stands): the conversation's.
    waiting = [r for r in rows if r.verdict != Verdict.AGREE and r.correction_answer_id is None]
    if not waiting or not parsed.words:
        return False  # the conversation's, as after any reply
    answer_id = _store(turn, round_, parsed.words, CORRECTION)
    for row in waiting:
        row.correction_answer_id = answer_id
        turn.session.add(row)
    turn.say("check-thanks-kept", turn.t("check-thanks-kept"))
    return True


def _unreadable(
    turn: Turn, recipient: PlaybackRecipient, round_: PlaybackRound, parsed: AgreementReply
) -> bool:
    assert recipient.id is not None
    kept = _store(turn, round_, parsed.words, "playback") if parsed.words else None
    if recipient.reasked_at is None:
        turn.session.execute(
            update(PlaybackRecipient)
            .where(col(PlaybackRecipient.id) == recipient.id)
            .values(reasked_at=turn.now, missed_answer_id=kept)
        )
        turn.say("check-again", turn.t("check-again"))
        return True
    _mark_replied(turn, recipient.id, kept or recipient.missed_answer_id)
    key = "check-unclear-kept" if kept or recipient.missed_answer_id else "check-thanks"
    turn.say(key, turn.t(key))
    return True


def _store(turn: Turn, round_: PlaybackRound, words: str, kind: str) -> int:
    return store_answer(turn, round_.consultation_id, words, kind=kind)


def store_answer(turn: Turn, consultation_id: int, text: str, *, kind: str = "playback") -> int:
    """Keep a resident's words as an answer, redacted like any other.

    Themed like any answer ("playback" and "correction" are both free text; see
    storage.repositories.embeddings.NOT_THEMED).
    """
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
        kind=kind,
        channel=str(turn.message.channel),
        language=detect(body) or turn.language,
        text=body,
        received_at=turn.message.received_at,
        provider_message_id=f"{turn.message.channel}:{pmid}" if pmid else None,
        now=turn.now,
    )
    # Announced after the commit by the engine (theming, redaction).
    turn.answer_ids.append(answer_id)
    return answer_id


def _mark_replied(turn: Turn, recipient_id: int, answer_id: int | None) -> None:
    turn.session.execute(
        update(PlaybackRecipient)
        .where(col(PlaybackRecipient.id) == recipient_id)
        .values(replied_at=turn.now, missed_answer_id=answer_id)
    )
