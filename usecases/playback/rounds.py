"""Opening and closing playback rounds, and the message each recipient gets.

A round offers at most 9 themes (one digit each, one SMS keypad press) with
labels frozen at opening. It goes to people who said they want to hear back
and have not opted out, among those who talked to this consultation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert, literal, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bot.channels.registry import CHANNELS
from bot.channels.sms.segments import gsm_friendly, segment_count
from bot.conversation.catalog import Catalog
from bot.conversation.messages import Reply, ReplyOption
from storage.db import session_scope
from storage.models import Channel, Conversation, Participant, utcnow
from storage.models.playback import (
    MAX_PLAYBACK_THEMES,
    DeliveryState,
    PlaybackRecipient,
    PlaybackRound,
    RoundKind,
    RoundStatus,
)
from storage.models.themes import Theme, ThemeStatus
from usecases.playback.checks import check_reply, queue_check_recipients

MAX_SEGMENTS = 2
# A button's value: "pb-<round id>-<position>" (Telegram's callback data allows
# 64 bytes and no ':'). Typed by nobody; read by bot.playback.handler.
BOUND_VALUE = re.compile(r"^pb-(\d{1,12})-(\d{1,2})$")


def bound_value(round_id: int, position: int) -> str:
    """The value a round's button sends: its round and position."""
    return f"pb-{round_id}-{position}"


class PlaybackError(ValueError):
    """An officer's request that cannot be carried out (said plainly, nothing changed)."""


def open_round(
    *,
    engine: Engine,
    consultation_id: int,
    theme_ids: Sequence[int],
    created_by: str = "system",
    kind: RoundKind = RoundKind.VOTE,
) -> int:
    """Open a round and queue one pending recipient per opted-in participant; returns its id.

    A check round (usecases.playback.checks) queues only people whose answers
    are in one of its themes, each with the themes they will be shown.
    """
    ids = list(theme_ids)
    if not ids:
        raise PlaybackError("choose at least one theme")
    if len(ids) > MAX_PLAYBACK_THEMES:
        raise PlaybackError(f"a round offers at most {MAX_PLAYBACK_THEMES} themes")
    if len(set(ids)) != len(ids):
        raise PlaybackError("a theme is listed twice")
    with session_scope(engine) as session:
        themes = {
            theme.id: theme
            for theme in session.exec(
                select(Theme).where(
                    Theme.consultation_id == consultation_id, col(Theme.id).in_(ids)
                )
            )
        }
        missing = [i for i in ids if i not in themes or themes[i].status != ThemeStatus.ACTIVE]
        if missing:
            raise PlaybackError(f"not an active theme of this consultation: {missing}")
        already = session.exec(
            select(PlaybackRound.id).where(
                PlaybackRound.consultation_id == consultation_id,
                PlaybackRound.status == RoundStatus.OPEN,
            )
        ).first()
        if already is not None:
            # Two open rounds would make a reply of "2" ambiguous.
            raise PlaybackError(f"round {already} is still open: close it first")
        labels: list[dict[str, Any]] = [
            {
                "theme_id": i,
                "en": themes[i].display_label("en"),
                "cy": themes[i].display_label("cy"),
            }
            for i in ids
        ]
        round_ = PlaybackRound(
            consultation_id=consultation_id,
            theme_ids=ids,
            labels=labels,
            created_by=created_by,
            kind=kind,
        )
        session.add(round_)
        session.flush()
        assert round_.id is not None
        if kind == RoundKind.CHECK:
            queue_check_recipients(session, round_.id, consultation_id, ids)
        else:
            _queue_recipients(session, round_.id, consultation_id)
        return round_.id


def _queue_recipients(session: Session, round_id: int, consultation_id: int) -> None:
    # One INSERT ... SELECT: 100,000 people are queued without a row in Python.
    now = utcnow()
    chosen = (
        select(
            literal(round_id),
            col(Participant.id),
            literal(str(DeliveryState.PENDING)),
            literal(now),
        )
        .join(Conversation, col(Conversation.participant_id) == col(Participant.id))
        .where(
            Conversation.consultation_id == consultation_id,
            col(Participant.wants_feedback).is_(True),
            col(Participant.opted_out).is_(False),
        )
        .distinct()
    )
    session.execute(
        insert(PlaybackRecipient).from_select(
            ["round_id", "participant_id", "state", "updated_at"], chosen
        )
    )


