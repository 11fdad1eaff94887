"""A resident in more themes than one message has room for hears about them all at once."""

from __future__ import annotations

import pytest

from bot.channels.sms.segments import segment_count
from bot.conversation.catalog import default_catalog
from storage.models import Channel
from storage.models.feedback_themes import MAX_THEMES_PER_MESSAGE, FeedbackTheme
from usecases.feedback.themes_message import TARGETED_MAX_SEGMENTS, themes_reply

LINK = "https://www.wrecsam.gov.uk/eich-llais/canlyniadau"
CATALOG = default_catalog()
DETAIL = "We will add an evening bus to Gresford from April and publish the times at every stop."
LABELS = ["Buses", "Parks", "Bins", "Libraries", "Potholes", "Street lights", "Toilets"]


def _lines(labels: list[str], label_suffix: str = "") -> list[FeedbackTheme]:
    return [
        FeedbackTheme(
            publication_id=1,
            position=n,
            decision="will_do" if n % 2 else "already_doing",
            label_en=f"{label}{label_suffix}",
            label_cy=f"{label} (cy){label_suffix}",
            detail_en=DETAIL,
            line_hash="",
        )
        for n, label in enumerate(labels, 1)
    ]


def _tail(language: str) -> str:
    return (
        CATALOG.text(language, "themes-feedback-link", link=LINK)
        + "\n"
        + CATALOG.text(language, "playback-stop")
    )


@pytest.mark.parametrize("language", ["en", "cy"])
def test_themes_past_the_first_three_are_named_with_their_decision(language: str) -> None:
    lines = _lines(LABELS[:5])
    reply = themes_reply(CATALOG, lines, "Wrexham", language, Channel.SMS, LINK)
    assert segment_count(reply.text) <= TARGETED_MAX_SEGMENTS
    assert reply.text.endswith(_tail(language))
    listed = [line for line in reply.text.splitlines() if line.startswith("- ")]
    assert len(listed) == 5
    # The council's words only for the first three; the other two say the decision.
    assert listed[3] == "- " + (
        "Libraries" if language == "en" else "Libraries (cy)"
    ) + ": " + CATALOG.text(language, "themes-feedback-already-doing")
    assert listed[4].endswith(CATALOG.text(language, "themes-feedback-will-do"))
    # Telegram: everything, the words in full for the first three.
    whole = themes_reply(CATALOG, lines, "Wrexham", language, Channel.TELEGRAM, LINK)
    assert whole.text.count(DETAIL) == MAX_THEMES_PER_MESSAGE
    assert whole.text.count("\n- ") == 5


@pytest.mark.parametrize("language", ["en", "cy"])
def test_when_an_sms_has_no_room_the_rest_are_counted_and_the_link_has_them(
    language: str,
) -> None:
    # Long names in Welsh (UCS-2: 67 characters a segment) leave no room for seven.
    lines = _lines(LABELS, label_suffix=" a'r tŵr cloc ger yr orsaf fysiau newydd")
    reply = themes_reply(CATALOG, lines, "Wrexham", language, Channel.SMS, LINK)
    assert segment_count(reply.text) <= TARGETED_MAX_SEGMENTS
    assert reply.text.endswith(_tail(language))
    listed = [line for line in reply.text.splitlines() if line.startswith("- ")]
    assert len(listed) == MAX_THEMES_PER_MESSAGE
    more = CATALOG.text(language, "themes-feedback-more", count=len(LABELS) - len(listed))
    assert more in reply.text.splitlines()


def test_three_themes_or_fewer_read_as_before() -> None:
    reply = themes_reply(CATALOG, _lines(LABELS[:2]), "Wrexham", "en", Channel.SMS, LINK)
    assert reply.text.count("\n- ") == 2 and DETAIL in reply.text
    assert "more things you raised" not in reply.text
