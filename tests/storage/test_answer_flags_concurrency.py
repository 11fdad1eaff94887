"""Two transactions checking the same answer's moderation flags at the same moment."""

from __future__ import annotations

import threading

import pytest

from storage.db import make_engine, session_scope
from storage.repositories.answer_flags import flags_for
from tests.nlp.themes_factories import add_answers, make_consultation


@pytest.mark.postgres
def test_an_answer_checked_by_two_transactions_at_once_is_stored_once(pg_url: str) -> None:
    # A worker theming an answer and an officer opening it both find no flags row and
    # both write one: the second insert must not fail on answerflags' primary key.
    engine = make_engine(pg_url)
    try:
        answer_id = add_answers(engine, make_consultation(engine), ["call me on 07700 900123"])[0]
        both_checking = threading.Barrier(2, timeout=10)

        def check(text: str) -> list[dict[str, str]]:
            both_checking.wait()  # each has read "no row" before either writes
            return [{"kind": "identifying", "reason": "a phone number"}]

        seen: list[list[str]] = []
        errors: list[BaseException] = []

        def officer_or_worker() -> None:
            try:
                with session_scope(engine) as session:
                    found = flags_for(
                        session=session, answer_ids=[answer_id], check=check, version="v"
                    )
                    seen.append(found[answer_id]["active"])
            except BaseException as error:  # collected for the assertion
                errors.append(error)

        threads = [threading.Thread(target=officer_or_worker) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert errors == []
        assert seen == [["identifying"], ["identifying"]]
        with session_scope(engine) as session:
            again = flags_for(session=session, answer_ids=[answer_id], check=check, version="v")
        assert again[answer_id]["active"] == ["identifying"], "stored once, read back"
    finally:
        engine.dispose()
