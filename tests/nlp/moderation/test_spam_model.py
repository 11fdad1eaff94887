"""The statistical spam model behind the rules: what it catches, what it leaves, its file."""

from __future__ import annotations

import gzip
import hashlib
import json
import time
from pathlib import Path

import pytest

from nlp.moderation import SPAM, check
from nlp.moderation.spam import MODEL_REASON, rule_reasons
from nlp.moderation.spam_model import (
    MODEL_PATH,
    MODEL_SHA256,
    SpamModelError,
    features,
    load,
    shipped,
)


def _spam_reasons(text: str) -> list[str]:
    return [flag.reason for flag in check(text) if flag.kind == SPAM]


# Scams worded so that no rule fires (no prize, price, short code or link): the model's job.
@pytest.mark.parametrize(
    "text",
    [
        "HMRC: You are eligible for a tax refund of 264.50. Complete the form to receive it",
        "Final reminder: your TV licence payment failed, update your payment details",
        "We noticed a new login to your account. If this was not you, secure it now",
        "Congrats! You have been picked for our customer survey. Complete it and get a gift",
    ],
)
def test_scams_no_rule_names_are_flagged_by_the_model(text: str) -> None:
    assert rule_reasons(text) == []
    assert _spam_reasons(text) == [MODEL_REASON]


# Residents give numbers, prices and their own luck in good faith, in English and Welsh.
@pytest.mark.parametrize(
    "text",
    [
        "Please ring me on 07712 345678 about the flooding on our road",
        "My number is 01978 292000 if the officer wants to call about the bins",
        "Text me on 07700 900456 when the consultation results are out",
        "The parking costs £4.50 a day now, too much for carers",
        "I won £20 on the lottery and spent it in the local shops",
        "we won £500 for the village hall and it paid for the new roof",
        "We need a bank in the town centre, the nearest is in Wrexham",
        "Mae angen ffonio 0300 123 1212 i gael casgliad biniau",
        "Ffoniwch fi ar 07700 900123 os oes angen",
        "Diolch am ofyn, mae'r llyfrgell yn bwysig iawn i'r plant",
    ],
)
def test_genuine_feedback_with_numbers_and_money_is_not_spam(text: str) -> None:
    assert _spam_reasons(text) == []


def test_a_rule_cue_is_reported_rather_than_the_model() -> None:
    text = "You have WON a £1000 prize! Text WIN to 87121 to claim"
    assert MODEL_REASON not in _spam_reasons(text)
    assert "prize text" in _spam_reasons(text)


def test_hostile_input_is_scored_quickly_and_boundedly() -> None:
    model = shipped()
    huge = "a" * 100_000 + " " + "free£ " * 50_000
    assert len(features(huge)) < 200 * 120
    started = time.process_time()
    assert 0.0 <= model.probability(huge) <= 1.0
    assert model.probability("\x00\u202e 🤖 ￼") <= 1.0
    assert time.process_time() - started < 1.0


def test_the_shipped_file_is_the_one_the_code_expects() -> None:
    assert hashlib.sha256(MODEL_PATH.read_bytes()).hexdigest() == MODEL_SHA256
    data = json.loads(gzip.decompress(MODEL_PATH.read_bytes()))
    # No message text is shipped: features are n-grams of at most five characters or words.
    assert all(len(f) <= 5 or f.startswith("w:") for f in data["features"])
    assert 0.5 <= data["threshold"] < 1.0


def test_a_changed_model_file_is_refused_with_the_fix(tmp_path: Path) -> None:
    tampered = tmp_path / "spam_model.json.gz"
    raw = bytearray(MODEL_PATH.read_bytes())
    raw[-1] ^= 0xFF
    tampered.write_bytes(bytes(raw))
    with pytest.raises(SpamModelError, match="tools/train_spam_model.py"):
        load(tampered)
    with pytest.raises(SpamModelError, match="missing"):
        load(tmp_path / "absent.json.gz")
