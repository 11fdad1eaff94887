"""Theme labels people would write, from class-based TF-IDF over matching forms.

Each answer is tokenised by the project's spaCy pipeline for its language, so that
"bins", "Bin" and "binnau"/"finnau" count as one word (``Token._.match_form``). Phrases
(one to three content words in a row; a connector such as "of" may sit inside a
three-word phrase, as in "cost of living") are scored per theme by c-TF-IDF: how much
more often the phrase occurs in this theme than across all themes. The label is the
best phrase as people most often typed it, plus a second phrase when the first is a
single word.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from nlp.lang.cy.mutations import Mutation, mutate

_FALLBACK_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_JOINERS = {"en": "and", "cy": "a"}
# Small words that may sit inside a three-word phrase ("cost of living", "pethau i blant").
_CONNECTORS = {"of", "for", "in", "on", "to", "at", "o", "i", "yn", "ar", "y", "yr", "am"}


@dataclass(frozen=True)
class ThemeLabel:
    """Labels for one theme.

    Attributes:
        label: the label in the theme's main language.
        by_language: label per language with enough answers ("en", "cy").
        keywords: best phrases, best first (match forms).
    """

    label: str
    by_language: dict[str, str]
    keywords: list[str]


class Labeller(Protocol):
    """Names every group from its answers' text."""

    def label(
        self,
        docs_by_theme: Sequence[Sequence[str]],
        languages_by_theme: Sequence[Sequence[str]],
    ) -> list[ThemeLabel]: ...


@dataclass
class _Phrases:
    forms: list[str]  # match-form phrases, one entry per distinct phrase in the answer
    surfaces: dict[str, str]  # match form -> surface as typed (lower-cased)


class CTfidfLabeller:
    """Class-based TF-IDF labels over lemmas/de-mutated forms, per language.

    Args:
        max_words: longest label, in words.
        min_share: a language gets its own label when at least this share of the
            theme's answers (and at least two answers) are in it.
        batch_size: spaCy ``nlp.pipe`` batch size.
    """

    def __init__(self, max_words: int = 5, min_share: float = 0.15, batch_size: int = 512) -> None:
        self.max_words = max_words
        self.min_share = min_share
        self.batch_size = batch_size

    def label(
        self,
        docs_by_theme: Sequence[Sequence[str]],
        languages_by_theme: Sequence[Sequence[str]],
    ) -> list[ThemeLabel]:
        """Label each theme.

        Args:
            docs_by_theme: for each theme, the answer texts to label it from (a sample
                is enough; closest-to-centre answers first works best).
            languages_by_theme: the language code of each of those answers.

        Returns:
            One :class:`ThemeLabel` per theme, in order.
        """
        codes = sorted({_code(lang) for langs in languages_by_theme for lang in langs} or {"en"})
        per_lang: dict[str, list[list[_Phrases]]] = {}
        for code in codes:
            flat = [
                (t, text)
                for t, (texts, langs) in enumerate(
                    zip(docs_by_theme, languages_by_theme, strict=True)
                )
                for text, lang in zip(texts, langs, strict=True)
                if _code(lang) == code
            ]
            phrases = self._phrases([text for _, text in flat], code)
            grouped: list[list[_Phrases]] = [[] for _ in docs_by_theme]
            for (t, _), p in zip(flat, phrases, strict=True):
                grouped[t].append(p)
            per_lang[code] = grouped
        results = []
        scored = {code: _ctfidf(groups) for code, groups in per_lang.items()}
        for t, langs in enumerate(languages_by_theme):
            counts = Counter(_code(lang) for lang in langs)
            by_language: dict[str, str] = {}
            keywords: list[str] = []
            for code, count in counts.most_common():
                share = count / max(1, len(langs))
                if by_language and (count < 2 or share < self.min_share):
                    continue
                ranked = scored[code][t]
                text = self._compose(ranked, per_lang[code][t], code)
                if text:
                    by_language[code] = text
                    keywords = keywords or [form for form, _ in ranked[:5]]
            main = counts.most_common(1)[0][0] if counts else "en"
            label = by_language.get(main) or next(iter(by_language.values()), "")
            results.append(ThemeLabel(label=label, by_language=by_language, keywords=keywords))
        return results

    def _phrases(self, texts: list[str], code: str) -> list[_Phrases]:
        if not texts:
            return []
        out: list[_Phrases] = []
        for tokens in _tokenise(texts, code, self.batch_size):
            forms: dict[str, str] = {}
            n = len(tokens)
            for i in range(n):
                for size in (1, 2, 3):
                    window = tokens[i : i + size]
                    if len(window) < size or window[0][2] or window[-1][2]:
                        continue
                    if size == 2 and window[1][2]:
                        continue
                    if size == 3 and window[1][2] and window[1][0] not in _CONNECTORS:
                        continue
                    if any(not w[0] for w in window):
                        continue
                    key = " ".join(w[0] for w in window)
                    forms.setdefault(key, " ".join(w[1] for w in window))
            out.append(_Phrases(list(forms), forms))
        return out

    def _compose(self, ranked: list[tuple[str, float]], docs: list[_Phrases], code: str) -> str:
        if not ranked:
            return ""
        surfaces: dict[str, Counter[str]] = defaultdict(Counter)
        for doc in docs:
            for form, surface in doc.surfaces.items():
                surfaces[form][surface] += 1

        def shown(form: str) -> str:
            return surfaces[form].most_common(1)[0][0] if surfaces[form] else form

        best, best_score = ranked[0]
        if " " not in best:
            # "bins collection" reads better than "bins" when nearly as typical.
            for form, score in ranked[1:10]:
                if best in form.split() and score >= 0.5 * best_score:
                    best, best_score = form, score
                    break
        words = best.split()
        parts = [shown(best)]
        if len(words) == 1:
            for form, score in ranked[1:6]:
                if score < 0.35 * best_score:
                    break
                if set(form.split()) & set(words) or len(form.split()) + 1 > self.max_words - 1:
                    continue
                parts.append(shown(form))
                break
        text = join_parts(code, parts)
        text = " ".join(text.split()[: self.max_words])
        return text[:1].upper() + text[1:]


