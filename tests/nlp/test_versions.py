"""Cached NLP outputs follow what decides them: a change to a rule or data file recomputes them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from sqlalchemy import update

from nlp import versions
from nlp.moderation import store
from nlp.moderation.store import answer_flags
from nlp.versions import moderation_version, redaction_files, redaction_version
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
    before = moderation_version(folder)
    assert before == store.VERSION
    (folder / "store.py").write_text("# the store's own code does not decide a flag\n")
    assert moderation_version(folder) == before
    lexicon = folder / "lexicon.py"
    lexicon.write_text(lexicon.read_text().replace("wanker", "wanker plonker", 1))
    assert moderation_version(folder) != before
    (folder / "lexicon.py").write_text((Path(store.__file__).parent / "lexicon.py").read_text())
    (folder / "data" / "spam_model.json.gz").write_bytes(b"a retrained model")
    assert moderation_version(folder) != before


# Run in a fresh interpreter: only what redacting an answer imports, nothing another test did.
_LOADED_BY_REDACTION = """
import sys
from nlp.redaction import Redactor
Redactor().redact("Ask Dave at the depot", language="en")
Redactor().redact("Ffoniwch Gareth yn Rhosddu")
print("\\n".join(m.__file__ for n, m in list(sys.modules.items())
                if (n == "nlp" or n.startswith("nlp.")) and getattr(m, "__file__", None)))
"""
# Imported while redacting, yet deciding nothing of the redacted text.
_NOT_DECIDING = {"__init__.py", "lang/__init__.py", "versions.py", "embeddings/hashing.py"}


def test_every_module_that_redacts_an_answer_is_in_the_redaction_version() -> None:
    # A module left out of the digest could change the redacted text and leave the cache
    # stale, showing officers text redacted by rules that no longer hold.
    loaded = subprocess.run(
        [sys.executable, "-c", _LOADED_BY_REDACTION], capture_output=True, text=True, check=True
    ).stdout.split()
    used = {Path(path).resolve().relative_to(versions.NLP.resolve()).as_posix() for path in loaded}
    covered = {path.relative_to(versions.NLP).as_posix() for path in redaction_files()}
    assert "redaction/data/name_head.npz" in covered
    assert used - covered - _NOT_DECIDING == set()
    assert redaction_version().startswith("nlp.redaction-") and len(redaction_version()) <= 32


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
