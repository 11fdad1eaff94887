"""The console's wording in English and Welsh (Fluent catalogues in console/locales/<lang>/).

The resident side keeps its own catalogues (bot/locales); the console's are separate
so that an officer's screen and a resident's SMS can change without touching each other.
Which language a page is in: the officer's saved choice, else the one picked with the
header switch while signed out, else the browser's Accept-Language, else English.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from fluent.runtime import FluentBundle, FluentResource
from fluent.syntax import ast, visitor
from starlette.exceptions import HTTPException

LOCALES_DIR = Path(__file__).parent / "locales"
LANGUAGES = ("en", "cy")
DEFAULT_LANGUAGE = "en"
# What the language switch shows, each name in its own language.
LANGUAGE_NAMES = {"en": "English", "cy": "Cymraeg"}
# A header longer than this is read only this far; nobody's browser sends more.
_ACCEPT_LANGUAGE_LIMIT = 512
_ACCEPT_LANGUAGE_ENTRIES = 32


class MissingMessageError(LookupError):
    """A message id is absent from a catalogue: a bug in the console, never the user's."""


@dataclass(frozen=True)
class Msg:
    """A message id with its arguments, translated when the page is drawn.

    Routes hand these to templates and flash messages, so the words follow the
    language of the page that shows them, not of the request that made them.
    """

    id: str
    args: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, message_id: str, **args: Any) -> Msg:
        return cls(message_id, dict(args))


class ConsoleCatalog:
    """Formats console message ids; thread-safe (Fluent bundles compile lazily)."""

    def __init__(self, locales_dir: Path = LOCALES_DIR) -> None:
        self._bundles: dict[str, FluentBundle] = {}
        self._resources: dict[str, list[ast.Resource]] = {}
        # Per message, the variables a selector reads ({ $count -> ... }): only those need
        # to reach Fluent as numbers. Formatting a number goes through Babel's locale data
        # (about 0.2 ms a call here) and groups digits ("answer 1,234"), so every other
        # argument is passed as plain text, as the templates printed it before.
        self._selectors: dict[tuple[str, str], frozenset[str]] = {}
        self._formatted: dict[tuple[str, str, tuple[tuple[str, str], ...]], str] = {}
        for language in LANGUAGES:
            # No bidi isolation marks: both languages are left-to-right, and the marks
            # would land in copied text and in tests' expected strings.
            bundle = FluentBundle([language], use_isolating=False)
            resources = []
            for path in sorted((locales_dir / language).glob("*.ftl")):
                resource = FluentResource(path.read_text(encoding="utf-8"))
                for entry in resource.body:
                    if isinstance(entry, ast.Junk):
                        broken = (entry.content or "")[:60]
                        raise ValueError(f"{path}: cannot parse {broken!r}")
                bundle.add_resource(resource)
                resources.append(resource)
                for entry in resource.body:
                    if isinstance(entry, ast.Message):
                        self._selectors[(language, entry.id.name)] = _selector_variables(entry)
            self._bundles[language] = bundle
            self._resources[language] = resources
        self._lock = threading.Lock()

    def messages(self, language: str) -> dict[str, ast.Message]:
        """Every message of a language by id (for the catalogue tests)."""
        return {
            entry.id.name: entry
            for resource in self._resources[language]
            for entry in resource.body
            if isinstance(entry, ast.Message)
        }

    def text(self, language: str, message_id: str, **args: Any) -> str:
        if language not in self._bundles:
            language = DEFAULT_LANGUAGE
        selectors = self._selectors.get((language, message_id), frozenset())
        plain = {k: v if k in selectors else str(v) for k, v in args.items()}
        key = (language, message_id, tuple(sorted((k, repr(v)) for k, v in plain.items())))
        cached = self._formatted.get(key)
        if cached is not None:
            return cached
        result = self._format(language, message_id, plain)
        if len(self._formatted) > 20_000:
            self._formatted.clear()  # bounded: ids and counts repeat, free text mostly not
        self._formatted[key] = result
        return result

    def _format(self, language: str, message_id: str, args: dict[str, Any]) -> str:
        bundle = self._bundles[language]
        if not bundle.has_message(message_id):
            raise MissingMessageError(f"console message {message_id!r} is missing ({language})")
        message = bundle.get_message(message_id)
        if message.value is None:
            raise MissingMessageError(f"console message {message_id!r} has no value ({language})")
        with self._lock:
            text, errors = bundle.format_pattern(message.value, args)
        if errors:
            raise MissingMessageError(f"console message {message_id!r} ({language}): {errors[0]}")
        return str(text)


class _SelectorVariables(visitor.Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def visit_SelectExpression(self, node: ast.SelectExpression) -> None:
        if isinstance(node.selector, ast.VariableReference):
            self.names.add(node.selector.id.name)
        self.generic_visit(node)


def _selector_variables(message: ast.Message) -> frozenset[str]:
    found = _SelectorVariables()
    found.visit(message)
    return frozenset(found.names)


@lru_cache(maxsize=1)
def catalog() -> ConsoleCatalog:
    return ConsoleCatalog()


def translate(language: str, message: str | Msg, **args: Any) -> str:
    """A message id (or a Msg) in `language`."""
    if isinstance(message, Msg):
        merged = {**message.args, **args}
        if isinstance(merged.get("reason"), str):
            # A refusal's reason from below the console, in English: worded in this language
            # where the console knows it (here, when the page is drawn, not when it was made).
            from console.reasons import explain

            merged["reason"] = explain(merged["reason"], language)
        return catalog().text(language, message.id, **merged)
    return catalog().text(language, message, **args)


def supported(code: object) -> str | None:
    """`code` if it names a console language ("cy", "CY", "cy-GB"), else None."""
    if not isinstance(code, str) or len(code) > 35:
        return None
    primary = code.strip().lower().split("-", 1)[0]
    return primary if primary in LANGUAGES else None


def negotiate(accept_language: str | None) -> str | None:
    """The console language the browser prefers most, or None if it names neither.

    Malformed parts of the header are skipped, not fatal: a hostile or broken header
    gives English, never an error page.
    """
    if not accept_language:
        return None
    best: tuple[float, int, str] | None = None
    parts = accept_language[:_ACCEPT_LANGUAGE_LIMIT].split(",")[:_ACCEPT_LANGUAGE_ENTRIES]
    for position, part in enumerate(parts):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        params = params.strip()
        if params:
            name, _, value = params.partition("=")
            if name.strip().lower() != "q":
                continue
            try:
                weight = float(value.strip())
            except ValueError:
                continue
            if not 0.0 < weight <= 1.0:
                continue
        language = supported(tag)
        if language is None:
            continue
        # Highest weight wins; on a tie the one the browser listed first.
        key = (weight, -position, language)
        if best is None or key[:2] > best[:2]:
            best = key
    return best[2] if best else None


class LocalisedHTTPException(HTTPException):
    """An HTTPException whose page says it in the officer's language.

    `detail` stays English, so the REST API's JSON errors do not change with a browser.
    """

    def __init__(
        self,
        status_code: int,
        message_id: str,
        headers: dict[str, str] | None = None,
        **args: Any,
    ) -> None:
        super().__init__(status_code, translate("en", message_id, **args), headers=headers)
        self.message = Msg(message_id, dict(args))
