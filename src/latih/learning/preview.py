"""The organizer's preview (Pratinjau): a course's pages as a newcomer participant sees
them, draft or published, without enrolling.

Reads only. Nothing here writes a row: no enrolment, no consent, no material progress,
no journal. The outline is built as for a participant who has just agreed to the rules
and studied nothing (so the locks they would meet are shown), yet every material opens,
for the author must be able to check them all. The players report no viewing and the
journal form is shown disabled. Only those who may author (``Action.AUTHOR``) enter.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from latih.accounts.models import Person
from latih.accounts.permissions import author_required
from latih.common import clock

from . import files, queries, services
from .models import Course, Enrollment, Material


def newcomer_progress(author: Person, course: Course) -> queries.CourseProgress:
    """The course as a participant sees it right after agreeing to its rules, before
    studying anything (three queries; the enrolment is never saved)."""
    enrollment = Enrollment(person=author, course=course, consented_at=clock.now())
    sections = list(queries.live_sections().filter(course=course))
    # No progress, trophies nor journals: a newcomer's facts, not the author's own.
    return queries._build(enrollment, sections, {}, {}, 0, {})


def _course(pk: int) -> Course:
    return get_object_or_404(Course, pk=pk)


def _neighbours(
    progress: queries.CourseProgress, pk: int
) -> tuple[queries.MaterialView | None, queries.MaterialView | None]:
    items = [item for section in progress.sections for item in section.materials]
    index = next(i for i, item in enumerate(items) if item.material.pk == pk)
    previous = items[index - 1] if index > 0 else None
    following = items[index + 1] if index + 1 < len(items) else None
    return previous, following


@author_required
@never_cache
def course(request: HttpRequest, pk: int) -> HttpResponse:
    """The course page: its rules, the outline with the locks a newcomer meets, the tests."""
    progress = newcomer_progress(request.user, _course(pk))
    return render(request, "learning/studio/preview_course.html", {"progress": progress})


@author_required
@never_cache
def material(request: HttpRequest, pk: int, material_pk: int) -> HttpResponse:
    """A material's page as a participant sees it, opened without recording anything."""
    progress = newcomer_progress(request.user, _course(pk))
    view = progress.by_material.get(material_pk)
    if view is None:
        raise Http404
    previous, following = _neighbours(progress, material_pk)
    context = {
        "progress": progress,
        "section": progress.section(view.material.section_id),
        "view": view,
        "material": view.material,
        "previous": previous,
        "next": following,
    }
    return render(request, "learning/studio/preview_material.html", context)


@author_required
def material_file(
    request: HttpRequest, pk: int, material_pk: int, which: str = "file"
) -> HttpResponse:
    """A live material's file for the preview's player or viewer (the author may see every
    material of every course, so no gate is checked and no progress is opened)."""
    item = get_object_or_404(
        Material.objects.select_related("section"),
        pk=material_pk,
        section__course_id=pk,
        is_archived=False,
        section__is_archived=False,
    )
    download = request.GET.get("download") == "1"
    return files.serve_material(request, item, which, download)


@author_required
@never_cache
def journal(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    """The section's resume journal form, shown read-only: nothing can be saved."""
    progress = newcomer_progress(request.user, _course(pk))
    section = progress.section(section_pk)
    if section is None or not section.section.journal_required:
        raise Http404
    context = {
        "progress": progress,
        "section": section,
        "max_chars": services.JOURNAL_MAX_CHARS,
    }
    return render(request, "learning/studio/preview_journal.html", context)
