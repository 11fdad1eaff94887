"""Old path of :mod:`nlp.lang.cy.mutations`.

Kept while code written against it (nlp/redaction) moves over.
"""

from nlp.lang.cy.mutations import *  # noqa: F403