def close_round(*, engine: Engine, consultation_id: int) -> int | None:
    """Close the consultation's open round; returns its id (None when none was open).

    Rows not sent yet are skipped: a question for a closed round helps nobody.
    """
    with session_scope(engine) as session:
        round_id = session.exec(
            select(PlaybackRound.id).where(
                PlaybackRound.consultation_id == consultation_id,
                PlaybackRound.status == RoundStatus.OPEN,
            )
        ).first()
        if round_id is None:
            return None
        session.execute(
            update(PlaybackRound)
            .where(col(PlaybackRound.id) == round_id)
            .values(status=RoundStatus.CLOSED, closed_at=utcnow())
        )
        session.execute(
            update(PlaybackRecipient)
            .where(
                col(PlaybackRecipient.round_id) == round_id,
                col(PlaybackRecipient.state) == DeliveryState.PENDING,
            )
            .values(state=DeliveryState.SKIPPED, updated_at=utcnow())
        )
        return round_id


def open_round_for(session: Session, consultation_id: int) -> PlaybackRound | None:
    return session.exec(
        select(PlaybackRound).where(
            PlaybackRound.consultation_id == consultation_id,
            PlaybackRound.status == RoundStatus.OPEN,
        )
    ).first()


def label(entry: dict[str, Any], language: str) -> str:
    return str(entry.get(language) or entry.get("en") or entry.get("cy") or "")


def round_reply(
    catalog: Catalog,
    labels: Sequence[dict[str, Any]],
    language: str,
    channel: Channel,
    round_id: int | None = None,
) -> Reply:
    """The playback question: numbered themes, in as few SMS segments as the wording allows.

    With `round_id` its buttons carry the round (bot.playback.handler.bound_value),
    so a press is counted in that round or answered "this round has closed".
    """
    listed = " ".join(f"{n} {label(entry, language)}" for n, entry in enumerate(labels, 1))
    intro = catalog.text(language, "playback-intro")
    # Reply rendering is the channel's: plain SMS text, or buttons (the registry knows).
    plain_text = CHANNELS.plain_text(channel)
    stop = catalog.text(language, "playback-stop") if plain_text else ""
    # Where the themes come as buttons, ask for a tap, not a typed number.
    keys = (
        ("playback-question", "playback-question-short")
        if plain_text
        else ("playback-question-buttons",)
    )
    candidates = [f"{intro} {listed}. {catalog.text(language, key)} {stop}".strip() for key in keys]
    texts = [gsm_friendly(c) if plain_text else c for c in candidates]
    text = next((t for t in texts if segment_count(t) <= MAX_SEGMENTS), texts[-1])
    options = tuple(
        ReplyOption(
            value=str(n) if round_id is None else bound_value(round_id, n),
            label=f"{n} {label(entry, language)}",
        )
        for n, entry in enumerate(labels, 1)
    )
    return Reply(text=text, key="playback-question", options=options, language=language)


def recipient_counts(session: Session, round_id: int) -> dict[str, int]:
    counts: dict[str, int] = {}
    for state in session.exec(
        select(PlaybackRecipient.state).where(PlaybackRecipient.round_id == round_id)
    ):
        counts[str(state)] = counts.get(str(state), 0) + 1
    return counts


def question_for(
    catalog: Catalog,
    round_: PlaybackRound,
    shown: Sequence[int] | None,
    language: str,
    channel: Channel,
    bound: bool = True,
) -> Reply:
    """The message one recipient gets: the round's vote question, or their own check."""
    round_id = round_.id if bound else None
    if round_.kind == RoundKind.CHECK:
        return check_reply(catalog, round_.labels, shown or [], language, channel, round_id)
    return round_reply(catalog, round_.labels, language, channel, round_id)
