"""The web chat channel (the phone simulator in bot/simulator) as the channel registry sees it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from storage.models import Channel

if TYPE_CHECKING:
    from fastapi import FastAPI

    from usecases.delivery.deliverers import WebInboxSender
    from usecases.delivery.sender import TokenBucket


class WebChannel:
    name = "web"
    serves: frozenset[str] = frozenset({Channel.WEB})
    plain_text = False
    # Needs no provider: web chat phones are reached even when nothing is configured.
    always_on = True
    webhook_paths: Mapping[str, str] = {"/simulator/api/messages": "web"}

    def enabled(self, settings: Any) -> bool:
        return True

    def announce(self, settings: Any) -> str | None:
        return f"phone simulator at http://{settings.host}:{settings.port}/simulator"

    def receive(self, app: FastAPI, services: Any) -> None:
        from bot.simulator.routes import router, static_files

        app.include_router(router)
        app.mount("/simulator/static", static_files, name="simulator-static")

    def sender(
        self,
        settings: Any,
        *,
        bucket: TokenBucket,
        make_http_client: Callable[[], Any] | None = None,
    ) -> WebInboxSender:
        from usecases.delivery.deliverers import WebInboxSender

        return WebInboxSender()

    def links(self, settings: Any, slug: str) -> dict[str, str]:
        return {"web": f"{settings.public_base_url.rstrip('/')}/simulator?consultation={slug}"}


CHANNEL = WebChannel()
