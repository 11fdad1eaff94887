"""`whatmatters redact` on real CSV and JSONL files."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli.main import app

runner = CliRunner()

ANSWERS = [
    "Hi, I'm Dafydd, ring me on 07700 900123.",
    "The bins in Gresford are never emptied.",
    "",
    "Email jo.bloggs [at] gmail [dot] com, postcode LL11 2AB",
    "Diolch, Siân",
]


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["redact", *args])
    return result.exit_code, result.output


def write_csv(path: Path, rows: list[dict[str, str]], encoding: str = "utf-8") -> None:
    with path.open("w", newline="", encoding=encoding) as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_csv_keeps_every_record_in_order_with_spans(tmp_path: Path) -> None:
    source, out = tmp_path / "answers.csv", tmp_path / "out" / "redacted.csv"
    write_csv(source, [{"id": str(i), "answer": t, "ward": "Acton"} for i, t in enumerate(ANSWERS)])
    code, output = invoke(str(source), "--out", str(out), "--text-column", "answer")
    assert code == 0, output
    assert "redacted 5 records" in output
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["id"] for r in rows] == ["0", "1", "2", "3", "4"]
    assert [r["ward"] for r in rows] == ["Acton"] * 5
    assert rows[0]["answer"] == "Hi, I'm [name], ring me on [phone]."
    assert rows[1]["answer"] == ANSWERS[1]
    assert rows[2]["answer"] == "" and json.loads(rows[2]["spans"]) == []
    assert rows[3]["answer"] == "Email [email], postcode [postcode]"
    assert rows[4]["answer"] == "Diolch, [name]"
    for original, row in zip(ANSWERS, rows, strict=True):
        for span in json.loads(row["spans"]):
            assert set(span) == {"start", "end", "type"}
            assert original[span["start"] : span["end"]].strip()
    phone = [s for s in json.loads(rows[0]["spans"]) if s["type"] == "phone"][0]
    assert ANSWERS[0][phone["start"] : phone["end"]] == "07700 900123"


def test_jsonl_keeps_other_fields(tmp_path: Path) -> None:
    source, out = tmp_path / "answers.jsonl", tmp_path / "redacted.jsonl"
    lines = [json.dumps({"text": t, "n": i}, ensure_ascii=False) for i, t in enumerate(ANSWERS)]
    source.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    code, output = invoke(str(source), "--out", str(out))
    assert code == 0, output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["n"] for r in records] == [0, 1, 2, 3, 4]
    assert records[0]["text"] == "Hi, I'm [name], ring me on [phone]."
    assert records[4]["text"] == "Diolch, [name]"
    assert {"start": 27, "end": 39, "type": "phone"} in records[0]["spans"]


def test_deny_list_file(tmp_path: Path) -> None:
    source, out, deny = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "deny.txt"
    source.write_text(
        json.dumps({"text": "Staff at Acme Motors were rude"}) + "\n", encoding="utf-8"
    )
    deny.write_text("acme motors\n\n", encoding="utf-8")
    code, output = invoke(str(source), "--out", str(out), "--deny-list", str(deny))
    assert code == 0, output
    assert json.loads(out.read_text())["text"] == "Staff at [redacted] were rude"


def test_keep_list_file(tmp_path: Path) -> None:
    source, out, keep = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "keep.txt"
    text = "Love Eagles Meadow but parking is dear, ring 07700 900123"
    source.write_text(json.dumps({"text": text}) + "\n", encoding="utf-8")
    keep.write_text("eagles meadow\n07700 900123\n", encoding="utf-8")
    code, output = invoke(str(source), "--out", str(out))
    assert json.loads(out.read_text())["text"].startswith("Love [name] but parking")
    code, output = invoke(str(source), "--out", str(out), "--keep-list", str(keep))
    assert code == 0, output
    assert json.loads(out.read_text())["text"] == (
        "Love Eagles Meadow but parking is dear, ring [phone]"
    )
    code, output = invoke(str(source), "--out", str(out), "--keep-list", str(tmp_path / "no"))
    assert code == 1 and "no such keep-list file" in output


def test_missing_column_names_the_columns_found(tmp_path: Path) -> None:
    source = tmp_path / "answers.csv"
    write_csv(source, [{"id": "1", "answer": "hello"}])
    code, output = invoke(str(source), "--out", str(tmp_path / "o.csv"))
    assert code == 1
    assert "no column 'text'" in output and "'answer'" in output and "--text-column" in output
    assert not (tmp_path / "o.csv").exists()


def test_bad_encoding_says_how_to_fix_it(tmp_path: Path) -> None:
    source = tmp_path / "answers.csv"
    source.write_bytes('text\n"Caf\xe9 in Rhyl, ring 07700 900123"\n'.encode("cp1252"))
    code, output = invoke(str(source), "--out", str(tmp_path / "o.csv"))
    assert code == 1 and "not valid utf-8-sig" in output and "--encoding" in output
    code, output = invoke(str(source), "--out", str(tmp_path / "o.csv"), "--encoding", "cp1252")
    assert code == 0, output
    assert "[phone]" in (tmp_path / "o.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize("content", ["", "\n\n"])
def test_empty_files_are_refused(tmp_path: Path, content: str) -> None:
    for name in ("empty.csv", "empty.jsonl"):
        source = tmp_path / name
        source.write_text(content, encoding="utf-8")
        code, output = invoke(str(source), "--out", str(tmp_path / "o"))
        assert code == 1, output
        assert "empty" in output or "no records" in output


def test_header_only_csv_has_no_records(tmp_path: Path) -> None:
    source = tmp_path / "a.csv"
    source.write_text("text\n", encoding="utf-8")
    code, output = invoke(str(source), "--out", str(tmp_path / "o.csv"))
    assert code == 1 and "no records" in output


def test_malformed_jsonl_names_the_line(tmp_path: Path) -> None:
    source = tmp_path / "a.jsonl"
    source.write_text('{"text": "ok"}\n{"text": \n', encoding="utf-8")
    code, output = invoke(str(source), "--out", str(tmp_path / "o.jsonl"))
    assert code == 1 and "line 2 is not JSON" in output
    source.write_text('{"text": "ok"}\n{"body": "no text"}\n', encoding="utf-8")
    code, output = invoke(str(source), "--out", str(tmp_path / "o.jsonl"))
    assert code == 1 and 'line 2: each line must be an object with a "text" string' in output


def test_missing_file_same_file_and_bad_options(tmp_path: Path) -> None:
    code, output = invoke(str(tmp_path / "nope.csv"), "--out", str(tmp_path / "o.csv"))
    assert code == 1 and "no such file" in output
    source = tmp_path / "a.csv"
    write_csv(source, [{"text": "hello"}])
    code, output = invoke(str(source), "--out", str(source))
    assert code == 1 and "different file" in output
    assert source.read_text(encoding="utf-8").splitlines() == ["text", "hello"]
    code, output = invoke(str(source), "--out", str(tmp_path / "o.csv"), "--language", "fr")
    assert code == 2
    code, output = invoke(str(source), "--out", str(tmp_path / "o.csv"), "--encoding", "klingon")
    assert code == 2 and "unknown encoding" in output


def test_ragged_csv_row_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "a.csv"
    source.write_text("id,text\n1,hello\n2,hi,extra\n", encoding="utf-8")
    code, output = invoke(str(source), "--out", str(tmp_path / "o.csv"))
    assert code == 1 and "line 3" in output


def test_large_file_in_batches_keeps_order(tmp_path: Path) -> None:
    source, out = tmp_path / "many.jsonl", tmp_path / "out.jsonl"
    texts = [f"Answer {i}: ring 07700 900{i % 1000:03d} please" for i in range(700)]
    source.write_text("".join(json.dumps({"text": t, "i": i}) + "\n" for i, t in enumerate(texts)))
    code, output = invoke(str(source), "--out", str(out), "--language", "en")
    assert code == 0, output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["i"] for r in records] == list(range(700))
    assert all(r["text"].endswith("ring [phone] please") for r in records)
