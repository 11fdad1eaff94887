"""Keywords and odd input inside a conversation: the dialogue logic, on SQLite only.

The storage-sensitive cases (opt-out, erasure, duplicates, ordering, long
messages) run on both backends in test_commands.py and test_bad_input.py.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from bot.conversation.engine import ConversationEngine
from storage.db import make_engine, session_scope
from storage.identity import AddressProtector
from storage.models import Channel, Participant
from tests.bot.conversation.conftest import Resident
from tests.bot.conversation.helpers import answer_texts, participant


@pytest.fixture
def engine(sqlite_url: str) -> Iterator[Engine]:
    engine = make_engine(sqlite_url)
    yield engine
    engine.dispose()


def _count(engine: Engine, table: type) -> int:
    with session_scope(engine) as session:
        return int(session.execute(select(func.count()).select_from(table)).scalar_one())


def _at_open_question(resident: Resident) -> None:
    resident.send("BUSES")
    resident.send("yes")


def test_stop_from_a_stranger_is_remembered(
    engine: Engine, buses: int, resident: Resident, protector: AddressProtector
) -> None:
    assert resident.keys("STOP") == ["opted-out"]
    assert resident.send("BUSES") == []
    person = participant(engine, protector, resident.address)
    assert person is not None and person.opted_out


def test_welsh_start_word_opts_back_in_in_welsh(buses: int, resident: Resident) -> None:
    resident.send("STOPIO")
    reply = resident.send("Dechrau")
    assert reply[0].key == "opted-in" and reply[0].language == "cy"


def test_provider_opt_in_for_a_stranger_creates_nobody(
    engine: Engine, bot: ConversationEngine
) -> None:
    bot.opt_in(channel=Channel.SMS, address="+447700900555", source="twilio")
    assert _count(engine, Participant) == 0


def test_help_explains_and_repeats_the_question(buses: int, resident: Resident) -> None:
    resident.send("BUSES")
    resident.send("yes")
    reply = resident.send("help")
    assert [r.key for r in reply] == ["help", "ask-open"]
    assert "STOP" in reply[0].text and "DELETE" in reply[0].text
    assert resident.send("CYMORTH")[0].text.startswith("What Matters")


def test_delete_then_no_keeps_everything(engine: Engine, buses: int, resident: Resident) -> None:
    resident.send("BUSES")
    resident.send("yes")
    resident.send("More buses")
    assert resident.keys("dileu") == ["erase-confirm"]
    assert resident.keys("no") == ["erase-cancelled", "ask-probe"]
    assert answer_texts(engine) == [("open", "More buses")]


def test_delete_then_something_else_carries_on(
    engine: Engine, buses: int, resident: Resident
) -> None:
    resident.send("BUSES")
    resident.send("yes")
    resident.send("DELETE")
    assert resident.keys("Cheaper fares") == ["ask-probe"]
    assert answer_texts(engine) == [("open", "Cheaper fares")]


def test_delete_from_a_stranger_says_nothing_is_held(engine: Engine, resident: Resident) -> None:
    assert resident.keys("DELETE") == ["nothing-held"]
    assert _count(engine, Participant) == 0


@pytest.mark.parametrize("word", ["CYMRAEG", "cymraeg", "Welsh"])
def test_switch_to_welsh_repeats_the_question_in_welsh(
    engine: Engine, buses: int, resident: Resident, protector: AddressProtector, word: str
) -> None:
    resident.send("BUSES")
    resident.send("yes")
    reply = resident.send(word)
    assert [r.key for r in reply] == ["language-set", "ask-open"]
    assert all(r.language == "cy" for r in reply)
    assert "Beth sydd bwysicaf" in reply[1].text
    back = resident.send("saesneg")
    assert back[1].language == "en" and "What matters most" in back[1].text
    person = participant(engine, protector, resident.address)
    assert person is not None and person.language == "en"


def test_empty_and_whitespace_get_the_question_again(
    engine: Engine, buses: int, resident: Resident
) -> None:
    _at_open_question(resident)
    for text in ("", "   \n\t  ", "\x00\x07"):
        reply = resident.send(text)
        assert reply[0].key == "ask-open"
        assert reply[0].text.startswith("Sorry, your message came through empty.")
    assert answer_texts(engine) == []


def test_empty_first_message_from_a_stranger_gets_a_greeting(
    buses: int, resident: Resident
) -> None:
    assert resident.keys("") == ["greeting"]


def test_emoji_only_answer_is_kept(engine: Engine, buses: int, resident: Resident) -> None:
    _at_open_question(resident)
    # Kept, but "why does that matter?" after emoji alone would not be listening.
    assert resident.keys("🚌❤️") == ["ask-profile"]
    assert answer_texts(engine) == [("open", "🚌❤️")]


def test_thumbs_up_means_yes_to_consent(buses: int, resident: Resident) -> None:
    resident.send("BUSES")
    assert resident.keys("👍") == ["ask-open"]


def test_control_characters_are_stripped_but_newlines_kept(
    engine: Engine, buses: int, resident: Resident
) -> None:
    _at_open_question(resident)
    resident.send("More\x00 buses\x1b\nplease\x7f")
    assert answer_texts(engine) == [("open", "More buses\nplease")]


def test_mixed_welsh_and_english_is_an_answer_like_any_other(
    engine: Engine, buses: int, resident: Resident
) -> None:
    _at_open_question(resident)
    assert resident.keys("Mae angen more buses yn y pentref, honestly") == ["ask-probe"]
    assert answer_texts(engine) == [("open", "Mae angen more buses yn y pentref, honestly")]


def test_keyword_inside_a_sentence_is_an_answer(
    engine: Engine, buses: int, resident: Resident, protector: AddressProtector
) -> None:
    _at_open_question(resident)
    assert resident.keys("I want to stop the bus cuts") == ["ask-probe"]
    assert resident.keys("Please help the old people who need to delete nothing") == ["ask-profile"]
    person = participant(engine, protector, resident.address)
    assert person is not None and not person.opted_out
    assert [kind for kind, _ in answer_texts(engine)] == ["open", "probe"]


def test_unknown_keyword_gets_a_kind_reply_and_nothing_is_stored(
    engine: Engine, resident: Resident, protector: AddressProtector
) -> None:
    reply = resident.send("BUSSES")
    assert reply[0].key == "unknown-keyword" and "poster or letter" in reply[0].text
    assert participant(engine, protector, resident.address) is None


@pytest.mark.parametrize(
    "word",
    [
        "STOP",
        "stop",
        "stop 🛑",
        "STOPALL",
        "unsubscribe",
        "Cancel",
        "END",
        "quit",
        "Stopio",
        "DIWEDD",
        "gadael",
        "Dad-danysgrifio",
        "ATAL",
    ],
)
def test_every_stop_word_opts_out(buses: int, resident: Resident, word: str) -> None:
    resident.send("BUSES")
    assert resident.keys(word) == ["opted-out"]
    assert resident.send("yes") == []


@pytest.mark.parametrize("text", ["/", "/@", "/ ", "/@bot", "//", "/unknowncommand"])
def test_odd_slash_commands_are_never_answers(
    engine: Engine, buses: int, resident: Resident, text: str
) -> None:
    _at_open_question(resident)
    reply = resident.send(text)
    assert reply[0].key == "ask-open"
    assert answer_texts(engine) == []


def test_slash_commands_work_like_keywords(buses: int, resident: Resident) -> None:
    _at_open_question(resident)
    assert [r.key for r in resident.send("/help@WhatMattersBot")] == ["help", "ask-open"]
    assert resident.keys("/stop") == ["opted-out"]
