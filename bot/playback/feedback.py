"""Sending "you said, we did" to the people who asked to hear back.

With a link (the page where the consultation's results are published) the
message is short on every channel; without one, SMS gets a summary cut to
two segments and other channels the full text.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import func, update
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from bot.channels.sms.segments import gsm_friendly, segment_count
from bot.conversation.catalog import Catalog
from bot.conversation.messages import Reply
from bot.outbound.waves import QuietHours
from bot.playback.delivery import Deliverer, DeliveryReport, run_deliveries
from bot.playback.rounds import MAX_SEGMENTS, TEXT_CHANNELS
from storage.db import session_scope
from storage.identity import AddressProtector
from storage.models import Channel, Consultation, Participant, utcnow
from storage.models.playback import DeliveryState, FeedbackPublication, FeedbackRecipient


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
        text = " ".join(
            p for p in (intro, catalog.text(language, "feedback-link", link=link), stop) if p
        )
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
    )
    with session_scope(engine) as session:
        sent = session.exec(
            select(func.count())
            .select_from(FeedbackRecipient)
            .where(
                FeedbackRecipient.publication_id == publication_id,
                FeedbackRecipient.state == DeliveryState.SENT,
            )
        ).one()
        values: dict[str, object] = {"recipients_count": int(sent)}
        if report.finished:
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
