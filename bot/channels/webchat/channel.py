"""The residents' web chat as the channel registry sees it: /chat, no provider needed."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from storage.models import Channel

if TYPE_CHECKING:
    from fastapi import FastAPI

    from usecases.delivery.deliverers import WebInboxSender
    from usecases.delivery.sender import TokenBucket


class WebchatChannel:
    name = "webchat"
    serves: frozenset[str] = frozenset({Channel.WEBCHAT})
    plain_text = False
    # Needs no provider: a playback question or feedback waits on the page.
    always_on = True
    # A resident's message is a POST to the page: counted like a provider's webhook.
    webhook_paths: Mapping[str, str] = {"/chat/{keyword}": "webchat"}

    def enabled(self, settings: Any) -> bool:
        return True

    def announce(self, settings: Any) -> str | None:
        return f"residents' web chat at http://{settings.host}:{settings.port}/chat"

    def receive(self, app: FastAPI, services: Any) -> None:
        from bot.channels.webchat.routes import router, static_files

        app.mount("/chat/static", static_files, name="webchat-static")
        app.include_router(router)

    def sender(
        self,
        settings: Any,
        *,
        bucket: TokenBucket,
        make_http_client: Callable[[], Any] | None = None,
    ) -> WebInboxSender:
        from usecases.delivery.deliverers import WebInboxSender

        return WebInboxSender(self.serves)

    def links(self, settings: Any, slug: str) -> dict[str, str]:
        # /chat/<slug> answers with a redirect to /chat/<KEYWORD>, the page's own address.
        return {"web": f"{settings.public_base_url.rstrip('/')}/chat/{slug}"}


CHANNEL = WebchatChannel()
