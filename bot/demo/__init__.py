"""The sample bilingual consultation seeded on first run of the embedded default."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from storage.db import session_scope
from storage.models import ConsultationStatus
from storage.repositories.consultations import (
    ConsultationError,
    count_consultations,
    create_consultation,
    get_by_slug,
)

DEMO_FILE = Path(__file__).with_name("consultation.yaml")


def load_definition(path: Path) -> dict[str, Any]:
    """Read a consultation definition (YAML or JSON) with a clear error when malformed."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ConsultationError(f"cannot read {path}: {error}") from error
    if not isinstance(data, dict):
        raise ConsultationError(f"{path} must hold a mapping of consultation fields")
    required = {"slug", "keyword", "title_en", "title_cy", "questions"}
    missing = required - set(data)
    if missing:
        raise ConsultationError(f"{path} is missing: {', '.join(sorted(missing))}")
    if not isinstance(data["questions"], list):
        raise ConsultationError(f"{path}: questions must be a list")
    return data


def create_from_definition(engine: Engine, data: dict[str, Any]) -> str:
    data = dict(data)
    status = ConsultationStatus(data.pop("status", ConsultationStatus.DRAFT))
    with session_scope(engine) as session:
        consultation = create_consultation(session=session, status=status, **data)
        return consultation.slug


def seed_demo(engine: Engine) -> bool:
    """Seed the sample consultation into an empty store; returns True when it did."""
    with session_scope(engine) as session:
        if count_consultations(session=session) > 0:
            return False
    try:
        create_from_definition(engine, load_definition(DEMO_FILE))
    except (ConsultationError, IntegrityError):
        # Several web processes start at once; one of them seeded it first.
        with session_scope(engine) as session:
            if get_by_slug(session=session, slug="what-matters") is not None:
                return False
        raise
    return True
