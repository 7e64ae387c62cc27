from dataclasses import replace
from pathlib import Path

import pytest
from django.utils import translation

# Real-world files others wrote (Moodle's own, two GIFT grammars'), with their notices:
# tests/fixtures/README.md.
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


@pytest.fixture(autouse=True)
def _english():
    # Messages are asserted by their English msgids.
    with translation.override("en"):
        yield


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


def without_place(questions):
    """The questions without line and position, which a round trip does not keep."""
    return [replace(question, line=None, position=None) for question in questions]
