"""`whatmatters invite <consultation> <numbers.csv>`: an invitation wave by SMS.

Prints what it will do (how many numbers, which rows are invalid and why,
the exact text and its SMS cost) and, unless --dry-run, sends at the
configured pace outside quiet hours. Interrupted or paused waves are resumed
with `whatmatters invite <consultation> --resume <wave id>`.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.engine import Engine
from twilio.rest import Client

from app.cli.startup import load_settings, open_engine
from app.settings import Settings
from bot.channels.sms.segments import encoding, segment_count
from bot.conversation.catalog import default_catalog
from storage.db import session_scope
from storage.models import Channel, Consultation
from storage.repositories import outbound as repo
from storage.repositories.consultations import get_by_slug
from usecases.delivery.sender import TokenBucket, TwilioSender, make_http_client
from usecases.invitations.csv_numbers import CsvError, NumberList, parse_numbers
from usecases.invitations.waves import (
    INTERRUPTED,
    QuietHours,
    WaveReport,
    create_wave,
    invitation_text,
    run_wave,
)

MAX_SHOWN_PROBLEMS = 50


def _fail(message: str, code: int = 1) -> typer.Exit:
    typer.secho(message, fg="red", err=True)
    return typer.Exit(code)


def _report_problems(numbers: NumberList) -> None:
    typer.echo(f"numbers: {numbers.summary()}")
    for label, problems in (("invalid", numbers.invalid), ("duplicate", numbers.duplicates)):
        for problem in problems[:MAX_SHOWN_PROBLEMS]:
            typer.echo(f"  row {problem.row}: {label}: {problem.reason}")
        if len(problems) > MAX_SHOWN_PROBLEMS:
            typer.echo(f"  ... and {len(problems) - MAX_SHOWN_PROBLEMS} more {label} rows")


def _print_outcome(report: WaveReport) -> None:
    typer.echo(
        f"wave {report.wave_id}: sent {report.sent}, failed {report.failed}, "
        f"invalid {report.invalid}, skipped (opted out) {report.skipped_opted_out}, "
        f"interrupted earlier and not resent {report.interrupted}"
    )
    for error in report.errors[:MAX_SHOWN_PROBLEMS]:
        typer.echo(f"  {error}")


def invite(
    consultation: Annotated[str, typer.Argument(help="Consultation slug.")],
    numbers_csv: Annotated[
        Path | None,
        typer.Argument(
            help="CSV of phone numbers (a column headed phone/mobile/number).",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check and show; send nothing.")
    ] = False,
    rate: Annotated[
        float | None, typer.Option(help="Messages per second (default SMS_SEND_RATE).", min=0.01)
    ] = None,
    lawful_basis: Annotated[
        str, typer.Option(help="Why we may text these people (recorded with the wave).")
    ] = "",
    consent_source: Annotated[str, typer.Option(help="Where the numbers came from.")] = "",
    resume: Annotated[
        int | None, typer.Option(help="Resume this wave (after a crash or quiet hours).")
    ] = None,
    resend_interrupted: Annotated[
        bool,
        typer.Option(
            "--resend-interrupted",
            help="With --resume: send again to rows a crash left unknown (check Twilio's log "
            "first: they may have been sent).",
        ),
    ] = False,
) -> None:
    """Invite residents to a consultation by SMS from a CSV of numbers."""
    logging.basicConfig(level=logging.WARNING)
    settings = load_settings()
    with open_engine(settings) as engine:
        _invite(
            settings,
            engine,
            consultation,
            numbers_csv,
            dry_run=dry_run,
            rate=rate,
            lawful_basis=lawful_basis,
            consent_source=consent_source,
            resume=resume,
            resend_interrupted=resend_interrupted,
        )


def _invite(
    settings: Settings,
    engine: Engine,
    slug: str,
    numbers_csv: Path | None,
    *,
    dry_run: bool,
    rate: float | None,
    lawful_basis: str,
    consent_source: str,
    resume: int | None,
    resend_interrupted: bool = False,
) -> None:
    protector = settings.address_protector
    with session_scope(engine) as session:
        found: Consultation | None = get_by_slug(session=session, slug=slug)
    if found is None:
        raise _fail(f"no consultation with slug {slug!r} (see `whatmatters consultation list`)")
    quiet = QuietHours.parse(
        settings.quiet_hours_start, settings.quiet_hours_end, settings.quiet_hours_timezone
    )

    if resume is None:
        rate = rate or settings.sms_send_rate
        if numbers_csv is None:
            raise _fail("give the CSV of numbers, or --resume <wave id>")
        try:
            numbers = parse_numbers(numbers_csv.read_bytes())
        except CsvError as error:
            raise _fail(f"{numbers_csv}: {error}") from error
        _report_problems(numbers)
        body = invitation_text(default_catalog(), found)
        typer.echo(
            f"message ({encoding(body)}, {segment_count(body)} segment(s) each):\n---\n{body}\n---"
        )
        hashes = [protector.hash(Channel.SMS, n) for _, n in numbers.numbers]
        with session_scope(engine) as session:
            opted_out = repo.opted_out_hashes(session=session, channel=Channel.SMS, hashes=hashes)
        duration = timedelta(seconds=round(len(numbers.numbers) / rate))
        typer.echo(
            f"{len(numbers.numbers) - len(opted_out)} to send, {len(opted_out)} opted out "
            f"(skipped); at {rate:g}/s about {duration} of sending, outside quiet hours "
            f"{settings.quiet_hours_start}-{settings.quiet_hours_end} "
            f"{settings.quiet_hours_timezone}"
        )
        if dry_run:
            typer.echo("dry run: nothing stored, nothing sent")
            return
        if not lawful_basis.strip():
            raise _fail("note why we may text these people: --lawful-basis '...'")
        sender = _sender(settings, rate)
        wave_id = create_wave(
            engine=engine,
            protector=protector,
            consultation=found,
            numbers=numbers,
            body=body,
            lawful_basis=lawful_basis,
            consent_source=consent_source,
            created_by="cli",
            rate=rate,
        )
        typer.echo(f"created wave {wave_id}")
    else:
        with session_scope(engine) as session:
            wave = repo.get_wave(session=session, wave_id=resume)
        if wave is None or wave.consultation_id != found.id:
            raise _fail(f"no wave {resume} for consultation {slug!r}")
        if dry_run:
            with session_scope(engine) as session:
                counts = repo.state_counts(session=session, wave_id=resume)
            typer.echo(", ".join(f"{state}: {n}" for state, n in counts.items()))
            return
        wave_id = resume
        if resend_interrupted:
            with session_scope(engine) as session:
                requeued = repo.requeue_failed(session=session, wave_id=wave_id, error=INTERRUPTED)
            typer.echo(f"{requeued} interrupted rows will be sent again")
        sender = _sender(settings, rate or wave.rate)

    report = run_wave(
        engine=engine, protector=protector, wave_id=wave_id, sender=sender, quiet_hours=quiet
    )
    _print_outcome(report)
    if report.paused_until is not None:
        local = report.paused_until.astimezone(quiet.zone)
        typer.echo(
            f"paused for quiet hours until {local:%Y-%m-%d %H:%M %Z}; then run "
            f"`whatmatters invite {slug} --resume {wave_id}`"
        )


def _sender(settings: Settings, rate: float) -> TwilioSender:
    if not settings.twilio_enabled or settings.twilio_auth_token is None:
        raise _fail("sending needs TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (or use --dry-run)", 2)
    if not settings.twilio_from_number:
        raise _fail("set TWILIO_FROM_NUMBER (a number or Messaging Service SID, MG...)", 2)
    client = Client(
        settings.twilio_account_sid,
        settings.twilio_auth_token.get_secret_value(),
        http_client=make_http_client(),
    )
    return TwilioSender(
        client,
        sender=settings.twilio_from_number,
        bucket=TokenBucket(rate),
        status_callback=settings.public_base_url.rstrip("/") + "/sms/twilio/status",
    )
