"""``{% course_tests progress %}``: the course page's pre-test and evaluation links, so the
learning app's views need not know about tests."""

from django import template

from latih.exams import queries

register = template.Library()


@register.inclusion_tag("exams/_course_tests.html", takes_context=True)
def course_tests(context: template.Context, course: object) -> dict[str, object]:
    rows = queries.tests_by_course(context["request"].user, [course]).get(course.pk, [])
    return {"course": course, "rows": rows}
