"""Hateful statements about a group, whichever mutation the group's name takes, are flagged."""

from __future__ import annotations

import pytest

from nlp.moderation import ABUSE, check
from nlp.moderation.flags import HATE


def _hate(text: str) -> bool:
    return any(flag.kind == ABUSE and flag.reason == HATE for flag in check(text))


@pytest.mark.parametrize(
    "text",
    [
        "mae mewnfudwyr yn dwyn ein swyddi ni",
        "dim croeso i fewnfudwyr yma",  # soft mutation after "i"
        "Saeson allan!",
        "mae'r Mwslemiaid fel llygod mawr",
        "dydy'r Saeson ddim yn perthyn yma",
        "cas gen i bobl dduon",  # "pobl dduon", soft-mutated after "i"
        "immigrants are stealing our jobs",
        "no gays allowed",
        "refugees are like rats",
    ],
)
def test_hateful_statements_about_a_group_are_flagged(text: str) -> None:
    assert _hate(text)


@pytest.mark.parametrize(
    "text",
    [
        "Mae'r ffoaduriaid yn y dref angen tai",
        "Mae llawer o Saeson yn prynu tai haf yn y pentref",
        "Dysgodd y Saeson Gymraeg yn y dosbarth nos",
        "croeso i fewnfudwyr yn y capel bob nos Sul",
        "Mae'r Cymry allan yn y glaw yn cefnogi'r tîm",
        "migrants are taking the train to Chester",
        "no dogs allowed in the park after six",
    ],
)
def test_statements_that_only_name_a_group_are_not_hateful(text: str) -> None:
    assert not _hate(text)
