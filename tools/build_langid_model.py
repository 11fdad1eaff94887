"""Build the language-identification model shipped in ``nlp/lang/data/langid.json``.

Run ``python tools/build_langid_model.py`` after changing a source list;
the output is deterministic. Needs ``spacy-lookups-data`` (a runtime
dependency) and ``techiaith-g2p`` (the ``bench`` extra) at build time only:
the shipped JSON is all the identifier reads at run time.

Sources (no file from ../shared/data is used, so evaluation there is fair):
    * English: word probabilities from spacy-lookups-data ``en_lexeme_prob``
      (MIT).
    * Welsh: the word list of Geiriadur Ynganu Bangor (the Bangor
      Pronouncing Dictionary, BSD-2-Clause, (C) Prifysgol Bangor
      University), as shipped in techiaith-g2p, plus this project's Welsh
      stop words and lexicon and their mutated forms.
    * Other: spaCy's stop-word lists for Latin-script languages and a
      seeded sample of inflected forms from spacy-lookups-data lemma tables
      (MIT), so German or Spanish text is "other" rather than a bad guess.

Model: per class, a word list with probabilities mixed with a character
trigram Markov model (interpolated with bigrams and unigrams) for words
outside the list. For every listed word the JSON stores the mixed
log-probability under each class; for every trigram the interpolated
conditional log-probability under each class, with exact back-off values
by bigram and by character for trigrams no class has seen. Keys are
newline-joined strings and scores base64-packed int32 arrays (log-prob x
100, three per key in class order), which load in a fraction of the time of
nested JSON. See :mod:`nlp.langid`.
"""

from __future__ import annotations

import base64
import gzip
import importlib
import json
import math
import random
import re
import sys
from array import array
from collections import Counter
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from nlp.lang.cy.lexicon import LEXICON
from nlp.lang.cy.mutations import Mutation, mutate
from nlp.lang.cy.stop_words import STOP_WORDS as CY_STOP
from nlp.lang.cy.tokenizer_exceptions import CLITIC_NORMS

CLASSES = ("en", "cy", "other")
OUT = Path(__file__).resolve().parents[1] / "nlp" / "lang" / "data" / "langid.json"

# Probability mass of words outside each class's list (the Markov model's share).
UNKNOWN_MASS = {"en": 0.08, "cy": 0.25, "other": 0.5}
EN_TOP = 40_000
OTHER_LANGS = ("de", "fr", "es", "it", "nl", "pt", "da", "sv", "ro", "tr", "id", "cs", "hu", "lt")
OTHER_SAMPLE = 12_000
OTHER_FREQUENT = 5_000
# Greetings and replies typical of a first message, which edited-text
# frequency lists underrate ("hi" is rarer in web prose than Welsh "hi", she).
CHAT_EN = frozenset(
    "hi hiya hey hello ok okay thanks thx cheers yes yeah yep yup nope please pls lol idk "
    "dunno sure".split()
)
CHAT_CY = frozenset("shwmae smae helo hylo diolch plis plîs hwyl ta-ra ie nage".split())
CHAT_PROB = 2e-3
# Interpolation weights for trigram, bigram, unigram conditionals.
LAMBDAS = (0.6, 0.3, 0.1)
SCALE = 100
_WORD = re.compile(r"^[^\W\d_]+(?:['\u2019-][^\W\d_]+)*$")
BOS, EOS = "^", "$"


def _lookups(name: str) -> dict[str, object]:
    path = resources.files("spacy_lookups_data") / "data" / f"{name}.json.gz"
    with gzip.open(str(path), "rt", encoding="utf8") as fh:
        data: dict[str, object] = json.load(fh)
    return data


def english_words() -> dict[str, float]:
    """Top English words (lower-cased) -> probability, summing to 1."""
    probs: dict[str, float] = {}
    for word, logp in _lookups("en_lexeme_prob").items():
        low = word.lower().replace("\u2019", "'")
        if _WORD.match(low) or low in ("'s", "'t", "'re", "'ve", "'ll", "'d", "'m", "n't"):
            probs[low] = probs.get(low, 0.0) + math.exp(float(str(logp)))
    top = dict(sorted(probs.items(), key=lambda kv: (-kv[1], kv[0]))[:EN_TOP])
    # The frequency list is edited prose; first messages are chat ("hi").
    for word in CHAT_EN:
        top[word] = max(top.get(word, 0.0), CHAT_PROB)
    total = sum(top.values())
    return {w: p / total for w, p in top.items()}


