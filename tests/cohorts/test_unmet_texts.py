"""Every condition of passing a result can miss has its words, in both languages."""

import pytest
from django.utils import translation

from latih.cohorts.rules import Unmet
from latih.cohorts.texts import unmet_text


@pytest.mark.parametrize("code", list(Unmet))
def test_every_unmet_condition_has_its_text(code):
    with translation.override("en"):
        english = unmet_text(code)
    with translation.override("id"):
        shown = unmet_text(code)
    assert english != str(code)
    assert shown != english  # translated


def test_a_code_this_version_does_not_know_is_shown_as_it_is():
    assert unmet_text("moved_on") == "moved_on"
