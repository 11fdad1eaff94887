"""Resident-facing wording, read from the Fluent catalogues in bot/locales/<lang>/*.ftl."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from fluent.runtime import FluentBundle, FluentResource
from fluent.syntax import ast

# An officer's title ending in "?" or "!" inside a sentence of ours that
# ends with "." would read `"...live?".`: the sentence's full stop goes.
_DOUBLE_STOP = re.compile(r"""([?!]["'\u201d\u2019)]?|\.["'\u201d\u2019)])\.(?!\.)""")

LOCALES_DIR = Path(__file__).resolve().parents[1] / "locales"
LANGUAGES = ("en", "cy")


class MissingMessageError(LookupError):
    """A message id is absent from a catalogue: a bug, never a resident's fault."""


class Catalog:
    """Formats message ids in English or Welsh; thread-safe, argument-free ids cached."""

    def __init__(self, locales_dir: Path = LOCALES_DIR, languages: Iterable[str] = LANGUAGES):
        self._bundles: dict[str, FluentBundle] = {}
        self._ids: dict[str, set[str]] = {}
        for language in languages:
            # use_isolating=False: Unicode bidi isolation marks around
            # arguments are not GSM-7 and would force every SMS into UCS-2.
            bundle = FluentBundle([language], use_isolating=False)
            ids: set[str] = set()
            for path in sorted((locales_dir / language).glob("*.ftl")):
                resource = FluentResource(path.read_text(encoding="utf-8"))
                for entry in resource.body:
                    if isinstance(entry, ast.Junk):
                        # A typo in a catalogue must fail at start-up, not
                        # show a resident a blank message later.
                        broken = (entry.content or "")[:60]
                        raise ValueError(f"{path}: cannot parse {broken!r}")
                    if isinstance(entry, ast.Message):
                        ids.add(entry.id.name)
                bundle.add_resource(resource)
            self._bundles[language] = bundle
            self._ids[language] = ids
        self._cache: dict[tuple[str, str], str] = {}
        self._lock = threading.Lock()

    def languages(self) -> list[str]:
        return list(self._bundles)

    def message_ids(self, language: str) -> set[str]:
        return set(self._ids[language])

    def text(self, language: str, message_id: str, **args: Any) -> str:
        """The message in `language` (English when the language is unknown)."""
        if not args:
            cached = self._cache.get((language, message_id))
            if cached is not None:
                return cached
        bundle = self._bundles.get(language) or self._bundles["en"]
        if not bundle.has_message(message_id):
            raise MissingMessageError(f"message {message_id!r} is missing for {language!r}")
        message = bundle.get_message(message_id)
        if message.value is None:
            raise MissingMessageError(f"message {message_id!r} ({language}) has no value")
        with self._lock:
            # FluentBundle compiles lazily and is not documented as thread-safe.
            text, errors = bundle.format_pattern(message.value, args)
        if errors:
            raise MissingMessageError(f"message {message_id!r} ({language}): {errors[0]}")
        result = str(text)
        if args:
            result = _DOUBLE_STOP.sub(r"\1", result)
        if not args:
            self._cache[(language, message_id)] = result
        return result


@lru_cache(maxsize=1)
def default_catalog() -> Catalog:
    return Catalog()
