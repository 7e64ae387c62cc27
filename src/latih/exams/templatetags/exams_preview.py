"""``{% preview_tests course %}``: the tests of a course in the organizer's preview of
its page, linked to their preview, so the learning app's preview needs not know about
tests."""

from django import template

from latih.exams.models import Test

register = template.Library()


@register.inclusion_tag("exams/_preview_tests.html")
def preview_tests(course: object) -> dict[str, object]:
    tests = list(Test.objects.filter(course=course).order_by("-kind"))
    return {"course": course, "tests": tests}
