"""Telegram webhook: cost of the adapter on top of the conversation engine.

    .venv/bin/python bench/telegram_webhook.py [--residents 300] [--concurrency 16]
        [--postgres URL]

Builds the shipped app (`create_app`, Telegram enabled) on a fresh SQLite file
(and a throwaway PostgreSQL database with --postgres / WHATMATTERS_TEST_DATABASE_URL),
with only aiogram's HTTP session swapped for one that answers like the Bot
API without a network (Telegram's servers are not ours to measure). Each
resident sends what Telegram would post: `/start`, a press on the greeting's
"Yes" button, then an answer, in order; 5 % of answers are delivered twice.
Updates go through the real route (secret check, JSON, Update validation,
Dispatcher, middlewares, routers, engine in a worker thread, sendMessage).

Baseline in the same run, same database: the same three messages per resident
straight into `ConversationEngine.handle_inbound`, so the difference is what
the Telegram adapter costs. Theming jobs are not started (as in
bench/webhooks.py): they run off the request path.

Reported: updates/s, p50/p99 per update, and the invariants: answers stored
== residents (nothing lost, no duplicate), messages sent == 3 per resident.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import os
import statistics
import sys
import time
from collections.abc import AsyncGenerator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from aiogram import Bot  # noqa: E402
from aiogram.client.session.base import BaseSession  # noqa: E402
from aiogram.methods import TelegramMethod  # noqa: E402
from sqlalchemy import func  # noqa: E402
from sqlmodel import Session, select  # noqa: E402

from bench.databases import postgres_database, sqlite_database  # noqa: E402

TOKEN = "123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
SECRET = "bench-secret_token"
DUPLICATE_EVERY = 20


class OfflineBotAPI(BaseSession):
    """Answers sendMessage & co. like the Bot API, parsed by aiogram's own code."""

    def __init__(self) -> None:
        super().__init__()
        self.sent = 0
        self._ids = itertools.count(1)
        self.latest: dict[int, int] = {}  # chat -> id of the bot's latest message

    async def close(self) -> None:
        return None

    async def stream_content(self, *args: Any, **kwargs: Any) -> AsyncGenerator[bytes, None]:
        raise NotImplementedError
        yield b""

    async def make_request(
        self, bot: Bot, method: TelegramMethod[Any], timeout: int | None = None
    ) -> Any:
        name = method.__api_method__
        result: Any = True
        if name == "sendMessage":
            self.sent += 1
            message_id = next(self._ids)
            self.latest[int(method.chat_id)] = message_id  # type: ignore[attr-defined]
            result = {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": {"id": int(method.chat_id), "type": "private"},  # type: ignore[attr-defined]
                "text": method.text,  # type: ignore[attr-defined]
            }
        body = json.dumps({"ok": True, "result": result})
        return self.check_response(bot=bot, method=method, status_code=200, content=body).result


def user(chat: int) -> dict[str, Any]:
    return {"id": chat, "is_bot": False, "first_name": "Ceri", "language_code": "en"}


def message(update_id: int, chat: int, words: str) -> dict[str, Any]:
    content: dict[str, Any] = {"text": words}
    if words.startswith("/"):
        content["entities"] = [{"offset": 0, "length": len(words), "type": "bot_command"}]
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "from": user(chat),
            "chat": {"id": chat, "type": "private", "first_name": "Ceri"},
            "date": int(time.time()),
            **content,
        },
    }


def press(update_id: int, chat: int, message_id: int) -> dict[str, Any]:
    return {
        "update_id": update_id,
        "callback_query": {
            "id": str(update_id),
            "from": user(chat),
            "message": {
                "message_id": message_id,
                "chat": {"id": chat, "type": "private", "first_name": "Ceri"},
                "date": int(time.time()),
                "text": "greeting",
            },
            "chat_instance": "1",
            "data": "opt:YES",
        },
    }


ANSWER = "The buses to the hospital stop too early in the evening"


def quantiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


