"""`whatmatters user create` makes the first admin, who can then sign in."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from app.cli.main import app
from console.security import verify_password
from storage.db import make_engine, session_scope
from storage.repositories import console_accounts as accounts


def test_user_create_prompts_for_a_password_and_stores_only_its_hash(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    runner = CliRunner()
    result = runner.invoke(
        app,
        ["user", "create", "--email", "Admin@Council.example", "--role", "admin"],
        input="a long enough password\na long enough password\n",
    )
    assert result.exit_code == 0, result.output
    assert "created admin account admin@council.example" in result.output
    engine = make_engine(sqlite_url)
    with session_scope(engine) as session:
        officer = accounts.get_officer_by_email(session=session, email="admin@council.example")
        assert officer is not None and officer.role == "admin"
        assert "long enough" not in officer.password_hash
        assert verify_password(officer.password_hash, "a long enough password")
    again = runner.invoke(
        app, ["user", "create", "--email", "admin@council.example", "--password", "x" * 12]
    )
    assert again.exit_code == 1 and "already exists" in again.output
    short = runner.invoke(app, ["user", "create", "--email", "b@c.example", "--password", "short"])
    assert short.exit_code == 2 and "at least 10 characters" in short.output
    listed = runner.invoke(app, ["user", "list"])
    assert "admin@council.example" in listed.output
    engine.dispose()
