"""The service graph built once by the composition root and shared by routes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Request
from sqlalchemy.engine import Engine

from bot.jobs import JobQueue, JobRegistry
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.conversation.engine import ConversationEngine


@dataclass
class Services:
    settings: Settings
    db: Engine
    conversation: ConversationEngine
    jobs: JobQueue
    job_registry: JobRegistry


def get_services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


ServicesDep = Annotated[Services, Depends(get_services)]
