"""Check rounds ("did we hear you right?"): each person sees the themes their own answers are in.

The officer chooses up to 9 themes to check. Everyone who asked to hear back
and whose answers were put in at least one of them is queued, with the themes
they will be shown frozen on their row (at most MAX_SHOWN, in the round's
order), so a refit between sending and replying cannot change what a "no"
was about. One reply answers for every theme shown: YES, PARTLY or NO, with
their own words; "no 2" answers for the second theme alone.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session, col, select

from bot.channels.registry import CHANNELS
from bot.channels.sms.segments import gsm_friendly, segment_count
from bot.conversation.catalog import Catalog
from bot.conversation.messages import Reply, ReplyOption
from storage.models import Answer, Channel, Participant, utcnow
from storage.models.playback import DeliveryState, PlaybackRecipient, Verdict
from storage.models.themes import ThemeAssignment

# More than three themes in one "did we hear you right?" is a survey, not a check.
MAX_SHOWN = 3
MAX_SEGMENTS = 2
# A button's value: "pc-<round id>-<a|p|n>" (Telegram's callback data: 64 bytes, no ':').
CHECK_VALUE = re.compile(r"^pc-(\d{1,12})-([apn])$")
_VERDICT_CODES = {"a": Verdict.AGREE, "p": Verdict.PARTLY, "n": Verdict.DISAGREE}


def check_value(round_id: int, verdict: Verdict) -> str:
    code = next(c for c, v in _VERDICT_CODES.items() if v == verdict)
    return f"pc-{round_id}-{code}"


def verdict_of(code: str) -> Verdict:
    return _VERDICT_CODES[code]


def queue_check_recipients(
    session: Session, round_id: int, consultation_id: int, theme_ids: Sequence[int]
) -> None:
    """One pending row per opted-in person whose answers carry a checked theme."""
    position = {theme_id: n for n, theme_id in enumerate(theme_ids, 1)}
    shown: dict[int, set[int]] = defaultdict(set)
    rows = session.exec(
        select(Answer.participant_id, ThemeAssignment.theme_id)
        .join(ThemeAssignment, col(ThemeAssignment.answer_id) == col(Answer.id))
        .join(Participant, col(Participant.id) == col(Answer.participant_id))
        .where(
            Answer.consultation_id == consultation_id,
            col(ThemeAssignment.theme_id).in_(list(theme_ids)),
            col(Participant.wants_feedback).is_(True),
            col(Participant.opted_out).is_(False),
        )
    )
    for participant_id, theme_id in rows:
        if participant_id is not None:
            shown[participant_id].add(position[theme_id])
    now = utcnow()
    values: list[dict[str, Any]] = [
        {
            "round_id": round_id,
            "participant_id": participant_id,
            "state": str(DeliveryState.PENDING),
            "updated_at": now,
            "shown": sorted(positions)[:MAX_SHOWN],
        }
        for participant_id, positions in sorted(shown.items())
    ]
    if values:
        session.execute(insert(PlaybackRecipient), values)


def _label(entry: dict[str, Any], language: str) -> str:
    return str(entry.get(language) or entry.get("en") or entry.get("cy") or "")


def check_reply(
    catalog: Catalog,
    labels: Sequence[dict[str, Any]],
    shown: Sequence[int],
    language: str,
    channel: Channel,
    round_id: int | None = None,
) -> Reply:
    """The question for one person: the themes they were put in, and yes / partly / no."""
    names = [_label(labels[p - 1], language) for p in shown if 1 <= p <= len(labels)]
    if len(names) > 1:
        # Numbered so that "no 2" can answer for one theme.
        listed = ", ".join(f"{n} {name}" for n, name in enumerate(names, 1))
    else:
        listed = "".join(names)
    intro = catalog.text(language, "check-intro", themes=listed)
    plain_text = CHANNELS.plain_text(channel)
    stop = catalog.text(language, "playback-stop") if plain_text else ""
    keys = ("check-question", "check-question-short") if plain_text else ("check-question-buttons",)
    candidates = [f"{intro} {catalog.text(language, key)} {stop}".strip() for key in keys]
    texts = [gsm_friendly(c) if plain_text else c for c in candidates]
    text = next((t for t in texts if segment_count(t) <= MAX_SEGMENTS), texts[-1])
    options = tuple(
        ReplyOption(
            value=key.removeprefix("check-") if round_id is None else check_value(round_id, v),
            label=catalog.text(language, key),
        )
        for key, v in (
            ("check-yes", Verdict.AGREE),
            ("check-partly", Verdict.PARTLY),
            ("check-no", Verdict.DISAGREE),
        )
    )
    return Reply(text=text, key="check-question", options=options, language=language)