def welsh_words() -> dict[str, float]:
    """Welsh words -> probability: stop words weigh most, dictionary least."""
    try:
        g2p = importlib.import_module("techiaith.g2p")
    except ImportError as exc:  # pragma: no cover - build-time only
        raise SystemExit("pip install techiaith-g2p (the bench extra) to build") from exc
    base = resources.files(g2p) / "data" / "geiriadur-ynganu-bangor" / "bangordict.dict"
    dictionary = {
        line.split(" ", 1)[0].lower()
        for line in base.read_text(encoding="utf8").splitlines()
        if line and not line.startswith("#")
    }
    stop = {w.replace("\u2019", "'") for w in CY_STOP} | {"'" + c for c in CLITIC_NORMS}
    stop |= CHAT_CY
    lexicon = set(LEXICON) - stop
    # Mutated forms of the lexicon are what people actually type.
    mutated = {mutate(w, m) for w in lexicon for m in Mutation} - lexicon - stop
    dictionary = {w for w in dictionary if _WORD.match(w) or w.startswith("'")}
    dictionary -= stop | lexicon | mutated
    # A lexicon word gets ~1e-4, like a common English content word: higher
    # and shared words ("cost", "fan", "car") would lean Welsh on their own.
    shares = ((stop, 0.55), (lexicon, 0.12), (mutated, 0.08), (dictionary, 0.25))
    return {w: share / len(group) for group, share in shares for w in group}


def other_words() -> tuple[dict[str, float], set[str]]:
    """Words of other Latin-script languages, and those worth listing by name."""
    rng = random.Random(20261122)
    stop: set[str] = set()
    sample: set[str] = set()
    for lang in OTHER_LANGS:
        module = importlib.import_module(f"spacy.lang.{lang}.stop_words")
        stop |= {w.lower() for w in module.STOP_WORDS if _WORD.match(w.lower())}
        try:
            forms = sorted({w.lower() for w in _lookups(f"{lang}_lemma_lookup") if _WORD.match(w)})
        except FileNotFoundError:
            continue
        sample |= set(rng.sample(forms, min(OTHER_SAMPLE, len(forms))))
    # German and Spanish come with word frequencies: their commonest words
    # ("gracias", "danke") are listed, not left to the Markov model.
    frequent: set[str] = set()
    for lang in ("de", "es"):
        probs = _lookups(f"{lang}_lexeme_prob")
        ranked = sorted(probs, key=lambda w: -float(str(probs[w])))
        frequent |= {w.lower() for w in ranked[:OTHER_FREQUENT] if _WORD.match(w.lower())}
    frequent -= stop
    sample -= stop | frequent
    shares = ((stop, 0.5), (frequent, 0.2), (sample, 0.3))
    listed = stop | frequent
    return {w: share / len(group) for group, share in shares for w in group}, listed


def _markov(words: Iterable[str]) -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
    """Interpolated char conditionals P(c | two previous) over word types."""
    tri: Counter[str] = Counter()
    bi: Counter[str] = Counter()
    uni: Counter[str] = Counter()
    for word in words:
        padded = BOS + BOS + word + EOS
        for i in range(2, len(padded)):
            tri[padded[i - 2 : i + 1]] += 1
            bi[padded[i - 1 : i + 1]] += 1
            uni[padded[i]] += 1
    ctx2: Counter[str] = Counter()
    for gram, n in tri.items():
        ctx2[gram[:2]] += n
    ctx1: Counter[str] = Counter()
    for gram, n in bi.items():
        ctx1[gram[:1]] += n
    total = sum(uni.values())
    vocab = len(uni) + 1
    p_uni = {c: (n + 1) / (total + vocab) for c, n in uni.items()}
    p_bi = {g: n / ctx1[g[0]] for g, n in bi.items()}
    p_tri = {g: n / ctx2[g[:2]] for g, n in tri.items()}
    return p_tri, p_bi, p_uni


