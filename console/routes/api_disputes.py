"""REST API: how residents answered "did we hear you right?", theme by theme."""

from __future__ import annotations

from fastapi import APIRouter

from app.services import ServicesDep
from console.deps import ApiViewableConsultation
from console.disputes import DisputePublic, public_disputes
from storage.db import session_scope

router = APIRouter(prefix="/api/v1", tags=["api"])


@router.get("/consultations/{consultation_id}/disputes", response_model=list[DisputePublic])
def get_disputes(
    services: ServicesDep, consultation: ApiViewableConsultation
) -> list[DisputePublic]:
    """Per theme: agree / partly / not what I meant, whether it is disputed (at least 3
    replies, at least 2 "not what I meant" and at least a third of replies), and the
    corrections an officer approved as quotes (redacted)."""
    with session_scope(services.db) as session:
        return public_disputes(session=session, consultation_id=consultation.id or 0)
