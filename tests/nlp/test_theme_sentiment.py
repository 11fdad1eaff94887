"""Sentiment of answers and themes, English and Welsh, with the real lexicon (VADER)."""

from __future__ import annotations

import pytest

from nlp.themes.sentiment import Sentiment, answer_sentiment, theme_sentiment


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("The staff were wonderful and so kind", "en", Sentiment.POSITIVE),
        ("Nothing, all good", "en", Sentiment.POSITIVE),
        ("The food was awful and cold", "en", Sentiment.CRITICAL),
        ("More staff at weekends", "en", Sentiment.CRITICAL),
        ("Lovely nurses but the waiting was terrible", "en", Sentiment.MIXED),
        ("Roedd y staff yn hyfryd", "cy", Sentiment.POSITIVE),
        ("Mae angen mwy o fysiau", "cy", Sentiment.CRITICAL),
    ],
)
def test_answer_sentiment(text: str, language: str, expected: Sentiment) -> None:
    assert answer_sentiment(text, language) == expected


def test_theme_sentiment_needs_a_majority_else_mixed() -> None:
    overall, shares = theme_sentiment([Sentiment.CRITICAL] * 3 + [Sentiment.POSITIVE])
    assert overall == Sentiment.CRITICAL and shares["critical"] == 0.75
    overall, _ = theme_sentiment([Sentiment.CRITICAL, Sentiment.POSITIVE])
    assert overall == Sentiment.MIXED
    assert theme_sentiment([])[0] == Sentiment.MIXED
