"""Undo Welsh initial consonant mutations, for matching.

Welsh changes the first sound of a word after certain words: ``Caerdydd``
becomes ``Gaerdydd`` (soft, "i Gaerdydd"), ``Nghaerdydd`` (nasal, "yng
Nghaerdydd") or ``Chaerdydd`` (aspirate, "a Chaerdydd"). A theme about
``tref`` must also catch ``dref`` and ``nhref``, so matching works on the
radical (dictionary) form.

Precision limits, stated plainly:
    * Mutation is not invertible. ``f`` is the soft mutation of both ``b``
      and ``m`` (``fara`` <- ``bara``, ``fam`` <- ``mam``), ``l``/``r`` may
      be radical or mutated ``ll``/``rh``, and ``g``, ``b``, ``d``, ``m``,
      ``n``, ``ch`` and ``th`` are common radical initials too (``gwaith``,
      ``chwarae``). Soft mutation of ``g`` deletes it (``waith`` <-
      ``gwaith``), which is only recoverable with a dictionary.
    * :func:`candidates` therefore returns every reading; :func:`demutate`
      picks one using (in order of weight) a lexicon of radical forms, the
      word before (``yng`` licenses nasal, ``i``/``o``/``dros`` soft,
      ``a``/``gyda``/``tua`` aspirate) and per-rule priors. Without a lexicon
      hit and without context it keeps ambiguous initials as they are, and
      only undoes initials that are never radical in native words (``dd``,
      ``ngh``, ``mh``, ``nh``, ``ph``, single ``f``).
    * Loanwords (``fan``, ``fideo``) and English names pass through the
      same rules; a capitalised word is matched against place-name elements
      (``Llan-``, ``Caer-``, ``Pen-`` ...) to favour ``Lanelli`` -> ``Llanelli``.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from nlp.lang.cy.lemmas import KNOWN_FORMS
from nlp.lang.cy.lexicon import PLACE_ELEMENTS


class Mutation(StrEnum):
    """Which mutation produced a surface form from its radical."""

    NONE = "none"
    SOFT = "soft"
    NASAL = "nasal"
    ASPIRATE = "aspirate"
    H_PROTHESIS = "h"


@dataclass(frozen=True, slots=True)
class Candidate:
    """One reading of a surface form: its radical form and the mutation undone."""

    radical: str
    mutation: Mutation
    prior: float


_VOWELS = "aeiouwyâêîôûŵŷáéíóúẁỳäëïöüẅÿ"

# (mutated initial, radical initial, mutation, prior). Longest initial first.
# Priors encode how likely the reading is when nothing else is known: high
# for initials that are (almost) never radical, low for the ambiguous ones.
_RULES: tuple[tuple[str, str, Mutation, float], ...] = (
    ("ngh", "c", Mutation.NASAL, 2.0),
    ("mh", "p", Mutation.NASAL, 2.0),
    ("nh", "t", Mutation.NASAL, 2.0),
    ("ng", "g", Mutation.NASAL, 1.5),
    ("ph", "p", Mutation.ASPIRATE, 1.5),
    ("th", "t", Mutation.ASPIRATE, 0.6),
    ("ch", "c", Mutation.ASPIRATE, 0.2),
    ("dd", "d", Mutation.SOFT, 2.0),
    ("f", "b", Mutation.SOFT, 1.3),
    ("f", "m", Mutation.SOFT, 1.2),
    ("g", "c", Mutation.SOFT, 0.4),
    ("b", "p", Mutation.SOFT, 0.3),
    ("d", "t", Mutation.SOFT, 0.3),
    ("l", "ll", Mutation.SOFT, 0.3),
    ("r", "rh", Mutation.SOFT, 0.2),
    ("m", "b", Mutation.NASAL, 0.2),
    ("n", "d", Mutation.NASAL, 0.2),
)

# Initials that are never (or almost never) the start of a radical native word.
_NEVER_RADICAL = ("dd", "ngh", "mh", "nh", "ng", "ph")

# Words that trigger a mutation of the next word, with how strongly. Several
# trigger more than one ("ei" is soft for "his", aspirate/h- for "her"), and
# some only weakly: after "yn" a verb-noun keeps its radical ("yn mynd") while
# an adjective softens ("yn dda") and a place name nasalises ("yn Nhywyn");
# after "y" only feminine nouns soften ("y dref" but "y bws").
_TRIGGERS: dict[str, dict[Mutation, float]] = {}


def _add(mutation: Mutation, weight: float, words: str) -> None:
    for word in words.split():
        _TRIGGERS.setdefault(word, {})[mutation] = weight


_add(
    Mutation.SOFT,
    2.0,
    "i o am ar at dan tan dros drwy trwy wrth gan heb hyd dy 'th dau dwy pa neu "
    "mor rhy go ail pur rhyw",
)
_add(Mutation.SOFT, 0.5, "ei 'i yn 'n y yr 'r un sy sydd pan ni na a dyma dyna dacw")
_add(Mutation.NASAL, 2.0, "fy 'y yng ym")
_add(Mutation.NASAL, 0.7, "yn")
_add(Mutation.ASPIRATE, 2.0, "â gyda tua tri chwe tra oni")
_add(Mutation.ASPIRATE, 1.0, "a ei 'i na efo")
_add(Mutation.H_PROTHESIS, 2.0, "ei 'i ein eu 'u 'w")

_EMPTY: dict[Mutation, float] = {}


def triggers(previous: str | None) -> dict[Mutation, float]:
    """Mutations the word ``previous`` can cause on the next word.

    Args:
        previous: The preceding token's text (any case), or None.

    Returns:
        Mutation -> weight (how strongly the context licenses it); empty
        when the word causes no mutation. Do not modify the result.
    """
    if not previous:
        return _EMPTY
    return _TRIGGERS.get(previous.lower().replace("\u2019", "'"), _EMPTY)


def _restore_case(surface: str, radical: str) -> str:
    if surface.isupper() and len(surface) > 1:
        return radical.upper()
    if surface[:1].isupper():
        return radical[:1].upper() + radical[1:]
    return radical


@lru_cache(maxsize=65536)
def candidates(word: str) -> tuple[Candidate, ...]:
    """Every reading of ``word`` as a radical form, the word itself first.

    Args:
        word: One Welsh word, any case (``Nghaerdydd``, ``fara``).

    Returns:
        Candidates with radical forms in the word's case. The identity
        reading (``Mutation.NONE``) is always first, with a negative prior
        when the initial is never radical (``ddinas``).
    """
    low = word.lower()
    out: list[Candidate] = []
    identity_prior = -2.0 if low.startswith(_NEVER_RADICAL) else 1.0
    if low.startswith("f") and not low.startswith("ff"):
        identity_prior = 0.3  # only loanwords (fan, fideo) start with radical f
    out.append(Candidate(word, Mutation.NONE, identity_prior))
    if not low:
        return tuple(out)
    seen = {low}
    for mutated, radical, mutation, prior in _RULES:
        if not low.startswith(mutated):
            continue
        # "ll"/"rh"/"ff" are radical initials, not mutated "l"/"r"/"f" + letter.
        if mutated in ("l", "r", "f") and low.startswith(("ll", "rh", "ff")):
            continue
        if mutated == "ng" and low.startswith("ngh"):
            continue
        form = radical + low[len(mutated) :]
        if form not in seen:
            seen.add(form)
            out.append(Candidate(_restore_case(word, form), mutation, prior))
    # Soft mutation deletes g: "waith" <- "gwaith", "lan" <- "glan".
    if low[0] in _VOWELS or low[0] in "lr":
        form = "g" + low
        if form not in seen:
            seen.add(form)
            out.append(Candidate(_restore_case(word, form), Mutation.SOFT, -1.0))
    # h-prothesis before a vowel: "ei henw" <- "enw".
    if len(low) > 1 and low[0] == "h" and low[1] in _VOWELS:
        form = low[1:]
        if form not in seen:
            out.append(Candidate(_restore_case(word, form), Mutation.H_PROTHESIS, -0.5))
    return tuple(out)


def _score(
    cand: Candidate,
    licensed: dict[Mutation, float],
    lexicon: Container[str] | None,
    capitalised: bool,
) -> float:
    score = cand.prior
    if lexicon is not None and cand.radical.lower() in lexicon:
        score += 4.0
    if cand.mutation in licensed:
        score += licensed[cand.mutation]
        # Standard writing mutates names after a trigger ("i Gaerdydd").
        if capitalised:
            score += 0.5
    elif licensed and cand.mutation is not Mutation.NONE:
        # The word before cannot cause this mutation: e.g. nasal after "i".
        score -= 1.0
    if capitalised and cand.radical.lower().startswith(PLACE_ELEMENTS):
        score += 1.5
    return score


def demutate(
    word: str,
    *,
    previous: str | None = None,
    lexicon: Container[str] | None = KNOWN_FORMS,
) -> Candidate:
    """Best guess at the radical form of one Welsh word.

    Args:
        word: The surface form (``Gaerdydd``).
        previous: The word before it, if known (``i``), which says which
            mutations are possible.
        lexicon: Lower-cased radical forms known to exist; the default is
            the project's Welsh word and place-name list and the plurals of
            its nouns. Pass None to rely on context and priors alone.

    Returns:
        The highest-scoring :class:`Candidate`; ties keep the earlier one,
        so an unknown, unambiguous-looking word stays as it is.

    Examples:
        >>> demutate("Nghaerdydd", previous="yng").radical
        'Caerdydd'
        >>> demutate("fara").radical
        'bara'
    """
    if not word or not word[0].isalpha():
        return Candidate(word, Mutation.NONE, 0.0)
    licensed = triggers(previous)
    capitalised = word[:1].isupper()
    best: Candidate | None = None
    best_score = float("-inf")
    for cand in candidates(word):
        # g-restoration and h-removal are too often wrong without a
        # dictionary: "i Aberystwyth" must not become "Gaberystwyth".
        if cand.prior < 0 and cand.mutation is not Mutation.NONE:
            if lexicon is None or cand.radical.lower() not in lexicon:
                continue
        score = _score(cand, licensed, lexicon, capitalised)
        if score > best_score:
            best, best_score = cand, score
    assert best is not None  # the identity candidate is always scored
    return best


_FORWARD: dict[Mutation, tuple[tuple[str, str], ...]] = {
    Mutation.SOFT: (
        ("ll", "l"),
        ("rh", "r"),
        ("c", "g"),
        ("p", "b"),
        ("t", "d"),
        ("g", ""),
        ("b", "f"),
        ("d", "dd"),
        ("m", "f"),
    ),
    Mutation.NASAL: (("c", "ngh"), ("p", "mh"), ("t", "nh"), ("g", "ng"), ("b", "m"), ("d", "n")),
    Mutation.ASPIRATE: (("c", "ch"), ("p", "ph"), ("t", "th")),
}
# Digraphs that are single letters of their own and never mutate.
_STABLE = ("ch", "ph", "th", "ff", "dd", "ng")


def mutate(word: str, mutation: Mutation) -> str:
    """Apply ``mutation`` to a radical form (the inverse of :func:`demutate`).

    Args:
        word: A radical form (``Caerdydd``).
        mutation: The mutation to apply.

    Returns:
        The mutated form in the word's case (``Nghaerdydd`` for nasal), or
        the word unchanged when its initial does not take that mutation.
    """
    low = word.lower()
    if mutation is Mutation.H_PROTHESIS:
        return _restore_case(word, "h" + low) if low[:1] in _VOWELS else word
    if mutation is Mutation.NONE or low.startswith(_STABLE):
        return word
    for initial, replacement in _FORWARD[mutation]:
        if low.startswith(initial):
            form = replacement + low[len(initial) :]
            return _restore_case(word, form) if form else word
    return word


def radical(word: str, *, previous: str | None = None) -> str:
    """The radical form of ``word`` lower-cased, for matching (see :func:`demutate`)."""
    return demutate(word, previous=previous).radical.lower()
