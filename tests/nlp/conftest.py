"""Fixtures shared by the language tests."""

from __future__ import annotations

import pytest

from nlp.redaction import Redactor


@pytest.fixture(scope="session")
def redactor() -> Redactor:
    """One real Redactor for every redaction test: its pipelines load once (a few seconds),
    and no test changes it (the tests that change a setting patch the module's constant)."""
    return Redactor()
