"""A number of seconds reads as people say it: "1 jam 28 menit", not "5313 detik"."""

import pytest
from django.template import Context, Template
from django.utils import translation

from latih.common.templatetags.latih_format import seconds_in_words


@pytest.mark.parametrize(
    ("seconds", "indonesian", "english"),
    [
        (5313, "1 jam 28 menit", "1 hour 28 minutes"),
        (5400, "1 jam 30 menit", "1 hour 30 minutes"),
        (7200, "2 jam", "2 hours"),
        (3659, "1 jam", "1 hour"),
        (3660, "1 jam 1 menit", "1 hour 1 minute"),
        (60, "1 menit", "1 minute"),
        (119, "1 menit", "1 minute"),
        (59, "59 detik", "59 seconds"),
        (1, "1 detik", "1 second"),
        (0, "0 detik", "0 seconds"),
        (-5, "0 detik", "0 seconds"),
    ],
)
def test_seconds_in_words(seconds, indonesian, english):
    with translation.override("id"):
        assert seconds_in_words(seconds) == indonesian
    with translation.override("en"):
        assert seconds_in_words(seconds) == english


@pytest.mark.parametrize(
    ("value", "shown"), [(5313.7, "1 jam 28 menit"), ("90", "1 menit"), ("x", ""), (None, "")]
)
def test_the_duration_filter_takes_any_number_and_nothing_else(value, shown):
    template = Template("{% load latih_format %}{{ value|duration }}")
    with translation.override("id"):
        assert template.render(Context({"value": value})) == shown
