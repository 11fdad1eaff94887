"""Redaction of personal details from residents' answers (UK and Welsh aware).

from nlp.redaction import Redactor
result = Redactor().redact("I'm Siân, ring 07700 900123", language="en")
result.text   # "I'm [name], ring [phone]"
result.spans  # [Span(4, 8, "name"), Span(15, 27, "phone")]
"""

from nlp.redaction.redactor import (
    RedactionResult,
    Redactor,
    Span,
    build_redaction_pipeline,
)

__all__ = ["RedactionResult", "Redactor", "Span", "build_redaction_pipeline"]