async def webhook_run(url: str, residents: int, concurrency: int) -> dict[str, Any]:
    from app.settings import Settings
    from app.web import create_app
    from bot.demo import seed_demo
    from storage.models import Answer

    settings = Settings(
        environment="test",
        database_url=url,
        seed_demo=False,
        telegram_bot_token=TOKEN,
        telegram_webhook_secret=SECRET,
    )
    app = create_app(settings)
    api = OfflineBotAPI()
    app.state.telegram.bot.session = api
    services = app.state.services
    seed_demo(services.db)
    latencies: list[float] = []
    errors = 0
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json"}
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="https://bench") as client:

        async def post(update: dict[str, Any]) -> None:
            nonlocal errors
            body = json.dumps(update).encode()
            start = time.perf_counter()
            response = await client.post("/telegram/webhook", content=body, headers=headers)
            latencies.append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                errors += 1

        async def resident(n: int) -> None:
            chat, base = 10_000_000 + n, n * 10
            await post(message(base + 1, chat, "/start"))
            await post(press(base + 2, chat, message_id=api.latest[chat]))
            answer = message(base + 3, chat, ANSWER)
            await post(answer)
            if n % DUPLICATE_EVERY == 0:
                await post(answer)

        semaphore = asyncio.Semaphore(concurrency)

        async def limited(n: int) -> None:
            async with semaphore:
                await resident(n)

        for n in range(residents, residents + 5):  # warm-up: lazy imports, first queries
            await resident(n)
        latencies.clear()
        api.sent = 0
        cpu, start = time.process_time(), time.perf_counter()
        await asyncio.gather(*(limited(n) for n in range(residents)))
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        # Floor, same app and client: the lightest route (GET /healthz).
        floor: list[float] = []
        floor_cpu = time.process_time()
        for _ in range(len(latencies)):
            t0 = time.perf_counter()
            await client.get("/healthz")
            floor.append((time.perf_counter() - t0) * 1000)
        floor_cpu = time.process_time() - floor_cpu
    with Session(services.db) as session:
        stored = session.exec(
            select(func.count()).select_from(Answer).where(Answer.text == ANSWER)
        ).one()
    services.db.dispose()
    p50, p99 = quantiles(latencies)
    floor_p50, floor_p99 = quantiles(floor)
    return {
        "updates": len(latencies),
        "per_s": len(latencies) / elapsed,
        "p50": p50,
        "p99": p99,
        "cpu": cpu * 1000 / len(latencies),
        "errors": errors,
        "stored": stored - 5,  # the warm-up residents' answers
        "sent": api.sent,
        "floor_p50": floor_p50,
        "floor_p99": floor_p99,
        "floor_cpu": floor_cpu * 1000 / len(floor),
    }


async def engine_run(url: str, residents: int, concurrency: int) -> dict[str, Any]:
    from app.container import build_services
    from app.settings import Settings
    from bot.conversation.messages import InboundMessage
    from bot.demo import seed_demo
    from storage.models import Channel, utcnow

    settings = Settings(environment="test", database_url=url, seed_demo=False)
    services = build_services(settings)
    seed_demo(services.db)
    latencies: list[float] = []

    async def handle(chat: int, words: str, pmid: int) -> None:
        inbound = InboundMessage(
            channel=Channel.TELEGRAM,
            address=str(chat),
            text=words,
            provider_message_id=str(pmid),
            received_at=utcnow(),
        )
        start = time.perf_counter()
        await asyncio.to_thread(services.conversation.handle_inbound, inbound)
        latencies.append((time.perf_counter() - start) * 1000)

    async def resident(n: int) -> None:
        chat, base = 20_000_000 + n, n * 10
        await handle(chat, "/start", base + 1)
        await handle(chat, "YES", base + 2)
        await handle(chat, ANSWER, base + 3)
        if n % DUPLICATE_EVERY == 0:
            await handle(chat, ANSWER, base + 3)

    semaphore = asyncio.Semaphore(concurrency)

    async def limited(n: int) -> None:
        async with semaphore:
            await resident(n)

    for n in range(residents, residents + 5):  # warm-up, as for the webhook
        await resident(n)
    latencies.clear()
    cpu, start = time.process_time(), time.perf_counter()
    await asyncio.gather(*(limited(n) for n in range(residents)))
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    services.db.dispose()
    p50, p99 = quantiles(latencies)
    return {
        "updates": len(latencies),
        "per_s": len(latencies) / elapsed,
        "p50": p50,
        "p99": p99,
        "cpu": cpu * 1000 / len(latencies),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--residents", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--postgres", default=os.environ.get("WHATMATTERS_TEST_DATABASE_URL"))
    args = parser.parse_args()

    print(
        "| backend | path | concurrency | updates | updates/s | p50 ms | p99 ms | cpu ms/update "
        "| errors | answers stored / residents | messages sent / expected |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    with contextlib.ExitStack() as stack:
        # Two databases per backend: the webhook run and the engine-alone baseline.
        backends = [("SQLite (WAL)", sqlite_database(), sqlite_database())]
        if args.postgres:
            backends.append(
                ("PostgreSQL", postgres_database(args.postgres), postgres_database(args.postgres))
            )
        for label, webhook_db, engine_db in backends:
            webhook_url = stack.enter_context(webhook_db)
            engine_url = stack.enter_context(engine_db)
            hook = asyncio.run(webhook_run(webhook_url, args.residents, args.concurrency))
            base = asyncio.run(engine_run(engine_url, args.residents, args.concurrency))
            print(
                f"| {label} | webhook -> Dispatcher -> engine | {args.concurrency} "
                f"| {hook['updates']} | {hook['per_s']:.0f} | {hook['p50']:.1f} "
                f"| {hook['p99']:.1f} | {hook['cpu']:.2f} | {hook['errors']} "
                f"| {hook['stored']} / {args.residents} | {hook['sent']} / {3 * args.residents} |"
            )
            print(
                f"| {label} | engine alone (baseline) | {args.concurrency} | {base['updates']} "
                f"| {base['per_s']:.0f} | {base['p50']:.1f} | {base['p99']:.1f} "
                f"| {base['cpu']:.2f} | - | - | - |"
            )
            print(
                f"| {label} | GET /healthz, same app and client (floor) | 1 | {hook['updates']} "
                f"| - | {hook['floor_p50']:.1f} | {hook['floor_p99']:.1f} "
                f"| {hook['floor_cpu']:.2f} | - | - | - |"
            )


if __name__ == "__main__":
    main()
