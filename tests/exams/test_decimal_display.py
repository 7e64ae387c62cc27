"""Decimals read with the reader's decimal sign on pages ("33,33333" in Indonesian); the
organizer's form takes either sign."""

from decimal import Decimal

from django.template import Context, Template
from django.utils import translation


def test_a_credit_is_shown_with_the_readers_decimal_sign():
    template = Template("{% load exams_studio %}{{ value|weight }}")
    with translation.override("id"):
        assert template.render(Context({"value": Decimal("33.333330")})) == "33,33333"
        assert template.render(Context({"value": Decimal("-50")})) == "-50"
    with translation.override("en"):
        assert template.render(Context({"value": Decimal("33.333330")})) == "33.33333"
