"""The console's catalogues: both languages complete, and no template wording outside them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fluent.syntax import ast, visitor

from console.board import DIMENSION_LABELS
from console.i18n import LANGUAGES, ConsoleCatalog, negotiate, supported
from console.reasons import KNOWN as KNOWN_REASONS
from console.templating import TEMPLATES_DIR, templates
from storage.models import ConsultationStatus, QuestionKind
from storage.models.accounts import Role
from storage.models.quotes import QuoteSource
from storage.models.responses import Decision, ResponseStatus
from storage.placeholders import SPAN_TYPES
from tests.console.i18n_scan import scan

CONSOLE_DIR = Path(__file__).resolve().parents[2] / "console"
# Ids named in Python: Msg("id"), Msg.of("id"), flash(request, "id"),
# LocalisedHTTPException(status, "id").
_PY_IDS = re.compile(
    r'(?:Msg(?:\.of)?\(\s*|flash\(\s*request,\s*|LocalisedHTTPException\(\s*\d+,\s*)"([a-z0-9-]+)"'
)
_TEMPLATE_IDS = re.compile(r"""\b_\(\s*["']([a-z0-9-]+)["']""")


class _Variables(visitor.Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def visit_VariableReference(self, node: ast.VariableReference) -> None:
        self.names.add(node.id.name)


def _variables(message: ast.Message) -> set[str]:
    found = _Variables()
    found.visit(message)
    return found.names


@pytest.fixture(scope="module")
def catalog() -> ConsoleCatalog:
    return ConsoleCatalog()


def test_every_message_is_in_both_languages_with_the_same_variables(
    catalog: ConsoleCatalog,
) -> None:
    english, welsh = catalog.messages("en"), catalog.messages("cy")
    assert len(english) > 300
    assert sorted(set(english) ^ set(welsh)) == []
    differing = {
        message_id: (_variables(english[message_id]), _variables(welsh[message_id]))
        for message_id in english
        if _variables(english[message_id]) != _variables(welsh[message_id])
    }
    assert differing == {}


def test_welsh_is_not_english_left_untranslated(catalog: ConsoleCatalog) -> None:
    english, welsh = catalog.messages("en"), catalog.messages("cy")
    # Names and codes read the same in both languages; everything else must differ.
    # ("ward", "poster", "problem" and "grid" are Welsh words too; some ids are a bare reason.)
    same_on_purpose = {
        "question-kind-ward",
        "dimension-ward",
        "poster-title",
        "import-col-problem",
        "workshop-grid",
        "error-upload-gone",
        "invitations-not-recorded",
    }
    same = [
        message_id
        for message_id in english
        if message_id not in same_on_purpose
        and catalog.text("en", message_id, **_dummy(english[message_id]))
        == catalog.text("cy", message_id, **_dummy(welsh[message_id]))
        and re.search(r"[a-z]{4,}", catalog.text("en", message_id, **_dummy(english[message_id])))
    ]
    assert same == []


def _dummy(message: ast.Message) -> dict[str, object]:
    return dict.fromkeys(_variables(message), 3)


def test_every_id_the_code_and_templates_use_exists(catalog: ConsoleCatalog) -> None:
    known = set(catalog.messages("en"))
    used: dict[str, set[str]] = {}
    for path in [*CONSOLE_DIR.rglob("*.py"), *TEMPLATES_DIR.glob("*.html")]:
        pattern = _TEMPLATE_IDS if path.suffix == ".html" else _PY_IDS
        for message_id in pattern.findall(path.read_text(encoding="utf-8")):
            if not message_id.endswith("-"):  # a prefix, completed below
                used.setdefault(message_id, set()).add(path.name)
    # Ids built from a value (`_("role-" ~ r.value)`): every value must have one.
    built = {
        "status": [s.value for s in ConsultationStatus],
        "flash-consultation": [s.value for s in ConsultationStatus],
        "role": [r.value for r in Role],
        "flash-shared": [r.value for r in Role],
        "question-kind": [k.value for k in QuestionKind],
        "quotes-source": [s.value for s in QuoteSource],
        "span": sorted(SPAN_TYPES),
        "feedback-section": ["found-out", "difference"],
        "subnav": [
            "overview",
            "answers",
            "themes",
            "quotes",
            "quality",
            "found-out",
            "import",
            "invitations",
            "playback",
            "exports",
        ],
        "your-voice": ["why", "want-to-know", "found-out", "difference"],
        "response-decision": [d.value.replace("_", "-") for d in Decision],
        "response-status": [s.value.replace("_", "-") for s in ResponseStatus],
    }
    for prefix, values in built.items():
        used.update({f"{prefix}-{value}": {"built"} for value in values})
    used.update({message_id: {"board.py"} for message_id in DIMENSION_LABELS.values()})
    used.update({message_id: {"reasons.py"} for _, message_id in KNOWN_REASONS})
    missing = {message_id: where for message_id, where in used.items() if message_id not in known}
    assert missing == {}
    assert len(used) > 250


def test_no_template_holds_wording_outside_the_catalogues() -> None:
    findings = [
        finding
        for template in sorted(TEMPLATES_DIR.glob("*.html"))
        for finding in scan(template, templates.env)
    ]
    assert findings == []


def test_the_scanner_finds_english_where_it_hides(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '<h1>{{ _("ok-id") }}</h1><p title="Hover text">{{ n }} answers</p>'
        "{% for k, label in [('a', 'Overview')] %}{{ label }}{% endfor %}"
        "{{ 'not yet' if x else _('fine') }}<code>whatmatters serve</code>"
        '<span lang="cy">Beth sy\'n bwysig</span><img alt="QR code">',
        encoding="utf-8",
    )
    found = {finding.text for finding in scan(page, templates.env)}
    assert found == {"Hover text", "answers", "Overview", "not yet", "QR code"}


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("cy", "cy"),
        ("cy-GB,cy;q=0.9,en-GB;q=0.8", "cy"),
        ("en-GB,en;q=0.9,cy;q=0.8", "en"),
        ("fr-FR, cy;q=0.5, en;q=0.4", "cy"),
        ("en;q=0.5, CY;q=0.6", "cy"),
        ("de, fr", None),
        ("", None),
        ("cy;q=0, en;q=0.1", "en"),
        ("cy;q=nan, en;q=0.2", "en"),
        ("cy;q=1e400", None),
        ("cy;level=1", None),
        (";;;,,,==", None),
        ("x" * 100_000, None),
        ("de," * 10_000 + "cy", None),
        ("\x00cy\u202e", None),
    ],
)
def test_accept_language_is_read_safely(header: str, expected: str | None) -> None:
    assert negotiate(header) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("cy", "cy"),
        ("CY-gb", "cy"),
        ("en", "en"),
        ("fr", None),
        ("", None),
        (None, None),
        (7, None),
    ],
)
def test_only_console_languages_are_supported(code: object, expected: str | None) -> None:
    assert supported(code) == expected
    assert set(LANGUAGES) == {"en", "cy"}
