"""Console accounts: officers, who may see which consultation, API tokens, sign-in attempts."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import String, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.models._base import UTCDateTime, utcnow
from storage.models.quality import HandCode  # noqa: F401  (console table)
from storage.models.redacted import AnswerFlags, RedactedAnswer  # noqa: F401  (console tables)


class Role(StrEnum):
    ADMIN = "admin"
    OFFICER = "officer"
    FACILITATOR = "facilitator"
    READONLY = "readonly"


class OfficerBase(SQLModel):
    # Stored lower-case so sign-in does not depend on how the address was typed.
    email: str = Field(max_length=254, unique=True, index=True)
    display_name: str = Field(default="", max_length=120)
    role: Role = Field(default=Role.OFFICER, sa_type=String(16))
    active: bool = True
    # "en" or "cy"; None follows the browser's Accept-Language.
    console_language: str | None = Field(default=None, max_length=8)


class Officer(OfficerBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    password_hash: str = Field(max_length=255)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime())
    last_sign_in_at: datetime | None = Field(default=None, sa_type=UTCDateTime())


class ConsultationShare(SQLModel, table=True):
    """Grants an officer or facilitator access to one consultation.

    The officer who creates a consultation gets a share too ("owner"), so
    "own or shared" is one query.
    """

    __table_args__ = (UniqueConstraint("consultation_id", "officer_id"),)

    id: int | None = Field(default=None, primary_key=True)
    consultation_id: int = Field(foreign_key="consultation.id", index=True, ondelete="CASCADE")
    officer_id: int = Field(foreign_key="officer.id", index=True, ondelete="CASCADE")
    owner: bool = False
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime())


class ApiToken(SQLModel, table=True):
    """A bearer token for the REST API; only its SHA-256 is stored."""

    id: int | None = Field(default=None, primary_key=True)
    officer_id: int = Field(foreign_key="officer.id", index=True, ondelete="CASCADE")
    name: str = Field(default="", max_length=120)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime())
    last_used_at: datetime | None = Field(default=None, sa_type=UTCDateTime())
    revoked: bool = False


class LoginAttempt(SQLModel, table=True):
    """Failed sign-ins, kept in the database so rate limiting holds across workers."""

    id: int | None = Field(default=None, primary_key=True)
    # Keyed by e-mail and by client address separately ("email:x", "ip:1.2.3.4").
    key: str = Field(max_length=300, index=True)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime(), index=True)


class ConsoleSession(SQLModel, table=True):
    """A signed-in browser. The cookie carries a random id; only its SHA-256 is stored.

    Server-side so that signing out, a password change or switching an account
    off ends the session everywhere: a copied cookie stops working at once.
    """

    id: int | None = Field(default=None, primary_key=True)
    officer_id: int = Field(foreign_key="officer.id", index=True, ondelete="CASCADE")
    token_hash: str = Field(max_length=64, unique=True, index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime())
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime())
