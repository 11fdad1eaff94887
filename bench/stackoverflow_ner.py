"""People named in questions about code: the StackOverflow NER corpus, for the name finder.

Tabassum et al., "Code and Named Entity Recognition in StackOverflow" (ACL 2020;
github.com/jeniyat/StackOverflowNER, MIT; the posts are StackOverflow's, CC BY-SA) tags 20
kinds of entity over StackOverflow questions and answers, one of them User_Name: the people
a post names ("Marc Gravell", "@driis"). Everything else it tags (applications, languages,
classes, file names, values) is a thing, so the corpus measures how often the finder takes
the words of code and software for people: text WNUT-17's test split also holds
(StackExchange), which the other development sets lack.

Rows come out like bench/ewt.py's: the words joined by single spaces, User_Name runs typed
"person". Post headers (Question_ID, Question_URL, Answer_to_Question_ID) and blocks of code
or output are left out: the annotators replaced the code by a placeholder.

Splits: ``train`` may be used to fit, ``dev`` to choose and read, ``test`` to check once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.mirrors import read_text
from bench.tagged_rows import tagged_row

#: The commit read from a git mirror (the annotated files' last change).
COMMIT = "89dabf8cebd8af023c0e08d74e98bb12bac399e4"
FOLDER = "resources/annotated_ner_data/StackOverflow"
SPLITS = ("train", "dev", "test")
_HEADERS = {"Question_ID", "Question_URL", "Answer_to_Question_ID", "Answer_URL"}
_BLOCKS = {"Code_Block", "Output_Block"}
# Everything but the people a post names is a thing, left untyped.
_PERSON = {"User_Name": "person"}


def _read(source: Path, split: str) -> str:
    """The split's text from a folder holding ``{split}.txt`` or a (bare) git mirror."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; expected one of {', '.join(SPLITS)}")
    return read_text(source, f"{split}.txt", commit=COMMIT, path=f"{FOLDER}/{split}.txt")


def parse(content: str) -> list[dict[str, Any]]:
    """Rows ``{"text", "spans"}``: one per sentence of prose, User_Name runs as "person"."""
    rows: list[dict[str, Any]] = []
    sentence: list[tuple[str, str]] = []
    for line in [*content.splitlines(), ""]:
        if line.strip():
            columns = line.split("\t")
            sentence.append((columns[0], columns[1] if len(columns) > 1 else "O"))
            continue
        kinds = {tag[2:] for _, tag in sentence}
        if sentence and sentence[0][0] not in _HEADERS and not kinds & _BLOCKS:
            rows.append(tagged_row(sentence, _PERSON.get))
        sentence = []
    return rows


def load(source: Path, split: str) -> list[dict[str, Any]]:
    """Rows of one split (see the module's docstring).

    Args:
        source: a git mirror of jeniyat/StackOverflowNER (read with ``git show``; nothing
            is copied) or a folder holding ``{split}.txt``.
        split: "train", "dev" or "test".
    """
    return parse(_read(source, split))
