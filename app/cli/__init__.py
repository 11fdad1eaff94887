"""`whatmatters`: the command line, one module per command group (see `main`)."""

from app.cli.main import app, main

__all__ = ["app", "main"]
