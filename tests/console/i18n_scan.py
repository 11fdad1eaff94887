"""Finds wording in console templates that is not in a catalogue.

A template may hold, outside `_("...")`: markup, numbers and punctuation, text
inside <code>, and text inside an element that names its language with `lang`
(a resident's words, the product name, a language's own name). Anything else
with letters in it is English (or Welsh) that the other language never sees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from jinja2 import Environment, nodes

_WORD = re.compile(r"[^\W\d_]{2,}")
# A Jinja string that reads as prose: two words, or one capitalised word.
_PROSE = re.compile(r"[^\W\d_]+\s+[^\W\d_]+|^[A-Z][a-z]+")
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "wbr",
}
_EXEMPT = {"code", "script", "style"}
_READ_ALOUD = ("title", "alt", "placeholder", "aria-label")
# A page's body class is a CSS name, not wording.
_BODY_CLASS = re.compile(r"\{% block body_class %\}.*?\{% endblock %\}", re.S)
_JINJA = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.S)


@dataclass(frozen=True)
class Finding:
    template: str
    text: str


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.found: list[str] = []

    def _exempt(self) -> bool:
        return any(exempt for _, exempt in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if not self._exempt():
            self.found.extend(
                value for key in _READ_ALOUD if (value := named.get(key)) and _WORD.search(value)
            )
        if tag not in _VOID:
            # `lang` names the text's language on purpose; translate="no" marks a name
            # (Telegram) that reads the same in every language.
            exempt = tag in _EXEMPT or "lang" in named or named.get("translate") == "no"
            self.stack.append((tag, exempt))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        if not self._exempt() and _WORD.search(data):
            self.found.append(" ".join(data.split()))


def _prose_constants(tree: nodes.Template) -> list[str]:
    translated = {
        id(call.args[0])
        for call in tree.find_all(nodes.Call)
        if isinstance(call.node, nodes.Name) and call.node.name == "_" and call.args
    }
    return [
        const.value
        for const in tree.find_all(nodes.Const)
        if isinstance(const.value, str)
        and id(const) not in translated
        and _PROSE.search(const.value)
    ]


def scan(template: Path, environment: Environment) -> list[Finding]:
    source = template.read_text(encoding="utf-8")
    collector = _TextCollector()
    # Jinja tags become a space: text either side is still seen, and a tag inside
    # an element's start tag (`<td{{ lang_attr(x) }}>`) leaves it well formed.
    collector.feed(_JINJA.sub(" ", _BODY_CLASS.sub(" ", source)))
    collector.close()
    texts = collector.found + _prose_constants(environment.parse(source))
    return [Finding(template.name, text) for text in texts]
