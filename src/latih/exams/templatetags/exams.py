"""``{% course_tests progress %}``: the course page's pre-test and evaluation links, so the
learning app's views need not know about tests."""

from django import template

from latih.exams import queries

register = template.Library()


@register.inclusion_tag("exams/_course_tests.html", takes_context=True)
def course_tests(context: template.Context, course: object) -> dict[str, object]:
    request = context["request"]
    tests = queries.published_tests(course)
    best = queries.best_scores(request.user, course) if tests else {}
    rows = [(tests[kind], best.get(kind)) for kind in ("pre", "post") if kind in tests]
    return {"course": course, "rows": rows}
