"""Welsh given names hidden by a mutation: "Diolch i Fethan", "gan Fair", "efo Chatrin".

Welsh mutates a name after a preposition as it does any noun: Bethan is "Fethan" after "i",
Catrin "Chatrin" after "efo". The name lists hold the radical form only, so the rules and
the finders miss the mutated one, and a resident's "Diolch i Fethan" was shown whole. Here a
capitalised word right after a word that mutates the next (nlp.lang.cy.mutations reads which
mutation is likeliest) is a name when its radical is a Welsh given name or one of the commonest
English ones, and it was written mutated. Capitalised surnames after it join the span
("gan Fryn Terfel"). Typed lower-case, a mutated Welsh given name that is no Welsh word is
a name after thanks or a person's verb only (name_cues.person_cue_before_cy: "diolch i
ddafydd", "diolch i fethan"; not "diolch i bawb").

Places are not names: "i Gaerdydd" reads "Caerdydd", no given name. A place that is also a
given name is taken for the person, since hiding a place costs less than showing a name:
"i Fryn" may be the village of Bryn, "ar Ddyfed" is the old county (the one sentence in
../shared's 15,558 Welsh ones where this module hid something, bench/RESULTS.md). A word the
text writes as it is ("i Bethan") is the rules' to find.
"""

from __future__ import annotations

from spacy.tokens import Doc

from nlp.lang.cy.mutations import radical
from nlp.redaction.gazetteer import Gazetteer, fold
from nlp.redaction.name_cues import WELSH_NAME_KEYS, person_cue_before_cy
from nlp.redaction.welsh_words import vocabulary

#: Words after which Welsh mutates a noun, hence a name: prepositions (soft: "i", "gan",
#: "am", "ar", "at", "dan", "dros", "drwy", "heb", "hyd", "o", "wrth"; aspirate: "â",
#: "gyda", "efo" in speech) and "a" (and), aspirate.
MUTATING = frozenset("i gan am ar at dan dros drwy trwy tros heb hyd o wrth â a gyda efo".split())


def mutated_given_names(
    doc: Doc, gazetteer: Gazetteer, popular: frozenset[str]
) -> list[tuple[int, int]]:
    """Character spans of given names written mutated after a mutating word."""
    found: list[tuple[int, int]] = []
    tokens = list(doc)
    text = doc.text  # spaCy joins every token again on each read: once, not once a word
    index = 1
    while index < len(tokens):
        token, previous = tokens[index], tokens[index - 1]
        word = token.text
        capitalised = word[:1].isupper() and word[1:].islower()
        if not (
            fold(previous.text) in MUTATING
            and len(word) >= 3
            and (capitalised or (word.islower() and person_cue_before_cy(text, token.idx)))
        ):
            index += 1
            continue
        root = fold(radical(word, previous=fold(previous.text)))
        if root == fold(word) or not (root in WELSH_NAME_KEYS or (capitalised and root in popular)):
            index += 1
            continue
        if not capitalised and root in vocabulary():
            index += 1
            continue
        end = index + 1
        while (
            end < len(tokens)
            and tokens[end].text[:1].isupper()
            and fold(tokens[end].text) in gazetteer.surnames
        ):
            end += 1
        found.append((token.idx, tokens[end - 1].idx + len(tokens[end - 1].text)))
        index = end
    return found
