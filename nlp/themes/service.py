"""Theming stored answers (the entry points the bot, CLI and console import).

Split by what runs when: :mod:`nlp.themes.incremental` embeds and assigns each new
answer in milliseconds; :mod:`nlp.themes.refit` re-discovers the themes and their tree,
keeping officers' edits (:mod:`nlp.themes.edits`); :mod:`nlp.themes.recut` re-cuts the
tree at the officer's "about N" without a refit.
"""

from nlp.themes.incremental import (
    ThemeIndex,
    detect_language,
    embed_and_assign,
    embed_answers,
    theme_index,
)
from nlp.themes.locking import REFIT_LOCK
from nlp.themes.refit import MATCH_MIN, RefitReport, refit_consultation

__all__ = [
    "MATCH_MIN",
    "REFIT_LOCK",
    "RefitReport",
    "ThemeIndex",
    "detect_language",
    "embed_and_assign",
    "embed_answers",
    "refit_consultation",
    "theme_index",
]
