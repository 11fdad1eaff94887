"""`whatmatters telegram ...`: polling for development, webhook registration, poster links."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Annotated
from urllib.parse import urlsplit

import typer

from app.settings import Settings
from bot.conversation.catalog import Catalog, default_catalog

# aiogram takes seconds to import (hundreds of pydantic models): every other `whatmatters`
# command would pay for it, so the Telegram modules load inside the commands that use them.
if TYPE_CHECKING:
    from aiogram import Bot, Dispatcher

    from bot.channels.telegram import TelegramConfig

telegram_app = typer.Typer(
    help="Telegram: long polling for development, webhook registration, deep links.",
    no_args_is_help=True,
)

# Telegram only calls webhooks over HTTPS on these ports.
WEBHOOK_PORTS = {443, 80, 88, 8443}
# The menu Telegram shows under "/": the engine reads each as its keyword.
COMMANDS = ("start", "help", "cymraeg", "english", "stop", "delete")


def _config() -> tuple[Settings, TelegramConfig]:
    from bot.channels.telegram import TelegramConfig, TelegramConfigError

    try:
        settings = Settings()
        return settings, TelegramConfig.from_settings(settings)
    except (TelegramConfigError, ValueError) as error:
        typer.secho(f"configuration error: {error}", fg="red", err=True)
        raise typer.Exit(2) from error


def check_webhook_url(url: str) -> None:
    """Refuse a webhook URL Telegram would reject, saying why and how to fix it."""
    from bot.channels.telegram import TelegramConfigError

    parts = urlsplit(url)
    if parts.scheme != "https":
        raise TelegramConfigError(
            f"Telegram only calls HTTPS webhooks, and PUBLIC_BASE_URL gives {url}; "
            "set PUBLIC_BASE_URL to the https:// address of this service "
            "(or use `whatmatters telegram poll` on a laptop)"
        )
    port = parts.port or 443
    if port not in WEBHOOK_PORTS:
        raise TelegramConfigError(
            f"Telegram only calls webhooks on ports 443, 80, 88 or 8443, not {port}"
        )


async def set_commands(bot: Bot, catalog: Catalog) -> None:
    """The "/" menu, in English by default and in Welsh for Welsh-language apps."""
    from aiogram.types import BotCommand, BotCommandScopeDefault

    for language in ("en", "cy"):
        commands = [
            BotCommand(command=name, description=catalog.text(language, f"telegram-command-{name}"))
            for name in COMMANDS
        ]
        await bot.set_my_commands(
            commands,
            scope=BotCommandScopeDefault(),
            language_code=None if language == "en" else language,
        )


async def register_webhook(
    bot: Bot, config: TelegramConfig, *, drop_pending: bool, catalog: Catalog
) -> str:
    """Point Telegram at this service's webhook, with the secret it must send back."""
    from bot.channels.telegram import ALLOWED_UPDATES, TelegramConfigError

    if config.webhook_secret is None:
        raise TelegramConfigError(
            "set TELEGRAM_WEBHOOK_SECRET first: without it the webhook refuses every call"
        )
    check_webhook_url(config.webhook_url)
    await bot.set_webhook(
        url=config.webhook_url,
        secret_token=config.webhook_secret,
        allowed_updates=ALLOWED_UPDATES,
        drop_pending_updates=drop_pending,
    )
    await set_commands(bot, catalog)
    return config.webhook_url


async def poll(
    bot: Bot, dispatcher: Dispatcher, *, catalog: Catalog, handle_signals: bool = True
) -> None:
    """Long polling: Telegram refuses getUpdates while a webhook is set, so remove it."""
    from bot.channels.telegram import ALLOWED_UPDATES

    # Pending updates are kept: they are residents' messages.
    await bot.delete_webhook(drop_pending_updates=False)
    await set_commands(bot, catalog)
    await dispatcher.start_polling(
        bot,
        allowed_updates=ALLOWED_UPDATES,
        # One update at a time, in order: a batch can hold "/start" and the
        # "Yes" after it, and handled concurrently the "Yes" could come first.
        handle_as_tasks=False,
        handle_signals=handle_signals,
    )


@telegram_app.command("poll")
def poll_command() -> None:
    """Run the bot by long polling (local development); removes any webhook first."""
    from app.container import build_services
    from app.jobs.queue import InProcessQueue
    from bot.channels.telegram import build_bot, build_dispatcher
    from storage.migrate import upgrade

    settings, config = _config()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    upgrade(settings.database_url)
    # Jobs run in this process, on its thread: nothing else runs them here.
    services = build_services(settings, job_worker="thread")
    if settings.seed_demo:
        from bot.demo import seed_demo

        seed_demo(services.db)
    bot = build_bot(config.token)
    dispatcher = build_dispatcher(
        conversation=services.conversation,
        db=services.db,
        protector=settings.address_protector,
    )
    queue = services.jobs if isinstance(services.jobs, InProcessQueue) else None
    if queue is not None:
        queue.start()
    typer.echo("polling Telegram; press Ctrl+C to stop")
    try:
        asyncio.run(poll(bot, dispatcher, catalog=default_catalog()))
    finally:
        if queue is not None:
            queue.stop()
        services.db.dispose()


@telegram_app.command("set-webhook")
def set_webhook_command(
    drop_pending: Annotated[
        bool, typer.Option(help="Discard updates Telegram queued while no webhook was set.")
    ] = False,
) -> None:
    """Register PUBLIC_BASE_URL/telegram/webhook with Telegram, with the secret token."""
    from bot.channels.telegram import TelegramConfigError, build_bot

    _settings, config = _config()

    async def run() -> str:
        bot = build_bot(config.token)
        try:
            return await register_webhook(
                bot, config, drop_pending=drop_pending, catalog=default_catalog()
            )
        finally:
            await bot.session.close()

    try:
        url = asyncio.run(run())
    except TelegramConfigError as error:
        typer.secho(f"not registered: {error}", fg="red", err=True)
        raise typer.Exit(2) from error
    typer.echo(f"Telegram will post updates to {url}")


@telegram_app.command("link")
def link_command(
    slug: Annotated[str, typer.Argument(help="Consultation slug (the deep-link code).")],
    bot_username: Annotated[str, typer.Option(help="The bot's @username.")],
    qr: Annotated[
        Path | None, typer.Option(help="Also write a QR code for posters (.svg or .png).")
    ] = None,
) -> None:
    """Print the t.me deep link that opens the bot on a consultation, optionally as a QR code."""
    from bot.channels.telegram.links import DeepLinkError, deep_link
    from bot.channels.telegram.qr import qr_code

    try:
        url = deep_link(bot_username, slug)
    except DeepLinkError as error:
        typer.secho(str(error), fg="red", err=True)
        raise typer.Exit(2) from error
    typer.echo(url)
    if qr is not None:
        kind = qr.suffix.lower().lstrip(".")
        if kind not in ("svg", "png"):
            typer.secho("the QR file must end in .svg or .png", fg="red", err=True)
            raise typer.Exit(2)
        qr.write_bytes(qr_code(url, kind="svg" if kind == "svg" else "png", title=url))
        typer.echo(f"QR code written to {qr}")
