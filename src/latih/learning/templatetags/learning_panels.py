"""``{% course_panels course %}`` and ``{% preview_panels course %}``: what the apps above
learning add to a course's page (``learning/panels.py``)."""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from latih.learning import panels
from latih.learning.models import Course

register = template.Library()


def _join(found: list[str]) -> SafeString:
    return format_html_join("", "{}", ((html,) for html in found if html))


@register.simple_tag(takes_context=True)
def course_panels(context: template.Context, course: Course) -> SafeString:
    request = context.get("request")
    return _join([panel(request, course) for panel in panels.course_panels])


@register.simple_tag
def preview_panels(course: Course) -> SafeString:
    return _join([panel(None, course) for panel in panels.preview_panels])
