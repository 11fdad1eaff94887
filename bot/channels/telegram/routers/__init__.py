"""aiogram routers, one per feature, included in this order by the dispatcher.

Each module builds a fresh Router: an aiogram router can belong to one
dispatcher only, and the app (and every test) builds its own dispatcher.
"""

from __future__ import annotations

from aiogram import Router

from bot.channels.telegram.routers import callbacks, groups, membership, other, start, text


def build_routers() -> list[Router]:
    """Routers in matching order: groups first, catch-alls last."""
    return [
        groups.build_router(),
        start.build_router(),
        callbacks.build_router(),
        text.build_router(),
        membership.build_router(),
        other.build_router(),
    ]
