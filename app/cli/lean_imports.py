"""Import spaCy and scikit-learn without the parts a theming run never uses.

A cold `themes discover` of 100 answers spent more time importing libraries than
theming. Two of those imports load a package the run never touches:

* ``import spacy`` imports ``spacy.cli`` (and with it weasel, requests, jinja2, httpx:
  about a third of spaCy's import time) only to expose ``spacy.info``. Here ``spacy.info``
  is a forwarder that imports the real command when someone calls it.
* ``import sklearn`` tries ``import pandas`` in ``sklearn.utils.fixes`` and keeps the
  result in a module global nothing reads (scikit-learn 1.9; other modules look pandas
  up in ``sys.modules`` when they are called). pandas is installed because the MiniLM
  weights' package depends on it, and importing it costs about as much again.

Both tricks are scoped to the first import of the library in this process and undone
afterwards: ``import spacy.cli`` and ``import pandas`` work as usual later. Only
`themes discover` uses them, in its own process, before anything else imports either.
"""

from __future__ import annotations

import importlib
import sys
import threading
import types
from typing import Any

_LOCK = threading.Lock()

#: The module spaCy's ``__init__`` takes ``info`` from; everything else in spacy.cli
#: comes with it.
_SPACY_INFO = "spacy.cli.info"


def _spacy_info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``: the real command, imported on first call."""
    _drop_stub(_SPACY_INFO)
    real = importlib.import_module(_SPACY_INFO)
    return real.info(*args, **kwargs)


def _drop_stub(name: str) -> None:
    module = sys.modules.get(name)
    if module is None or getattr(module, "_whatmatters_stub", False):
        sys.modules.pop(name, None)


def import_spacy() -> types.ModuleType:
    """``import spacy``, leaving ``spacy.cli`` unimported until someone asks for it."""
    with _LOCK:
        if "spacy" in sys.modules:
            return importlib.import_module("spacy")
        if _SPACY_INFO not in sys.modules:
            stub = types.ModuleType(_SPACY_INFO)
            stub.info = _spacy_info  # type: ignore[attr-defined]
            stub._whatmatters_stub = True  # type: ignore[attr-defined]
            sys.modules[_SPACY_INFO] = stub
        try:
            return importlib.import_module("spacy")
        finally:
            _drop_stub(_SPACY_INFO)


def import_sklearn(*submodules: str) -> None:
    """``import sklearn`` and ``submodules``, without the pandas import sklearn never reads."""
    with _LOCK:
        if "sklearn" in sys.modules or "pandas" in sys.modules:
            for name in ("sklearn", *submodules):
                importlib.import_module(name)
            return
        # None in sys.modules makes `import pandas` raise ImportError, which
        # sklearn.utils.fixes catches. Only the theming warm-up calls this, before any
        # other thread of the process has a reason to import pandas.
        sys.modules["pandas"] = None  # type: ignore[assignment]
        try:
            for name in ("sklearn", *submodules):
                importlib.import_module(name)
        finally:
            if sys.modules.get("pandas", 0) is None:
                del sys.modules["pandas"]


def import_theming_libraries() -> None:
    """scikit-learn's clustering, then spaCy, both the lean way.

    The `themes` warm-up thread calls this at once and the command again before it
    themes: whichever comes first imports, the other waits, so neither library is ever
    imported the ordinary way first, however quickly a small file reaches theming.
    """
    import_sklearn("sklearn.cluster", "sklearn.decomposition")
    import_spacy()
