"""The participant's learning path (course page, consent, welcome video, materials, real
viewing, completion, journals) and the facilitator's journal review. Thin: the rules
are in rules.py, the changes in services.py, the reads in queries.py."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from latih.accounts import permissions
from latih.accounts.permissions import Action

from . import files, queries, services
from .locks import lock_text
from .models import Course, Enrollment, Journal, JournalEvent, Material, MaterialProgress


def _course(slug: str) -> Course:
    try:
        return queries.published_course(slug)
    except Course.DoesNotExist:
        raise Http404 from None


def _progress(request: HttpRequest, course: Course) -> queries.CourseProgress:
    progress = queries.course_progress(request.user, course)
    if progress.enrollment is None or progress.enrollment.pk is None:
        raise Http404  # not enrolled: the course is not theirs to see
    return progress


def _material(progress: queries.CourseProgress, pk: int) -> queries.MaterialView:
    view = progress.by_material.get(pk)
    if view is None:
        raise Http404
    return view


@login_required
def course(request: HttpRequest, slug: str) -> HttpResponse:
    """The course page: rules and consent first; then where the participant is."""
    progress = _progress(request, _course(slug))
    if not progress.consented:
        return render(request, "learning/consent.html", {"progress": progress})
    return render(request, "learning/course.html", {"progress": progress})


@login_required
@require_POST
def consent(request: HttpRequest, slug: str) -> HttpResponse:
    course = _course(slug)
    if request.POST.get("agree") != "1":
        progress = _progress(request, course)
        error = _("Tick the box to confirm that you understand and will follow these rules.")
        return render(
            request, "learning/consent.html", {"progress": progress, "error": error}, status=400
        )
    try:
        services.consent(request.user, course)
    except PermissionDenied:
        raise Http404 from None
    return redirect("learning:course", slug=course.slug)


@login_required
def welcome(request: HttpRequest, slug: str) -> HttpResponse:
    """The course's welcome video, shown once after the first sign-in."""
    course = _course(slug)
    enrollment = Enrollment.objects.filter(person=request.user, course=course).first()
    if enrollment is None:
        raise Http404
    if not course.welcome_video:
        return redirect("learning:course", slug=course.slug)
    services.mark_welcome_seen(enrollment)
    return render(request, "learning/welcome.html", {"course": course})


@login_required
def welcome_video(request: HttpRequest, slug: str) -> HttpResponse:
    course = _course(slug)
    if not course.welcome_video or not (
        Enrollment.objects.filter(person=request.user, course=course).exists()
    ):
        raise Http404
    return files.serve(request, course.welcome_video, "video/webm")


