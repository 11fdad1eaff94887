"""Command groups imported only when they run, so each command pays for its own imports.

`whatmatters themes discover` needs numpy, spaCy and the models, not the web app, the
database layer, Twilio or Telegram; importing every command module at start cost it
about three seconds. The main command lists each group as ``name -> (module,
attribute)``; the module is imported when that command is invoked (or when ``--help``
lists the commands).
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

import typer
from typer.core import TyperGroup

# typer (0.29) bundles its own click in a private module; its Context and Command types
# are written `Any` here rather than imported from there.

#: The command groups and single commands of `whatmatters`, in the order ``--help``
#: shows them: name -> (module, attribute holding a ``typer.Typer`` or a function).
LAZY_COMMANDS: dict[str, tuple[str, str]] = {
    "telegram": ("app.cli.telegram", "telegram_app"),
    "invite": ("app.cli.invite", "invite"),
    "themes": ("app.cli.themes", "themes_app"),
    "redact": ("app.cli.redact", "redact"),
    "user": ("app.cli.users", "user_app"),
    "worker": ("app.cli.worker", "worker"),
    "retention": ("app.cli.ops", "retention_app"),
    "keys": ("app.cli.ops", "keys_app"),
    "playback": ("app.cli.playback", "playback_app"),
    "feedback": ("app.cli.playback", "feedback_app"),
}


def load_command(name: str, module: str, attribute: str) -> Any:
    """The click command for one lazily listed group or function, named ``name``.

    It is built exactly as ``add_typer`` / ``command`` on the main app would build it
    (a group with one command stays a group), inside a throwaway parent.
    """
    found: typer.Typer | Callable[..., Any] = getattr(import_module(module), attribute)
    parent = typer.Typer()
    if isinstance(found, typer.Typer):
        parent.add_typer(found, name=name)
    else:
        parent.command(name)(found)
    # A callback keeps the parent a group even though it has a single command.
    parent.callback()(_no_options)
    return typer.main.get_command(parent).commands[name]  # type: ignore[attr-defined]


def _no_options() -> None:
    """The throwaway parent's callback: no options of its own."""


class LazyGroup(TyperGroup):
    """The main command: its own commands, then :data:`LAZY_COMMANDS` on demand."""

    def list_commands(self, ctx: Any) -> list[str]:
        own = super().list_commands(ctx)
        return own + [name for name in LAZY_COMMANDS if name not in own]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name in LAZY_COMMANDS and cmd_name not in self.commands:
            # Loaded once per group object; the next invocation finds it in commands.
            self.commands[cmd_name] = load_command(cmd_name, *LAZY_COMMANDS[cmd_name])
        return super().get_command(ctx, cmd_name)
