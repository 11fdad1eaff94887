"""Where a signed SMS webhook spends its CPU: the real ASGI app, in-process, no HTTP server.

Builds the app as bench/webhooks.py's deferred-jobs variant does (SQLite in a
temporary directory, theming jobs counted, not run), feeds it signed Twilio
requests as ASGI calls (each resident: keyword, YES, an answer) and runs the
engine inline instead of on the thread pool, so CPU time can be split between
the engine's turn, the playback lookup and everything else. `--profile` prints
cProfile's top functions (CPU clock).

    .venv/bin/python bench/webhook_profile.py [--residents 300] [--profile] [--sort tottime]
        [--breakdown]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.scale_load import service_env, signed_sms  # noqa: E402
from bench.versions import versions_line  # noqa: E402

HEALTHZ = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
ANSWERS = [
    "The buses into town stop at six so I can't get to evening shifts",
    "Street lights on our road have been out for weeks",
]


def asgi_request(raw: bytes) -> tuple[dict[str, Any], bytes]:
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    method, path, _ = lines[0].split(b" ")
    headers = [
        (name.strip().lower(), value.strip())
        for name, _, value in (line.partition(b":") for line in lines[1:])
    ]
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method.decode(),
        "scheme": "http",
        "path": path.decode(),
        "raw_path": path,
        "query_string": b"",
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 8000),
    }
    return scope, body


async def call(app: Any, raw: bytes) -> int:
    scope, body = asgi_request(raw)
    delivered = False
    status = 0

    async def receive() -> dict[str, Any]:
        nonlocal delivered
        if not delivered:
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.sleep(3600)
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = int(message["status"])

    await app(scope, receive, send)
    return status


def _timed_sync(spent: dict[str, float], key: str, function: Any) -> Any:
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[key] = spent.get(key, 0.0) + time.process_time() - started

    return timed


def _timed_async(spent: dict[str, float], key: str, function: Any) -> Any:
    # In-process the body arrives whole and the engine runs inline, so these
    # awaits never suspend: process time between start and end is theirs.
    async def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return await function(*args, **kwargs)
        finally:
            spent[key] = spent.get(key, 0.0) + time.process_time() - started

    return timed


def instrument(app: Any, spent: dict[str, float]) -> None:
    """Time the webhook's parts: the handler, the form, the signature, TwiML, the response."""
    import bot.channels.sms.asgi_route as asgi_route
    import bot.channels.sms.routes as routes
    import bot.channels.sms.twiml as twiml

    for route in app.router.routes:
        if isinstance(route, asgi_route.WebhookRoute) and route.path == routes.INBOUND_PATH:
            route.handler = _timed_async(spent, "handler", route.handler)
    webhook = routes.SmsWebhook
    setattr(webhook, "read_form", _timed_async(spent, "form", webhook.read_form))  # noqa: B010
    setattr(  # noqa: B010
        webhook, "check_signature", _timed_sync(spent, "signature", webhook.check_signature)
    )
    setattr(twiml, "render", _timed_sync(spent, "twiml", twiml.render))  # noqa: B010
    setattr(  # noqa: B010
        asgi_route, "send_answer", _timed_async(spent, "send", asgi_route.send_answer)
    )


def breakdown_line(spent: dict[str, float], webhook: float, n: int) -> str:
    """Where the CPU of one webhook goes, in ms, outermost first."""
    handler = spent.get("handler", 0.0)
    known = sum(spent.get(k, 0.0) for k in ("form", "signature", "engine", "twiml"))
    parts = {
        "middleware, routing, observer": webhook - handler - spent.get("send", 0.0),
        "response send": spent.get("send", 0.0),
        "body read + form parse": spent.get("form", 0.0),
        "signature": spent.get("signature", 0.0),
        "engine turn": spent.get("engine", 0.0),
        "TwiML": spent.get("twiml", 0.0),
        "handler's own logic": handler - known,
    }
    return "breakdown (ms per webhook): " + "; ".join(
        f"{name} {1000 * value / n:.3f}" for name, value in parts.items()
    )


async def measure(
    residents: int, profile: cProfile.Profile | None, breakdown: bool = False
) -> None:
    import bot.channels.sms.routes as routes
    from bench.webhooks import app_with_deferred_jobs
    from bot.conversation.follow_up import warm_up

    async def inline(_webhook: Any, function: Any, /, *args: Any, **kwargs: Any) -> Any:
        return function(*args, **kwargs)

    # The engine on this thread, so its CPU time is measurable and profiled
    # (the thread hop itself is measured by bench/webhook_server.py).
    setattr(routes.SmsWebhook, "in_thread", inline)  # noqa: B010
    app: Any = app_with_deferred_jobs()
    async with app.router.lifespan_context(app):
        requests = []
        for i in range(residents):
            number = f"+4479{i:08d}"
            requests += [
                signed_sms(number, "MATTERS", f"SMp{i:08d}a"),
                signed_sms(number, "yes", f"SMp{i:08d}b"),
                signed_sms(number, ANSWERS[i % 2], f"SMp{i:08d}c"),
            ]
        warm, requests = requests[:30], requests[30:]
        for raw in warm:
            assert await call(app, raw) == 200
        warm_up()
        engine = app.state.services.conversation
        spent = {"engine": 0.0, "playback": 0.0}
        handle, pre_route = engine.handle_inbound, engine._pre_route

        def timed_handle(message: Any) -> Any:
            started = time.process_time()
            try:
                return handle(message)
            finally:
                spent["engine"] += time.process_time() - started

        def timed_pre_route(turn: Any) -> bool:
            started = time.process_time()
            try:
                return bool(pre_route(turn))
            finally:
                spent["playback"] += time.process_time() - started

        engine.handle_inbound = timed_handle
        if pre_route is not None:
            engine._pre_route = timed_pre_route
        if breakdown:
            instrument(app, spent)
        started = time.process_time()
        if profile is not None:
            profile.enable()
        for raw in requests:
            assert await call(app, raw) == 200
        if profile is not None:
            profile.disable()
        webhook = time.process_time() - started
        started = time.process_time()
        for _ in requests:
            await call(app, HEALTHZ)
        healthz = time.process_time() - started
    n = len(requests)
    print(versions_line())
    print(
        f"CPU ms per request over {n} signed webhooks: webhook {1000 * webhook / n:.2f} "
        f"(engine turn {1000 * spent['engine'] / n:.2f}, of which playback lookup "
        f"{1000 * spent['playback'] / n:.2f}; outside the engine "
        f"{1000 * (webhook - spent['engine']) / n:.2f}); GET /healthz {1000 * healthz / n:.3f}"
    )
    if breakdown:
        print(breakdown_line(spent, webhook, n))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--residents", type=int, default=300)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--sort", default="tottime")
    parser.add_argument(
        "--breakdown", action="store_true", help="time the webhook's parts (adds ~5 us)"
    )
    args = parser.parse_args()
    tmp = tempfile.mkdtemp()
    os.environ.update(service_env(f"sqlite:///{tmp}/bench.db"))
    profile = cProfile.Profile(time.process_time) if args.profile else None
    asyncio.run(measure(args.residents, profile, args.breakdown))
    if profile is not None:
        pstats.Stats(profile).sort_stats(args.sort).print_stats(40)


if __name__ == "__main__":
    main()