@login_required
def material(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    progress = _progress(request, _course(slug))
    if not progress.consented:
        return redirect("learning:course", slug=slug)
    view = _material(progress, pk)
    if view.locked:
        messages.warning(request, lock_text(view.lock))
        return redirect("learning:course", slug=slug)
    row = services.open_material(request.user, view.material, progress)
    section = progress.section(view.material.section_id)
    items = [item for s in progress.sections for item in s.materials]
    index = next(i for i, item in enumerate(items) if item.material.pk == pk)
    context = {
        "progress": progress,
        "section": section,
        "view": view,
        "material": view.material,
        "row": row,
        "previous": items[index - 1] if index > 0 else None,
        "next": items[index + 1] if index + 1 < len(items) else None,
        "watched_enough": view.material.is_watched
        and services.watched_enough(row, view.material, progress.course),
    }
    return render(request, "learning/material.html", context)


def _published_material(slug: str, pk: int, **filters: object) -> Material:
    """A material of a published course, with its section and course, or 404."""
    return get_object_or_404(
        Material.objects.select_related("section__course"),
        pk=pk,
        section__course__slug=slug,
        section__course__is_published=True,
        **filters,
    )


@login_required
def material_file(request: HttpRequest, slug: str, pk: int, which: str = "file") -> HttpResponse:
    """The material's file, for the page's player or viewer, or as a download when the
    organizer allows it.

    A playing video asks for its file in many ranges. For a material the participant
    has opened in the page (whose gate was checked then) that costs three queries; only
    a material never opened is checked against the whole course outline."""
    item = _published_material(slug, pk, is_archived=False, section__is_archived=False)
    course_id = item.section.course_id
    if not Enrollment.objects.filter(person=request.user, course_id=course_id).exists():
        raise Http404  # not enrolled: the course is not theirs to see
    if not MaterialProgress.objects.filter(person=request.user, material=item).exists():
        view = _material(queries.course_progress(request.user, item.section.course), pk)
        if view.locked:
            raise PermissionDenied
    download = request.GET.get("download") == "1"
    if download and not item.downloadable:
        raise PermissionDenied
    return files.serve_material(request, item, which, download)


@login_required
@require_POST
@never_cache
def viewing(request: HttpRequest, slug: str, pk: int) -> JsonResponse:
    """The player's report of what it has played: {"intervals": [[start, end], ...]}.

    Sent every few seconds by every watching participant, so it stays cheap: no course
    outline is built. The gate was checked when the page opened the material; a report
    for a material never opened is refused by the service."""
    material = _published_material(slug, pk, kind__in=(Material.Kind.VIDEO, Material.Kind.AUDIO))
    unreadable = {"error": "malformed", "message": _("The viewing report could not be read.")}
    try:
        payload = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: nested deep
        return JsonResponse(unreadable, status=400)
    raw = payload.get("intervals") if isinstance(payload, dict) else None
    try:
        report = services.record_viewing(request.user, material, raw)
    except PermissionDenied:
        message = _("This material is not open to you yet. Open it from the course page.")
        return JsonResponse({"error": "not opened", "message": message}, status=409)
    if report.reason == "malformed":
        return JsonResponse({**unreadable, "watched": report.watched_seconds}, status=400)
    return JsonResponse(
        {
            "accepted": report.accepted,
            "reason": report.reason,
            "watched": report.watched_seconds,
            "duration": report.duration,
            "can_complete": report.can_complete,
            "completed": report.completed,
        },
    )


@login_required
@require_POST
def complete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """ "Selesai" / "Selesai Menonton"."""
    course = _course(slug)
    progress = _progress(request, course)
    view = _material(progress, pk)
    error = ""
    completion = None
    try:
        completion = services.complete_material(request.user, view.material, progress)
    except services.Locked as locked:
        error = lock_text(locked.lock)
    except services.NotWatched:
        if view.material.kind == Material.Kind.AUDIO:
            error = _(
                "The audio has not been listened to the end yet. Play it to the end, then "
                "press the button again."
            )
        else:
            error = _(
                "The video has not been watched to the end yet. Play it to the end, then "
                "press the button again."
            )
    if request.htmx:
        if completion is not None:
            progress = completion.progress
        context = {
            "progress": progress,
            "view": progress.by_material[pk],
            "material": view.material,
            "completion": completion,
            "error": error,
        }
        return render(request, "learning/_completion.html", context, status=409 if error else 200)
    if error:
        messages.error(request, error)
    elif completion and completion.trophies_awarded:
        messages.success(
            request,
            _("Done! You earned %(count)d trophies.") % {"count": completion.trophies_awarded},
        )
    return redirect("learning:material", slug=slug, pk=pk)


# --- Journals ----------------------------------------------------------------------------
def _journal_section(progress: queries.CourseProgress, pk: int) -> queries.SectionView:
    section = progress.section(pk)
    if section is None or not section.section.journal_required:
        raise Http404
    return section


@login_required
def journal(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Write or upload the section's resume journal, save a draft, submit it."""
    course = _course(slug)
    progress = _progress(request, course)
    section = _journal_section(progress, pk)
    if section.locked:
        messages.warning(request, lock_text(section.lock))
        return redirect("learning:course", slug=slug)
    current = section.journal
    errors: list[str] = []
    text = current.text if current else ""
    if request.method == "POST":
        text = request.POST.get("text", "")
        submit = "submit" in request.POST
        try:
            services.save_journal(
                request.user,
                section.section,
                text=text,
                upload=request.FILES.get("file"),
                submit=submit,
                remove_file=request.POST.get("remove_file") == "1",
            )
        except ValidationError as error:
            errors = error.messages
        else:
            if submit:
                messages.success(
                    request, _("Your journal has been submitted. Your facilitator will review it.")
                )
                return redirect("learning:course", slug=slug)
            messages.success(request, _("Draft saved."))
            return redirect("learning:journal", slug=slug, pk=pk)
    events = (
        JournalEvent.objects.filter(journal=current).select_related("actor")[:10] if current else []
    )
    context = {
        "progress": progress,
        "section": section,
        "journal": current,
        "text": text,
        "errors": errors,
        "events": events,
        "max_chars": services.JOURNAL_MAX_CHARS,
    }
    return render(request, "learning/journal.html", context, status=400 if errors else 200)


def _journal_file_response(request: HttpRequest, item: Journal) -> HttpResponse:
    if not item.file:
        raise Http404
    return files.serve(request, item.file, item.file_type, item.file_name, attachment=True)


@login_required
def journal_file(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    item = get_object_or_404(
        Journal, person=request.user, section_id=pk, section__course__slug=slug
    )
    return _journal_file_response(request, item)


# --- Facilitator's review ------------------------------------------------------------------
def _require_reviewer(request: HttpRequest) -> None:
    permissions.require(request.user, Action.REVIEW_JOURNALS)


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    """Journals waiting for this facilitator, oldest first."""
    _require_reviewer(request)
    waiting = list(queries.journals_to_review(request.user)[:100])
    return render(request, "learning/review/queue.html", {"journals": waiting})


def _reviewable(request: HttpRequest, pk: int) -> Journal:
    _require_reviewer(request)
    item = get_object_or_404(
        Journal.objects.select_related("person", "person__agency", "section__course"), pk=pk
    )
    # Cohort membership now, not in the past.
    if not permissions.can(request.user, Action.REVIEW_JOURNAL, item):
        raise Http404
    return item


@login_required
def review_journal(request: HttpRequest, pk: int) -> HttpResponse:
    item = _reviewable(request, pk)
    error = ""
    if request.method == "POST":
        accept = request.POST.get("decision") == "accept"
        try:
            item = services.review_journal(
                request.user, item, accept=accept, feedback=request.POST.get("feedback", "")
            )
        except ValidationError as problem:
            error = " ".join(problem.messages)
        except PermissionDenied:
            raise Http404 from None
        else:
            if not request.htmx:
                messages.success(
                    request,
                    _("Journal accepted.") if accept else _("Journal returned with feedback."),
                )
                return redirect("learning:review_queue")
    template = "learning/review/_item.html" if request.htmx else "learning/review/journal.html"
    return render(
        request, template, {"journal": item, "error": error}, status=400 if error else 200
    )


@login_required
def review_journal_file(request: HttpRequest, pk: int) -> HttpResponse:
    return _journal_file_response(request, _reviewable(request, pk))