def join_parts(code: str, parts: list[str]) -> str:
    """ "Buses and roads"; in Welsh "a" mutates what follows ("a chasglu", "a phlant")
    and becomes "ac" before a vowel ("ac ysgolion")."""
    if code != "cy":
        return f" {_JOINERS.get(code, 'and')} ".join(parts)
    text = parts[0]
    for part in parts[1:]:
        if part[:1].lower() in "aeiouwyâêîôûŵŷ":
            text += f" ac {part}"
        else:
            text += f" a {mutate(part, Mutation.ASPIRATE)}"
    return text


def _code(lang: str) -> str:
    return "cy" if lang == "cy" else "en"


def _tokenise(texts: list[str], code: str, batch_size: int) -> list[list[tuple[str, str, bool]]]:
    """(match form, surface, is_stop) per token; the spaCy pipeline when available."""
    try:
        from nlp.pipelines import get_pipeline
    except ImportError:  # pragma: no cover - the language layer ships with the project
        return [
            [(w.lower(), w.lower(), len(w) < 3) for w in _FALLBACK_WORD.findall(t)] for t in texts
        ]
    pipeline = get_pipeline(code)
    out = []
    for doc in pipeline.pipe(texts, batch_size=batch_size):
        tokens: list[tuple[str, str, bool]] = []
        for tok in doc:
            if not tok.is_alpha:
                if tokens and tokens[-1][0]:
                    tokens.append(("", "", True))  # punctuation breaks a phrase
                continue
            # Token._.match_form, read directly: the extension lookup costs more than
            # the rest of this loop over a refit's thousands of answers.
            form = (tok.lemma_ or tok.norm_).lower() or tok.lower_
            stop = tok.is_stop or len(form) < 2
            tokens.append((form, tok.lower_, stop))
        out.append(tokens)
    return out


def _ctfidf(groups: list[list[_Phrases]]) -> list[list[tuple[str, float]]]:
    """Per theme, phrases ranked by c-TF-IDF (document frequency within the theme)."""
    df_theme = [Counter(form for doc in docs for form in doc.forms) for docs in groups]
    total: Counter[str] = Counter()
    for counts in df_theme:
        total.update(counts)
    sizes = [max(1, len(docs)) for docs in groups]
    average = sum(sizes) / max(1, len(sizes))
    ranked = []
    for counts, size in zip(df_theme, sizes, strict=True):
        scores = []
        for form, count in counts.items():
            if count < 2 and size > 3:
                continue  # a phrase one answer used does not name a theme
            tf = count / size
            idf = math.log(1 + average / total[form])
            # Longer phrases read better; favour them slightly when nearly as frequent.
            scores.append((form, tf * idf * (1 + 0.15 * (form.count(" ")))))
        scores.sort(key=lambda item: (-item[1], item[0]))
        ranked.append(scores)
    return ranked
