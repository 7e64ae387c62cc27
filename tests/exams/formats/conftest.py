from dataclasses import replace
from pathlib import Path

import pytest
from django.utils import translation

# Real-world files others wrote under MIT (two GIFT grammars'), shipped with their notices:
# tests/fixtures/README.md.
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
# Moodle's own files are GPL-licensed and, as ../shared/fixtures/README.md asks, not copied
# into the project: they are read where CI and every session have them, beside the checkout.
SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "fixtures"


@pytest.fixture(autouse=True)
def _english():
    # Messages are asserted by their English msgids.
    with translation.override("en"):
        yield


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def moodle_fixtures() -> Path:
    if not (SHARED / "gift" / "moodle").is_dir() or not (SHARED / "moodlexml").is_dir():
        pytest.skip(
            f"Moodle's GPL-licensed fixtures are not copied into the project; they are read "
            f"from {SHARED}, which this checkout does not have beside it"
        )
    return SHARED


def without_place(questions):
    """The questions without line and position, which a round trip does not keep."""
    return [replace(question, line=None, position=None) for question in questions]
