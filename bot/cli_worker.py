"""`whatmatters worker`: run background jobs from Redis (production topology)."""

from __future__ import annotations

from typing import Annotated

import typer

from bot.services import Services
from bot.settings import Settings


def worker(
    threads: Annotated[int, typer.Option(min=1, max=32, help="Jobs run at once.")] = 2,
    sweep_every: Annotated[
        float, typer.Option(min=1.0, help="Seconds between sweeps for unthemed answers.")
    ] = 30.0,
) -> None:
    """Run theming, refit, invitation and export jobs queued on Redis."""
    from bot.observability import configure_logging
    from bot.queue_redis import RedisJobQueue, run_worker

    settings = Settings()
    configure_logging(settings.log_format, settings.log_level)
    if not settings.redis_url:
        typer.secho(
            "REDIS_URL is not set: without Redis, jobs run inside `whatmatters serve`; "
            "set REDIS_URL=redis://host:6379/0 to run separate workers.",
            fg="red",
            err=True,
        )
        raise typer.Exit(2)
    services = build_worker_services(settings)
    assert isinstance(services.jobs, RedisJobQueue)
    embedder = _embedder_name(settings)
    warm_up_worker()
    run_worker(services.jobs, services.db, model=embedder, threads=threads, sweep_every=sweep_every)
    services.db.dispose()


def build_worker_services(settings: Settings) -> Services:
    """The service graph with every job a web process may queue registered."""
    from bot.app import build_services
    from console.redact import register_redaction_job

    services = build_services(settings)
    # The console registers this on the web app; workers must know it too.
    register_redaction_job(services)
    return services


def warm_up_worker() -> None:
    """Load the redactor (spaCy) before job threads start.

    Two job threads importing spaCy for the first time at once can deadlock on
    Python's module import lock, and every job of the kind then fails.
    """
    from console.redact import redact_one

    redact_one("warm up", "en")


def _embedder_name(settings: Settings) -> str:
    from bot.app import make_embedder

    embedder = make_embedder(settings)
    if embedder is None:
        from nlp.embeddings import default_embedder

        embedder = default_embedder()
    return str(embedder.name)
