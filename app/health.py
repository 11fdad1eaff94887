"""Liveness and readiness probes for load balancers and orchestrators."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from sqlalchemy import text

from app.services import ServicesDep
from storage.migrate import current_revisions, head_revisions

router = APIRouter(tags=["health"])


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """The process is up and serving requests."""
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(services: ServicesDep) -> JSONResponse:
    """The database answers and its schema is at the latest migration."""

    def check() -> tuple[bool, dict[str, object]]:
        try:
            with services.db.connect() as connection:
                connection.execute(text("SELECT 1"))
        except Exception as error:  # any driver error means "not ready"
            return False, {"status": "unavailable", "database": type(error).__name__}
        current = current_revisions(services.db)
        heads = head_revisions(str(services.db.url))
        if current != heads:
            return False, {
                "status": "migrations pending",
                "database": "ok",
                "current": sorted(current),
                "head": sorted(heads),
                "fix": "run: whatmatters db upgrade",
            }
        return True, {"status": "ready", "database": "ok", "migrations": sorted(current)}

    ok, body = await run_in_threadpool(check)
    return JSONResponse(body, status_code=200 if ok else 503)
