"""Shared column helpers and enumerations for every table module."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum


def utcnow() -> datetime:
    """Timezone-aware UTC now; every stored time is UTC."""
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """A naive time read back from SQLite (or given without a zone) is UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


class Channel(StrEnum):
    SMS = "sms"
    WHATSAPP = "whatsapp"
    TELEGRAM = "telegram"
    # The phone simulator (a developer tool) and the residents' web chat
    # (/chat/<KEYWORD>) are different channels: breakdowns by channel must not
    # count an officer's rehearsal as a resident's answer.
    WEB = "web"
    WEBCHAT = "webchat"
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
