from __future__ import annotations

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from storage.migrate import head_revisions, is_at_head

MIGRATION_ONLY_INDEXES = {"ix_answer_consultation_id_id"}


def test_migrations_reach_head_and_create_every_table(engine: Engine) -> None:
    from sqlmodel import SQLModel

    import storage.models  # noqa: F401

    assert is_at_head(engine)
    assert head_revisions(), "there must be at least one migration"
    tables = set(inspect(engine).get_table_names())
    missing = set(SQLModel.metadata.tables) - tables
    assert not missing, f"tables without a migration: {missing}"


def test_audit_log_refuses_updates_and_deletes(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO auditevent (at, actor, action, subject) "
                "VALUES (CURRENT_TIMESTAMP, 'system', 'opted_out', 'participant:1')"
            )
        )
    for statement in ("UPDATE auditevent SET action = 'x'", "DELETE FROM auditevent"):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(text(statement))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM auditevent")).scalar_one() == 1


def test_sqlite_runs_in_wal_mode(sqlite_url: str) -> None:
    from storage.db import make_engine

    engine = make_engine(sqlite_url)
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
    engine.dispose()


def test_sqlite_never_reuses_an_erased_participants_id(sqlite_url: str) -> None:
    from storage.db import make_engine

    engine = make_engine(sqlite_url)
    insert = text(
        "INSERT INTO participant (channel, address_hash, address_encrypted, language, consent,"
        " opted_out, created_at, last_seen_at) VALUES ('sms', :h, x'00', 'en', 'unknown', 0,"
        " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
    )
    with engine.begin() as conn:
        conn.execute(insert, {"h": "a"})
        first = conn.execute(text("SELECT max(id) FROM participant")).scalar_one()
        conn.execute(text("DELETE FROM participant"))
        conn.execute(insert, {"h": "b"})
        second = conn.execute(text("SELECT max(id) FROM participant")).scalar_one()
    engine.dispose()
    assert second > first


def test_one_head_and_a_full_downgrade_and_upgrade_round_trip(db_url: str) -> None:
    from alembic import command

    from storage.db import make_engine
    from storage.migrate import alembic_config, upgrade

    assert len(head_revisions()) == 1, "feature branches must be merged into one head"
    command.downgrade(alembic_config(db_url), "base")
    engine = make_engine(db_url)
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade(db_url)
    assert is_at_head(engine)
    engine.dispose()


def test_the_migrated_schema_matches_the_models(engine: Engine) -> None:
    """Every column a model declares exists, with its type: nothing was left out of a migration."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from sqlmodel import SQLModel

    import storage.models  # noqa: F401

    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, SQLModel.metadata)
    # 0006 adds an index for paging through a consultation's answers that no
    # model declares; anything else the models and migrations disagree on is a bug.
    unexpected = [
        d
        for d in differences
        if not (d[0] == "remove_index" and d[1].name in MIGRATION_ONLY_INDEXES)
    ]
    assert unexpected == []


def test_consultations_from_before_results_links_get_none_and_lose_it_on_downgrade(
    db_url: str,
) -> None:
    from alembic import command

    from storage.db import make_engine
    from storage.migrate import alembic_config, upgrade

    command.downgrade(alembic_config(db_url), "0009")
    engine = make_engine(db_url)
    assert "results_url" not in {c["name"] for c in inspect(engine).get_columns("consultation")}
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO consultation (slug, keyword, title_en, title_cy, department, status,"
                " why_en, why_cy, want_to_know_en, want_to_know_cy, found_out_en, found_out_cy,"
                " difference_en, difference_cy, created_at, updated_at) VALUES ('buses', 'BUSES',"
                " 'Buses', 'Bysiau', '', 'open', '', '', '', '', 'Buses matter.', '', '', '',"
                " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
    upgrade(db_url)
    with engine.connect() as conn:
        row = conn.execute(text("SELECT found_out_en, results_url FROM consultation")).one()
    assert tuple(row) == ("Buses matter.", "")
    engine.dispose()
