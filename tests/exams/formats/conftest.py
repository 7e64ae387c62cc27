from dataclasses import replace
from pathlib import Path

import pytest
from django.utils import translation

# The shared real-world files live beside the checkout: /work/shared/fixtures.
FIXTURES = Path(__file__).resolve().parents[3].parent / "shared" / "fixtures"


@pytest.fixture(autouse=True)
def _english():
    # Messages are asserted by their English msgids.
    with translation.override("en"):
        yield


@pytest.fixture
def fixtures() -> Path:
    if not (FIXTURES / "gift").is_dir() or not (FIXTURES / "moodlexml").is_dir():
        pytest.skip(f"the shared question-bank fixtures are not at {FIXTURES}")
    return FIXTURES


def without_place(questions):
    """The questions without line and position, which a round trip does not keep."""
    return [replace(question, line=None, position=None) for question in questions]
