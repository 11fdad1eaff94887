"""ASGI entry point for uvicorn and other servers: `uvicorn bot.asgi:app`."""

from bot.app import create_app

app = create_app()
