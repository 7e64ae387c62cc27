"""The organizer's preview of a test's page (Pratinjau): what a participant reads before
starting it, for a test open to participants or not yet. Reads only: nothing can be
started here, and nothing is written."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from latih.accounts.permissions import author_required
from latih.learning.models import Course

from . import rules
from .models import Test


@author_required
@never_cache
def test(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    course = get_object_or_404(Course, pk=pk)
    found = get_object_or_404(Test, course=course, kind=kind)
    try:
        caps = rules.parse_caps(found.caps)
    except rules.BadCaps:
        caps = []  # the settings page says what is wrong; the preview shows no table
    rows = [
        (first, caps[index + 1][0] - 1 if index + 1 < len(caps) else None, cap)
        for index, (first, cap) in enumerate(caps)
    ]
    context = {"course": course, "test": found, "caps": rows}
    return render(request, "exams/preview_test.html", context)
