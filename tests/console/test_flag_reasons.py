"""Every reason the moderation rules can give is worded in both console languages."""

from __future__ import annotations

import pytest

from console.reasons import FLAG_REASONS, explain_flag
from nlp.moderation import flags, spam
from nlp.moderation.identifying import RULES

EVERY_REASON = [*flags.ABUSE_REASONS, *spam.CUE_REASONS, *(reason for _, reason in RULES)]


@pytest.mark.parametrize("reason", EVERY_REASON)
def test_each_flag_reason_has_its_own_welsh_wording(reason: str) -> None:
    assert reason in FLAG_REASONS
    welsh = explain_flag(reason, "cy")
    assert welsh and welsh != reason and welsh != explain_flag(reason, "en")


def test_joined_cues_a_link_and_an_unknown_reason() -> None:
    joined = spam.WEAK_JOIN.join(["money or a free offer", "pressure to act now"])
    assert explain_flag(joined, "cy") == (
        "arian neu gynnig am ddim, ac hefyd pwysau i weithredu ar unwaith"
    )
    assert explain_flag(joined, "en") == joined
    link = spam.UNKNOWN_SITE.format(host="<b>x.top</b>")
    assert (
        explain_flag(link, "cy") == "dolen i wefan anhysbys (<b>x.top</b>)"
    )  # escaped by the page
    assert explain_flag("a rule added later", "cy") == "a rule added later"
    assert explain_flag("money or a free offer and something new", "cy") == (
        "money or a free offer and something new"
    )
