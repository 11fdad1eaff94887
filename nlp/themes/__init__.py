"""Theme discovery, labelling and incremental assignment for short answers.

Entry points:
    ThemeModel: fit on answers (or their stored vectors), then ``assign`` new ones.
    match_themes: carry theme identities across refits (Hungarian matching).
    nlp.themes.service: the same on stored answers, keeping officers' edits.
"""

from nlp.themes.assign import Assignment, CentroidAssigner
from nlp.themes.clustering import (
    AdaptiveClusterer,
    Anchor,
    FixedKClusterer,
    IdentityReducer,
    Partition,
    PCAReducer,
)
from nlp.themes.labelling import CTfidfLabeller, ThemeLabel
from nlp.themes.matching import match_themes
from nlp.themes.model import FoundTheme, ThemeModel, ThemingError

__all__ = [
    "AdaptiveClusterer",
    "Anchor",
    "Assignment",
    "CTfidfLabeller",
    "CentroidAssigner",
    "FixedKClusterer",
    "FoundTheme",
    "IdentityReducer",
    "PCAReducer",
    "Partition",
    "ThemeLabel",
    "ThemeModel",
    "ThemingError",
    "match_themes",
]
