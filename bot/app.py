"""Composition root: Settings -> database, engine, jobs, channels -> FastAPI app."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from bot import health, observability
from bot.conversation.engine import ConversationEngine
from bot.jobs import InProcessQueue, JobQueue, JobRegistry
from bot.playback.feedback import register_feedback_job
from bot.playback.handler import handle_playback_reply
from bot.request_policy import RequestTextPolicy
from bot.retention import register_retention_job
from bot.services import Services
from bot.settings import Settings
from bot.spool import WebhookSpool
from bot.theming_jobs import register_theming_jobs
from bot.web_security import WebSecurityHeaders, install_docs
from storage.db import is_sqlite, make_engine
from storage.migrate import upgrade

log = logging.getLogger("whatmatters")


def make_embedder(settings: Settings) -> Any:
    """The embedder the settings ask for; None means the project default, loaded lazily."""
    if settings.embedder == "hashing":
        from nlp.embeddings import HashingEmbedder

        return HashingEmbedder()
    return None


def build_services(settings: Settings) -> Services:
    """Wire the service graph; also used by the CLI, the worker and the benchmarks."""
    db = make_engine(settings.database_url)
    registry = JobRegistry()
    jobs: JobQueue
    if settings.redis_url:
        from bot.queue_redis import RedisJobQueue

        jobs = RedisJobQueue(
            redis_url=settings.redis_url,
            registry=registry,
            heartbeat_timeout_ms=settings.redis_heartbeat_timeout_ms,
        )
    else:
        jobs = InProcessQueue(registry)
    register_theming_jobs(registry, db, jobs=jobs, embedder=make_embedder(settings))
    register_retention_job(registry, db, days=settings.retention_days)
    # Here, not in the console, so `whatmatters worker` knows the job too.
    register_feedback_job(registry, db, settings, jobs=jobs)
    register_answer_stored_job(registry)
    conversation = ConversationEngine(
        engine=db,
        protector=settings.address_protector,
        on_answer_stored=lambda answer_id: _answer_stored(services, answer_id),
        pre_route=handle_playback_reply,  # replies to a playback round come first
    )
    services = Services(
        settings=settings, db=db, conversation=conversation, jobs=jobs, job_registry=registry
    )
    return services


#: One job per stored answer: theme it, then redact it (one queue round trip on the
#: webhook's thread, not one per step).
ANSWER_STORED_JOB = "answer_stored"


def register_answer_stored_job(registry: JobRegistry) -> None:
    """Register "answer_stored": runs whichever of theme_answer and redact_answers exist.

    Looked up when it runs: the console registers redaction after the services are built.
    One step failing does not skip the other; the first error is raised afterwards, so
    the queue records it (and Redis retries the job; both steps are idempotent).
    """

    def answer_stored(answer_id: int) -> None:
        names = registry.names()
        steps: list[tuple[str, dict[str, Any]]] = [
            ("theme_answer", {"answer_id": answer_id}),
            # Redacted now, off the request path, so exports never wait on it.
            ("redact_answers", {"answer_ids": [answer_id]}),
        ]
        failed: Exception | None = None
        for name, kwargs in steps:
            if name not in names:
                continue
            try:
                registry.get(name)(**kwargs)
            except Exception as error:
                log.exception("%s failed for answer %s", name, answer_id)
                failed = failed or error
        if failed is not None:
            raise failed

    registry.register(ANSWER_STORED_JOB, answer_stored)


def _answer_stored(services: Services, answer_id: int) -> None:
    # Theming and redaction happen off the request path, in one job.
    try:
        services.jobs.enqueue(ANSWER_STORED_JOB, answer_id=answer_id)
    except Exception:
        # The queue (Redis) is down. The answer is safely stored; the worker's
        # sweep themes every stored-but-unthemed answer when it can.
        log.warning("could not queue theming of answer %s; the sweep will pick it up", answer_id)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    services = build_services(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if is_sqlite(settings.database_url):
            # The embedded default migrates itself; production runs the
            # prestart step (deploy/prestart.sh) before any web worker.
            upgrade(settings.database_url)
        if settings.seed_demo:
            from bot.demo import seed_demo

            seed_demo(services.db)
        _announce_channels(settings)
        # Load the language identifier now, not on the first resident's message.
        from nlp import langid

        langid.load()
        if isinstance(services.jobs, InProcessQueue):
            services.jobs.start()
        replaying = asyncio.create_task(spool.run()) if spool is not None else None
        yield
        if replaying is not None:
            replaying.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await replaying
        if spool is not None:
            spool.close()
        if isinstance(services.jobs, InProcessQueue):
            services.jobs.stop()
        services.db.dispose()

    app = FastAPI(
        title="What Matters / Beth sy'n Bwysig",
        version="0.1.0",
        lifespan=lifespan,
        # Served from local files by install_docs, never from a CDN.
        docs_url=None,
        redoc_url=None,
    )
    app.state.services = services
    spool = _spool(settings, services)
    app.state.spool = spool
    install_docs(app)
    app.add_middleware(
        WebSecurityHeaders, https=settings.public_base_url.lower().startswith("https://")
    )
    # Webhooks are exempt: a provider's message is cleaned by its channel, never refused.
    app.add_middleware(RequestTextPolicy, exempt_prefixes=("/sms/", "/telegram/"))
    token = settings.metrics_token.get_secret_value() if settings.metrics_token else None
    observability.install(
        app, engine=services.db, queue_depth=lambda: _queue_depth(services), metrics_token=token
    )
    app.include_router(health.router)

    from bot.simulator.routes import router as simulator_router
    from bot.simulator.routes import static_files as simulator_static

    app.include_router(simulator_router)
    app.mount("/simulator/static", simulator_static, name="simulator-static")
    from bot.channels.sms.routes import router_for as sms_router

    app.include_router(sms_router(settings))
    if settings.telegram_enabled:
        from bot.channels.telegram import install_telegram

        channel = install_telegram(app, settings, services)
        if spool is not None:
            from bot.channels.telegram.routes import SPOOL_KIND, spool_replayer

            spool.register(SPOOL_KIND, spool_replayer(channel))
    from console.app import include_console

    include_console(app, services)
    return app


def _spool(settings: Settings, services: Services) -> WebhookSpool | None:
    if not settings.spool_dir:
        return None
    from bot.channels.sms.routes import SPOOL_KIND, replayer

    protector = settings.address_protector
    spool = WebhookSpool(Path(settings.spool_dir), seal=protector.encrypt, unseal=protector.decrypt)
    spool.register(SPOOL_KIND, replayer(services))
    return spool


def _queue_depth(services: Services) -> int | None:
    depth = getattr(services.jobs, "depth", None)
    return int(depth()) if callable(depth) else None


def _announce_channels(settings: Settings) -> None:
    if not settings.twilio_enabled:
        log.warning("SMS/WhatsApp disabled: set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN")
    if not settings.telegram_enabled:
        log.warning("Telegram disabled: set TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET")
    log.warning("phone simulator at http://%s:%s/simulator", settings.host, settings.port)
