"""Welsh swear words as people write them are flagged; words that only share letters are not."""

from __future__ import annotations

from pathlib import Path

import pytest

import nlp.lang.cy
from nlp.moderation import ABUSE, check
from nlp.moderation.flags import OBSCENE, is_obscene
from nlp.moderation.lexicon import mutated_forms

DICTIONARIES = Path(nlp.lang.cy.__file__).parent / "data"


def _obscene(text: str) -> bool:
    return any(flag.kind == ABUSE and flag.reason == OBSCENE for flag in check(text))


def _abuse(text: str) -> bool:
    return any(flag.kind == ABUSE for flag in check(text))


@pytest.mark.parametrize(
    "text",
    [
        # mutations: soft after "dy", nasal after "fy", aspirate after "ei" (hers)
        "mae dy gynllun yn gachu llwyr",
        "dw i wedi cael llond bol o'r nghachu yma",
        "mae hi'n sôn am ei chachu hi eto",
        "ti'n gont",
        "y fastad diog yn y swyddfa",
        "mae o'n dwat",
        # Welsh spellings of English loans, and Welsh endings on them
        "ffwcin biniau heb eu casglu eto",
        "mae'r ffocin bysus yn hwyr",
        "FFYCIN HEL",
        "bolocs llwyr ydy'r cynllun",
        "y basdads yn y cyngor",
        "wancars bob un",
        "y ffwcsyn diog yn y swyddfa",
        "dw i'n pisd off efo'r parcio",
        "mae'r twatiaid wedi cau'r llyfrgell",
        "mae'r ff*cin goleuadau wedi torri",
        # letters spelt out to get past a filter
        "mae'r cynllun yn c.a.c.h.u",
        "ff-y-c-i-n biniau",
        "f u c k the council",
        # "tin" where nothing but the body can be meant
        "gall y cynghorwyr fynd i fyny'r tin",
        "mae o'n llyfu tin y maer",
        "mae'r parcio yn boen yn y pen-ôl",
        "eisteddodd ar ei din drwy'r dydd",
        # compounds open, hyphenated or closed
        "y twll-din yn y swyddfa",
        "twlldin o gynghorydd",
        "mae o'n ben-coc",
    ],
)
def test_welsh_swearing_in_its_written_forms_is_obscene(text: str) -> None:
    assert _obscene(text)


@pytest.mark.parametrize(
    "text",
    [
        "Mae'r contract newydd wedi'i arwyddo",
        "Aethon ni i weld Gastell Conwy",
        "Mae Pistyll Rhaeadr yn hyfryd yn yr haf",
        "Mae'r bws o Benisarwaun i Gaernarfon yn hwyr",
        "Roedd y bastai yn oer yn y caffi",
        "Anfonais ffacs i'r swyddfa",
        "Dylai'r ffocws fod ar yr ysgolion",
        "Mae hwrdd yn y cae ger y ffordd",
        "Teisen bitshis gawson ni amser te",
        "Mae'r lôn yn ddu bitsh heb olau stryd",
        "Mae'r plant yn mynd â'u tin bwyd i'r ysgol",
        "Mae'r coc dŵr wedi torri ar y stryd",
        "Mae'r swyddfa wedi mynd yn gocyn hitio i bawb",
        "Does dim digon o wybodaeth am ganser y ceilliau yn y feddygfa",
        "Moron a thatws o'r farchnad",
        "mae o'n dew fel ei dad",
        "Dick oedd enw fy nhaid",
        "the Arsenal game closed the roads in Cockett",
        "Scunthorpe and Penistone are a long way from here",
        "the U.K. government and the B-B-C, see the A-Z map",
    ],
)
def test_welsh_words_and_places_that_share_the_letters_are_clean(text: str) -> None:
    assert not _abuse(text)


def test_no_word_in_the_welsh_dictionaries_is_obscene_unless_its_meaning_is() -> None:
    """Every word of the shipped Welsh dictionaries, in every mutation, against the rules.

    A word may be flagged only when its English gloss is itself obscene ("cachu", shit);
    "pigo" (prick, to sting) and "cocio" (to cock a gun) are words the rules must leave.
    """
    wrongly: list[str] = []
    checked = 0
    for name in ("cy_en_dictionary.tsv", "cy_en_glossary.tsv"):
        for line in (DICTIONARIES / name).read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or "\t" not in line:
                continue
            welsh, english = line.split("\t")[:2]
            for form in mutated_forms(frozenset({welsh.lower()})):
                checked += 1
                if is_obscene(form) and not is_obscene(english):
                    wrongly.append(f"{form} ({welsh}: {english})")
    assert checked > 20_000
    assert not wrongly
    assert is_obscene("nghachu") and is_obscene("cachu")  # the dictionary's own swear word
