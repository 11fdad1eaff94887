"""Text about code, where a language or a tool named like a person is the software.

A question on a programmers' forum names its tools the way English names people:
"Upgrading Ruby broke the JSON parsing", "Is Julia faster than Python here?", "Jenkins
fails when I push to GitHub". The finders read "Ruby", "Julia" and "Jenkins" as people. In
text that is plainly about code (a compiler, a stack trace, JSON or SQL, a call written
"foo()", a name_with_underscores) the languages and tools named like people
(sayings.SOFTWARE_NAMED_LIKE_PEOPLE) are shown, unless a title or a credit goes with them
("Mrs Ruby Clarke", "thanks to Julia", "Travis answer"). Every other name stays hidden,
there too: a span with no such software name in it was tried, and on held-out forum text
it showed people (surnames and usernames thanked for nothing), so it was dropped
(bench/RESULTS.md, session 19). Residents' answers about "the app", "the website" or "the
system" are not text about code.
"""

from __future__ import annotations

import re

from nlp.redaction.gazetteer import fold
from nlp.redaction.name_cues import after_title
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
# thanked for it: "@Julia answer", "following Travis solution", "Thanks to Ruby".
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


def shown_in_code_talk(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """The name spans of ``text`` that name software like a person, when it is about code.

    Runs on every text that holds a name: the software names are looked up first, and only
    a text naming one is read for code."""
    candidates = []
    for start, end, kind in spans:
        words = [fold(w) for w in re.findall(r"[^\W\d_]+", text[start:end])]
        if kind == "name" and words and all(w in SOFTWARE_NAMED_LIKE_PEOPLE for w in words):
            candidates.append((start, end))
    if not candidates or not about_code(text):
        return []
    return [
        (start, end)
        for start, end in candidates
        if not (
            after_title(text, start)  # "Mrs Ruby says the API is down"
            or _CREDIT_BEFORE.search(text[max(0, start - 12) : start])
            or _CREDIT_AFTER.match(text[end : end + 14])
        )
    ]
