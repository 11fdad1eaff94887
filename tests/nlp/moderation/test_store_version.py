"""Stored flags follow the rules: a change to any rule file has answers checked again."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import update

from nlp.moderation import store
from nlp.moderation.store import answer_flags, rules_version
from storage.db import make_engine, session_scope
from storage.repositories.answer_flags import FLAGS
from tests.nlp.themes_factories import add_answers, make_consultation


def _copy_rules(tmp_path: Path) -> Path:
    folder = tmp_path / "moderation"
    shutil.copytree(
        Path(store.__file__).parent, folder, ignore=shutil.ignore_patterns("__pycache__")
    )
    return folder


def test_the_version_changes_with_a_rule_file_and_not_with_the_store(tmp_path: Path) -> None:
    folder = _copy_rules(tmp_path)
    before = rules_version(folder)
    assert before == store.VERSION
    (folder / "store.py").write_text("# the store's own code does not decide a flag\n")
    assert rules_version(folder) == before
    lexicon = folder / "lexicon.py"
    lexicon.write_text(lexicon.read_text().replace("wanker", "wanker plonker", 1))
    assert rules_version(folder) != before
    (folder / "lexicon.py").write_text((Path(store.__file__).parent / "lexicon.py").read_text())
    (folder / "data" / "spam_model.json.gz").write_bytes(b"a retrained model")
    assert rules_version(folder) != before


def test_flags_stored_by_older_rules_are_checked_again_and_clearances_kept(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        consultation = make_consultation(engine)
        cleared, stale = add_answers(engine, consultation, ["ffycin hel", "immigrants are lazy"])
        with session_scope(engine) as session:
            answer_flags(session, [cleared, stale])
            # As an older release left them: the hate flag unknown, the abuse cleared.
            session.execute(
                update(FLAGS)
                .where(FLAGS.c.answer_id == stale)
                .values(kinds=[], reasons=[], version="moderation-1")
            )
            session.execute(
                update(FLAGS)
                .where(FLAGS.c.answer_id == cleared)
                .values(cleared=["abuse"], version="moderation-1")
            )
        with session_scope(engine) as session:
            found = answer_flags(session, [cleared, stale])
        assert found[stale]["active"] == ["abuse"]
        assert found[cleared]["cleared"] == ["abuse"] and found[cleared]["active"] == []
    finally:
        engine.dispose()
