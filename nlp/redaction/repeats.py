"""Other mentions of a name or a street already redacted once in the same text, and the
given names listed beside a hidden one.

The finders judge each mention where it stands; a name they hid once must go wherever it
is written again, or "[name] ... ring Gareth" gives the first placeholder away. Likewise a
given name that is also a word, in a list with a hidden name ("Hope and [name] on
reception", "[name], Autumn and Joy"), is a person too.
"""

from __future__ import annotations

import re
from typing import Any

from nlp.redaction.addresses import ADDRESS
from nlp.redaction.gazetteer import NAME_RANK, NOT_NAMES, common_given_names, fold
from nlp.redaction.gazetteer import load_gazetteer as _gazetteer
from nlp.redaction.name_cues import title
from nlp.redaction.place_cues import within_a_place
from nlp.redaction.word_checks import GRAMMAR_WORDS

_HOUSE_NUMBER = re.compile(r"^\W*(?:(?:flat|apartment|unit|rhif|fflat)\s*)?\d+[a-z]?\b[\s,]*", re.I)

# Words as the place list's keys are read (gazetteer.place_key): a possessive split off
# its word, as spaCy splits it for within_a_place.
_WORD = re.compile(r"[^\W\d_]+|['’]s(?![^\W\d_])")


def repeated_mentions(text: str, spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Other mentions of a name or street already redacted once in the same text.

    "Gareth ... ring Gareth" and "14 Bryn Road ... the bins on Bryn Road" would give away
    what the first placeholder hid.
    """
    extra: list[dict[str, Any]] = []
    # A text naming one person a hundred times has a hundred spans with the same word: each
    # word is looked for once, not once a span (that read the text a hundred times over).
    searched: set[tuple[str, str]] = set()
    names = any(span["type"] == "name" for span in spans)
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)] if names else []
    for span in spans:
        if span["type"] not in ("name", "address"):
            continue
        found = text[span["start"] : span["end"]]
        if span["type"] == "address":
            street = ADDRESS.search(found)
            core = _HOUSE_NUMBER.sub("", street.group(0)).strip() if street else ""
            terms = [core] if len(core.split()) >= 2 else []
        else:
            terms = re.findall(r"[^\W\d_]{3,}", found)
        for term in terms:
            if (span["type"], term) in searched:
                continue
            searched.add((span["type"], term))
            pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, term.split())) + r"(?!\w)"
            # "Will" the name does not make every "will" one: ordinary words repeat only
            # as written.
            key = fold(term)
            low = _gazetteer().lower_prob(key)
            ordinary = span["type"] == "name" and low > -11.0
            # A capitalised name that is more often a lower-case word repeats only
            # capitalised: "Cherry Ward ... the staff on the ward".
            capital_only = (
                span["type"] == "name"
                and term[:1].isupper()
                and low > _gazetteer().capital_prob(key)
            )
            for match in re.finditer(pattern, text, 0 if ordinary else re.IGNORECASE):
                if capital_only and not match.group()[:1].isupper():
                    continue
                if span["type"] == "name" and within_a_place(
                    words, (match.start(), match.end()), _gazetteer().uk_places
                ):
                    continue  # "Glyn ... lives in Glyn Ceiriog": the village's name shows no
                    # one's, and "[name] Ceiriog" would tell the reader the person's
                extra.append({"start": match.start(), "end": match.end(), "type": span["type"]})
    return extra


# A capitalised word, and what joins the items of a list: a comma, "and" or "&", or both.
_CAPITALISED = re.compile(r"(?<![\w'’])[A-Z][a-z]+(?![\w'’])")
_COMMA = re.compile(r"\s*,\s*")
_AND = re.compile(r",?\s+(?:and|&)\s+")
# In a text typed all in lower case, a given name that is also a word ("thanks to kath and
# hope", "diolch i sian a haf"), joined as texts join names ("n", Welsh "a"/"ac") ...
_LOWER = re.compile(r"(?<![\w'’])[a-z]+(?![\w'’])")
_AND_TYPED = re.compile(r",?\s+(?:and|&|n|a|ac)\s+")
# ... and ending the list: the text's or a clause's end, another joiner, where the person
# works or what they are ("kath and will on reception", "kath and will are brill"; not "kath
# and will help", "sue and hope you are well").
_LIST_ENDS = re.compile(
    r"\s*(?:$|[.,!?;:)]|(?:and|&|n|a|ac|at|on|in|from|for|with|of|yn|o|am|ar|efo|gyda|wrth"
    r"|are|were|r|was|is|oedd|sydd)\b)"
)


def names_listed_beside(text: str, spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Capitalised given names in a list with a name already hidden: "Hope and [name] on
    reception", "thanks to [name] & Summer", "Thanks to [name], Autumn and Joy". Residents
    list the staff they thank, and a word that is also a given name, listed beside a person,
    is one. A list ends in "and" or "&"; commas alone make none ("Thanks Sarah, Hope you are
    well"). Not a word that is never a name ("[name] and May") or one of grammar ("[name] and
    In particular", in capital-I text), a title, or a place that is no common given name
    ("from Montserrat and [name]"). In a text typed all in lower case, a lower-case given
    name at a list's end too ("thanks to [name] and hope", "diolch i [name] a haf")."""
    # The finders and the repeats pass may each give the same span.
    names = {(span["start"], span["end"]) for span in spans if span["type"] == "name"}
    if not names:
        return []
    hidden = [(span["start"], span["end"]) for span in spans]
    # The items a list may hold, in the text's order: the hidden names, and the words that
    # may be given names (True where already hidden).
    items = sorted([(start, end, True) for start, end in names] + _candidates(text, hidden))
    # A word right before another item opens that one's name, and is no item of its own
    # ("Stassen, and General Douglas MacArthur": the rank stays).
    items = [
        item
        for item, following in zip(items, [*items[1:], None], strict=True)
        if item[2] or following is None or not text[item[1] : following[0]].isspace()
    ]
    extra: list[dict[str, Any]] = []
    # A list is a run of items joined by commas and closed by "and" or "&" ("[name], Autumn
    # and Joy"); commas alone join none ("Thanks [name], Hope you are well"). The item that
    # closes one may open the next ("Mark & Will, Hope and Joy").
    run = items[:1]
    for item in items[1:]:
        if item[0] < run[-1][1]:
            continue  # inside the item before: one name spans the other
        between = text[run[-1][1] : item[0]]
        typed = all(text[a].islower() for a, _, known in (run[-1], item) if not known)
        if _AND.fullmatch(between) or (typed and _AND_TYPED.fullmatch(between)):
            run.append(item)
            listed = any(known for _, _, known in run)
            if listed:
                extra += [
                    {"start": a, "end": b, "type": "name"} for a, b, known in run if not known
                ]
            run = [(item[0], item[1], listed)]
        elif _COMMA.fullmatch(between):
            run.append(item)
        else:
            run = [item]
    return extra


def _candidates(text: str, hidden: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """The words not yet hidden that a list of people may hold (see names_listed_beside)."""
    g, common = _gazetteer(), common_given_names(NAME_RANK)
    found: list[tuple[int, int, bool]] = []
    # Every text with a name comes here: the set lookups go before the scan of the spans.
    for match in _CAPITALISED.finditer(text):
        start, end = match.span()
        key = fold(match.group())
        if key in NOT_NAMES or key in GRAMMAR_WORDS or key not in g.first_names:
            continue
        if any(a <= start < b for a, b in hidden):
            continue
        if title(match.group()):
            continue  # "Countess of Warwick and Lady Jane Seymour": the title stays
        if (key in g.uk_places or key in g.world_places) and key not in common:
            continue  # "from Montserrat and Bobby Farrell", "at Kingsley & Cherry" (wards);
            # "Lee and [name]" is a person: a common given name
        found.append((start, end, False))
    if any(ch.isupper() for ch in text[1:].replace(" I ", " ")):
        return found  # a writer who capitalises wrote "hope" for the word
    for match in _LOWER.finditer(text):
        start, end = match.span()
        key = match.group()
        if key not in common or key in GRAMMAR_WORDS or key in NOT_NAMES:
            continue
        if _LIST_ENDS.match(text, end) and not any(a <= start < b for a, b in hidden):
            found.append((start, end, False))
    return found
