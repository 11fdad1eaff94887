"""Shared by the browser tests: Debian's Chromium, and the service run by uvicorn on loopback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium() -> str:
    """Debian's Chromium (scripts/lib.sh installs it); skipped locally, a failure in CI."""
    if Path(CHROMIUM).exists():
        return CHROMIUM
    message = "Chromium not found: run `bash -c 'source scripts/lib.sh; ensure_chromium'`"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_service(database_url: str, *, seed_demo: bool) -> Iterator[str]:
    """`app.asgi:app` under uvicorn on a free loopback port; yields its base URL."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SEED_DEMO": "true" if seed_demo else "false",
        "ENVIRONMENT": "test",
        "PUBLIC_BASE_URL": base,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "app.asgi:app", "--host", "127.0.0.1"]
        + ["--port", str(port), "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(240):
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        else:
            pytest.fail("uvicorn did not start")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)
