"""Per-language resources: the Welsh language class, mutations, English setup.

Importing this package registers Welsh (``cy``) with spaCy.
"""

from __future__ import annotations

from nlp.lang.cy import Welsh

__all__ = ["Welsh"]
