"""Every resident-facing message exists in English and Welsh and fits in 2 SMS segments.

The SMS segment count of every catalogue message, and of every reply a real
conversation produces, is collected and printed in the test summary
("SMS segments per prompt"), so wording changes show their cost.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from fluent.syntax import FluentParser, ast
from fluent.syntax.visitor import Visitor
from sqlalchemy.engine import Engine

from bot.channels.sms.segments import encoding, segment_count
from bot.conversation.catalog import LOCALES_DIR, Catalog, default_catalog
from bot.conversation.engine import ConversationEngine
from bot.conversation.messages import Reply
from bot.conversation.turn import MAX_SEGMENTS
from storage.db import make_engine, session_scope
from storage.identity import AddressProtector
from storage.models import ConsultationStatus
from storage.repositories.consultations import create_consultation
from tests.bot.conversation.conftest import Clock, Resident, add_consultation

SEGMENT_REPORT: list[tuple[str, str, int, str]] = []

# Realistic values for catalogue arguments: titles the size officers use.
SAMPLE_ARGS = {
    "en": {"title": "The future of local bus services in Wrexham", "keyword": "BUSES"},
    "cy": {"title": "Dyfodol gwasanaethau bws lleol yn Wrecsam", "keyword": "BUSES"},
}


def _ids(language: str) -> dict[str, set[str]]:
    """Message ids per catalogue file for one language."""
    parser = FluentParser()
    found: dict[str, set[str]] = {}
    for path in sorted((LOCALES_DIR / language).glob("*.ftl")):
        resource = parser.parse(path.read_text(encoding="utf-8"))
        found[path.name] = {e.id.name for e in resource.body if isinstance(e, ast.Message)}
    return found


def _variables(language: str, message_id: str) -> set[str]:
    parser = FluentParser()
    names: set[str] = set()

    class Variables(Visitor):
        def visit_VariableReference(self, node: ast.VariableReference) -> None:  # noqa: N802
            names.add(node.id.name)

    for path in (LOCALES_DIR / language).glob("*.ftl"):
        for entry in parser.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(entry, ast.Message) and entry.id.name == message_id:
                Variables().visit(entry)
    return names


def test_every_catalogue_file_exists_in_both_languages() -> None:
    assert set(_ids("en")) == set(_ids("cy"))
    assert "conversation.ftl" in _ids("en")


@pytest.mark.parametrize("filename", sorted(_ids("en")))
def test_every_message_id_exists_in_english_and_welsh(filename: str) -> None:
    english, welsh = _ids("en")[filename], _ids("cy").get(filename, set())
    assert not english - welsh, f"missing in cy/{filename}: {sorted(english - welsh)}"
    assert not welsh - english, f"missing in en/{filename}: {sorted(welsh - english)}"


def test_catalogues_parse_without_errors() -> None:
    for language in ("en", "cy"):
        for path in (LOCALES_DIR / language).glob("*.ftl"):
            resource = FluentParser().parse(path.read_text(encoding="utf-8"))
            junk = [e.content for e in resource.body if isinstance(e, ast.Junk)]
            assert not junk, f"{path}: {junk}"


def test_a_broken_catalogue_fails_loudly(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "x.ftl").write_text("greeting = Hello\nthis is not fluent\n")
    with pytest.raises(ValueError, match="cannot parse"):
        Catalog(tmp_path, languages=["en"])


def test_no_bidi_isolation_marks_around_arguments() -> None:
    text = default_catalog().text("cy", "closed", title="Bysiau")
    assert '"Bysiau"' in text and "\u2068" not in text


@pytest.mark.parametrize("language", ["en", "cy"])
def test_every_catalogue_message_fits_two_sms_segments(language: str) -> None:
    catalog = default_catalog()
    too_long = []
    for message_id in sorted(catalog.message_ids(language)):
        args = {
            name: SAMPLE_ARGS[language].get(name, "sample")
            for name in _variables(language, message_id)
        }
        text = catalog.text(language, message_id, **args)
        segments = segment_count(text)
        SEGMENT_REPORT.append((language, message_id, segments, encoding(text)))
        if segments > MAX_SEGMENTS:
            too_long.append((message_id, segments, text))
    assert not too_long, too_long


def test_conversation_wording_is_gsm7() -> None:
    """Our own conversation wording avoids characters that force UCS-2."""
    catalog = default_catalog()
    for language in ("en", "cy"):
        for message_id in _ids(language)["conversation.ftl"]:
            args = {n: SAMPLE_ARGS[language].get(n, "x") for n in _variables(language, message_id)}
            text = catalog.text(language, message_id, **args)
            assert encoding(text) == "GSM-7", (language, message_id, text)


@pytest.fixture
def lite_engine(sqlite_url: str) -> Iterator[Engine]:
    engine = make_engine(sqlite_url)
    yield engine
    engine.dispose()


def _demo(engine: Engine) -> None:
    data: dict[str, Any] = yaml.safe_load(
        (Path(__file__).resolve().parents[3] / "bot/demo/consultation.yaml").read_text()
    )
    data["status"] = ConsultationStatus.OPEN
    with session_scope(engine) as session:
        create_consultation(session=session, **data)


SCRIPTS = {
    "en": "MATTERS|help|yes|Parks|For my kids|LL11|9|2|maybe|yes|more|DELETE|no|STOP|START",
    "cy": "CYMRAEG|MATTERS|Ie|cymorth|Parciau|I'r plant|hepgor|3|ie|rhagor|DILEU|na|STOP|DECHRAU",
}


@pytest.mark.parametrize("language", ["en", "cy"])
def test_every_reply_in_a_real_conversation_fits_two_sms_segments(
    lite_engine: Engine, protector: AddressProtector, language: str
) -> None:
    _demo(lite_engine)
    bot = ConversationEngine(engine=lite_engine, protector=protector)
    resident = Resident(engine=bot, clock=Clock())
    replies: list[Reply] = []
    for text in SCRIPTS[language].split("|"):
        replies += resident.send(text)
    assert {reply.language for reply in replies} == {language}
    for reply in replies:
        SEGMENT_REPORT.append(
            (language, f"flow:{reply.key}", segment_count(reply.text), encoding(reply.text))
        )
        assert segment_count(reply.text) <= MAX_SEGMENTS, reply


def test_circumflex_or_long_titles_fall_back_to_the_short_greeting(
    lite_engine: Engine, protector: AddressProtector
) -> None:
    add_consultation(
        lite_engine,
        keyword="GWYL",
        title_en="Summer festival",
        title_cy="Gŵyl yr haf ym Mharc Acton",
    )
    bot = ConversationEngine(engine=lite_engine, protector=protector)
    resident = Resident(engine=bot, clock=Clock())
    resident.send("CYMRAEG")
    greeting = resident.send("GWYL")[0]
    assert greeting.key == "greeting" and greeting.language == "cy"
    assert segment_count(greeting.text) <= MAX_SEGMENTS
    assert "Ydych chi'n fodlon cymryd rhan?" in greeting.text
