"""`whatmatters worker`: run background jobs from Redis (production topology)."""

from __future__ import annotations

from typing import Annotated

import typer

from app.cli.startup import load_settings


def worker(
    threads: Annotated[int, typer.Option(min=1, max=32, help="Jobs run at once.")] = 2,
    sweep_every: Annotated[
        float, typer.Option(min=1.0, help="Seconds between sweeps for unthemed answers.")
    ] = 30.0,
) -> None:
    """Run theming, refit, invitation and export jobs queued on Redis."""
    from app.container import build_services
    from app.embedder import load_embedder
    from app.jobs.redis_queue import RedisJobQueue, run_worker
    from app.observability import configure_logging

    settings = load_settings()
    configure_logging(settings.log_format, settings.log_level)
    if not settings.redis_url:
        typer.secho(
            "REDIS_URL is not set: without Redis, jobs run inside `whatmatters serve`; "
            "set REDIS_URL=redis://host:6379/0 to run separate workers.",
            fg="red",
            err=True,
        )
        raise typer.Exit(2)
    # The job catalogue registers every job a web process may queue.
    services = build_services(settings)
    assert isinstance(services.jobs, RedisJobQueue)
    model = str(load_embedder(settings.embedder).name)
    run_worker(services.jobs, services.db, model=model, threads=threads, sweep_every=sweep_every)
    services.db.dispose()
