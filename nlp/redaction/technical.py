"""Text about code, where a capitalised word the finders call a name is a program's.

A question on a programmers' forum names software the way English names people: "You
probably upgraded Ruby", "I am using Kingfisher to download images", "Phusion Passenger
handles it". The finders read such a word, capitalised and in a subject's place, as a
person. In text that is plainly about code (a compiler, a stack trace, an API, a call
written "foo()", a name_with_underscores), a name span with no given name in it is shown,
and so are the languages and libraries named like people ("Ruby", "Julia"). A person with a
given name stays hidden there ("thanks to Elizabeth Bennett"), and so does every name in
any text without such a cue: residents' answers about "the app", "the website" or "the
system" are not text about code.
"""

from __future__ import annotations

import re

from nlp.redaction.gazetteer import fold
from nlp.redaction.name_cues import title
from nlp.redaction.sayings import SOFTWARE_NAMED_LIKE_PEOPLE

# Words a resident writing to a council or a hospital has no use for, and programmers use
# all the time. Everyday words that are both ("library", "version", "code", "server",
# "install", "function", "class", "string") are left out.
_CUE_WORDS = (
    r"compilers?|runtime|syntax|debug(?:ger|ging)?|stack\s?trace"
    r"|regex(?:es)?|regexp|repos|repository|github|gitlab|npm|pip3?|sdk|apis?|json|xml|sql"
    r"|mysql|sqlite|postgres(?:ql)?|html|javascript|jquery|typescript|php|java|python|c\+\+"
    r"|c#|\.net|node\.?js|ajax|plugins?|boolean|integers?|nullptr|localhost|params|argv"
    r"|stdout|stderr|stdin|namespace|getters?|setters?|callbacks?|iterators?|lambda"
    r"|recursion|recursive|backend|codebase|refactor(?:ing|ed)?|unicode|utf-?8|ascii"
    r"|dll|apk|gradle|maven|webpack|docker|kubernetes|xcode"
)
_CUE = re.compile(rf"(?<![\w+#.])(?:{_CUE_WORDS})(?![\w+#])", re.IGNORECASE)
# Code written in the text: a call ("update()", "AVAssetReader.timeRange"), a name with
# underscores ("parent_id"), a variable ("$_POST"), a path of identifiers.
_CODE = re.compile(
    r"\b\w+\(\)|\b\w+\.\w+\(|(?<![\w.@-])[a-z]+_[a-z_]+(?![\w.@-])|\$_?[A-Za-z]\w*"
    r"|\b[a-z]+[A-Z]\w*\.[a-z]\w*|\b[A-Za-z]\w*\.[a-z]+[A-Z]\w*"
)

# A person in text about code is mostly another programmer, named beside what they wrote or
# thanked for it: "@Sujal Mandal answer", "following Rufinus solution", "Thanks to maaartinus".
_CREDIT_BEFORE = re.compile(
    r"(?:@|\b(?:(?:thanks|thank\s+you|thx)(?:\s+to)?|by|cc)\s+)$", re.IGNORECASE
)
_CREDIT_AFTER = re.compile(
    r"^(?:\s*['’]s?)?\s+(?:answer|solution|comment|suggestion|reply|post|idea|approach|help"
    r"|example|edit|fix)s?\b",
    re.IGNORECASE,
)


def about_code(text: str) -> bool:
    """Whether ``text`` is plainly about code: it holds a programmer's word or code."""
    return bool(_CUE.search(text) or _CODE.search(text))


def shown_in_code_talk(
    text: str, spans: list[tuple[int, int, str]], given_names: frozenset[str]
) -> list[tuple[int, int]]:
    """The name spans of ``text`` that name software, not people, when it is about code:
    every one holding no listed given name, and those naming software like a person."""
    if not about_code(text):
        return []
    shown = []
    for start, end, kind in spans:
        if kind != "name":
            continue
        before = text[max(0, start - 16) : start].split()
        if (
            (before and title(before[-1]))  # "Mr Pritchard says the API is down"
            or _CREDIT_BEFORE.search(text[max(0, start - 12) : start])
            or _CREDIT_AFTER.match(text[end : end + 14])
        ):
            continue
        words = [fold(w) for w in re.findall(r"[^\W\d_]+", text[start:end])]
        if not any(w in given_names for w in words) or all(
            w in SOFTWARE_NAMED_LIKE_PEOPLE for w in words
        ):
            shown.append((start, end))
    return shown
