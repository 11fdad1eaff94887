"""`whatmatters chat`: the resident's side of the conversation in a terminal."""

from __future__ import annotations

import secrets
import uuid
from typing import TextIO

from rich.console import Console
from rich.markup import escape

from app.jobs.queue import InProcessQueue
from app.settings import Settings
from bot.conversation.messages import InboundMessage, Reply
from storage.models import Channel, utcnow

PROMPT = "you> "


def run_chat(
    settings: Settings,
    *,
    consultation: str | None,
    stdin: TextIO | None = None,
    console: Console | None = None,
) -> None:
    """Read lines from the terminal and print the bot's replies until end of input."""
    import sys

    from app.container import build_services
    from bot.demo import seed_demo
    from storage.migrate import upgrade

    stdin = stdin or sys.stdin
    console = console or Console(highlight=False)
    upgrade(settings.database_url)
    # Jobs run in this process, on its thread: nothing else runs them here.
    services = build_services(settings, job_worker="thread")
    if settings.seed_demo:
        seed_demo(services.db)
    address = f"terminal-{secrets.token_hex(8)}"
    console.print(
        "[bold]What Matters[/bold] terminal chat. Type as a resident would; "
        "Ctrl-D to finish. (Start with the consultation keyword, e.g. MATTERS.)"
    )
    first = True
    while True:
        console.print(PROMPT, end="")
        line = stdin.readline()
        if not line:
            console.print()
            break
        text = line.rstrip("\n")
        message = InboundMessage(
            channel=Channel.WEB,
            address=address,
            text=text,
            provider_message_id=f"term:{uuid.uuid4().hex}",
            received_at=utcnow(),
            consultation_code=consultation if first else None,
        )
        first = False
        for reply in services.conversation.handle_inbound(message):
            _print_reply(console, reply)
    if isinstance(services.jobs, InProcessQueue):
        services.jobs.drain()  # theme what was said before the process exits
    services.db.dispose()


def _print_reply(console: Console, reply: Reply) -> None:
    console.print(f"[cyan]bot>[/cyan] {escape(reply.text)}")
    if reply.options:
        choices = "  ".join(f"[{o.value}] {o.label}" for o in reply.options)
        console.print(f"     {choices}", markup=False)
