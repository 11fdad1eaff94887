"""The console's side of a consultation's places to keep and words to hide.

The form reads the lists (console/forms.py), the consultation routes save them and take
the words to hide out of quotes and theme names in the same transaction
(nlp/redaction/consultation_words.py); what needs the redactor is queued here, after that
commit, so that the officer's save never waits on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.services import Services
from console.i18n import translate
from nlp.redaction.consultation_words import redo_waiting_quotes
from storage.db import session_scope
from storage.input_policy import WordListError
from storage.repositories import console_consultations as edits

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from app.jobs.queue import JobRegistry

#: The job that redoes a consultation's waiting quotes (app/jobs/catalogue.py).
REDO_JOB = "redo_waiting_quotes"
#: Answers per queued redaction job after the words change (as the worker's sweep).
REDACT_BATCH = 500
# The word lists' field names as ConsultationForm.redaction_words gives them.
FIELD_LABELS = {"places to keep": "field-places-to-keep", "words to hide": "field-words-to-hide"}


def after_words_saved(services: Services, consultation_id: int) -> None:
    """Queue the waiting quotes' redaction, then the answers', with the new words.

    Both run the redactor, so off the request path: a consultation's waiting quotes
    number in the hundreds, its answers in the tens of thousands (exports would otherwise
    redact every answer again on their first run). Until the quotes job has run a waiting
    quote hides more than it will, never less: the words to hide are already out of it.
    """
    services.jobs.enqueue(REDO_JOB, consultation_id=consultation_id)
    with session_scope(services.db) as session:
        ids = edits.answer_ids(session=session, consultation_id=consultation_id)
    for start in range(0, len(ids), REDACT_BATCH):
        services.jobs.enqueue("redact_answers", answer_ids=ids[start : start + REDACT_BATCH])


def register_redo_quotes_job(registry: JobRegistry, engine: Engine) -> None:
    """Register the job redoing a consultation's waiting quotes (idempotent: a quote
    already redone is left as it is)."""

    def redo_quotes(consultation_id: int) -> None:
        with session_scope(engine) as session:
            redo_waiting_quotes(session=session, consultation_id=consultation_id)

    registry.register(REDO_JOB, redo_quotes)


def explain_word_list(language: str, error: WordListError) -> str:
    """What is wrong with a typed list, in the page's language."""
    field = translate(language, FIELD_LABELS.get(error.field, "field-words-to-hide"))
    return translate(language, f"words-{error.kind}", field=field, **error.details)
