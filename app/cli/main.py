"""`whatmatters`: run the service, manage the store and consultations, chat in a terminal."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from app.cli.lazy import LazyGroup

app = typer.Typer(
    name="whatmatters",
    help="What Matters / Beth sy'n Bwysig: open conversational feedback for public services.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # Command groups (themes, invite, user, ...) are imported only when they run: see
    # app/cli/lazy.py, where a new group is listed.
    cls=LazyGroup,
)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
consultation_app = typer.Typer(help="Create and manage consultations.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(consultation_app, name="consultation")


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Interface to listen on.")] = None,
    port: Annotated[
        int | None, typer.Option(help="Port to listen on (default 8000 or $PORT).")
    ] = None,
    workers: Annotated[int, typer.Option(help="Web worker processes.")] = 1,
) -> None:
    """Start the web service: webhooks, phone simulator and officer console."""
    import uvicorn

    from app.cli.startup import load_settings

    settings = load_settings()
    host = host or settings.host
    port = port or int(os.environ.get("PORT", settings.port))
    os.environ["HOST"], os.environ["PORT"] = host, str(port)
    typer.echo(f"What Matters on http://{host}:{port}  (phone simulator: /simulator)")
    uvicorn.run(
        "app.asgi:app",
        host=host,
        port=port,
        workers=workers,
        proxy_headers=True,
        # Only the reverse proxy may say who the client is (see docs/operations.md).
        forwarded_allow_ips=settings.forwarded_allow_ips,
        timeout_keep_alive=settings.http_keep_alive_seconds,
        # uvicorn's httptools protocol plus deadlines on slow request heads and
        # bodies, and a 32 KB limit on request heads.
        http="app.http_limits:TimedHttpToolsProtocol",
        limit_concurrency=settings.http_max_connections,
        log_level=settings.log_level.lower(),
        # Our middleware logs every request with its request id instead.
        access_log=False,
        # Importing the app (spaCy, models) can take longer than uvicorn's 5 s
        # worker health check on a busy machine; do not restart-loop workers.
        timeout_worker_healthcheck=60,
        # JSON logs come from our formatter (app.asgi configures it).
        log_config=None if settings.log_format == "json" else uvicorn.config.LOGGING_CONFIG,
    )


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply every pending migration."""
    from app.cli.startup import load_settings
    from storage.migrate import upgrade

    settings = load_settings()
    upgrade(settings.database_url)
    typer.echo("database is at the latest schema")


@app.command("seed-demo")
def seed_demo_command() -> None:
    """Add the sample bilingual consultation (only into an empty store)."""
    from app.cli.startup import load_settings, open_engine
    from bot.demo import seed_demo

    with open_engine(load_settings()) as engine:
        seeded = seed_demo(engine)
    if seeded:
        typer.echo("seeded the sample consultation 'what-matters' (keyword MATTERS)")
    else:
        typer.echo("the store already holds consultations; nothing seeded")


@consultation_app.command("create")
def consultation_create(
    file: Annotated[Path, typer.Argument(help="YAML or JSON file with the Your Voice fields.")],
) -> None:
    """Create a consultation from a file (see bot/demo/consultation.yaml for the shape)."""
    from app.cli.startup import load_settings, open_engine
    from bot.demo import create_from_definition, load_definition
    from storage.repositories.consultations import ConsultationError

    try:
        with open_engine(load_settings()) as engine:
            slug = create_from_definition(engine, load_definition(file))
    except (ConsultationError, ValueError, TypeError) as error:
        typer.secho(f"not created: {error}", fg="red", err=True)
        raise typer.Exit(1) from error
    typer.echo(f"created consultation {slug}")


@consultation_app.command("list")
def consultation_list() -> None:
    """List consultations with their keyword and status."""
    from app.cli.startup import load_settings, open_engine
    from storage.db import session_scope
    from storage.repositories.consultations import list_consultations

    with open_engine(load_settings()) as engine, session_scope(engine) as session:
        rows = list_consultations(session=session)
        if not rows:
            typer.echo("no consultations yet: try `whatmatters seed-demo`")
        for c in rows:
            typer.echo(f"{c.slug:30} {c.keyword:12} {c.status:7} {c.title_en}")


def _set_status(slug: str, status: str) -> None:
    from app.cli.startup import load_settings, open_engine
    from storage.db import session_scope
    from storage.models import ConsultationStatus
    from storage.repositories.consultations import get_by_slug, set_status

    with open_engine(load_settings()) as engine, session_scope(engine) as session:
        consultation = get_by_slug(session=session, slug=slug)
        if consultation is None:
            typer.secho(f"no consultation with slug {slug!r}", fg="red", err=True)
            raise typer.Exit(1)
        set_status(session=session, consultation=consultation, status=ConsultationStatus(status))
    typer.echo(f"{slug} is now {status}")


@consultation_app.command("open")
def consultation_open(slug: str) -> None:
    """Open a consultation to answers."""
    _set_status(slug, "open")


@consultation_app.command("close")
def consultation_close(slug: str) -> None:
    """Close a consultation; late replies are told so kindly and not stored."""
    _set_status(slug, "closed")


@app.command()
def chat(
    consultation: Annotated[
        str | None, typer.Option(help="Consultation slug (default: the open one).")
    ] = None,
) -> None:
    """Talk to the bot as a resident would, in this terminal (CYMRAEG switches to Welsh)."""
    from app.cli.chat import run_chat
    from app.cli.startup import load_settings

    run_chat(load_settings(), consultation=consultation)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
