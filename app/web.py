"""The web app: the services container, channels, console and health -> FastAPI app."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI

from app import health, observability
from app.container import build_services
from app.jobs.catalogue import resume_console_jobs
from app.jobs.db_queue import DatabaseJobQueue
from app.jobs.embedded_worker import WorkerProcess
from app.jobs.queue import InProcessQueue
from app.services import Services
from app.settings import Settings
from bot.channels.contract import ChannelRegistry
from bot.channels.registry import CHANNELS
from bot.request_policy import RequestTextPolicy
from bot.spool import WebhookSpool
from bot.web_security import WebSecurityHeaders, install_docs
from storage.db import is_sqlite
from storage.migrate import upgrade

log = logging.getLogger("whatmatters")


def create_app(
    settings: Settings | None = None, *, channels: ChannelRegistry = CHANNELS
) -> FastAPI:
    """The web service; `channels` is the registry's unless a test brings its own."""
    settings = settings or Settings()
    services = build_services(settings, channels=channels)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if is_sqlite(settings.database_url):
            # The embedded default migrates itself; production runs the
            # prestart step (deploy/prestart.sh) before any web worker.
            upgrade(settings.database_url)
        if settings.seed_demo:
            from bot.demo import seed_demo

            seed_demo(services.db)
        _announce_channels(services)
        # Load the language identifier now, not on the first resident's message.
        from nlp import langid

        langid.load()
        # The follow-up's spaCy pipelines load in the background: a resident's first
        # answer must not wait for them, and start-up need not either.
        from bot.conversation.follow_up import warm_up

        threading.Thread(target=warm_up, name="follow-up-warm-up", daemon=True).start()
        if isinstance(services.jobs, InProcessQueue):
            # Imports and exports a restart interrupted go on from their last slice.
            resume_console_jobs(services.jobs, services.db)
            services.jobs.start()
        # Without Redis the jobs wait in the database for a child worker process.
        worker = WorkerProcess(settings) if isinstance(services.jobs, DatabaseJobQueue) else None
        if worker is not None:
            worker.start()
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
        if worker is not None:
            await asyncio.to_thread(worker.stop)
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
        app,
        engine=services.db,
        queue_depth=lambda: _queue_depth(services),
        webhook_labels=services.channels.webhook_labels(),
        metrics_token=token,
    )
    app.include_router(health.router)
    # Each registered channel mounts its own receive routes (bot/channels/registry.py).
    for channel in services.channels:
        channel.receive(app, services)
    telegram = getattr(app.state, "telegram", None)
    if spool is not None and telegram is not None:
        from bot.channels.telegram.routes import SPOOL_KIND, spool_replayer

        spool.register(SPOOL_KIND, spool_replayer(telegram))
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


def _announce_channels(services: Services) -> None:
    for channel in services.channels:
        line = channel.announce(services.settings)
        if line:
            log.warning("%s", line)
