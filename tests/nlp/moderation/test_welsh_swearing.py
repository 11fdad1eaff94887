"""Welsh speech swears with English stems and Welsh endings; the abuse flag follows it."""

from __future__ import annotations

import pytest

from nlp.moderation import ABUSE, check


def _abuse(text: str) -> bool:
    return any(flag.kind == ABUSE for flag in check(text))


@pytest.mark.parametrize(
    "text",
    [
        "mae'r cyngor yn rhoi shitloads o bapur i ni",
        "dw i wedi blino ar y twatting biniau",
        "mae o'n fyd bitchy yn y swyddfa",
        "mae'r cŵn yn pisio ar y llwybr bob dydd",
        "y fuckwits yn y cyngor",
    ],
)
def test_english_swear_stems_with_any_ending_are_obscene(text: str) -> None:
    assert _abuse(text)


@pytest.mark.parametrize(
    "text",
    [
        "Mae'r bws i Wrecsam yn hwyr bob bore",
        "shitake mushrooms at the market were lovely",
        "Mae'r pysgod yn y llyn yn iach",
        "Roedd y tîm wedi ennill y gêm",
    ],
)
def test_words_that_only_look_like_swearing_are_clean(text: str) -> None:
    assert not _abuse(text)
