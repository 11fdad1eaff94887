"""The console's side of a consultation's places to keep and words to hide.

The form reads the lists (console/forms.py), the consultation routes save them and take
the words to hide out of quotes and theme names in the same transaction
(nlp/redaction/consultation_words.py); what is left runs here, after that commit.
"""

from __future__ import annotations

from app.services import Services
from console.i18n import translate
from nlp.redaction.consultation_words import redo_waiting_quotes
from storage.db import session_scope
from storage.input_policy import WordListError
from storage.repositories import console_consultations as edits

#: Answers per queued redaction job after the words change (as the worker's sweep).
REDACT_BATCH = 500
# The word lists' field names as ConsultationForm.redaction_words gives them.
FIELD_LABELS = {"places to keep": "field-places-to-keep", "words to hide": "field-words-to-hide"}


def after_words_saved(services: Services, consultation_id: int) -> None:
    """Redo waiting quotes, then queue the answers' redaction with the new words.

    Waiting quotes are redone in a transaction of their own: on SQLite no write lock is
    held while the redactor runs. The answers are redacted again off the request path,
    or exports would redact every answer again on their first run.
    """
    with session_scope(services.db) as session:
        redo_waiting_quotes(session=session, consultation_id=consultation_id)
    if "redact_answers" not in services.job_registry.names():
        return
    with session_scope(services.db) as session:
        ids = edits.answer_ids(session=session, consultation_id=consultation_id)
    for start in range(0, len(ids), REDACT_BATCH):
        services.jobs.enqueue("redact_answers", answer_ids=ids[start : start + REDACT_BATCH])


def explain_word_list(language: str, error: WordListError) -> str:
    """What is wrong with a typed list, in the page's language."""
    field = translate(language, FIELD_LABELS.get(error.field, "field-words-to-hide"))
    return translate(language, f"words-{error.kind}", field=field, **error.details)
