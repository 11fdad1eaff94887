"""Lexical attributes for Welsh: NORM spells clitics out, LIKE_NUM knows Welsh number words."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.attrs import LIKE_NUM, NORM
from spacy.lang.lex_attrs import LEX_ATTRS

from nlp.lang.cy.tokenizer_exceptions import clitic_norm


def _norm(text: str) -> str:
    # Clitics produced by the suffix rule never pass through the exception
    # table, so their NORM is set here: "'r" -> "yr", "’n" -> "yn".
    return clitic_norm(text) or text.lower().replace("\u2019", "'")


# Cardinal and ordinal number words, radical and common mutated forms
# ("dwy", "ddau", "bedwar", "phump"), so "tri bws" has a number in it.
_NUM_WORDS = frozenset(
    """
dim un dau ddau dwy ddwy tri dri thri tair dair thair pedwar bedwar pedair bedair pump bump
mhump phump pum bum chwech chwe saith wyth naw deg ddeg undeg un-deg ugain hugain cant gant
chant mil fil miliwn filiwn biliwn cyntaf gyntaf ail trydydd drydydd trydedd pedwerydd
bedwerydd pumed bumed chweched seithfed wythfed nawfed degfed ddegfed canfed milfed
""".split()
)


def like_num(text: str) -> bool:
    # Digits and fractions as spaCy's English does, Welsh words on top.
    if text[:1] in "+-±~":
        text = text[1:]
    stripped = text.replace(",", "").replace(".", "")
    if stripped.isdigit():
        return True
    if stripped.count("/") == 1:
        num, denom = stripped.split("/")
        if num.isdigit() and denom.isdigit():
            return True
    low = text.lower()
    # Ordinals written with digits: 1af, 2il, 3ydd, 4ydd, 5ed, 20fed.
    for suffix in ("af", "il", "ydd", "edd", "ed", "fed"):
        if low.endswith(suffix) and low[: -len(suffix)].isdigit():
            return True
    return low in _NUM_WORDS


LEX_ATTRS_CY: dict[int, Callable[[str], Any]] = {**LEX_ATTRS, NORM: _norm, LIKE_NUM: like_num}
