"""The follow-up question adapts to the answer, in English and Welsh, with real spaCy pipelines."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine

from bot.conversation.follow_up import Plan, plan_follow_up
from tests.bot.conversation.conftest import Resident
from tests.bot.conversation.helpers import answer_texts


@pytest.mark.parametrize(
    ("answer", "language", "plan", "topic"),
    [
        ("Buses", "en", Plan.WHY, "buses"),
        ("Buses because I cannot drive", "en", Plan.CHANGE, "buses"),
        ("The park is dirty", "en", Plan.WHY, "the park"),
        ("potholes!!", "en", Plan.WHY, "potholes"),
        ("no", "en", Plan.SKIP, ""),
        ("nothing really", "en", Plan.SKIP, ""),
        ("🤷", "en", Plan.SKIP, ""),
        ("👍👍", "en", Plan.SKIP, ""),
        ("Bysiau", "cy", Plan.WHY, "fysiau"),
        ("Mwy o fysiau", "cy", Plan.WHY, "fysiau"),
        ("Parc glân i'r plant", "cy", Plan.WHY, "barc glân"),
        ("Mae'r ffyrdd yn ofnadwy achos tyllau", "cy", Plan.CHANGE, "y ffyrdd"),
        ("dim byd", "cy", Plan.SKIP, ""),
    ],
)
def test_plan(answer: str, language: str, plan: Plan, topic: str) -> None:
    chosen = plan_follow_up(answer, language)
    assert (chosen.plan, chosen.topic) == (plan, topic)


def test_a_rich_answer_gets_no_follow_up() -> None:
    rich = "The buses are always late, and I can't get to work because there is no other way"
    assert plan_follow_up(rich, "en").plan is Plan.SKIP


def test_english_follow_up_names_the_topic(buses: int, resident: Resident) -> None:
    resident.send("BUSES")
    resident.send("yes")
    [probe] = resident.send("Buses because I cannot drive")
    assert probe.key == "ask-probe"
    assert probe.text.startswith("You mentioned buses.")
    assert "?." not in probe.text and "Thank you" not in probe.text


def test_welsh_follow_up_mutates_the_topic(buses: int, resident: Resident) -> None:
    resident.send("BUSES")
    resident.send("Ydw")
    [probe] = resident.send("Bysiau")
    assert probe.language == "cy"
    assert probe.text == "Sonioch chi am fysiau - pam mae hynny'n bwysig i chi?"


@pytest.mark.parametrize("answer", ["🤷", "nothing", "dim byd"])
def test_no_follow_up_after_a_shrug_or_a_refusal(
    engine: Engine, buses: int, resident: Resident, answer: str
) -> None:
    resident.send("BUSES")
    resident.send("yes")
    reply = resident.send(answer)
    assert reply[0].key == "ask-profile"
    assert answer_texts(engine) == [("open", answer)]


def test_a_held_answer_gets_its_follow_up_after_consent(buses: int, resident: Resident) -> None:
    resident.send("BUSES")
    resident.send("The park is dirty")
    [reply] = resident.send("yes")
    assert reply.key == "ask-probe"
    assert reply.text == "Thank you! You mentioned the park - why does that matter to you?"


def test_a_very_long_answer_is_stored_whole_and_skips_the_follow_up(
    engine: Engine, buses: int, resident: Resident
) -> None:
    resident.send("BUSES")
    resident.send("yes")
    long_answer = "The number 5 bus never comes on time. " * 42  # ~1,600 characters
    assert resident.send(long_answer)[0].key == "ask-profile"
    assert answer_texts(engine) == [("open", long_answer.strip())]
