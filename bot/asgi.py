"""ASGI entry point for uvicorn and other servers: `uvicorn bot.asgi:app`."""

from bot.app import create_app
from bot.observability import configure_logging
from bot.settings import Settings

settings = Settings()
configure_logging(settings.log_format, settings.log_level)
app = create_app(settings)
