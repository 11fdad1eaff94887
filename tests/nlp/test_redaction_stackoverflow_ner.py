"""The StackOverflow NER reader (bench/stackoverflow_ner.py): names among code and software."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.stackoverflow_ner import load

POSTS = """Question_ID\tO\tQuestion_ID\tO
:\tO\t:\tO
608721\tO\t608721\tO

As\tO\tAs\tO
Marc\tB-User_Name\tMarc\tO
Gravell\tI-User_Name\tGravell\tO
said\tO\tsaid\tO
,\tO\t,\tO
use\tO\tuse\tO
Scala\tB-Language\tScala\tO
with\tO\twith\tO
@driis\tB-User_Name\t@driis\tO
and\tO\tand\tO
Tim\tB-User_Name\tTim\tO

CODE_BLOCK\tB-Code_Block\tCODE_BLOCK\tB-Code_Block
:\tI-Code_Block\t:\tI-Code_Block
"""


def test_posts_become_sentences_with_the_people_they_name(tmp_path: Path) -> None:
    (tmp_path / "dev.txt").write_text(POSTS, encoding="utf-8")
    rows = load(tmp_path, "dev")
    # The post's header and its code block are no prose: one sentence is left.
    assert [row["text"] for row in rows] == ["As Marc Gravell said , use Scala with @driis and Tim"]
    spans = [(rows[0]["text"][s["start"] : s["end"]], s["type"]) for s in rows[0]["spans"]]
    # Each User_Name run is a person; the language is a thing, left untyped.
    assert spans == [("Marc Gravell", "person"), ("@driis", "person"), ("Tim", "person")]


def test_an_unknown_split_or_a_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown split"):
        load(tmp_path, "validation")
    with pytest.raises(FileNotFoundError, match="no git repository"):
        load(tmp_path, "dev")
