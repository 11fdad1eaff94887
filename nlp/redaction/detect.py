"""Every pattern detector, in one list the spaCy component runs over each text."""

from __future__ import annotations

from nlp.redaction.addresses import find_addresses
from nlp.redaction.patterns import (
    Found,
    find_bank_details,
    find_dates_of_birth,
    find_emails,
    find_handles,
    find_ninos,
    find_numbers,
    find_postcodes,
    find_urls,
    find_vehicle_regs,
)

PATTERN_DETECTORS = (
    find_emails,
    find_urls,
    find_handles,
    find_bank_details,  # before the numbers: "account no 12345678" is no phone
    find_numbers,
    find_postcodes,
    find_ninos,
    find_vehicle_regs,
    find_dates_of_birth,
    find_addresses,
)


def find_patterns(text: str) -> list[Found]:
    """Every pattern detector's spans over `text` (they may overlap; the Redactor merges them)."""
    found: list[Found] = []
    for detector in PATTERN_DETECTORS:
        found.extend(detector(text))
    return found