def build() -> dict[str, object]:
    """Compute the model as a JSON-ready dict."""
    other, other_listed = other_words()
    lists = {"en": english_words(), "cy": welsh_words(), "other": other}
    models = {c: _markov(lists[c]) for c in CLASSES}
    unseen_uni = {c: 1 / (sum(1 for _ in models[c][2]) + 1) / 1000 for c in CLASSES}

    def cond(c: str, gram: str) -> float:
        p_tri, p_bi, p_uni = models[c]
        l3, l2, l1 = LAMBDAS
        p = l3 * p_tri.get(gram, 0.0) + l2 * p_bi.get(gram[1:], 0.0)
        return math.log(p + l1 * p_uni.get(gram[2], unseen_uni[c]))

    def markov_ll(c: str, word: str) -> float:
        padded = BOS + BOS + word + EOS
        return sum(cond(c, padded[i - 2 : i + 1]) for i in range(2, len(padded)))

    # The sampled "other" forms only train its Markov model: listing them
    # would quadruple the file for a negligible per-word probability.
    words = sorted(set(lists["en"]) | set(lists["cy"]) | other_listed)
    word_rows = []
    for word in words:
        for c in CLASSES:
            logp = math.log(UNKNOWN_MASS[c]) + markov_ll(c, word)
            listed = lists[c].get(word, 0.0) * (1 - UNKNOWN_MASS[c])
            if listed > 0:  # log(a + b) without underflow for long words
                hi, lo = max(logp, math.log(listed)), min(logp, math.log(listed))
                logp = hi + math.log1p(math.exp(lo - hi))
            word_rows.append(logp)
    # cond() for every trigram seen in some class, and its exact back-off
    # values for trigrams seen in none: by bigram, then by last character.
    grams = sorted(set().union(*(models[c][0] for c in CLASSES)))
    bigrams = sorted(set().union(*(models[c][1] for c in CLASSES)))
    chars = sorted(set().union(*(models[c][2] for c in CLASSES)))
    l3, l2, l1 = LAMBDAS

    def back_bigram(c: str, bigram: str) -> float:
        _, p_bi, p_uni = models[c]
        return math.log(l2 * p_bi.get(bigram, 0.0) + l1 * p_uni.get(bigram[1], unseen_uni[c]))

    def back_char(c: str, char: str) -> float:
        return math.log(l1 * models[c][2].get(char, unseen_uni[c]))

    def flat(keys: list[str], fn: object) -> str:
        assert callable(fn)
        return _packed([_scaled(fn(c, k)) for k in keys for c in CLASSES])

    return {
        "classes": list(CLASSES),
        "scale": SCALE,
        "unknown_mass": [_scaled(math.log(UNKNOWN_MASS[c])) for c in CLASSES],
        "words": "\n".join(words),
        "word_scores": _packed([_scaled(v) for v in word_rows]),
        "trigrams": "\n".join(grams),
        "trigram_scores": flat(grams, cond),
        "bigrams": "\n".join(bigrams),
        "bigram_scores": flat(bigrams, back_bigram),
        "chars": "\n".join(chars),
        "char_scores": flat(chars, back_char),
        "floor": [_scaled(math.log(l1 * unseen_uni[c])) for c in CLASSES],
        "source": __doc__.split("\n\n")[2] if __doc__ else "",
    }


def _packed(values: list[int]) -> str:
    # Base64 of little-endian int32: decoding is ~50x faster than a JSON list.
    packed = array("i", values)
    if sys.byteorder != "little":
        packed.byteswap()
    return base64.b64encode(packed.tobytes()).decode("ascii")


def _scaled(logp: float) -> int:
    # Integers (log-probability x SCALE) load several times faster than floats.
    return round(logp * SCALE)


def main() -> None:
    """Write the model next to this module."""
    model = build()
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(model, ensure_ascii=False, separators=(",", ":")), "utf8")
    words = str(model["words"]).count("\n") + 1
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KiB, {words} words)")


if __name__ == "__main__":
    main()
