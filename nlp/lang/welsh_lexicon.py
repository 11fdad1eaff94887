"""Old path of :mod:`nlp.lang.cy.lexicon`.

Kept while code written against it (nlp/redaction) moves over.
"""

from nlp.lang.cy.lexicon import *  # noqa: F403
