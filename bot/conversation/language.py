"""Which language a resident wrote in: "en", "cy" or None when it cannot tell.

Uses nlp.langid.identify when that module is installed (the project's
language identifier); the fallback below is a tiny function-word vote, good
enough for a first message and cheap (microseconds), so the engine never
waits on language identification.
"""

from __future__ import annotations

import importlib
import logging
import re
from collections.abc import Callable

log = logging.getLogger(__name__)
log = logging.getLogger(__name__)
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_WELSH = frozenset(
    """a ac am ar at y yr yn yng ym i o mae sy sydd dw dwi rwy rydw rydyn rydych ydw ydy
    yw oes oedd roedd bod fod ni chi nhw fi ti fe hi ei eu ein eich fy dy gyda efo gan
    heb dim ddim ond neu os pan achos oherwydd felly hefyd hyn hynny iawn diolch plis
    beth pam sut ble pwy angen eisiau isio moyn mwy llawer gwell bysiau bws ysgol ysgolion
    plant gwaith tai ffordd ffyrdd cymraeg cymru bwysig pwysig yma fan lle sy'n mae'n
    dw'i i'r o'r a'r ie na nac naddo wedi bydd fydd byddai cael gael""".split()
)
_ENGLISH = frozenset(
    """the a an and or of to in on at for with is are was were be been it its this that
    these those i you we they he she my your our their me us them not no yes please
    thanks thank what why how where who need want more better buses bus school schools
    children work houses roads road important here there would could should have has
    had do does did can will just really about because but so very too""".split()
)
_WELSH_LETTERS = frozenset("ŵŷâêîôûŴŶÂÊÎÔÛ")


def _fallback(text: str) -> str:
    if any(ch in _WELSH_LETTERS for ch in text):
        return "cy"
    words = _WORD.findall(text.lower())
    welsh = float(sum(1 for word in words if word in _WELSH))
    english = float(sum(1 for word in words if word in _ENGLISH))
    # Welsh digraphs the English vocabulary rarely has, as a tie-breaker.
    welsh += sum(0.25 for word in words if "dd" in word or word.startswith("ll"))
    if welsh == english:
        return "other"
    return "cy" if welsh > english else "en"


def _load() -> Callable[[str], str]:
    try:
        module = importlib.import_module("nlp.langid")
    except ImportError:
        return _fallback
    identify: Callable[[str], str] = module.identify
    return identify


_identify = _load()


def detect(text: str) -> str | None:
    """The language of `text`: "cy", "en", or None when it carries none (a keyword, emoji)."""
    global _identify
    if not text.strip():
        return None
    try:
        result = _identify(text)
    except Exception:
        # A broken or missing language model must not cost a resident their
        # reply: say so once and carry on with the word vote.
        log.exception("language identification failed; using the built-in word vote")
        _identify = _fallback
        result = _fallback(text)
    return result if result in ("en", "cy") else None
