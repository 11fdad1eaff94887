"""Language layer and theming for What Matters (pure library).

``nlp`` turns short free-text answers, in English and Welsh, into spaCy
``Doc`` objects whose tokens carry a matching form (lower-cased, lemmatised,
and for Welsh de-mutated), identifies the language of an answer, and builds
themes on top of that. It imports nothing from ``bot`` or ``console``: the
service passes plain values in.

Entry points:
    nlp.pipelines.get_pipeline: a cached spaCy pipeline for "en", "cy" or
        any other code (blank multilingual fallback).
    nlp.langid.identify: "en" | "cy" | "other" for one answer, fast enough
        for every inbound message.
    nlp.lang.cy.mutations.demutate: undo Welsh initial consonant mutations.
"""
