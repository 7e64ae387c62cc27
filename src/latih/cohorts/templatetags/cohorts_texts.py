"""``{{ code|unmet_text }}``: a final result's unmet condition in words (``cohorts/texts.py``)."""

from django import template

from latih.cohorts import texts

register = template.Library()


@register.filter
def unmet_text(code: object) -> str:
    return texts.unmet_text(str(code))
