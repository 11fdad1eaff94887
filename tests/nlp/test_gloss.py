"""Word-by-word Welsh → English glosses (nlp.lang.cy.gloss), with the shipped glossary."""

from __future__ import annotations

import pytest

from nlp.lang.cy.gloss import Glossary, parse_glossary


@pytest.fixture(scope="module")
def shipped() -> Glossary:
    return Glossary.load()


@pytest.mark.parametrize(
    ("welsh", "english"),
    [
        # Soft mutation after "o": fysiau -> bysiau; the clitic 'r and "i" dropped.
        ("Mwy o fysiau i'r pentref, os gwelwch yn dda", "more buses village please"),
        ("Mae'r bysiau wastad yn hwyr.", "buses always late"),
        # Nasal mutation after "yng": Nghaerdydd -> Caerdydd -> Cardiff.
        ("Caeodd y llyfrgell yng Nghaerdydd", "closed library cardiff"),
        (
            "Mae angen mwy o dai fforddiadwy i bobl ifanc",
            "need more houses affordable people young",
        ),
        ("Trwsiwch y tyllau yn y ffyrdd!", "fix holes roads"),
    ],
)
def test_typical_answers_read_as_english(shipped: Glossary, welsh: str, english: str) -> None:
    assert shipped.gloss(welsh) == english


def test_negation_survives_so_not_enough_is_not_enough(shipped: Glossary) -> None:
    assert shipped.gloss("Does dim digon o feddygon").split()[:2] == ["not", "enough"]
    assert "not" in shipped.gloss("Dydy'r bws ddim yn dod")


def test_unknown_words_are_kept_as_written_and_lower_coverage(shipped: Glossary) -> None:
    # A name and an English word: the English model can still read "Wi-Fi".
    text = "Mae angen Wi-Fi yn Llanfrothen"
    assert shipped.gloss(text).split()[-1] == "Llanfrothen"
    assert 0 < shipped.coverage(text) < 1
    assert shipped.coverage("") == 0.0
    assert shipped.gloss("🙂 !!!") == ""


def test_inflected_forms_fall_back_to_their_verbnoun() -> None:
    glossary = Glossary({"trwsio": "fix", "agos": "near", "talu": "pay", "ysgol": "school"})
    assert glossary.lookup("trwsiwch") == "fix"  # imperative
    assert glossary.lookup("agosach") == "near"  # comparative
    assert glossary.lookup("talodd") == "pay"  # past: tal + u
    assert glossary.lookup("ysgolion") == "school"  # plural
    assert glossary.lookup("ddrysau") is None  # nothing to fall back to


def test_mutated_forms_prefer_the_reading_the_glossary_knows() -> None:
    # "fara" could be "bara" or "mara"; only one is a word.
    glossary = Glossary({"bara": "bread"})
    assert glossary.lookup("fara") == "bread"
    assert glossary.lookup("Nghaerdydd", previous="yng") is None


def test_glossary_file_format_errors_are_clear() -> None:
    entries = parse_glossary(["# comment", "bws\tbus", "", "BWS\tcoach", "y\t-"])
    assert entries == {"bws": "bus", "y": "-"}  # first entry wins, keys lower-cased
    with pytest.raises(ValueError, match="line 2"):
        parse_glossary(["bws\tbus", "no tab here"])
    with pytest.raises(ValueError, match="line 1"):
        parse_glossary(["bws\t "])


def test_shipped_glossary_is_well_formed(shipped: Glossary) -> None:
    entries = shipped._entries
    assert len(entries) > 3000
    assert Glossary.load() is shipped  # read once per process
    # Keys are single lower-case words (the lookup lower-cases and splits on spaces).
    assert all(key == key.lower() and " " not in key for key in entries)
    assert all(english.strip() for english in entries.values())


def test_changing_one_gloss_changes_the_digest_so_vectors_are_recomputed() -> None:
    # The digest is part of the embedder's name: stored vectors made with another
    # glossary are re-embedded at the next refit.
    before = Glossary({"bws": "bus", "tren": "train"})
    assert before.digest == Glossary({"tren": "train", "bws": "bus"}).digest  # order-free
    assert before.digest != Glossary({"bws": "coach", "tren": "train"}).digest


def test_hyphenated_compounds_are_read_whole_then_part_by_part() -> None:
    glossary = Glossary(
        {"budd-dal": "benefit", "budd": "profit", "dal": "still", "plant": "children"}
    )
    assert glossary.gloss("Budd-dal Plant") == "benefit children"  # not "profit still"
    assert glossary.gloss("budd-waith") == "profit waith"  # unknown compound: its parts
    assert glossary.coverage("budd-waith") == 0.5


def test_plural_with_doubled_consonant_and_impersonal_verbs_find_their_lemma() -> None:
    glossary = Glossary({"dogfen": "document", "dangos": "show", "talu": "pay"})
    assert glossary.lookup("dogfennau") == "document"
    assert glossary.lookup("ddogfennau") == "document"  # mutated too
    assert glossary.lookup("dangosir") == "show"  # "is shown"
    assert glossary.lookup("telir") is None  # vowel change: not guessed


def test_function_phrases_read_as_their_meaning(shipped: Glossary) -> None:
    assert shipped.gloss("hyd yn oed os").startswith("even")
    assert "only" in shipped.gloss("Dim ond un bws")


def test_shipped_glossary_adds_the_dictionary_under_the_hand_written_senses(
    shipped: Glossary,
) -> None:
    assert len(shipped) > 9000  # ~3,800 hand-written + Apertium's lemmas
    assert shipped.lookup("tystysgrif") == "certificate"  # only in the dictionary
    assert shipped.lookup("bysiau") == "buses"  # hand-written sense kept
