"""Start the production topology without containers: N web processes and M job workers.

This is what `deploy/local-topology.sh`, the topology tests and bench/scale.py
run: each web process is a single uvicorn on its own loopback port (as behind a
reverse proxy), each job worker is `whatmatters worker`, all sharing one
PostgreSQL and one Redis given by DATABASE_URL and REDIS_URL.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import httpx


@dataclass
class Topology:
    """The processes of one local topology; stop() ends them all."""

    env: dict[str, str]
    log_dir: Path
    web: dict[int, subprocess.Popen[bytes]] = field(default_factory=dict)
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)
    _logs: list[IO[bytes]] = field(default_factory=list)

    def _log(self, name: str) -> IO[bytes]:
        handle = (self.log_dir / f"{name}.log").open("ab")
        self._logs.append(handle)
        return handle

    def prestart(self) -> None:
        """Apply migrations once, before any web process starts (deploy/prestart.sh)."""
        subprocess.run([sys.executable, "-m", "app.cli", "db", "upgrade"], env=self.env, check=True)

    def start_web(self, port: int) -> subprocess.Popen[bytes]:
        previous = self.web.get(port)
        if previous is not None and previous.poll() is None:
            raise RuntimeError(f"a web process is still running on port {port}")
        if previous is not None:
            previous.wait()  # reap the dead one before replacing it
        log = self._log(f"web-{port}")
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "app.asgi:app",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--no-access-log",
                # The same head and body deadlines as `whatmatters serve`.
                "--http",
                "app.http_limits:TimedHttpToolsProtocol",
            ],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.web[port] = process
        return process

    def start_worker(
        self, *, threads: int = 32, sweep_every: float = 2.0
    ) -> subprocess.Popen[bytes]:
        log = self._log(f"worker-{len(self.workers)}")
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "app.cli",
                "worker",
                "--threads",
                str(threads),
                "--sweep-every",
                str(sweep_every),
            ],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.workers.append(process)
        return process

    def wait_ready(self, port: int, timeout: float = 180.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            process = self.web.get(port)
            if process is not None and process.poll() is not None:
                raise RuntimeError(f"web process on port {port} exited; see {self.log_dir}")
            try:
                if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise TimeoutError(f"web process on port {port} not ready after {timeout}s")

    def stop(self) -> None:
        processes = [*self.web.values(), *self.workers]
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for handle in self._logs:
            handle.close()


def start(
    *,
    env: dict[str, str],
    web_ports: list[int],
    workers: int,
    log_dir: Path,
    worker_threads: int = 32,
) -> Topology:
    """Migrate, then start the web processes and job workers and wait until ready."""
    for name in ("DATABASE_URL", "REDIS_URL"):
        if not env.get(name):
            raise SystemExit(f"{name} must be set (PostgreSQL and Redis of the topology)")
    log_dir.mkdir(parents=True, exist_ok=True)
    topology = Topology(env=env, log_dir=log_dir)
    topology.prestart()
    try:
        for port in web_ports:
            topology.start_web(port)
        for _ in range(workers):
            topology.start_worker(threads=worker_threads)
        for port in web_ports:
            topology.wait_ready(port)
    except BaseException:
        topology.stop()
        raise
    return topology


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--web", type=int, default=2, help="web processes")
    parser.add_argument("--workers", type=int, default=1, help="job workers")
    parser.add_argument("--base-port", type=int, default=8100)
    parser.add_argument("--log-dir", type=Path, default=Path("/tmp/whatmatters-topology"))
    args = parser.parse_args(argv)
    ports = [args.base_port + i for i in range(args.web)]
    topology = start(
        env=dict(os.environ), web_ports=ports, workers=args.workers, log_dir=args.log_dir
    )
    print(f"web on {', '.join(f'http://127.0.0.1:{p}' for p in ports)}; logs in {args.log_dir}")
    stop = False

    def _stop(*_: object) -> None:
        nonlocal stop
        stop = True

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    while not stop:
        time.sleep(0.5)
    topology.stop()


if __name__ == "__main__":
    main()
