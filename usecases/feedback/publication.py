"""Sending "you said, we did" to the people who asked to hear back.

With a link (the page where the consultation's results are published) the
message is short on every channel; without one, SMS gets a summary cut to
two segments and other channels the full text.

The console queues the "send_feedback" job registered here, so sending runs
off the request path (the in-process worker thread, or `whatmatters worker`
with Redis) at SMS_SEND_RATE, stopping at quiet hours; the job is safe to
run again and resumes with whoever is still pending.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Collection, Sequence
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import func, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from bot.channels.registry import CHANNELS
from bot.channels.sms.segments import gsm_friendly, segment_count
from bot.conversation.catalog import Catalog, default_catalog
from bot.conversation.messages import Reply
from storage.db import session_scope
from storage.identity import AddressProtector
from storage.models import Channel, Consultation, Participant, utcnow
from storage.models.feedback_themes import FeedbackTheme
from storage.models.playback import (
    DeliveryState,
    FeedbackKind,
    FeedbackPublication,
    FeedbackRecipient,
)
from storage.repositories.feedback import pending_count
from storage.repositories.feedback_plan import prepare_theme_feedback
from storage.repositories.feedback_themes import lines_by_person
from usecases.delivery.run import Deliverer, DeliveryReport, run_deliveries
from usecases.delivery.sender import SendResult
from usecases.feedback.themes_message import themes_reply
from usecases.invitations.waves import QuietHours
from usecases.playback.rounds import MAX_SEGMENTS

log = logging.getLogger(__name__)
FEEDBACK_JOB = "send_feedback"


class FeedbackSettings(Protocol):
    """What sending needs from the settings (the app's Settings has it all)."""

    @property
    def address_protector(self) -> AddressProtector: ...
    @property
    def quiet_hours_start(self) -> str: ...
    @property
    def quiet_hours_end(self) -> str: ...
    @property
    def quiet_hours_timezone(self) -> str: ...


class JobQueue(Protocol):
    def enqueue(self, job: str, /, **kwargs: Any) -> None: ...


class JobRegistry(Protocol):
    def register(self, name: str, function: Callable[..., None]) -> None: ...


def feedback_reply(
    catalog: Catalog,
    publication: FeedbackPublication,
    title: str,
    language: str,
    channel: Channel,
    link: str | None = None,
) -> Reply:
    def pick(en: str, cy: str) -> str:
        return (cy if language == "cy" else en) or en or cy

    intro = catalog.text(language, "feedback-intro", title=title)
    sms = CHANNELS.plain_text(channel)
    stop = catalog.text(language, "playback-stop") if sms else ""
    if link:
        linked = catalog.text(language, "feedback-link", link=link)
        texts = [" ".join(p for p in (intro, linked, stop) if p)]
        if sms:
            # A long title (or one letter like "ŵ" that takes SMS out of GSM-7) can push
            # the message past two segments; the link matters more than the title.
            short = catalog.text(language, "feedback-intro-short")
            texts = [gsm_friendly(t) for t in (texts[0], f"{short} {linked} {stop}")]
        text = next((t for t in texts if segment_count(t) <= MAX_SEGMENTS), texts[-1])
        return Reply(text=text, key="feedback", language=language)
    found = pick(publication.found_out_en, publication.found_out_cy)
    difference = pick(publication.difference_en, publication.difference_cy)
    parts = [intro]
    if found:
        parts.append(catalog.text(language, "feedback-found-out", text=" ".join(found.split())))
    if difference:
        parts.append(
            catalog.text(language, "feedback-difference", text=" ".join(difference.split()))
        )
    body = " ".join(parts)
    if sms:
        # Welsh runs ~15 % longer than English: before cutting anything the
        # title gives way ("Dywedoch chi, gwnaethon ni."), so the findings fit
        # as they do in English. STOP stays whole at the end.
        short_body = " ".join([catalog.text(language, "feedback-intro-short"), *parts[1:]])
        if segment_count(gsm_friendly(body) + " " + stop) > MAX_SEGMENTS:
            body = short_body
        body = _cut_before(gsm_friendly(body), " " + stop)
    return Reply(text=body, key="feedback", language=language)


def publication_reply(
    catalog: Catalog,
    publication: FeedbackPublication,
    lines: Sequence[FeedbackTheme],
    title: str,
    language: str,
    channel: Channel,
    link: str | None = None,
) -> Reply:
    """What one person gets for a publication of either kind (`lines`: their themes, if any)."""
    if publication.kind == FeedbackKind.THEMES:
        return themes_reply(catalog, lines, title, language, channel, link)
    return feedback_reply(catalog, publication, title, language, channel, link)


def _cut_before(body: str, tail: str) -> str:
    """`body` + `tail` in at most 2 SMS segments, the body cut at a word with "..." if needed."""
    if segment_count(body + tail) <= MAX_SEGMENTS:
        return body + tail
    sentences = re.split(r"(?<=[.!?])\s+", body)
    for count in range(len(sentences) - 1, 0, -1):
        # Whole sentences first: a message cut mid-sentence reads as broken.
        kept = " ".join(sentences[:count])
        if segment_count(kept + tail) <= MAX_SEGMENTS and len(kept) * 3 >= len(body) * 2:
            return kept + tail
    words = body.split()
    low, high = 0, len(words)
    while low < high:  # the longest prefix of words that still fits
        middle = (low + high + 1) // 2
        if segment_count(" ".join(words[:middle]) + "..." + tail) <= MAX_SEGMENTS:
            low = middle
        else:
            high = middle - 1
    return " ".join(words[:low]) + "..." + tail


def send_feedback(
    *,
    engine: Engine,
    protector: AddressProtector,
    publication_id: int,
    catalog: Catalog,
    deliverer: Deliverer,
    quiet_hours: QuietHours,
    link: str | None = None,
    now: Callable[[], datetime] = utcnow,
    only_channels: Collection[str] | None = None,
) -> DeliveryReport:
    """Send (or resume sending) one publication; updates when it went out and to how many."""
    try:
        with session_scope(engine) as session:
            # A targeted publication works out who hears which theme here, off the
            # officer's request, in one transaction of its own before anything is sent.
            prepare_theme_feedback(session=session, publication_id=publication_id)
    except IntegrityError:
        # Another send job for the same publication prepared it first (SQLite has no
        # row lock to wait on; its unique rows refuse the second): send what it queued.
        log.info("feedback publication %s was prepared by another job", publication_id)
    with session_scope(engine) as session:
        publication = session.get(FeedbackPublication, publication_id)
        if publication is None:
            raise LookupError(f"no feedback publication {publication_id}")
        consultation = session.get(Consultation, publication.consultation_id)
        assert consultation is not None
        titles = {"en": consultation.title("en"), "cy": consultation.title("cy")}
        # A targeted publication names each resident's own themes (see themes_message).
        themes = (
            lines_by_person(session=session, publication_id=publication_id)
            if publication.kind == FeedbackKind.THEMES
            else None
        )
        session.expunge_all()

    def compose(person: Participant) -> Reply:
        language = person.language if person.language in titles else "en"
        mine = (themes or {}).get(person.id or 0, [])
        channel = Channel(person.channel)
        return publication_reply(
            catalog, publication, mine, titles[language], language, channel, link
        )

    report = run_deliveries(
        engine=engine,
        protector=protector,
        table=FeedbackRecipient,
        parent_id=publication_id,
        compose=compose,
        deliverer=deliverer,
        quiet_hours=quiet_hours,
        now=now,
        only_channels=only_channels,
    )
    with session_scope(engine) as session:
        waiting = pending_count(session=session, publication_id=publication_id)
        sent = session.exec(
            select(func.count())
            .select_from(FeedbackRecipient)
            .where(
                FeedbackRecipient.publication_id == publication_id,
                FeedbackRecipient.state == DeliveryState.SENT,
            )
        ).one()
        values: dict[str, object] = {"recipients_count": int(sent)}
        if report.finished and not waiting:
            # "Sending finished" is the first run that left nobody pending; a
            # run paused by quiet hours, or a later resume that found nothing
            # to do, does not move it.
            values["sent_at"] = func.coalesce(col(FeedbackPublication.sent_at), now())
        session.execute(
            update(FeedbackPublication)
            .where(col(FeedbackPublication.id) == publication_id)
            .values(**values)
        )
    return report


def close_deliverer(deliverer: Deliverer) -> None:
    """Release what a deliverer holds (the Telegram session, its event loop), if anything."""
    close = getattr(deliverer, "close", None)
    if callable(close):
        close()


def quiet_hours_of(settings: FeedbackSettings) -> QuietHours:
    return QuietHours.parse(
        settings.quiet_hours_start, settings.quiet_hours_end, settings.quiet_hours_timezone
    )


class _SliceSpent(Exception):
    pass


class _Sliced:
    """Ends a run between two messages once its time slice is spent (never before the first).

    Raised from wait_turn, before the next row is claimed, so stopping leaves
    nothing in doubt; the job queues itself again for the rest.
    """

    def __init__(
        self, inner: Deliverer, seconds: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._inner, self._seconds, self._clock = inner, seconds, clock
        self._started = clock()
        self._turns = 0

    def wait_turn(self) -> None:
        if self._turns and self._clock() - self._started >= self._seconds:
            raise _SliceSpent
        self._turns += 1
        self._inner.wait_turn()

    def deliver(self, channel: Channel, address: str, reply: Reply) -> SendResult:
        return self._inner.deliver(channel, address, reply)


def register_feedback_job(
    registry: JobRegistry,
    engine: Engine,
    settings: FeedbackSettings,
    *,
    jobs: JobQueue | None = None,
    slice_seconds: float = 120.0,
    make_deliverer: Callable[[], tuple[Deliverer, Collection[str] | None]],
    now: Callable[[], datetime] = utcnow,
) -> None:
    """Register "send_feedback(publication_id, link=None)" (tests pass a recording deliverer).

    `make_deliverer` gives the deliverer and the only channels it may reach (None:
    every channel); the channel registry's `deliverer` in the service.

    With `jobs`, one run sends for at most `slice_seconds` and then queues the
    rest as a new job: a large publication at SMS_SEND_RATE would otherwise
    hold the embedded queue's only thread (answers wait to be themed) or
    outlive the Redis queue's time limit.
    """

    def job(publication_id: int, link: str | None = None) -> None:
        made, only = make_deliverer()
        if only is not None:
            log.warning(
                "feedback publication %s: no Twilio or Telegram settings, so only web chat "
                "phones are reached; the rest wait",
                publication_id,
            )
        deliverer: Deliverer = made if jobs is None else _Sliced(made, slice_seconds)
        try:
            report = send_feedback(
                engine=engine,
                protector=settings.address_protector,
                publication_id=publication_id,
                catalog=default_catalog(),
                deliverer=deliverer,
                quiet_hours=quiet_hours_of(settings),
                link=link,
                now=now,
                only_channels=only,
            )
        except _SliceSpent:
            assert jobs is not None
            try:
                jobs.enqueue(FEEDBACK_JOB, publication_id=publication_id, link=link)
            except Exception:
                log.warning(
                    "feedback publication %s: could not queue the rest; people still waiting "
                    "are sent when it is resumed",
                    publication_id,
                    exc_info=True,
                )
            return
        finally:
            close_deliverer(made)
        log.info(
            "feedback publication %s: sent %s, failed %s, skipped %s, interrupted %s",
            publication_id,
            report.sent,
            report.failed,
            report.skipped,
            report.interrupted,
        )
        if report.paused_until is not None:
            log.warning(
                "feedback publication %s paused for quiet hours until %s; resume it from the "
                "consultation page or with `whatmatters feedback send`",
                publication_id,
                report.paused_until.isoformat(),
            )

    registry.register(FEEDBACK_JOB, job)
