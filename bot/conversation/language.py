"""Which language a resident wrote in: "en", "cy" or None when the text shows none."""

from __future__ import annotations

import logging

from nlp.langid import identify

log = logging.getLogger(__name__)
_broken = False


def detect(text: str) -> str | None:
    """ "cy", "en", or None for text without language (a keyword, emoji, a number)."""
    global _broken
    if _broken or not text.strip():
        return None
    try:
        result = identify(text)
    except Exception:
        # A missing or damaged language model must not cost residents their
        # replies: say so once, then keep each participant's current language.
        log.exception("language identification failed; keeping conversation languages")
        _broken = True
        return None
    return result if result in ("en", "cy") else None
