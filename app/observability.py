"""Request ids, structured JSON logs, Prometheus metrics and the database-down answer.

* Every request gets an id (the proxy's ``X-Request-ID`` when it is sane, or a new
  one), carried in a context variable into every log line and echoed back.
* ``/metrics`` serves Prometheus text. With several web workers set
  ``PROMETHEUS_MULTIPROC_DIR`` so the counters of every process are summed.
  Counts that must be right across processes and restarts (answers stored,
  opt-outs, queue depth) are read from the store and the queue at scrape time
  rather than kept in memory.
* A database that cannot be reached becomes ``503 Retry-After`` so providers
  retry later instead of being told the message was taken.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlmodel import col
from starlette.types import ASGIApp, Message, Receive, Scope, Send

request_id_var: ContextVar[str] = ContextVar("request_id", default="-")
_SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
log = logging.getLogger("whatmatters.http")


WEBHOOKS = Counter(
    "whatmatters_webhooks_total",
    "Webhook requests by channel and HTTP status.",
    ["channel", "status"],
)
LATENCY = Histogram(
    "whatmatters_request_seconds",
    "Request latency by route template.",
    ["route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)


class JsonFormatter(logging.Formatter):
    """One JSON object per line, with the request id; never the message text of residents."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": request_id_var.get(),
        }
        for key in ("method", "path", "status", "duration_ms", "job"):
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(log_format: str, level: str = "INFO") -> None:
    """Install the chosen log format on the root logger (idempotent)."""
    handler = logging.StreamHandler()
    if log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(level)


class StoreCollector(Collector):
    """Counts read from the database and queue when Prometheus scrapes."""

    def __init__(self, engine: Engine, queue_depth: Callable[[], int | None]) -> None:
        self._engine = engine
        self._queue_depth = queue_depth

    def collect(self) -> Iterator[GaugeMetricFamily]:
        from storage.models import Answer, Participant

        answers = GaugeMetricFamily(
            "whatmatters_answers_stored",
            "Answers held in the store, by channel.",
            labels=["channel"],
        )
        opted_out = GaugeMetricFamily(
            "whatmatters_participants_opted_out", "Participants who have opted out."
        )
        try:
            with self._engine.connect() as conn:
                for channel, count in conn.execute(
                    select(col(Answer.channel), func.count()).group_by(col(Answer.channel))
                ):
                    answers.add_metric([str(channel)], float(count))
                opted_out.add_metric(
                    [],
                    float(
                        conn.execute(
                            select(func.count())
                            .select_from(Participant)
                            .where(col(Participant.opted_out).is_(True))
                        ).scalar_one()
                    ),
                )
        except DBAPIError:
            return  # the database is down: /readyz says so; metrics stay quiet
        yield answers
        yield opted_out
        depth = self._queue_depth()
        if depth is not None:
            gauge = GaugeMetricFamily("whatmatters_queue_depth", "Jobs waiting to run.")
            gauge.add_metric([], float(depth))
            yield gauge


def _route_template(scope: Scope) -> str:
    route = scope.get("route")
    path = getattr(route, "path", None)
    return str(path) if path else "unmatched"


class RequestObserver:
    """Request id, latency histogram, webhook counter and one log line per request.

    Pure ASGI rather than ``@app.middleware("http")``: Starlette's
    BaseHTTPMiddleware runs the app in a task group and wraps every response
    in a stream, which cost more than the signature check on every webhook.
    """

    def __init__(self, app: ASGIApp, *, webhook_channels: Mapping[str, str]) -> None:
        self.app = app
        self.webhook_channels = dict(webhook_channels)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = _header(scope, b"x-request-id")
        request_id = given if _SANE_REQUEST_ID.match(given) else uuid.uuid4().hex
        echoed = (b"x-request-id", request_id.encode("ascii"))
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                headers = [h for h in message.get("headers", []) if h[0].lower() != echoed[0]]
                message = {**message, "headers": [*headers, echoed]}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - started
            path = str(scope["path"])
            template = _route_template(scope)
            LATENCY.labels(template).observe(elapsed)
            # By path, or by route template for channels whose path carries a value
            # (the web chat's /chat/{keyword}).
            channel = self.webhook_channels.get(path) or self.webhook_channels.get(template)
            method = str(scope["method"])
            if channel is not None and method == "POST":
                WEBHOOKS.labels(channel, str(status)).inc()
            log.info(
                "%s %s %s",
                method,
                path,
                status,
                extra={
                    "method": method,
                    "path": path,
                    "status": status,
                    "duration_ms": round(elapsed * 1000, 2),
                },
            )
            request_id_var.reset(token)


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers") or ():
        if key == name:
            return bytes(value).decode("latin-1")
    return ""


def install(
    app: FastAPI,
    *,
    engine: Engine,
    queue_depth: Callable[[], int | None],
    webhook_labels: Mapping[str, str],
    metrics_token: str | None = None,
) -> None:
    """Add the request-id/metrics middleware, /metrics and the database-down handler.

    `webhook_labels` maps each channel's webhook path to its label (the channel registry's).
    """
    webhook_channels = dict(webhook_labels)

    app.add_middleware(RequestObserver, webhook_channels=webhook_channels)

    store_collector = StoreCollector(engine, queue_depth)

    @app.get("/metrics", include_in_schema=False)
    def metrics(request: Request) -> Response:
        """Prometheus metrics for this service (METRICS_TOKEN, or loopback only)."""
        from bot.web_security import metrics_allowed

        if not metrics_allowed(request, metrics_token):
            return Response(
                "metrics need METRICS_TOKEN\n", status_code=401, media_type="text/plain"
            )
        registry = CollectorRegistry()
        if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            from prometheus_client import multiprocess

            multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        else:
            from prometheus_client import REGISTRY

            registry = REGISTRY
        body = generate_latest(registry)
        body += generate_latest(_single(store_collector))
        return Response(body, media_type=CONTENT_TYPE_LATEST)

    async def database_unavailable(request: Request, error: Exception) -> JSONResponse:
        # Nothing was acknowledged: the provider keeps the message and retries.
        log.error("database unavailable: %s", type(error).__name__)
        return JSONResponse(
            {"detail": "The service is briefly unavailable; please retry."},
            status_code=503,
            headers={"Retry-After": "5"},
        )

    # Connection failures only: a constraint violation is a bug, not an outage.
    for error_type in (OperationalError, InterfaceError, PoolTimeoutError):
        app.add_exception_handler(error_type, database_unavailable)


def _single(collector: Collector) -> CollectorRegistry:
    registry = CollectorRegistry(auto_describe=False)
    registry.register(collector)
    return registry
