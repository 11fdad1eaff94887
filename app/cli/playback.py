"""`whatmatters playback start|send|close|results` and `whatmatters feedback send`.

Opening a round queues its recipients and starts sending at SMS_SEND_RATE
outside quiet hours; `playback send` resumes after quiet hours or a crash
(rows a crash left unknown are never resent). `feedback send` publishes the
consultation's current "what we found out" / "what difference it made" (a
new publication only when the words changed) and sends it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from sqlalchemy.engine import Engine
from sqlmodel import select

from app.cli.startup import load_settings, open_engine
from app.settings import Settings
from bot.channels.registry import CHANNELS
from bot.conversation.catalog import default_catalog
from storage.db import session_scope
from storage.models import Channel, Consultation
from storage.models.playback import (
    DeliveryState,
    FeedbackRecipient,
    PlaybackRecipient,
    RoundKind,
)
from storage.repositories.consultations import get_by_slug
from storage.repositories.feedback import publish_feedback
from storage.repositories.feedback_themes import publish_theme_feedback
from usecases.delivery.run import (
    MAX_ATTEMPTS,
    Deliverer,
    DeliveryReport,
    requeue_failed,
    run_deliveries,
)
from usecases.delivery.sender import make_http_client
from usecases.feedback.publication import (
    close_deliverer,
    quiet_hours_of,
    send_feedback,
)
from usecases.playback.rounds import (
    PlaybackError,
    close_round,
    open_round,
    open_round_for,
    question_for,
    recipient_counts,
)

playback_app = typer.Typer(help="'Did we hear you right?' playback rounds.", no_args_is_help=True)
feedback_app = typer.Typer(help="'You said, we did' feedback messages.", no_args_is_help=True)


def _fail(message: str, code: int = 1) -> typer.Exit:
    typer.secho(message, fg="red", err=True)
    return typer.Exit(code)


@contextmanager
def _context(slug: str) -> Iterator[tuple[Settings, Engine, Consultation]]:
    logging.basicConfig(level=logging.WARNING)
    settings = load_settings()
    with open_engine(settings) as engine:
        with session_scope(engine) as session:
            consultation = get_by_slug(session=session, slug=slug)
        if consultation is None or consultation.id is None:
            raise _fail(f"no consultation with slug {slug!r}")
        yield settings, engine, consultation


def _deliverer(settings: Settings) -> tuple[Deliverer, frozenset[str] | None]:
    """The deliverer, and the only channels to send to (None: every channel)."""
    # make_http_client looked up here, at call time, so tests can record Twilio's HTTP.
    deliverer, only = CHANNELS.deliverer(settings, make_http_client=make_http_client)
    if only is not None:
        typer.secho(
            "no Twilio (TWILIO_*) or Telegram (TELEGRAM_BOT_TOKEN) settings: "
            "only web chat (simulator) phones are reached, the rest wait",
            fg="yellow",
            err=True,
        )
    return deliverer, only


def _print(report: DeliveryReport, settings: Settings, resume: str) -> None:
    typer.echo(
        f"sent {report.sent}, failed {report.failed}, skipped (opted out) {report.skipped}, "
        f"interrupted earlier and not resent {report.interrupted}"
    )
    if report.outside_window:
        typer.echo(
            f"not sent on WhatsApp (outside its 24-hour window, no approved template): "
            f"{report.outside_window}"
        )
    if report.paused_until is not None:
        local = report.paused_until.astimezone(quiet_hours_of(settings).zone)
        typer.echo(f"paused for quiet hours until {local:%Y-%m-%d %H:%M %Z}; then run `{resume}`")


def _send_round(settings: Settings, engine: Engine, slug: str, consultation_id: int) -> None:
    with session_scope(engine) as session:
        round_ = open_round_for(session, consultation_id)
        if round_ is None or round_.id is None:
            raise _fail(f"no open playback round for {slug!r}")
        round_id = round_.id
        # A check round asks each person about their own themes (frozen on their row).
        shown = dict(
            session.exec(
                select(PlaybackRecipient.participant_id, PlaybackRecipient.shown).where(
                    PlaybackRecipient.round_id == round_id,
                    PlaybackRecipient.state == DeliveryState.PENDING,
                )
            ).all()
        )
        session.expunge(round_)
    catalog = default_catalog()
    deliverer, only = _deliverer(settings)
    try:
        report = run_deliveries(
            engine=engine,
            protector=settings.address_protector,
            table=PlaybackRecipient,
            parent_id=round_id,
            compose=lambda p: question_for(
                catalog, round_, shown.get(p.id or 0), p.language, Channel(p.channel)
            ),
            deliverer=deliverer,
            quiet_hours=quiet_hours_of(settings),
            only_channels=only,
        )
    finally:
        close_deliverer(deliverer)
    _print(report, settings, f"whatmatters playback send {slug}")


@playback_app.command("start")
def start(
    consultation: Annotated[str, typer.Argument(help="Consultation slug.")],
    themes: Annotated[str, typer.Option(help="Theme ids in the order shown, e.g. 4,2,7 (<= 9).")],
    queue_only: Annotated[
        bool, typer.Option("--queue-only", help="Open and queue; send later with `send`.")
    ] = False,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Ask each person whether the themes their answers were put in are "
            "what they meant (yes / partly / no), instead of which theme matters most.",
        ),
    ] = False,
) -> None:
    """Open a playback round and send it to everyone who asked to hear back."""
    try:
        theme_ids = [int(part) for part in themes.replace(" ", "").split(",") if part]
    except ValueError as error:
        raise _fail(f"--themes takes theme ids separated by commas, not {themes!r}") from error
    with _context(consultation) as (settings, engine, found):
        assert found.id is not None
        try:
            round_id = open_round(
                engine=engine,
                consultation_id=found.id,
                theme_ids=theme_ids,
                created_by="cli",
                kind=RoundKind.CHECK if check else RoundKind.VOTE,
            )
        except PlaybackError as error:
            raise _fail(str(error)) from error
        with session_scope(engine) as session:
            queued = sum(recipient_counts(session, round_id).values())
        typer.echo(f"opened playback round {round_id}: {queued} people to ask")
        if not queue_only and queued:
            _send_round(settings, engine, consultation, found.id)


#: `--retry-failed`, the same for playback rounds and feedback publications.
RetryFailed = Annotated[
    bool,
    typer.Option(
        "--retry-failed",
        help=f"Queue failed sends again first (each person at most {MAX_ATTEMPTS} "
        "tries; never one a crash left unknown, nor WhatsApp's closed 24-hour window).",
    ),
]


@playback_app.command("send")
def send(
    consultation: Annotated[str, typer.Argument(help="Consultation slug.")],
    retry_failed: RetryFailed = False,
) -> None:
    """Resume sending the open round (after quiet hours, a crash or failed sends)."""
    with _context(consultation) as (settings, engine, found):
        assert found.id is not None
        if retry_failed:
            with session_scope(engine) as session:
                round_ = open_round_for(session, found.id)
                round_id = round_.id if round_ is not None else None
            if round_id is None:
                raise _fail(f"no open playback round for {consultation!r}")
            requeued = requeue_failed(engine=engine, table=PlaybackRecipient, parent_id=round_id)
            typer.echo(f"queued again: {requeued} failed sends")
        _send_round(settings, engine, consultation, found.id)


@playback_app.command("close")
def close(consultation: Annotated[str, typer.Argument(help="Consultation slug.")]) -> None:
    """Close the open round; later replies are thanked and kept as answers."""
    with _context(consultation) as (_settings, engine, found):
        assert found.id is not None
        round_id = close_round(engine=engine, consultation_id=found.id)
        if round_id is None:
            raise _fail(f"no open playback round for {consultation!r}")
        with session_scope(engine) as session:
            counts = recipient_counts(session, round_id)
        typer.echo(
            f"closed playback round {round_id}: "
            + ", ".join(f"{state} {n}" for state, n in sorted(counts.items()))
        )


@feedback_app.command("send")
def feedback_send(
    consultation: Annotated[str, typer.Argument(help="Consultation slug.")],
    link: Annotated[
        str | None,
        typer.Option(
            help="Page where the results are published (https://...); "
            "default: the link stored with the consultation, if any."
        ),
    ] = None,
    retry_failed: RetryFailed = False,
    themes: Annotated[
        bool,
        typer.Option(
            "--themes",
            help="Send each resident the council's response to the themes their own answers "
            "are in (as the console's responses page does) instead of the summary.",
        ),
    ] = False,
) -> None:
    """Tell people who asked to hear back what we found out and what changed."""
    from console.forms import check_results_url

    if link is not None:
        try:
            link = check_results_url(link)
        except ValueError as error:
            raise _fail(str(error)) from error
    with _context(consultation) as (settings, engine, found):
        with session_scope(engine) as session:
            current = session.get(Consultation, found.id)
            assert current is not None
            # The console's link, as its "Resume sending" uses.
            link = link or current.results_url or None
            try:
                publication, created = (
                    publish_theme_feedback(session=session, consultation_id=found.id or 0)
                    if themes
                    else publish_feedback(session=session, consultation=current)
                )
            except ValueError as error:
                raise _fail(str(error)) from error
            publication_id = publication.id
        assert publication_id is not None
        typer.echo(
            f"publication {publication_id} "
            + ("(new)" if created else "(same words as before: only unsent people are messaged)")
        )
        if retry_failed:
            requeued = requeue_failed(
                engine=engine, table=FeedbackRecipient, parent_id=publication_id
            )
            typer.echo(f"queued again: {requeued} failed sends")
        deliverer, only = _deliverer(settings)
        try:
            report = send_feedback(
                engine=engine,
                protector=settings.address_protector,
                publication_id=publication_id,
                catalog=default_catalog(),
                deliverer=deliverer,
                quiet_hours=quiet_hours_of(settings),
                link=link,
                only_channels=only,
            )
        finally:
            close_deliverer(deliverer)
        _print(report, settings, f"whatmatters feedback send {consultation}")
