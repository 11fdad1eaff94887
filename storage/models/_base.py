"""Shared column helpers and enumerations for every table module."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import DateTime, Table
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator
from sqlmodel import SQLModel


def utcnow() -> datetime:
    """Timezone-aware UTC now; every stored time is UTC."""
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """A naive time read back from SQLite (or given without a zone) is UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def table_of(model: type[SQLModel]) -> Table:
    """A model's Core table, for bulk and aggregate queries (never a name looked up at runtime)."""
    table = model.__table__  # type: ignore[attr-defined]  # set by SQLModel for table=True
    assert isinstance(table, Table), f"{model.__name__} is not a table model"
    return table


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp that is UTC and time-zone aware on the way in and out, on both databases.

    PostgreSQL keeps the zone; SQLite keeps none and hands back naive values, which the
    exports would print without an offset (and `timestamp()` would read in the host's
    zone). Stored values are converted to UTC; read values come back as UTC.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else as_utc(value).astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        return None if value is None else as_utc(value).astimezone(UTC)


class Channel(StrEnum):
    SMS = "sms"
    WHATSAPP = "whatsapp"
    TELEGRAM = "telegram"
    WEB = "web"
    IMPORT = "import"


class Language(StrEnum):
    EN = "en"
    CY = "cy"


class ConsultationStatus(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class QuestionKind(StrEnum):
    OPEN = "open"
    PROBE = "probe"
    CHOICE = "choice"
    WARD = "ward"
    AGE_BAND = "age_band"


class ConsentState(StrEnum):
    UNKNOWN = "unknown"
    GIVEN = "given"
    REFUSED = "refused"
