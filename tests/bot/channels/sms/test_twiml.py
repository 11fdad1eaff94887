"""Replies rendered as TwiML: order kept, GSM-friendly, long ones split, choices visible."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from twilio.twiml.messaging_response import MessagingResponse

from bot.channels.sms.segments import is_gsm7, segment_count
from bot.channels.sms.twiml import render, reply_texts
from bot.conversation.messages import Reply, ReplyOption
from tests.bot.channels.sms.twilio_requests import messages


def test_several_replies_become_several_messages_in_order() -> None:
    replies = [Reply(text="First.", key="a"), Reply(text="Second.", key="b")]
    assert messages(render(replies)) == ["First.", "Second."]


def test_nothing_to_say_is_an_empty_response() -> None:
    assert messages(render([])) == []
    assert "<Response />" in render([]) or "<Response/>" in render([])


def test_typography_is_made_gsm7_and_xml_is_escaped() -> None:
    reply = Reply(text="We’re listening — reply “YES” & <tell us>", key="x")
    (text,) = messages(render([reply]))
    assert text == 'We\'re listening - reply "YES" & <tell us>'
    assert is_gsm7(text)


def test_a_long_reply_is_split_at_sentences_within_three_segments() -> None:
    text = " ".join(f"This is sentence {i} of a long reply." for i in range(40))
    parts = reply_texts([Reply(text=text, key="long")])
    assert len(parts) > 1
    assert all(segment_count(p) <= 3 and p.endswith(".") for p in parts)
    assert " ".join(parts) == text


def test_choices_already_in_the_text_are_not_repeated() -> None:
    reply = Reply(
        text="How old are you? Reply with a number: 1) Under 25, 2) 25 to 44. Reply SKIP.",
        key="ask-profile",
        options=(
            ReplyOption("1", "Under 25"),
            ReplyOption("2", "25 to 44"),
            ReplyOption("SKIP", "Skip"),
        ),
    )
    assert reply_texts([reply]) == [reply.text]


def test_a_choice_the_text_does_not_mention_is_added() -> None:
    reply = Reply(
        text="Which matters most?",
        key="playback",
        options=(ReplyOption("1", "Buses"), ReplyOption("2", "Parks")),
    )
    assert reply_texts([reply]) == ["Which matters most?\n1 Buses\n2 Parks"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=400), max_size=3))
def test_the_document_is_exactly_what_twilios_library_writes(texts: list[str]) -> None:
    replies = [Reply(text=text, key=f"k{i}") for i, text in enumerate(texts)]
    reference = MessagingResponse()
    for text in reply_texts(replies):
        reference.message(text)
    assert render(replies) == reference.to_xml(xml_declaration=True)
