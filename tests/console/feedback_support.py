"""What the "you said, we did" console tests share: a consultation with people who asked to hear
back, the app's own job queue sending through a recording deliverer, and the publish form."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from app.jobs.queue import InProcessQueue
from app.services import Services
from storage.db import session_scope
from storage.models import Channel
from storage.models.playback import FeedbackRecipient
from tests.bot.playback.conftest import RecordingDeliverer, add_person
from tests.console.factories import make_consultation, make_officer, sign_in
from usecases.feedback.publication import register_feedback_job

DAYTIME = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
NIGHT = datetime(2026, 11, 23, 22, 30, tzinfo=UTC)  # inside 21:00-08:00 London


@dataclass
class Setup:
    cid: int
    token: str
    deliverer: RecordingDeliverer
    services: Services

    @property
    def url(self) -> str:
        return f"/console/consultations/{self.cid}"

    def use(
        self, deliverer: RecordingDeliverer, now: datetime = DAYTIME, slice_seconds: float = 120
    ) -> None:
        """Send through `deliverer` at `now` (re-registers the app's job, on the app's queue)."""
        self.deliverer = deliverer
        register_feedback_job(
            self.services.job_registry,
            self.services.db,
            self.services.settings,
            jobs=self.services.jobs,
            slice_seconds=slice_seconds,
            make_deliverer=lambda: (deliverer, None),
            now=lambda: now,
        )

    def run_jobs(self) -> None:
        assert isinstance(self.services.jobs, InProcessQueue)
        self.services.jobs.drain()

    def sent_to(self) -> list[str]:
        return [address for _, address, _ in self.deliverer.sent]


async def make_setup(client: httpx.AsyncClient, services: Services) -> Setup:
    """A signed-in officer's consultation; two people there asked to hear back, in each language.

    The English one texts (SMS), the Welsh one uses Telegram; the others opted
    out, never answered the question, said no, or took part in another consultation.
    """
    db, protector = services.db, services.settings.address_protector
    officer = make_officer(db)
    cid = make_consultation(db, shared_with=[officer])
    other = make_consultation(db)
    add_person(db, protector, cid, "+447700900001")
    add_person(db, protector, cid, "555001", language="cy", channel=Channel.TELEGRAM)
    add_person(db, protector, cid, "+447700900003", opted_out=True)
    add_person(db, protector, cid, "+447700900004", wants_feedback=None)  # never asked
    add_person(db, protector, cid, "+447700900005", wants_feedback=False)
    add_person(db, protector, other, "+447700900006")  # another consultation's resident
    token = await sign_in(client, officer)
    result = Setup(cid=cid, token=token, deliverer=RecordingDeliverer(), services=services)
    result.use(RecordingDeliverer())
    return result


async def publish(
    client: httpx.AsyncClient, setup: Setup, *, notify: bool = True, **texts: str
) -> httpx.Response:
    data = {"csrf_token": setup.token, **texts}
    if notify:
        data["notify"] = "true"
    return await client.post(f"{setup.url}/found-out", data=data, follow_redirects=True)


def recipients(db: Engine) -> list[tuple[int, int, str]]:
    with session_scope(db) as session:
        rows = session.exec(select(FeedbackRecipient).order_by(col(FeedbackRecipient.id))).all()
        return [(r.publication_id, r.participant_id, str(r.state)) for r in rows]
