"""The service graph built once by the composition root and shared by routes."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Depends, Request
from sqlalchemy.engine import Engine

from app.embedder import load_embedder
from app.jobs.queue import JobQueue, JobRegistry
from app.settings import Settings
from bot.channels.contract import ChannelRegistry
from bot.channels.registry import CHANNELS

if TYPE_CHECKING:
    from bot.conversation.engine import ConversationEngine


@dataclass
class Services:
    settings: Settings
    db: Engine
    conversation: ConversationEngine
    jobs: JobQueue
    job_registry: JobRegistry
    #: The channels this service runs (bot/channels/registry.py; tests add their own).
    channels: ChannelRegistry = field(default_factory=lambda: CHANNELS)
    _embedder: Any = field(default=None, repr=False)
    _embedder_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def embedder(self) -> Any:
        """The embedder EMBEDDER names, loaded on first use and shared by every caller."""
        with self._embedder_lock:
            if self._embedder is None:
                self._embedder = load_embedder(self.settings.embedder)
            return self._embedder


def get_services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


ServicesDep = Annotated[Services, Depends(get_services)]
