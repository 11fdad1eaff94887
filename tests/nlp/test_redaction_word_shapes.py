"""nlp/redaction/word_shapes.py through the real redactor: shapes no one's name takes.

Before it, typed noise in the civic statements ("asdfasdfklj") and files and joined words in
questions about code ("main.cu", "ClassCastException") were hidden as names.
"""

from __future__ import annotations

from nlp.redaction import Redactor
from nlp.redaction.gazetteer import load_gazetteer
from nlp.redaction.word_shapes import code_word, drawn_out, keyboard_mash, murmur, words_joined


def test_keyboard_mash_is_no_name(redactor: Redactor) -> None:
    # Typed noise from the civic statements and YouTube comments (WNUT-17 dev).
    for noise in ("gsdfg", "asdfasdfklj", "aksjdflaksjdf", "asdfjoisdjf fg", "KEKEKEKEKEKE"):
        assert redactor.redact(noise, language="en").text == noise
    # Names the home row spells, and names with four keys of a row in them, stay hidden.
    assert keyboard_mash("dfsdfgdsf") and keyboard_mash("zxcvbn")
    assert not any(map(keyboard_mash, ("shasha", "hadassah", "doherty", "skaggs", "peter")))
    assert redactor.redact("Shasha was kind", language="en").text == "[name] was kind"
    text = "Mr Doherty and Stewert helped"
    assert redactor.redact(text, language="en").text == "Mr [name] and [name] helped"


def test_a_file_is_no_name_unless_named_after_someone(redactor: Redactor) -> None:
    # From questions about code (StackOverflow NER's development split): files the finder hid.
    for text in ("( m_redir.c line 10 4)", "main.cu", "I load vert.glsl and frag.glsl"):
        assert redactor.redact(text, language="en").text == text
    assert code_word("GLdisplay.h", frozenset()) and not code_word("Mr.Smith", frozenset())
    # A file named after a person keeps the person hidden.
    assert not code_word("Lisa_resume.doc", frozenset({"lisa"}))
    assert redactor.redact("Lisa_resume.doc", language="en").text == "[name]"


def test_words_joined_with_capitals_are_no_name(redactor: Redactor) -> None:
    # From StackOverflow NER's development split and app names residents write.
    texts = [
        "I having problems with ConcurrentModificationException when I use a subList .",
        "rootCanvas",
        "Message me on WhatsApp",
    ]
    assert [r.text for r in redactor.redact_many(texts, language="en")] == texts
    # Names with a capital inside, surnames after a particle and handles stay hidden.
    text = "Thanks DeLong and McDonald and DeShawn and MysteryGuitarMan"
    assert (
        redactor.redact(text, language="en").text
        == "Thanks [name] and [name] and [name] and [name]"
    )
    g = load_gazetteer()
    assert words_joined("TortoiseGit", g) and not words_joined("JeremyCG", g)
    assert not any(words_joined(word, g) for word in ("LaForge", "Mary", "NHS", "MLKj"))


def test_a_word_broken_off_is_no_name(redactor: Redactor) -> None:
    # Spoken and typed words left unfinished (GUM train's conversations and podcasts): the
    # models took "th-" and "d-" for names.
    texts = [
        "The oth- th- the guy n- — th- the Jewish fellow.",
        "Some people d- could.",
        "To D- —",
    ]
    assert [r.text for r in redactor.redact_many(texts, language="en")] == texts
    # A name broken off after its first letters, and a name beside a broken word, stay hidden.
    text = "th- Stoddart rang me, Bradbury- no, Stoddart."
    assert redactor.redact(text, language="en").text == "th- [name] rang me, [name] no, [name]."


def test_a_murmur_is_no_name(redactor: Redactor) -> None:
    # A listener's murmurs as GUM train's conversations spell them: each was a [name].
    texts = ["Unhunh what?", "Unhunh.", "He's wonderful, hunh.", "Hm-m, the bins are late."]
    # ... and alone or before a full stop, where the tokeniser splits it into "Hm" and "m."
    texts += ["Hm-m.", "Hm-m. I think so.", "Hmm-mm!"]
    assert [r.text for r in redactor.redact_many(texts, language="en")] == texts
    assert all(map(murmur, ("hunh", "unhunh", "mm-hmm", "uh-huh", "mhm")))
    # Names spelt with the same letters are short, have no "h" or are listed: hidden.
    assert not any(map(murmur, ("hu", "munn", "numa", "hannah")))
    text = "Nhu rang me, and Munn and Hu Jintao."
    assert redactor.redact(text, language="en").text == "[name] rang me, and [name] and [name]."


def test_a_word_drawn_out_is_no_name(redactor: Redactor) -> None:
    # Words drawn out for emphasis and the words of texting, as tweets write them
    # (Tweebank-NER's train split): each was a [name].
    texts = [
        "Hungryyyyy ( @ Jasmine 26 )",
        "I am Hungryyyyy today",
        "birdsss r cute",
        "doneeee at last",
        "when bae forgets that good morning text",
        "Bouta be home",
    ]
    results = [r.text for r in redactor.redact_many(texts, language="en")]
    assert results == ["Hungryyyyy ( @ [name] 26 )", *texts[1:4], *texts[4:]]


def test_a_name_drawn_out_is_still_a_name(redactor: Redactor) -> None:
    g = load_gazetteer()
    assert drawn_out("hungryyyyy", g) and drawn_out("lmfaoooo", g)
    assert not drawn_out("saraaaah", g) and not drawn_out("anna", g)
    text = "Happy birthday Saraaaah, thanks Daveeee"
    assert redactor.redact(text, language="en").text == "Happy birthday [name], thanks [name]"
