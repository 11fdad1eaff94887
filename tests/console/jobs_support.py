"""Running the console's background jobs in a test: the real in-process queue, drained here.

Theming and redaction are left out unless asked for (their own tests run them with
the real models): their calls are recorded instead, so a test can see what an
import queued.
"""

from __future__ import annotations

import re
from typing import Any

import httpx

from app.jobs.queue import InProcessQueue
from app.services import Services

RECORDED = ("theme_batch", "theme_answer", "refit", "redact_answers")


def run_jobs(services: Services, *, real: tuple[str, ...] = ()) -> list[tuple[str, dict[str, Any]]]:
    """Run every queued job (and what those queue) to the end; returns the recorded calls."""
    assert isinstance(services.jobs, InProcessQueue)
    queued: list[tuple[str, dict[str, Any]]] = []
    for name in RECORDED:
        if name in real:
            continue

        def record(_name: str = name, **kwargs: Any) -> None:
            queued.append((_name, kwargs))

        services.job_registry.register(name, record)
    services.jobs.drain()
    return queued


def job_path(response: httpx.Response) -> str:
    """The progress page a POST redirected to."""
    assert response.status_code == 303, response.text
    location = response.headers["location"]
    assert re.fullmatch(r"/console/consultations/\d+/jobs/\d+", location), location
    return location
