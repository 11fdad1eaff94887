"""What an edit of a consultation's words does to quotes already there (issue 15).

An officer's own redaction of a quote is kept (the words to hide are added to it), and an
approved quote that a new place to keep would only show more of stays approved: hiding
less than needed is what needs a new decision, not hiding more.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from nlp.embeddings.hashing import HashingEmbedder
from nlp.redaction import Redactor
from nlp.redaction.consultation_words import (
    REQUEUED_PLACES_REMOVED,
    REQUEUED_WORDS_TO_HIDE,
    follow_words_change,
    hide_words_now,
    redo_waiting_quotes,
)
from nlp.redaction.quotes import propose_redacted_quotes
from nlp.themes import redacted, service
from nlp.themes.edits import ThemeEditError, seed_theme
from storage.db import session_scope
from storage.models import Consultation
from storage.models.quotes import Quote, QuoteStatus
from storage.models.responses import Decision, ThemeResponse
from storage.models.themes import Theme
from storage.repositories import quotes as quotes_repo
from storage.repositories import themes as themes_repo
from storage.repositories.redaction_words import set_words
from tests.nlp.themes_factories import add_answers, make_consultation

PARK = "Sorry Caia Park is rough and we need more police, Tegwedd never rang back"


def _set_lists(
    session: Session, cid: int, *, keep: Sequence[str] = (), hide: Sequence[str] = ()
) -> None:
    """The consultation's places to keep and words to hide, as the console's form sets them."""
    consultation = session.get(Consultation, cid)
    assert consultation is not None
    set_words(session=session, consultation=consultation, places_to_keep=keep, words_to_hide=hide)


def test_quotes_follow_the_words_but_keep_the_officers_decisions(engine: Engine) -> None:
    cid = make_consultation(engine)
    ids = add_answers(engine, cid, [PARK, f"{PARK} again", f"{PARK} twice"])
    with session_scope(engine) as session:
        edited, approved, waiting = (
            q.id or 0
            for q in propose_redacted_quotes(session=session, answer_ids=ids, redactor=Redactor())
        )
        assert session.get(Quote, waiting).redacted_text.startswith(  # type: ignore[union-attr]
            "Sorry [name] Park is rough"
        )
        # An officer also hid "police" in one quote and approved another as it was.
        quotes_repo.edit_quote_spans(
            session=session,
            quote_id=edited,
            officer="officer:1",
            add=[{"start": PARK.index("police"), "end": PARK.index(","), "type": "redacted"}],
        )
        quotes_repo.approve_quote(session=session, quote_id=approved, officer="officer:1")
        _set_lists(session, cid, keep=["Caia Park"])
    with session_scope(engine) as session:
        kept_only = follow_words_change(session=session, consultation_id=cid, actor="officer:1")
        assert kept_only.quotes_requeued == 0
        quotes = {q: session.get(Quote, q) for q in (edited, approved, waiting)}
        assert quotes[waiting].redacted_text.startswith("Sorry Caia Park is rough")  # type: ignore[union-attr]
        assert quotes[approved].status == QuoteStatus.APPROVED  # type: ignore[union-attr]
        assert "[name] Park" in quotes[approved].redacted_text  # type: ignore[union-attr]
        assert "[redacted]" in quotes[edited].redacted_text  # type: ignore[union-attr]
        _set_lists(session, cid, keep=["Caia Park"], hide=["Tegwedd"])
    with session_scope(engine) as session:
        hidden = follow_words_change(session=session, consultation_id=cid, actor="officer:1")
        assert hidden.quotes_requeued == 1
        quotes = {q: session.get(Quote, q) for q in (edited, approved, waiting)}
        back = quotes[approved]
        assert back is not None and back.status == QuoteStatus.PENDING
        assert back.requeued_reason == REQUEUED_WORDS_TO_HIDE
        for quote in quotes.values():
            assert quote is not None and "Tegwedd" not in quote.redacted_text
        # The officer's own span is still there beside the new one.
        assert "more [redacted], [redacted] never" in quotes[edited].redacted_text  # type: ignore[union-attr]
        # Back in the queue it is a waiting quote like any other, redacted afresh.
        assert back.redacted_text.startswith("Sorry Caia Park is rough")
        assert "[redacted] never" in back.redacted_text
        again = follow_words_change(session=session, consultation_id=cid, actor="officer:1")
        assert again.quotes_redone == again.quotes_requeued == 0  # nothing changes twice
        quotes_repo.approve_quote(session=session, quote_id=approved, officer="officer:1")
        assert back.requeued_reason is None


def test_an_approved_quote_showing_a_place_no_longer_kept_goes_back(engine: Engine) -> None:
    cid = make_consultation(engine)
    with session_scope(engine) as session:
        _set_lists(session, cid, keep=["Eagles Meadow"])
    ids = add_answers(engine, cid, ["Love Eagles Meadow but parking is dear"])
    with session_scope(engine) as session:
        (quote,) = propose_redacted_quotes(session=session, answer_ids=ids, redactor=Redactor())
        assert quote.redacted_text == "Love Eagles Meadow but parking is dear"
        quotes_repo.approve_quote(session=session, quote_id=quote.id or 0, officer="officer:1")
        quote_id = quote.id or 0
    # The officer learns "Eagles Meadow" was someone's name and takes it off the list.
    with session_scope(engine) as session:
        _set_lists(session, cid)
        followed = hide_words_now(
            session=session,
            consultation_id=cid,
            actor="officer:1",
            places_removed=["eagles  MEADOW"],
        )
        assert followed.quotes_requeued == 1
        back = session.get(Quote, quote_id)
        assert back is not None and back.status == QuoteStatus.PENDING
        assert back.requeued_reason == REQUEUED_PLACES_REMOVED


def test_a_quote_decided_while_the_redactor_ran_keeps_the_decision(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    cid = make_consultation(engine)
    ids = add_answers(engine, cid, [PARK])
    with session_scope(engine) as session:
        (quote,) = propose_redacted_quotes(session=session, answer_ids=ids, redactor=Redactor())
        quote_id, shown = quote.id or 0, quote.redacted_text
        assert shown.startswith("Sorry [name] Park")
        _set_lists(session, cid, keep=["Caia Park"])
    real_redactor = redacted._redactor

    def officer_approves_meanwhile() -> Redactor:
        # The job runs in a worker: the officer approves the quote as it was shown while
        # the redactor works on the new words.
        with session_scope(engine) as other:
            quotes_repo.approve_quote(session=other, quote_id=quote_id, officer="officer:2")
        return real_redactor()  # type: ignore[no-any-return]

    monkeypatch.setattr(redacted, "_redactor", officer_approves_meanwhile)
    with session_scope(engine) as session:
        assert redo_waiting_quotes(session=session, consultation_id=cid) == 0
    with session_scope(engine) as session:
        approved = session.get(Quote, quote_id)
        assert approved is not None and approved.status == QuoteStatus.APPROVED
        assert approved.redacted_text == shown  # what the officer approved, not a rewrite


def test_officers_names_never_show_a_word_to_hide_however_it_is_typed(engine: Engine) -> None:
    cid = make_consultation(engine)
    with session_scope(engine) as session:
        named = themes_repo.add_theme(
            session=session, consultation_id=cid, officer_label="Thanks O’BRIEN for the bins"
        )
        # The council answered the theme before it was merged away: the label was copied.
        session.add(
            ThemeResponse(
                consultation_id=cid,
                theme_label_en="Thanks O’BRIEN for the bins",
                theme_label_cy="Diolch O'Brien",
                decision=Decision.ALREADY_DOING,
            )
        )
        _set_lists(session, cid, hide=["O'Brien"])
    with session_scope(engine) as session:
        hide_words_now(session=session, consultation_id=cid, actor="officer:1")
        masked = session.get(Theme, named.id)
        assert masked is not None
        assert masked.officer_label == "Thanks [redacted] for the bins"
        copied = session.exec(select(ThemeResponse)).one()
        assert (copied.theme_label_en, copied.theme_label_cy) == (
            "Thanks [redacted] for the bins",
            "Diolch [redacted]",
        )
        with pytest.raises(ThemeEditError, match="'o’brien' is one of this consultation's"):
            seed_theme(
                session=session,
                consultation_id=cid,
                label="Bins",
                label_cy="Biniau o’brien",
                examples=["the bins were late"],
                embedder=HashingEmbedder(),
            )


def test_labels_may_use_a_hidden_phrases_everyday_words_but_never_its_name(
    engine: Engine,
) -> None:
    cid = make_consultation(engine)
    with session_scope(engine) as session:
        _set_lists(session, cid, hide=["Acme Housing Repairs"])
    texts = [f"acme housing repairs never fixed the damp housing in my flat {n}" for n in range(8)]
    texts += [f"the bus to town is always late and the buses are too dear {n}" for n in range(8)]
    add_answers(engine, cid, texts)
    with session_scope(engine) as session:
        service.refit_consultation(session=session, consultation_id=cid, embedder=HashingEmbedder())
    with session_scope(engine) as session:
        themes = session.exec(select(Theme).where(Theme.consultation_id == cid)).all()
        fields = " ".join(f"{t.label_en} {t.label_cy} {t.keywords}" for t in themes).lower()
    assert "acme" not in fields
    # Hiding the firm does not take "housing" out of a housing consultation's themes.
    assert "housing" in fields
