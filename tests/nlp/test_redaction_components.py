"""The PII components inside the project's own pipelines, and the look-alike folding."""

from __future__ import annotations

import pytest

from nlp.pipelines import build_pipeline
from nlp.redaction import Redactor, build_redaction_pipeline
from nlp.redaction.normalise import normalise


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_components_work_inside_the_project_pipelines(lang: str) -> None:
    pipeline = build_pipeline(lang)
    pipeline.add_pipe("wm_pii_patterns")
    pipeline.add_pipe("wm_pii_names", config={"welsh": lang == "cy"})
    text = (
        "Diolch, Siân. Ffoniwch 07700 900123."
        if lang == "cy"
        else "Thanks, Siân. Ring 07700 900123."
    )
    doc = pipeline(text)
    found = {(text[s:e], kind) for s, e, kind in doc._.pii}
    assert ("Siân", "name") in found
    assert ("07700 900123", "phone") in found
    # The project's own extensions still run alongside.
    assert all(isinstance(t._.match_form, str) for t in doc)


def test_a_doc_without_the_components_has_no_spans() -> None:
    doc = build_pipeline("en")("Ring 07700 900123")
    assert doc._.pii is None


def test_redactor_accepts_ready_pipelines() -> None:
    en = build_redaction_pipeline("en")
    redactor = Redactor({"en": en})
    assert redactor.pipeline("en") is en
    assert redactor.redact("Cllr Jones, 07700 900123", language="en").text == "Cllr [name], [phone]"


def test_pipe_batches_give_the_same_spans_as_single_docs() -> None:
    pipeline = build_redaction_pipeline("en")
    texts = ["My name is Rubija", "Email jo@example.com", "", "LL11 2AB"] * 10
    batched = [doc._.pii for doc in pipeline.pipe(texts, batch_size=7)]
    single = [pipeline(t)._.pii for t in texts]
    assert batched == single


@pytest.mark.parametrize(
    ("text", "copy"),
    [
        ("０７７００", "07700"),
        ("a\u00a0b\u2009c\u202fd", "a b c d"),
        ("07700\u2013900\u2014123\u2212", "07700-900-123-"),
        ("0770\u200b0", "07700"),
        ("ﬁle №5", "file No5"),
    ],
)
def test_normalised_copy_and_offsets(text: str, copy: str) -> None:
    folded = normalise(text)
    assert folded.text == copy
    # The whole copy maps back onto the whole original.
    assert folded.to_original(0, len(folded.text)) == (0, len(text))


def test_offsets_of_an_expanded_character_cover_it_whole() -> None:
    text = "x ﬁ y"
    folded = normalise(text)
    start = folded.text.index("fi")
    assert folded.to_original(start, start + 1) == (2, 3)
    assert folded.to_original(start + 1, start + 2) == (2, 3)
