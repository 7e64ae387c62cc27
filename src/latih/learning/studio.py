"""The organizer's studio: courses, their sections and materials, their order, publishing
and enrolment by NIP. Thin: every change goes through services.py; only organizers and
platform admins may enter."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from latih.accounts.permissions import author_required
from latih.common.forms import attach_errors

from . import queries, services
from .models import Cohort, Course, Material, Section
from .studio_forms import CourseForm, EnrolForm, MaterialForm, SectionForm

ADD_MATERIAL = (
    (Material.Kind.VIDEO, gettext_lazy("Add video")),
    (Material.Kind.PDF, gettext_lazy("Add PDF")),
    (Material.Kind.SLIDES, gettext_lazy("Add slides")),
    (Material.Kind.AUDIO, gettext_lazy("Add audio")),
    (Material.Kind.TEXT, gettext_lazy("Add text")),
    (Material.Kind.LINK, gettext_lazy("Add link")),
)


def _live_sections(course: Course) -> list[Section]:
    return list(Section.objects.filter(course=course, is_archived=False).order_by("position", "id"))


def _live_materials(section: Section) -> list[Material]:
    return list(
        Material.objects.filter(section=section, is_archived=False).order_by("position", "id")
    )


def _outline_url(course_id: int, anchor: str = "") -> str:
    url = reverse("studio:course", args=[course_id])
    return f"{url}#{anchor}" if anchor else url


def _step(request: HttpRequest) -> int | None:
    return {"-1": -1, "1": 1}.get(request.POST.get("step", ""))


# --- Courses -----------------------------------------------------------------------------------
@author_required
def courses(request: HttpRequest) -> HttpResponse:
    live = Q(sections__is_archived=False)
    found = Course.objects.annotate(
        section_count=Count("sections", filter=live, distinct=True),
        material_count=Count(
            "sections__materials",
            filter=live & Q(sections__materials__is_archived=False),
            distinct=True,
        ),
    ).order_by("title", "pk")
    return render(request, "learning/studio/courses.html", {"courses": found})


@author_required
def course_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    course = get_object_or_404(Course, pk=pk) if pk is not None else Course()
    form = CourseForm(request.POST or None, request.FILES or None, instance=course)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_course(request.user, course, form.cleaned_data["welcome_video"] or None)
        except ValidationError as error:
            attach_errors(form, error, "welcome_video")
        else:
            messages.success(request, _("The course has been saved."))
            return redirect("studio:course", pk=course.pk)
    return render(request, "learning/studio/course_form.html", {"form": form, "course": course})


def _outline(
    request: HttpRequest,
    course: Course,
    enrol_form: EnrolForm | None = None,
    enrolled: dict | None = None,
) -> HttpResponse:
    sections = list(queries.live_sections().filter(course=course))
    material_trophies = sum(m.trophies for section in sections for m in section.materials.all())
    context = {
        "course": course,
        "sections": sections,
        "material_trophies": material_trophies,
        "add_material": ADD_MATERIAL,
        "cohorts": list(course.cohorts.order_by("name").values_list("name", flat=True)),
        "enrol_form": enrol_form or EnrolForm(),
        "enrolled": enrolled,
    }
    return render(request, "learning/studio/outline.html", context)


def _course_with_counts(pk: int) -> Course:
    return get_object_or_404(Course.objects.annotate(enrolled=Count("enrollments")), pk=pk)


@author_required
def outline(request: HttpRequest, pk: int) -> HttpResponse:
    """The course outline: sections and materials in order, with everything to change them."""
    return _outline(request, _course_with_counts(pk))


@author_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    course = get_object_or_404(Course, pk=pk)
    published = request.POST.get("published") == "1"
    try:
        services.publish_course(request.user, course, published=published)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if published:
            messages.success(request, _("The course is published."))
        else:
            messages.success(request, _("The course is withdrawn: participants no longer see it."))
    return redirect("studio:course", pk=course.pk)


@author_required
@require_POST
def enrol(request: HttpRequest, pk: int) -> HttpResponse:
    """Enrol participants by NIP into a cohort, created when its name is new."""
    course = _course_with_counts(pk)
    form = EnrolForm(request.POST)
    if not form.is_valid():
        return _outline(request, course, form)
    cohort, _created = Cohort.objects.get_or_create(course=course, name=form.cleaned_data["cohort"])
    result = services.enroll_by_nip(request.user, course, cohort, form.cleaned_data["nips"])
    # The unknown NIPs stay in the box, to be corrected and sent again.
    again = EnrolForm(initial={"cohort": cohort.name, "nips": "\n".join(result["unknown"])})
    course = _course_with_counts(pk)  # the enrolled count has changed
    enrolled = {"cohort": cohort, "count": len(result["enrolled"]), "unknown": result["unknown"]}
    return _outline(request, course, again, enrolled)


@author_required
@require_POST
def order(request: HttpRequest, pk: int) -> HttpResponse:
    """Drag and drop: the new order of the sections, or of one section's materials."""
    course = get_object_or_404(Course, pk=pk)
    try:
        ids = [int(part) for part in request.POST.get("ids", "").split(",") if part.strip()]
        section_id = int(request.POST.get("section") or 0)
    except ValueError:
        return HttpResponseBadRequest(_("The order sent is not a list of numbers."))
    kind = request.POST.get("kind")
    if kind == "section":
        items: list[Section] | list[Material] = _live_sections(course)
    elif kind == "material":
        section = get_object_or_404(Section, pk=section_id, course=course, is_archived=False)
        items = _live_materials(section)
    else:
        return HttpResponseBadRequest(_("Say whether sections or materials are ordered."))
    try:
        services.reorder(request.user, items, ids)
    except ValidationError as error:
        return HttpResponse(
            " ".join(error.messages), status=409, content_type="text/plain; charset=utf-8"
        )
    return HttpResponse(status=204)


