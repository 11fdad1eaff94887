"""`whatmatters themes discover|refit` as an analyst or operator uses them."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from app.cli.main import app
from storage.db import make_engine, session_scope
from storage.repositories import themes as repo
from tests.nlp.themes_factories import TOPICS, add_answers, make_consultation

runner = CliRunner()


def discover(tmp_path: Path, content: bytes, *extra: str) -> tuple[int, str, list[dict[str, str]]]:
    source = tmp_path / "answers.csv"
    source.write_bytes(content)
    out = tmp_path / "themes.csv"
    result = runner.invoke(
        app, ["themes", "discover", str(source), "--out", str(out), "--embedder", "hashing", *extra]
    )
    rows = (
        list(csv.DictReader(out.read_text(encoding="utf-8").splitlines())) if out.exists() else []
    )
    return result.exit_code, result.output, rows


def csv_bytes(texts: list[str], column: str = "text") -> bytes:
    lines = [column] + ['"' + t.replace('"', '""') + '"' for t in texts]
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_discover_writes_one_line_per_answer_per_theme(tmp_path: Path) -> None:
    texts = [t for group in TOPICS.values() for t in group]
    code, output, rows = discover(tmp_path, csv_bytes(texts))
    assert code == 0, output
    assert list(rows[0]) == [
        "row",
        "theme_id",
        "theme_label",
        "score",
        "broad_theme_id",
        "broad_theme_label",
    ]
    # Every sub-theme sits in exactly one broad theme.
    parents: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        parents[r["theme_id"]].add(r["broad_theme_id"])
    assert all(len(p) == 1 for p in parents.values())
    assert {int(r["row"]) for r in rows} == set(range(1, len(texts) + 1))  # nothing lost
    primary: dict[int, str] = {}
    for r in rows:
        primary.setdefault(int(r["row"]), r["theme_id"])
    # Each topic's answers share a theme (rows 1-8 buses, 9-16 bins, 17-24 parks).
    for start in (1, 9, 17):
        assert Counter(primary[i] for i in range(start, start + 8)).most_common(1)[0][1] >= 6
    assert "themes" in output and "wrote" in output


def test_discover_about_n_asks_for_that_many_themes(tmp_path: Path) -> None:
    texts = [t for group in TOPICS.values() for t in group]
    code, output, rows = discover(tmp_path, csv_bytes(texts), "--about", "2")
    assert code == 0, output
    assert len({r["theme_id"] for r in rows} - {"other"}) == 2


def test_discover_about_broad_recuts_the_tree(tmp_path: Path) -> None:
    texts = [t for group in TOPICS.values() for t in group] * 2
    code, output, rows = discover(tmp_path, csv_bytes(texts), "--about-broad", "2")
    assert code == 0, output
    assert len({r["broad_theme_id"] for r in rows} - {"other"}) == 2
    assert "2 broad themes" in output
    code, output, _ = discover(tmp_path, csv_bytes(texts), "--about-broad", "0")
    assert code == 2  # refused before any work


def test_discover_keeps_awkward_answers(tmp_path: Path) -> None:
    texts = [
        "",
        "🙂🙂🙂",
        "buses",
        "x" * 1600,
        "公共汽车总是迟到",
        "Mae'r bysiau yn hwyr",
        "the buses are late",
        "the buses are late",
        "the buses are late!",
        "bins not collected",
    ]
    code, output, rows = discover(tmp_path, csv_bytes(texts))
    assert code == 0, output
    by_row: dict[int, list[str]] = defaultdict(list)
    for r in rows:
        by_row[int(r["row"])].append(r["theme_id"])
    assert set(by_row) == set(range(1, len(texts) + 1))
    assert by_row[1] == ["other"] and by_row[2] == ["other"]  # nothing to theme
    assert by_row[7][0] == by_row[8][0] == by_row[9][0]  # duplicates stay together


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        (b"answer\nbuses\n", (), "no column 'text'"),
        (b"", (), "columns found: none"),
        (b"text\n", (), "no answers"),
        ("text\ncaf\u00e9 closed\n".encode("cp1252"), (), "--encoding cp1252"),
        (b"text\nbuses\n", ("--about", "0"), "--about"),
        (b"text\nbuses\n", ("--precision", "fp16"), "--precision is 'int8' or 'float32'"),
    ],
)
def test_discover_refuses_bad_files_clearly(
    tmp_path: Path, content: bytes, args: tuple[str, ...], message: str
) -> None:
    code, output, rows = discover(tmp_path, content, *args)
    assert code == 2
    assert message in output
    assert rows == []


def test_discover_reads_the_encoding_it_is_told(tmp_path: Path) -> None:
    code, output, rows = discover(
        tmp_path, "text\ncaf\u00e9 closed\n".encode("cp1252"), "--encoding", "cp1252"
    )
    assert code == 0, output
    assert len(rows) == 1 and rows[0]["row"] == "1"


def test_discover_one_answer_gives_one_theme(tmp_path: Path) -> None:
    code, output, rows = discover(tmp_path, b"text\nthe buses are always late\n")
    assert code == 0, output
    assert [(r["row"], r["theme_id"]) for r in rows] == [("1", "1")]
    assert rows[0]["theme_label"]


def test_refit_themes_a_stored_consultation(sqlite_url: str) -> None:
    engine: Engine = make_engine(sqlite_url)
    consultation_id = make_consultation(engine, slug="town")
    add_answers(engine, consultation_id, [t for group in TOPICS.values() for t in group])
    result = runner.invoke(
        app, ["themes", "refit", "town"], env={"DATABASE_URL": sqlite_url, "SEED_DEMO": "false"}
    )
    assert result.exit_code == 0, result.output
    assert "24 answers" in result.output
    with session_scope(engine) as session:
        themes = repo.list_themes(session=session, consultation_id=consultation_id)
        assert 2 <= len([t for t in themes if not t.is_other]) <= 6
        assert all(t.display_label() for t in themes)
    missing = runner.invoke(
        app, ["themes", "refit", "nope"], env={"DATABASE_URL": sqlite_url, "SEED_DEMO": "false"}
    )
    assert missing.exit_code == 2 and "no consultation 'nope'" in missing.output
    engine.dispose()
