"""Panels that apps above ``learning`` add to a course's page, so that learning never
imports them.

An app registers a function in its ``AppConfig.ready``; the course page (and the
organizer's preview of it) shows what each returns, in the order of registration:
``{% course_panels course %}`` and ``{% preview_panels course %}``
(``templatetags/learning_panels.py``). The exams app adds the course's tests this way.
"""

from collections.abc import Callable

from django.http import HttpRequest

from .models import Course

# request (None in the preview), course -> HTML to show ("" for nothing).
Panel = Callable[[HttpRequest | None, Course], str]

course_panels: list[Panel] = []
preview_panels: list[Panel] = []


def register(panel: Panel) -> Panel:
    """Show ``panel`` on the participant's course page."""
    if panel not in course_panels:
        course_panels.append(panel)
    return panel


def register_preview(panel: Panel) -> Panel:
    """Show ``panel`` on the organizer's preview of a course's page."""
    if panel not in preview_panels:
        preview_panels.append(panel)
    return panel
