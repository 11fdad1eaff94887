"""Every table module is imported here so that SQLModel.metadata is complete."""

from storage.models import (
    accounts,  # noqa: F401  (console tables)
    feedback_themes,  # noqa: F401  (targeted "you said, we did", theme by theme)
    jobs,  # noqa: F401  (background imports and exports, their files)
    lineage,  # noqa: F401  (consultations linked across rounds, matched themes)
    outbound,  # noqa: F401  (outbound messages, invitation waves)
    pending_jobs,  # noqa: F401  (background jobs waiting in the database)
    playback,  # noqa: F401  (playback rounds, feedback publications)
    quotes,  # noqa: F401  (quote approval queue)
    responses,  # noqa: F401  (the council's response to each theme)
    themes,  # noqa: F401  (themes, assignments, embeddings)
    webchat,  # noqa: F401  (web chat transcripts)
)
from storage.models._base import (
    Channel,
    ConsentState,
    ConsultationStatus,
    Language,
    QuestionKind,
    UTCDateTime,
    as_utc,
    table_of,
    utcnow,
)
from storage.models.consultation import Consultation, ConsultationBase, Question, QuestionBase
from storage.models.participant import (
    Answer,
    AuditEvent,
    Conversation,
    InboundReceipt,
    Participant,
)

__all__ = [
    "Answer",
    "AuditEvent",
    "Channel",
    "ConsentState",
    "Consultation",
    "ConsultationBase",
    "ConsultationStatus",
    "Conversation",
    "InboundReceipt",
    "Language",
    "Participant",
    "Question",
    "QuestionBase",
    "QuestionKind",
    "UTCDateTime",
    "as_utc",
    "table_of",
    "utcnow",
]
