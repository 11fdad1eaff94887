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
import time
from collections.abc import Callable, Collection
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, update
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from bot.channels.sms.segments import gsm_friendly, segment_count
from bot.conversation.catalog import Catalog, default_catalog
from bot.conversation.messages import Reply
from bot.outbound.sender import SendResult
from bot.outbound.waves import QuietHours
from bot.playback.delivery import Deliverer, DeliveryReport, run_deliveries
from bot.playback.rounds import MAX_SEGMENTS, TEXT_CHANNELS
from storage.db import session_scope
from storage.identity import AddressProtector
from storage.models import Channel, Consultation, Participant, utcnow
from storage.models.playback import DeliveryState, FeedbackPublication, FeedbackRecipient
from storage.repositories.feedback import pending_count

if TYPE_CHECKING:
    from bot.jobs import JobQueue, JobRegistry
    from bot.playback.deliverers import ChannelDeliverer
    from bot.settings import Settings

log = logging.getLogger(__name__)
FEEDBACK_JOB = "send_feedback"


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
    sms = channel in TEXT_CHANNELS
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
        # STOP stays whole at the end; the summary is cut before it.
        body = _cut_before(gsm_friendly(body), " " + stop)
    return Reply(text=body, key="feedback", language=language)


def _cut_before(body: str, tail: str) -> str:
    """`body` + `tail` in at most 2 SMS segments, the body cut at a word with "..." if needed."""
    if segment_count(body + tail) <= MAX_SEGMENTS:
        return body + tail
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
    only_channels: Collection[Channel] | None = None,
) -> DeliveryReport:
    """Send (or resume sending) one publication; updates when it went out and to how many."""
    with session_scope(engine) as session:
        publication = session.get(FeedbackPublication, publication_id)
        if publication is None:
            raise LookupError(f"no feedback publication {publication_id}")
        consultation = session.get(Consultation, publication.consultation_id)
        assert consultation is not None
        titles = {"en": consultation.title("en"), "cy": consultation.title("cy")}
        session.expunge(publication)

    def compose(person: Participant) -> Reply:
        language = person.language if person.language in titles else "en"
        return feedback_reply(
            catalog, publication, titles[language], language, Channel(person.channel), link
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


def deliverer_from_settings(
    settings: Settings, *, make_http_client: Callable[[], Any] | None = None
) -> ChannelDeliverer | None:
    """Twilio and/or Telegram sharing one SMS_SEND_RATE bucket; None when neither is set up."""
    from bot.outbound.sender import TokenBucket, TwilioSender
    from bot.playback.deliverers import ChannelDeliverer

    bucket = TokenBucket(settings.sms_send_rate)
    twilio = None
    if settings.twilio_enabled and settings.twilio_auth_token and settings.twilio_from_number:
        from twilio.rest import Client

        from bot.cli_invite import make_http_client as default_http_client

        client = Client(
            settings.twilio_account_sid,
            settings.twilio_auth_token.get_secret_value(),
            http_client=(make_http_client or default_http_client)(),
        )
        twilio = TwilioSender(client, sender=settings.twilio_from_number, bucket=bucket)
    telegram = None
    if settings.telegram_bot_token is not None:
        from bot.channels.telegram.bot_factory import build_bot

        telegram = build_bot(settings.telegram_bot_token.get_secret_value())
    if twilio is None and telegram is None:
        return None
    return ChannelDeliverer(
        bucket=bucket,
        twilio=twilio,
        telegram=telegram,
        whatsapp_from=settings.twilio_whatsapp_from or settings.twilio_from_number,
    )


#: The only channels reached when no provider is configured: the residents' web chat
#: and the simulator's phones.
WEB_ONLY: frozenset[Channel] = frozenset({Channel.WEB, Channel.WEBCHAT})


def with_web_fallback(
    deliverer: Deliverer | None, settings: Settings
) -> tuple[Deliverer, frozenset[Channel] | None]:
    """The deliverer and the only channels it may send to (None: every channel).

    Without Twilio or Telegram, web chat (simulator) phones are still reached, so a
    round or a feedback runs end to end on a laptop; everyone else stays pending (not
    failed) until a sender is configured and the send is resumed.
    """
    if deliverer is not None:
        return deliverer, None
    from bot.outbound.sender import TokenBucket
    from bot.playback.deliverers import ChannelDeliverer

    return ChannelDeliverer(bucket=TokenBucket(settings.sms_send_rate)), WEB_ONLY


def close_deliverer(deliverer: Deliverer) -> None:
    """Release what a deliverer holds (the Telegram session, its event loop), if anything."""
    close = getattr(deliverer, "close", None)
    if callable(close):
        close()


def quiet_hours_of(settings: Settings) -> QuietHours:
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
    settings: Settings,
    *,
    jobs: JobQueue | None = None,
    slice_seconds: float = 120.0,
    make_deliverer: Callable[[], Deliverer | None] | None = None,
    now: Callable[[], datetime] = utcnow,
) -> None:
    """Register "send_feedback(publication_id, link=None)" (tests pass a recording deliverer).

    With `jobs`, one run sends for at most `slice_seconds` and then queues the
    rest as a new job: a large publication at SMS_SEND_RATE would otherwise
    hold the embedded queue's only thread (answers wait to be themed) or
    outlive the Redis queue's time limit.
    """

    def job(publication_id: int, link: str | None = None) -> None:
        made, only = with_web_fallback(
            (make_deliverer or (lambda: deliverer_from_settings(settings)))(), settings
        )
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
