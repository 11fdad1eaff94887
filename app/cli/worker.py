"""`whatmatters worker`: run background jobs from Redis, or from the database queue."""

from __future__ import annotations

import os
import threading
from typing import Annotated

import typer

from app.cli.startup import load_settings


def worker(
    threads: Annotated[
        int | None,
        typer.Option(min=1, max=256, help="Jobs run at once (default JOB_WORKER_THREADS)."),
    ] = None,
    sweep_every: Annotated[
        float, typer.Option(min=1.0, help="Seconds between sweeps for unthemed answers.")
    ] = 30.0,
    parent_pid: Annotated[
        int | None,
        typer.Option(help="Stop when this process ends (set by `whatmatters serve`)."),
    ] = None,
    nice: Annotated[
        int, typer.Option(min=0, max=19, help="Lower this process's CPU priority by N.")
    ] = 0,
) -> None:
    """Run theming, refit, invitation and export jobs (from Redis when REDIS_URL is set)."""
    from app.container import build_services
    from app.embedder import load_embedder
    from app.observability import configure_logging

    settings = load_settings()
    configure_logging(settings.log_format, settings.log_level)
    if nice:
        # Theming is background work: the web process answering residents comes first.
        os.nice(nice)
    threads = threads or settings.job_worker_threads
    services = build_services(settings, job_worker="process")
    model = str(load_embedder(settings.embedder).name)
    warm_up_worker()
    if settings.redis_url:
        from app.jobs.redis_queue import RedisJobQueue, run_worker

        assert isinstance(services.jobs, RedisJobQueue)
        run_worker(
            services.jobs, services.db, model=model, threads=threads, sweep_every=sweep_every
        )
    else:
        run_database_worker(
            services, model=model, threads=threads, sweep_every=sweep_every, parent_pid=parent_pid
        )
    services.db.dispose()


def run_database_worker(
    services: object, *, model: str, threads: int, sweep_every: float, parent_pid: int | None
) -> None:
    """Drain the database queue until SIGTERM/SIGINT, or until the parent process ends."""
    import logging
    import signal

    from app.jobs.db_queue import DatabaseJobQueue, DatabaseWorker, sweep_into
    from app.services import Services

    assert isinstance(services, Services) and isinstance(services.jobs, DatabaseJobQueue)
    queue = services.jobs
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    if parent_pid is not None:
        threading.Thread(
            target=_stop_with_parent, args=(parent_pid, stop), name="parent-watch", daemon=True
        ).start()
    log = logging.getLogger("whatmatters")
    log.info("job worker started on the database queue with %d threads", threads)
    DatabaseWorker(
        queue,
        services.job_registry,
        threads=threads,
        on_idle=lambda: sweep_into(queue, services.db, model=model),
        idle_every=sweep_every,
    ).run(stop)
    log.info("job worker stopped")


def _stop_with_parent(parent_pid: int, stop: threading.Event) -> None:
    # A web process killed with SIGKILL cannot stop its worker; the worker notices it
    # was re-parented and ends (its claimed jobs run again after a restart).
    while not stop.wait(1.0):
        if os.getppid() != parent_pid:
            stop.set()


def warm_up_worker() -> None:
    """Load the redactor (spaCy) before job threads start.

    Two job threads importing spaCy for the first time at once can deadlock on
    Python's module import lock, and every job of the kind then fails.
    """
    from console.redact import redact_one
    from storage.repositories.redaction_words import NO_WORDS

    redact_one("warm up", "en", NO_WORDS)
