"""All configuration in one place, read from the environment or a `.env` file.

Only the composition root (the `app` package) reads settings; everything else
receives plain values.
"""

from __future__ import annotations

import os
from functools import cached_property
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from storage.identity import AddressProtector, derive_fernet_key

# Development-only secrets: fine on a laptop with the simulator, refused in production.
DEV_SECRET = "whatmatters-development-only-secret"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env",
        env_ignore_empty=True,
        extra="ignore",
    )

    environment: Literal["development", "test", "production"] = "development"
    database_url: str = "sqlite:///./whatmatters.db"
    # Set in production: jobs go to Redis and run in `whatmatters worker`
    # processes; unset, they run in-process (the embedded default).
    redis_url: str | None = None
    # Without Redis: "process" queues jobs in the database for a worker process that
    # `whatmatters serve` starts (embedding never holds the web process's GIL);
    # "thread" runs them on a thread of the web process. Unset: "thread" under
    # ENVIRONMENT=test (tests drain jobs themselves), "process" otherwise.
    job_worker: Literal["process", "thread"] | None = None
    # Jobs the worker process runs at once (theming jobs share embedder passes).
    job_worker_threads: int = Field(default=32, ge=1, le=256)
    # Worker processes `whatmatters serve` starts without Redis. Unset: one per two
    # usable cores, at most 4 (the web process keeps a core; each worker loads its
    # own models, ~0.5 GB). 0: none; jobs wait for a `whatmatters worker` run apart.
    job_worker_processes: int | None = Field(default=None, ge=0, le=16)
    # Milliseconds before a silent worker's unacknowledged jobs go to another.
    redis_heartbeat_timeout_ms: int = 60_000
    # "default" (MiniLM + Welsh through e5) or "hashing" (fast, lower quality:
    # for tests and tiny machines only).
    embedder: Literal["default", "hashing"] = "default"
    log_format: Literal["text", "json"] = "text"
    log_level: str = "INFO"
    host: str = "127.0.0.1"
    port: int = 8000

    # Identity: HMAC key for address lookups; Fernet keys (comma-separated,
    # newest first) for the encrypted addresses. See docs/operations.md.
    address_hash_key: SecretStr = SecretStr(DEV_SECRET)
    address_encryption_keys: SecretStr | None = None
    # Signs console session cookies and CSRF tokens.
    secret_key: SecretStr = SecretStr(DEV_SECRET)

    # Providers, under their usual names. Without them the service runs with
    # the phone simulator only.
    twilio_account_sid: str | None = None
    twilio_auth_token: SecretStr | None = None
    telegram_bot_token: SecretStr | None = None
    telegram_webhook_secret: SecretStr | None = None
    # The bot's @username, for deep links and poster QR codes in the console.
    telegram_bot_username: str | None = None
    # The URL providers call (https://consult.example.gov.uk); signatures are
    # checked against it so the service works behind a TLS-terminating proxy.
    public_base_url: str = "http://127.0.0.1:8000"
    # SMS sending: the number (or Messaging Service SID, MG...) invitations
    # come from; TWILIO_NUMBERS (comma-separated) limits which numbers the
    # webhook serves (empty: every number of the account). Invitation waves
    # send at SMS_SEND_RATE messages/s and never in quiet hours (local time).
    twilio_from_number: str | None = None
    # WhatsApp's sender number (default: TWILIO_FROM_NUMBER); sent as "whatsapp:+44...".
    twilio_whatsapp_from: str | None = None
    twilio_numbers: str = ""
    sms_send_rate: float = 5.0
    quiet_hours_start: str = "21:00"
    quiet_hours_end: str = "08:00"
    quiet_hours_timezone: str = "Europe/London"

    # Where inbound webhooks are spooled (fsync'd, encrypted) while the database
    # is unreachable, to be replayed when it is back (bot/spool.py). Empty: no
    # spool, and webhooks answer 503 so the provider keeps the message. Each web
    # host needs its own persistent directory (compose.yaml mounts a volume).
    spool_dir: str = ""
    # Proxies whose X-Forwarded-For / X-Forwarded-Proto are believed (IPs or
    # CIDR networks, comma-separated; "*" trusts anyone who can reach the port).
    # Behind the compose file's Caddy this is the compose network, so sign-in
    # throttling and logs see each resident's own address, not Caddy's.
    forwarded_allow_ips: str = "127.0.0.1"
    # Bearer token for GET /metrics; unset: /metrics answers only on loopback
    # (the Caddyfile never passes it through either).
    metrics_token: SecretStr | None = None
    # HTTP limits: idle keep-alive connections close after this many seconds;
    # more than this many open connections get 503 instead of queueing.
    http_keep_alive_seconds: int = Field(default=5, ge=1, le=300)
    http_max_connections: int = Field(default=1000, ge=10)
    # A request head must arrive within this many seconds of the connection (or of its
    # first byte), and a request body within this many of its head; slower clients
    # get 408 and are disconnected (app/http_limits.py).
    http_header_timeout_seconds: float = Field(default=10, gt=0, le=300)
    http_body_timeout_seconds: float = Field(default=60, gt=0, le=3600)

    # Seed a bilingual sample consultation on first start (embedded default).
    seed_demo: bool = True
    # Largest request body accepted by webhooks and forms, in bytes.
    max_body_bytes: int = 64 * 1024
    # Breakdowns never show a cell smaller than this.
    small_cell_threshold: int = 5
    # Days to keep residents' words and contact details (None: keep); see bot.retention.
    retention_days: int | None = Field(default=None, ge=1, le=36_500)

    @model_validator(mode="after")
    def _refuse_default_secrets_in_production(self) -> Settings:
        if self.environment != "production":
            return self
        problems = []
        if self.address_hash_key.get_secret_value() == DEV_SECRET:
            problems.append("ADDRESS_HASH_KEY")
        if self.address_encryption_keys is None:
            problems.append("ADDRESS_ENCRYPTION_KEYS")
        if self.secret_key.get_secret_value() == DEV_SECRET:
            problems.append("SECRET_KEY")
        if problems:
            raise ValueError(
                "production needs real secrets; set "
                + ", ".join(problems)
                + " (see deploy/.env.example for how to generate each one)"
            )
        return self

    @cached_property
    def address_protector(self) -> AddressProtector:
        if self.address_encryption_keys is not None:
            keys: list[str | bytes] = [
                k.strip()
                for k in self.address_encryption_keys.get_secret_value().split(",")
                if k.strip()
            ]
        else:
            keys = [derive_fernet_key(self.address_hash_key.get_secret_value())]
        return AddressProtector(
            hash_key=self.address_hash_key.get_secret_value().encode(), encryption_keys=keys
        )

    @property
    def resolved_job_worker(self) -> Literal["process", "thread"]:
        if self.job_worker is not None:
            return self.job_worker
        return "thread" if self.environment == "test" else "process"

    @property
    def resolved_job_worker_processes(self) -> int:
        if self.job_worker_processes is not None:
            return self.job_worker_processes
        return min(4, max(1, len(os.sched_getaffinity(0)) // 2))

    @property
    def twilio_enabled(self) -> bool:
        return bool(self.twilio_account_sid and self.twilio_auth_token)

    @property
    def telegram_enabled(self) -> bool:
        return self.telegram_bot_token is not None
