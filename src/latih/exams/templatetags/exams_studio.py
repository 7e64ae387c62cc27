"""Filters of the evaluation studio's pages: a question's excerpt and a credit as typed."""

from decimal import Decimal

from django import template
from django.utils.formats import get_format

from latih.exams.formats import excerpt as _excerpt
from latih.exams.formats.checks import format_weight

register = template.Library()


@register.filter
def excerpt(text: str, limit: int = 120) -> str:
    """The start of a question's text on one line, without its HTML."""
    return _excerpt(text or "", int(limit))


@register.filter
def weight(value: object) -> str:
    """A credit in percent as the organizer types it, with the reader's decimal sign:
    100, 33,33333 (33.33333 in English), -50."""
    return format_weight(Decimal(str(value))).replace(".", get_format("DECIMAL_SEPARATOR"))
