"""Old path of :mod:`nlp.lang.cy.stop_words`.

Kept while code written against it (nlp/redaction) moves over.
"""

from nlp.lang.cy.stop_words import *  # noqa: F403
