"""Build the services container: Settings -> database, job queue and catalogue, conversation."""

from __future__ import annotations

import logging
from typing import Literal

from app.embedder import make_embedder
from app.jobs.catalogue import ANSWER_STORED_JOB, register_jobs
from app.jobs.db_queue import DatabaseJobQueue
from app.jobs.queue import InProcessQueue, JobQueue, JobRegistry
from app.services import Services
from app.settings import Settings
from bot.channels.contract import ChannelRegistry
from bot.channels.registry import CHANNELS
from bot.conversation.engine import ConversationEngine
from bot.playback.handler import handle_playback_reply
from storage.db import make_engine

log = logging.getLogger("whatmatters")


def build_services(
    settings: Settings,
    *,
    channels: ChannelRegistry = CHANNELS,
    job_worker: Literal["process", "thread"] | None = None,
) -> Services:
    """Wire the service graph; used by the web app, the CLI, the worker and the benchmarks.

    ``job_worker`` overrides ``settings.job_worker`` (a terminal chat runs its jobs itself).
    """
    db = make_engine(settings.database_url)
    registry = JobRegistry()
    jobs: JobQueue
    if settings.redis_url:
        from app.jobs.redis_queue import RedisJobQueue

        jobs = RedisJobQueue(
            redis_url=settings.redis_url,
            registry=registry,
            heartbeat_timeout_ms=settings.redis_heartbeat_timeout_ms,
            fallback=DatabaseJobQueue(engine=db, registry=registry),
        )
    elif (job_worker or settings.resolved_job_worker) == "process":
        jobs = DatabaseJobQueue(engine=db, registry=registry)
    else:
        jobs = InProcessQueue(registry)
    # Every job, for the web process and `whatmatters worker` alike.
    register_jobs(
        registry,
        engine=db,
        settings=settings,
        jobs=jobs,
        channels=channels,
        embedder=make_embedder(settings.embedder),
    )
    conversation = ConversationEngine(
        engine=db,
        protector=settings.address_protector,
        on_answer_stored=lambda answer_id: _answer_stored(services, answer_id),
        pre_route=handle_playback_reply,  # replies to a playback round come first
    )
    services = Services(
        settings=settings,
        db=db,
        conversation=conversation,
        jobs=jobs,
        job_registry=registry,
        channels=channels,
    )
    return services


def _answer_stored(services: Services, answer_id: int) -> None:
    # Theming and redaction happen off the request path, in one job.
    try:
        services.jobs.enqueue(ANSWER_STORED_JOB, answer_id=answer_id)
    except Exception:
        # The queue (Redis) is down. The answer is safely stored; the worker's
        # sweep themes every stored-but-unthemed answer when it can.
        log.warning(
            "could not queue theming of answer %s; the sweep will pick it up",
            answer_id,
            exc_info=True,
        )
