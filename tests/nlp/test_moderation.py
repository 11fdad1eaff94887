"""Abuse, spam and identifying-detail flags, English and Welsh, and `whatmatters redact` output."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli.main import app
from nlp.moderation import check, kinds

ONLY_ONE = "'the only ...' in a place points at one person"
OWN_JOB = "the writer's job at a named place"


@pytest.mark.parametrize(
    ("text", "kind", "reason"),
    [
        ("the bus is f*cking late again", "abuse", "obscene language"),
        ("mae'r cyngor yn llawn cachu", "abuse", "obscene language"),
        ("dim ond y gont sy'n gwrando", "abuse", "obscene language"),
        ("Dw i'n mynd i dy ladd di", "abuse", "threat of violence"),
        ("I'm going to burn the depot down, I know where you live", "abuse", "threat of violence"),
        ("all immigrants are scum", "abuse", "hateful statement about a group"),
        ("mae'r saeson i gyd yn sbwriel", "abuse", "hateful statement about a group"),
        ("You have WON a £1000 prize! Text WIN to 87121 to claim", "spam", "prize text"),
        ("Call 09061701461 now, 150p/msg", "spam", "premium-rate or short-code number"),
        ("cheap loans, call now, best rates", "spam", "pressure to act now and advert"),
        ("my son at Ysgol Bryn Alyn is bullied", "identifying", "a child and their school"),
        (
            "the only chemist in Llay overcharges",
            "identifying",
            "'the only ...' in a place points at one person",
        ),
        (
            "As the headteacher of Acton Primary I disagree",
            "identifying",
            "the writer's job at a named place",
        ),
    ],
)
def test_flags_with_reasons(text: str, kind: str, reason: str) -> None:
    found = check(text)
    assert (kind, reason) in [(f.kind, f.reason) for f in found], found


@pytest.mark.parametrize(
    "text",
    [
        "The bins are late again, please sort it",
        "Mae angen mwy o fysiau i Wrecsam",
        "Ga i fag? Mae'r siop ar gau",
        "I hate the new parking scheme, the councillors never listen",
        "see https://www.wrexham.gov.uk/bins for the dates",
        "email me at jo@somewhere.com about the library",
        "the only way into town is the A483",
        "free parking would help the shops in Mold",
        "Rydw i'n byw yn Llay ers deg mlynedd",
        "the new head teacher is great",
        "",
        "   ",
    ],
)
def test_ordinary_feedback_is_not_flagged(text: str) -> None:
    assert check(text) == []


def test_link_to_an_unknown_site_is_spam() -> None:
    found = check("great offers at www.best-deals-4u.xyz")
    assert kinds(found) == ["spam"]
    assert "best-deals-4u.xyz" in found[0].reason


def test_hostile_input_is_handled_quickly() -> None:
    huge = "you " * 50_000 + "idiot " * 10_000 + "a" * 100_000
    assert kinds(check(huge)) == ["abuse"]
    assert check("\x00\ufeff\u202e") == []


def test_redact_command_writes_flags(tmp_path: Path) -> None:
    answers = [
        "Hi, I'm Dafydd, ring me on 07700 900123.",
        "You have WON a £1000 prize! Text WIN to 87121",
        "ffycin bysiau",
        "",
    ]
    source, out = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    source.write_text("\n".join(json.dumps({"text": t}) for t in answers) + "\n", "utf-8")
    result = CliRunner().invoke(app, ["redact", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [r["flags"] for r in records] == [[], ["spam"], ["abuse"], []]
    assert records[1]["flag_reasons"][0] == {"kind": "spam", "reason": "prize text"}
    assert "87121" in records[1]["text"]  # a short code is not personal data
    csv_source, csv_out = tmp_path / "a.csv", tmp_path / "b.csv"
    with csv_source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text"])
        writer.writerows([[str(i), t] for i, t in enumerate(answers)])
    result = CliRunner().invoke(app, ["redact", str(csv_source), "--out", str(csv_out)])
    assert result.exit_code == 0, result.output
    with csv_out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["flags"] for r in rows] == ["", "spam", "abuse", ""]