# --- Sections ----------------------------------------------------------------------------------
def _live_section(pk: int) -> Section:
    return get_object_or_404(Section.objects.select_related("course"), pk=pk, is_archived=False)


@author_required
def section_form(
    request: HttpRequest, course_pk: int | None = None, pk: int | None = None
) -> HttpResponse:
    if pk is not None:
        section = _live_section(pk)
    else:
        section = Section(course=get_object_or_404(Course, pk=course_pk))
    form = SectionForm(request.POST or None, instance=section)
    if request.method == "POST" and form.is_valid():
        services.save_section(request.user, section)
        messages.success(request, _("The section has been saved."))
        return redirect(_outline_url(section.course_id, f"section-{section.pk}"))
    return render(
        request,
        "learning/studio/section_form.html",
        {"form": form, "section": section, "course": section.course},
    )


@author_required
def section_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST removes (archives when anyone has studied in it)."""
    section = _live_section(pk)
    if request.method == "POST":
        services.remove_section(request.user, section)
        messages.success(request, _("“%(title)s” has been removed.") % {"title": section.title})
        return redirect("studio:course", pk=section.course_id)
    context = {
        "course": section.course,
        "item": section,
        "question": _("Remove the section “%(title)s” and its materials?")
        % {"title": section.title},
        "explanation": _(
            "If anyone has studied in it, it is archived instead of deleted: it disappears "
            "from the course, and participants keep the trophies and journals they earned "
            "with it."
        ),
        "back": _outline_url(section.course_id, f"section-{section.pk}"),
    }
    return render(request, "learning/studio/remove.html", context)


@author_required
@require_POST
def section_move(request: HttpRequest, pk: int) -> HttpResponse:
    section = _live_section(pk)
    anchor = _outline_url(section.course_id, f"section-{section.pk}")
    return _move(request, _live_sections(section.course), section.pk, anchor)


def _move(request: HttpRequest, items: list, pk: int, back: str) -> HttpResponse:
    """Move up or down by one place (the buttons beside each section and material)."""
    step = _step(request)
    if step is None:
        return HttpResponseBadRequest(_("Move by one place up or down."))
    try:
        services.move(request.user, items, pk, step)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(back)


# --- Materials ---------------------------------------------------------------------------------
def _live_material(pk: int) -> Material:
    return get_object_or_404(
        Material.objects.select_related("section__course"),
        pk=pk,
        is_archived=False,
        section__is_archived=False,
    )


@author_required
def material_form(
    request: HttpRequest, section_pk: int | None = None, pk: int | None = None
) -> HttpResponse:
    if pk is not None:
        material = _live_material(pk)
    else:
        kind = request.GET.get("kind", "")
        if kind not in Material.Kind.values:
            raise Http404
        material = Material(section=_live_section(section_pk), kind=kind)
    form = MaterialForm(
        request.POST or None, request.FILES or None, instance=material, kind=material.kind
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file") or None
        pdf_upload = form.cleaned_data.get("pdf_file") or None
        try:
            services.save_material(request.user, material, upload, pdf_upload)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The material has been saved."))
            return redirect(_outline_url(material.section.course_id, f"material-{material.pk}"))
    context = {
        "form": form,
        "material": material,
        "section": material.section,
        "course": material.section.course,
    }
    return render(request, "learning/studio/material_form.html", context)


@author_required
def material_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST removes (archives when anyone has studied it)."""
    material = _live_material(pk)
    course = material.section.course
    if request.method == "POST":
        services.remove_material(request.user, material)
        messages.success(request, _("“%(title)s” has been removed.") % {"title": material.title})
        return redirect(_outline_url(course.pk, f"section-{material.section_id}"))
    context = {
        "course": course,
        "item": material,
        "question": _("Remove the material “%(title)s”?") % {"title": material.title},
        "explanation": _(
            "If anyone has studied it, it is archived instead of deleted: it disappears from "
            "the course. Participants keep the trophies they earned with it."
        ),
        "back": _outline_url(course.pk, f"material-{material.pk}"),
    }
    return render(request, "learning/studio/remove.html", context)


@author_required
@require_POST
def material_move(request: HttpRequest, pk: int) -> HttpResponse:
    material = _live_material(pk)
    anchor = _outline_url(material.section.course_id, f"material-{material.pk}")
    return _move(request, _live_materials(material.section), material.pk, anchor)
