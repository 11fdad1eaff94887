"""ASGI entry point for uvicorn and other servers: `uvicorn app.asgi:app`."""

from app.observability import configure_logging
from app.settings import Settings
from app.web import create_app

settings = Settings()
configure_logging(settings.log_format, settings.log_level)
app = create_app(settings)
