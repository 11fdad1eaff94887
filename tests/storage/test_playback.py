"""Playback and feedback tables: the unique keys that stop double sends and double votes."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from storage.models import Channel, Participant
from storage.models.playback import (
    FeedbackPublication,
    FeedbackRecipient,
    PlaybackRecipient,
    PlaybackRound,
    PlaybackVote,
)
from tests.bot.conversation.conftest import add_consultation


def _setup(engine: Engine) -> tuple[int, int]:
    consultation_id = add_consultation(engine)
    with Session(engine) as session:
        person = Participant(channel=Channel.SMS, address_hash="h1", address_encrypted=b"x")
        session.add(person)
        session.commit()
        assert person.id is not None
        return consultation_id, person.id


def test_round_keeps_its_frozen_labels_and_a_recipient_is_listed_once(engine: Engine) -> None:
    consultation_id, person_id = _setup(engine)
    with Session(engine) as session:
        labels = [{"theme_id": 7, "en": "Buses", "cy": "Bysiau"}]
        round_ = PlaybackRound(consultation_id=consultation_id, theme_ids=[7], labels=labels)
        session.add(round_)
        session.commit()
        assert round_.id is not None
        session.add(PlaybackRecipient(round_id=round_.id, participant_id=person_id))
        session.commit()
        session.add(PlaybackRecipient(round_id=round_.id, participant_id=person_id))
        with pytest.raises(IntegrityError):
            session.commit()
        session.rollback()
        stored = session.get(PlaybackRound, round_.id)
        assert stored is not None and stored.labels[0]["cy"] == "Bysiau"


def test_the_same_vote_twice_is_refused(engine: Engine) -> None:
    consultation_id, person_id = _setup(engine)
    with Session(engine) as session:
        round_ = PlaybackRound(consultation_id=consultation_id, theme_ids=[1, 2], labels=[])
        session.add(round_)
        session.commit()
        assert round_.id is not None
        session.add(PlaybackVote(round_id=round_.id, participant_id=person_id, position=2))
        session.commit()
        session.add(PlaybackVote(round_id=round_.id, participant_id=person_id, position=2))
        with pytest.raises(IntegrityError):
            session.commit()


def test_a_publication_reaches_each_person_once(engine: Engine) -> None:
    consultation_id, person_id = _setup(engine)
    with Session(engine) as session:
        publication = FeedbackPublication(consultation_id=consultation_id, text_hash="a" * 64)
        session.add(publication)
        session.commit()
        assert publication.id is not None
        session.add(FeedbackRecipient(publication_id=publication.id, participant_id=person_id))
        session.commit()
        session.add(FeedbackRecipient(publication_id=publication.id, participant_id=person_id))
        with pytest.raises(IntegrityError):
            session.commit()
        session.rollback()
        session.add(FeedbackPublication(consultation_id=consultation_id, text_hash="a" * 64))
        with pytest.raises(IntegrityError):
            session.commit()
