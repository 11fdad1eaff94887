"""Targeted "you said, we did" through the feedback machinery: one message per resident,
never twice across crashes and resumes, paused by quiet hours, and kept within SMS segments."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from bot.channels.sms.segments import encoding, segment_count
from bot.conversation.catalog import default_catalog
from storage.db import session_scope
from storage.identity import AddressProtector
from storage.models import Answer, Channel
from storage.models.feedback_themes import FeedbackTheme
from storage.models.playback import DeliveryState, FeedbackRecipient
from storage.models.responses import Decision, ResponseStatus
from storage.models.themes import Theme, ThemeAssignment, ThemeLevel
from storage.repositories.feedback_plan import prepare_theme_feedback
from storage.repositories.feedback_themes import (
    NothingToPublish,
    audience_count,
    publish_theme_feedback,
    targeted_status,
)
from storage.repositories.responses import ResponseDraft, save_response
from tests.bot.conversation.conftest import add_consultation
from tests.bot.playback.conftest import RecordingDeliverer, add_person
from usecases.delivery.run import DeliveryReport
from usecases.feedback.publication import send_feedback
from usecases.feedback.themes_message import TARGETED_MAX_SEGMENTS, themes_reply
from usecases.invitations.waves import QuietHours

DAYTIME = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
NIGHT = datetime(2026, 11, 23, 22, 30, tzinfo=UTC)
LINK = "https://www.wrecsam.gov.uk/eich-llais/canlyniadau"
CATALOG = default_catalog()


def _theme(
    engine: Engine,
    cid: int,
    en: str,
    *,
    level: ThemeLevel = ThemeLevel.SUB,
    parent_id: int | None = None,
) -> int:
    with session_scope(engine) as session:
        theme = Theme(
            consultation_id=cid,
            label_en=en,
            label_cy=f"{en} (cy)",
            level=level,
            parent_id=parent_id,
        )
        session.add(theme)
        session.flush()
        return theme.id or 0


def _answer(engine: Engine, cid: int, person: int, themes: list[int]) -> None:
    with session_scope(engine) as session:
        answer = Answer(consultation_id=cid, participant_id=person, channel=Channel.SMS, text="x")
        session.add(answer)
        session.flush()
        for rank, theme_id in enumerate(themes):
            session.add(ThemeAssignment(answer_id=answer.id or 0, theme_id=theme_id, rank=rank))


def _respond(engine: Engine, cid: int, theme_id: int, detail: str = "We will fix it.") -> None:
    with session_scope(engine) as session:
        save_response(
            session=session,
            consultation_id=cid,
            theme_id=theme_id,
            draft=ResponseDraft(decision=Decision.WILL_DO, detail_en=detail),
            updated_by="officer@council.example",
        )


def _publish(engine: Engine, cid: int) -> tuple[int, bool]:
    """Publish and prepare (as the send job starts); the count the page showed is who was queued."""
    with session_scope(engine) as session:
        expected = audience_count(session=session, consultation_id=cid)
        publication, created = publish_theme_feedback(session=session, consultation_id=cid)
    with session_scope(engine) as session:
        prepare_theme_feedback(session=session, publication_id=publication.id or 0)
        queued = session.exec(
            select(FeedbackRecipient).where(FeedbackRecipient.publication_id == publication.id)
        ).all()
        assert len(queued) == (expected if created else len(queued))
        return publication.id or 0, created


def _send(
    engine: Engine,
    protector: AddressProtector,
    publication_id: int,
    deliverer: RecordingDeliverer,
    at: datetime = DAYTIME,
) -> DeliveryReport:
    return send_feedback(
        engine=engine,
        protector=protector,
        publication_id=publication_id,
        catalog=CATALOG,
        deliverer=deliverer,
        quiet_hours=QuietHours.parse("21:00", "08:00", "Europe/London"),
        link=LINK,
        now=lambda: at,
    )


def _counts(engine: Engine, cid: int) -> dict[str, dict[str, int]]:
    with session_scope(engine) as session:
        newest = targeted_status(session=session, consultation_id=cid)[0]
        return {t.line.label_en: t.counts for t in newest.themes}


def test_a_crash_mid_send_never_resends_and_a_later_publication_does_not_retell(
    engine: Engine, protector: AddressProtector
) -> None:
    cid = add_consultation(engine)
    buses, parks = _theme(engine, cid, "Buses"), _theme(engine, cid, "Parks")
    people = [add_person(engine, protector, cid, f"+44770090000{n}") for n in range(3)]
    for person in people:
        _answer(engine, cid, person, [buses, parks])
    _respond(engine, cid, buses)
    _respond(engine, cid, parks)
    publication, _ = _publish(engine, cid)

    crashing = RecordingDeliverer(crash_on=2)
    with pytest.raises(RuntimeError, match="worker killed"):
        _send(engine, protector, publication, crashing)
    resumed = RecordingDeliverer()
    report = _send(engine, protector, publication, resumed)
    # The second person's message may have gone: never sent again (at-most-once).
    assert (report.interrupted, report.sent) == (1, 1)
    assert len(crashing.sent) + len(resumed.sent) == 2
    assert _counts(engine, cid)["Buses"] == {
        "sent": 2,
        "waiting": 0,
        "failed": 1,
        "opted_out": 0,
        "superseded": 0,
    }
    # A new response to Parks later: everyone was told about Parks (or may have been).
    _respond(engine, cid, parks, "We will fix it this spring.")
    again, created = _publish(engine, cid)
    assert created
    with session_scope(engine) as session:
        queued = session.exec(
            select(FeedbackRecipient).where(FeedbackRecipient.publication_id == again)
        ).all()
    assert queued == []


def test_quiet_hours_keep_everyone_waiting_and_a_new_publication_takes_them_over(
    engine: Engine, protector: AddressProtector
) -> None:
    cid = add_consultation(engine)
    buses, parks = _theme(engine, cid, "Buses"), _theme(engine, cid, "Parks")
    ann = add_person(engine, protector, cid, "+447700900001")
    _answer(engine, cid, ann, [buses])
    _answer(engine, cid, ann, [parks])  # a second answer, in another theme
    _respond(engine, cid, buses)
    first, _ = _publish(engine, cid)
    night = RecordingDeliverer()
    assert _send(engine, protector, first, night, at=NIGHT).paused_until is not None
    assert night.sent == [] and _counts(engine, cid)["Buses"]["waiting"] == 1
    # Before morning the officer answers Parks too: one message carries both.
    _respond(engine, cid, parks)
    second, _ = _publish(engine, cid)
    day = RecordingDeliverer()
    _send(engine, protector, first, day)
    assert day.sent == []  # moved to the new publication
    _send(engine, protector, second, day)
    [(_, _, reply)] = day.sent
    assert "- Buses: we will do this." in reply.text and "- Parks: we will do this." in reply.text
    with session_scope(engine) as session:
        states = session.exec(select(FeedbackRecipient.state, FeedbackRecipient.error)).all()
    assert sorted(str(s) for s, _ in states) == [DeliveryState.SENT, DeliveryState.SKIPPED]


def test_a_resident_in_many_themes_hears_of_all_at_once_and_a_broad_theme_counts_its_parts(
    engine: Engine, protector: AddressProtector
) -> None:
    cid = add_consultation(engine)
    transport = _theme(engine, cid, "Transport", level=ThemeLevel.BROAD)
    buses = _theme(engine, cid, "Buses", parent_id=transport)
    others = [_theme(engine, cid, name) for name in ("Parks", "Roads", "Bins", "Libraries")]
    ann = add_person(engine, protector, cid, "+447700900001")
    _answer(engine, cid, ann, [*others[:3], buses])
    _answer(engine, cid, ann, [others[3]])
    # Bryn's answer is in Buses, a part of Transport: the response to Transport is his.
    bryn = add_person(engine, protector, cid, "+447700900002")
    _answer(engine, cid, bryn, [buses])
    for theme_id in [transport, *others]:
        _respond(engine, cid, theme_id)
    with pytest.raises(NothingToPublish):
        _publish(engine, add_consultation(engine, slug="empty", keyword="EMPTY"))
    publication, _ = _publish(engine, cid)
    deliverer = RecordingDeliverer()
    _send(engine, protector, publication, deliverer)
    sent = {address: reply.text for _, address, reply in deliverer.sent}
    named = [
        line.split(":")[0] for line in sent["+447700900001"].splitlines() if line.startswith("- ")
    ]
    # Her main themes first (rank 0 of each answer), then in the page's order; the
    # council's words for the first three, the decision alone for the rest.
    assert named == ["- Parks", "- Libraries", "- Roads", "- Bins", "- Transport"]
    ann_lines = sent["+447700900001"].splitlines()
    assert ann_lines[1].startswith("- Parks: we will do this. ") and len(ann_lines[1]) > 30
    assert "- Bins: we will do this." in ann_lines and "- Transport: we will do this." in ann_lines
    assert "- Transport: we will do this." in sent["+447700900002"]
    counts = _counts(engine, cid)
    assert counts["Transport"]["sent"] == 2 and counts["Bins"]["sent"] == 1
    # She was told about all five: publishing again after a new response to one of
    # them is news to nobody else, and nothing is held back for her.
    assert len(deliverer.sent) == 2
    _respond(engine, cid, others[2], detail="Bins are now collected weekly.")
    later, created = _publish(engine, cid)
    assert created
    again = RecordingDeliverer()
    _send(engine, protector, later, again)
    assert [address for _, address, _ in again.sent] == []


@pytest.mark.parametrize("language", ["en", "cy"])
def test_sms_keeps_to_three_segments_with_the_link_and_stop_whole(language: str) -> None:
    long = (
        "We will add an evening bus to Gresford, Rossett and Marford from April, and a Sunday "
        "service to the hospital, and we will ask Arriva to publish the times at every stop."
    )
    welsh = "Byddwn ni'n trwsio'r safle bws ger y tŵr cloc ac yn ychwanegu bws gyda'r nos."
    lines = [
        FeedbackTheme(
            publication_id=1,
            position=n,
            decision=decision,
            label_en=label,
            label_cy=f"{label} yng Nghymru",
            detail_en=long,
            detail_cy=welsh if n == 1 else "",
            passed_to="Betsi Cadwaladr University Health Board",
            line_hash="",
        )
        for n, (label, decision) in enumerate(
            [("Buses", "will_do"), ("Hospital parking", "passed_on"), ("Parks", "not_doing")], 1
        )
    ]
    reply = themes_reply(CATALOG, lines, "The Wrexham We Want", language, Channel.SMS, LINK)
    assert segment_count(reply.text) <= TARGETED_MAX_SEGMENTS
    assert reply.text.endswith(
        CATALOG.text(language, "themes-feedback-link", link=LINK)
        + "\n"
        + CATALOG.text(language, "playback-stop")
    )
    assert reply.text.count("\n- ") == 3 and "..." in reply.text
    # Telegram has no segments: every word goes.
    whole = themes_reply(CATALOG, lines, "The Wrexham We Want", language, Channel.TELEGRAM, LINK)
    assert long in whole.text and "STOP" not in whole.text
    # A link too long for any message still goes whole, with the shortest lines.
    huge = LINK + "?" + "x" * 600
    squeezed = themes_reply(CATALOG, lines, "T", language, Channel.SMS, huge)
    assert huge in squeezed.text and squeezed.text.count("\n- ") == 3


def test_welsh_letters_are_kept_and_counted_as_ucs2() -> None:
    line = FeedbackTheme(
        publication_id=1,
        position=1,
        decision="will_do",
        label_en="Buses",
        label_cy="Bysiau",
        detail_cy="Byddwn ni'n trwsio'r safle bws ger y tŵr cloc ac yn ychwanegu bws gyda'r nos.",
        line_hash="",
    )
    reply = themes_reply(CATALOG, [line], "Bysiau", "cy", Channel.SMS, LINK)
    # ŵ is Welsh spelling, not typography: it stays, so the message goes as UCS-2.
    assert "tŵr cloc" in reply.text and encoding(reply.text) == "UCS-2"
    assert segment_count(reply.text) <= TARGETED_MAX_SEGMENTS


def test_passed_on_names_the_body_it_went_to(engine: Engine, protector: AddressProtector) -> None:
    cid = add_consultation(engine)
    roads = _theme(engine, cid, "Roads")
    ann = add_person(engine, protector, cid, "+447700900001")
    _answer(engine, cid, ann, [roads])
    with session_scope(engine) as session:
        save_response(
            session=session,
            consultation_id=cid,
            theme_id=roads,
            draft=ResponseDraft(
                decision=Decision.PASSED_ON,
                passed_to="the trunk road agency",
                status=ResponseStatus.CLOSED,
            ),
            updated_by="officer@council.example",
        )
    publication, _ = _publish(engine, cid)
    deliverer = RecordingDeliverer()
    _send(engine, protector, publication, deliverer)
    [(_, _, reply)] = deliverer.sent
    assert "- Roads (cy)" not in reply.text
    assert "- Roads: we have passed this to the trunk road agency." in reply.text


def test_the_readme_shows_the_message_as_it_is_sent() -> None:
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")
    shown = readme.split("   ```text\n   You told us")[1].split("   ```")[0]
    example = "You told us" + "\n".join(line.removeprefix("   ") for line in shown.splitlines())
    lines = [
        FeedbackTheme(
            publication_id=1,
            position=n,
            decision=decision,
            label_en=label,
            detail_en=detail,
            line_hash="",
        )
        for n, (label, decision, detail) in enumerate(
            [
                ("Buses", "will_do", "An evening bus to Gresford from April."),
                ("Parks", "not_doing", "The parks budget is set until 2028."),
            ],
            1,
        )
    ]
    link = "https://www.wrexham.gov.uk/your-voice/results"
    reply = themes_reply(CATALOG, lines, "The Wrexham We Want", "en", Channel.SMS, link)
    assert reply.text == example.strip()


def test_two_publishes_at_once_make_one_publication_on_postgresql(
    engine: Engine, protector: AddressProtector, db_url: str
) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("SQLite runs one writer at a time; the race needs PostgreSQL")
    cid = add_consultation(engine)
    buses = _theme(engine, cid, "Buses")
    for n in range(30):
        _answer(engine, cid, add_person(engine, protector, cid, f"+4477009{n:05d}"), [buses])
    _respond(engine, cid, buses)
    barrier = threading.Barrier(2)
    outcomes: list[bool] = []

    published: list[int] = []
    queued: list[int] = []

    def click() -> None:
        barrier.wait()
        with session_scope(engine) as session:
            publication, created = publish_theme_feedback(session=session, consultation_id=cid)
            outcomes.append(created)
            published.append(publication.id or 0)

    def send_job() -> None:
        # Both clicks' send jobs start at once and prepare the same publication.
        barrier.wait()
        with session_scope(engine) as session:
            queued.append(prepare_theme_feedback(session=session, publication_id=published[0]))

    for work in (click, send_job):
        threads = [threading.Thread(target=work) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert sorted(outcomes) == [False, True] and published[0] == published[1]
    assert sorted(queued) == [0, 30]
    with session_scope(engine) as session:
        rows = session.exec(select(FeedbackRecipient.participant_id)).all()
    assert len(rows) == len(set(rows)) == 30
