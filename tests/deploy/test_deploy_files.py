"""The container files cannot run here (no container engine): check what can be checked."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.settings import Settings

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def _compose() -> dict[str, Any]:
    data = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    assert isinstance(data, dict)
    return data


def test_env_example_documents_every_setting() -> None:
    text = (DEPLOY / ".env.example").read_text()
    documented = set(re.findall(r"^([A-Z][A-Z0-9_]*)=", text, flags=re.MULTILINE))
    missing = {name.upper() for name in Settings.model_fields} - documented
    assert not missing, f"add these to deploy/.env.example: {sorted(missing)}"


def test_env_example_values_are_accepted_by_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """The example with secrets filled in is a valid production configuration."""
    text = (DEPLOY / ".env.example").read_text()
    fields = {name.upper() for name in Settings.model_fields}
    for line in text.splitlines():
        name, sep, value = line.partition("=")
        if sep and name in fields and value:
            monkeypatch.setenv(name, value)
    monkeypatch.setenv("ADDRESS_HASH_KEY", "a-real-secret-for-this-test")
    monkeypatch.setenv("ADDRESS_ENCRYPTION_KEYS", "H0xJ0yA8jAOdXbqZLRLDUiuCzMmQ4FIqxKAGlYp3GEo=")
    monkeypatch.setenv("SECRET_KEY", "another-real-secret-for-this-test")
    settings = Settings(_env_file=None)
    assert settings.environment == "production"
    assert settings.seed_demo is False


def test_compose_has_the_production_services_with_healthchecks() -> None:
    services = _compose()["services"]
    for name in ("app", "worker", "postgres", "redis", "proxy"):
        assert name in services, name
        assert "test" in services[name]["healthcheck"], name
    assert services["app"]["deploy"]["replicas"] >= 2
    assert services["worker"]["command"][:2] == ["whatmatters", "worker"]
    # Migrations run once, before any web process or worker starts.
    assert services["migrate"]["command"] == ["/app/prestart.sh"]
    for name in ("app", "worker"):
        assert services[name]["depends_on"]["migrate"] == {
            "condition": "service_completed_successfully"
        }
    assert services["postgres"]["image"].startswith("postgres:16")
    assert services["redis"]["image"].startswith("redis:7")


def test_caddyfile_is_mounted_and_proxies_to_the_app() -> None:
    proxy = _compose()["services"]["proxy"]
    assert "./Caddyfile:/etc/caddy/Caddyfile:ro" in proxy["volumes"]
    caddyfile = (DEPLOY / "Caddyfile").read_text()
    assert "name app" in caddyfile and "port 8000" in caddyfile


def test_dockerfile_is_multi_stage_pinned_and_non_root() -> None:
    text = (DEPLOY / "Dockerfile").read_text()
    assert re.search(r"python:3\.11\.\d+-slim-bookworm", text)
    assert text.count("FROM ") >= 2
    assert re.search(r"^USER whatmatters$", text, flags=re.MULTILINE)
    assert "HEALTHCHECK" in text and "/healthz" in text
    # Every package the wheel needs is copied into the build stage.
    for package in ("app", "bot", "usecases", "console", "nlp", "storage"):
        assert f"COPY {package} ./{package}" in text


@pytest.mark.parametrize("script", ["prestart.sh", "local-topology.sh"])
def test_scripts_are_valid_bash(script: str) -> None:
    bash = shutil.which("bash")
    assert bash is not None
    path = DEPLOY / script
    assert path.stat().st_mode & 0o111, f"{script} is not executable"
    result = subprocess.run([bash, "-n", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_prestart_fails_clearly_without_a_database_url() -> None:
    result = subprocess.run(
        ["bash", str(DEPLOY / "prestart.sh")],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert result.returncode != 0
    assert "DATABASE_URL must be set" in result.stderr


def test_prestart_waits_for_the_database_then_migrates(tmp_path: Path) -> None:
    """Run the real script against SQLite: it finds the database and applies the schema."""
    venv_bin = Path(__file__).resolve().parents[2] / ".venv" / "bin"
    if not (venv_bin / "whatmatters").exists():
        pytest.skip("needs the project installed in .venv (scripts/test does it)")
    url = f"sqlite:///{tmp_path / 'prestart.db'}"
    result = subprocess.run(
        ["bash", str(DEPLOY / "prestart.sh")],
        capture_output=True,
        text=True,
        env={"PATH": f"{venv_bin}:/usr/bin:/bin", "DATABASE_URL": url},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "database is up" in result.stdout
    assert "latest schema" in result.stdout
    assert (tmp_path / "prestart.db").stat().st_size > 0


@pytest.mark.slow
@pytest.mark.postgres
def test_local_topology_script_starts_web_and_worker_and_stops_cleanly(
    pg_url: str, redis_url: str, tmp_path: Path
) -> None:
    """deploy/local-topology.sh against given servers: ready web, running worker, clean stop."""
    import os
    import signal
    import socket

    import httpx

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    env = {
        **os.environ,
        "DATABASE_URL": pg_url,
        "REDIS_URL": redis_url,
        "EMBEDDER": "hashing",
        "ENVIRONMENT": "test",
    }
    process = subprocess.Popen(
        [str(DEPLOY / "local-topology.sh"), "--web", "1", "--workers", "1"]
        + ["--base-port", str(port), "--log-dir", str(tmp_path)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert process.stdout is not None
        # The script prints "web on ..." only once every web process answers /readyz.
        output = [process.stdout.readline() for _ in range(2)]
        assert "latest schema" in output[0], output  # migrated first (prestart)
        assert output[1].startswith(f"web on http://127.0.0.1:{port}"), output
        ready = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=5)
        assert ready.status_code == 200 and ready.json()["status"] == "ready"
        assert (tmp_path / "worker-0.log").exists()
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) == 0
        with pytest.raises(httpx.ConnectError):
            httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()


def test_image_build_context_leaves_out_secrets_and_local_data() -> None:
    """Only what the Dockerfile copies is sent to the builder (BuildKit's per-Dockerfile ignore)."""
    ignore = (DEPLOY / "Dockerfile.dockerignore").read_text().splitlines()
    assert "**" in ignore  # everything is left out unless listed back in
    assert {"**/.env", "**/*.db"} <= set(ignore)
    copied = re.findall(
        r"^COPY (?!--from)(?:--\S+ )?(\S+)", (DEPLOY / "Dockerfile").read_text(), re.M
    )
    for source in copied:
        assert f"!{source.rstrip('/')}" in ignore or f"!{source.rstrip('/')}/" in ignore, source
