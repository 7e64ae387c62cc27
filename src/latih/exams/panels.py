"""The exams app's panels on a course's page (registered in ``apps.py`` with
``learning.panels``): the pre-test and evaluation links with the participant's best
score, and in the organizer's preview the tests linked to their preview."""

from django.http import HttpRequest
from django.template.loader import render_to_string

from latih.learning.models import Course

from . import queries
from .models import Test


def course_tests(request: HttpRequest | None, course: Course) -> str:
    rows = queries.tests_by_course(request.user, [course]).get(course.pk, [])
    return render_to_string("exams/_course_tests.html", {"course": course, "rows": rows})


def preview_tests(request: HttpRequest | None, course: Course) -> str:
    tests = list(Test.objects.filter(course=course).order_by("-kind"))
    return render_to_string("exams/_preview_tests.html", {"course": course, "tests": tests})
