"""Cohort pages: the list, opening and editing a cohort, its participants and their bulk
import with its progress, the final results with finalizing and reopening (a cohort's
certificates are the certificates app's page). Organizers see every cohort; an agency
admin sees the cohorts open to their agency, with their own people only."""

from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from latih.accounts import permissions
from latih.accounts import services as accounts_services
from latih.accounts.models import Person
from latih.accounts.permissions import Action
from latih.common import clock
from latih.common.urlconverters import parse_id
from latih.learning.models import Cohort, Course

from . import forms, queries, results, services, sheets
from .models import Job

PER_PAGE = 50


def _is_grader(person: Person) -> bool:
    return permissions.can(person, Action.GRADE)


def _cohort(request: HttpRequest, pk: int) -> Cohort:
    return get_object_or_404(queries.visible_cohorts(request.user), pk=pk)


def _require_grader(request: HttpRequest) -> None:
    # 404, not 403: an agency admin is not told which grading pages exist.
    if not _is_grader(request.user):
        raise Http404


def _pager_query(request: HttpRequest, *keys: str) -> str:
    kept = {key: request.GET[key] for key in keys if request.GET.get(key)}
    return ("&" + urlencode(kept)) if kept else ""


@login_required
def cohort_list(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, Action.VIEW_COHORTS)
    page = Paginator(queries.cohort_list(request.user), PER_PAGE).get_page(request.GET.get("page"))
    courses = Course.objects.order_by("title") if _is_grader(request.user) else []
    return render(request, "cohorts/list.html", {"page": page, "courses": courses})


@login_required
def cohort_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Open a cohort (of the course in ``?course=``) or edit one."""
    _require_grader(request)
    cohort = get_object_or_404(Cohort.objects.select_related("course"), pk=pk) if pk else None
    if cohort is not None:
        course = cohort.course
    else:
        course_pk = request.GET.get("course", "")
        course = get_object_or_404(Course, pk=parse_id(course_pk) or 0)
    form = forms.CohortForm(
        request.POST or None, instance=cohort or Cohort(course=course), course=course
    )
    if request.method == "POST" and form.is_valid():
        saved = services.save_cohort(
            request.user,
            form.save(commit=False),
            agencies=form.cleaned_data["agencies"],
            facilitators=form.cleaned_data["facilitator_nips"],
        )
        messages.success(request, _("The cohort is saved."))
        return redirect("cohorts:detail", saved.pk)
    return render(request, "cohorts/form.html", {"form": form, "course": course, "cohort": cohort})


def _detail_context(
    request: HttpRequest, cohort: Cohort, form: forms.ImportForm
) -> dict[str, object]:
    people = queries.participants(request.user, cohort, request.GET.get("q", ""))
    page = Paginator(people, PER_PAGE).get_page(request.GET.get("page"))
    return {
        "cohort": cohort,
        "page": page,
        "pager_query": _pager_query(request, "q"),
        "search": request.GET.get("q", ""),
        "jobs": list(queries.jobs_for(request.user, cohort).filter(kind=Job.Kind.IMPORT)[:5]),
        "form": form,
        "may_import": permissions.can(request.user, Action.IMPORT_INTO_COHORT, cohort),
        "is_grader": _is_grader(request.user),
        "facilitators": list(cohort.facilitators.order_by("name")),
        "agencies": list(cohort.agencies.order_by("name")),
    }


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = _cohort(request, pk)
    return render(
        request, "cohorts/detail.html", _detail_context(request, cohort, forms.ImportForm())
    )


@login_required
@require_POST
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = _cohort(request, pk)
    form = forms.ImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            job, created = services.start_import(request.user, cohort, form.cleaned_data["file"])
        except PermissionDenied:
            raise Http404 from None
        except sheets.SheetError as error:
            form.add_error("file", error.message)
        else:
            if not created:
                messages.info(request, _("This file is already being imported."))
            return redirect("cohorts:job", job.pk)
    context = _detail_context(request, cohort, form)
    return render(request, "cohorts/detail.html", context, status=400)


def _job(request: HttpRequest, pk: int) -> Job:
    job = queries.visible_job(request.user, pk)
    if job is None:
        raise Http404
    return job


@login_required
def job(request: HttpRequest, pk: int) -> HttpResponse:
    """A job's progress; htmx asks for the fragment again while it runs. An import's bad
    rows are shown a page at a time: the job keeps at most ``imports.MAX_PROBLEMS`` of
    them, each bounded, and says how many more it only counted."""
    found = _job(request, pk)
    context: dict[str, object] = {"job": found, "cohort": found.cohort, "problems": []}
    if found.kind == Job.Kind.IMPORT:
        page = Paginator(found.problems.order_by("line"), PER_PAGE).get_page(
            request.GET.get("page")
        )
        context |= {
            "page": page,
            "problems": page.object_list,
            "unlisted": found.counts.get("unlisted", 0),
        }
    if request.htmx:
        return render(request, "cohorts/_job.html", context)
    return render(request, "cohorts/job.html", context)


@login_required
def job_problems(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    """Every bad row of an import as CSV, to fix and upload again: for the person who ran
    the import only (it holds the file's NIKs), logged as an access to personal data."""
    found = _job(request, pk)
    if found.created_by_id != request.user.pk:
        raise Http404
    accounts_services.log_data_access(
        request.user, None, "import_errors", subject=f"import job #{found.pk}"
    )
    rows = (
        (problem.line, problem.values, problem.reason)
        for problem in queries.import_problems(found).iterator(2000)
    )
    response = StreamingHttpResponse(sheets.problems_csv(rows), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="kesalahan-impor-{found.pk}.csv"'
    add_never_cache_headers(response)
    return response


@login_required
def template(request: HttpRequest, kind: str) -> HttpResponse:
    permissions.require(request.user, Action.VIEW_COHORTS)
    if kind == "xlsx":
        content = sheets.template_xlsx()
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content, content_type = sheets.template_csv(), "text/csv"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="templat-peserta.{kind}"'
    return response


# --- Final results ----------------------------------------------------------------------------
def _results_context(request: HttpRequest, cohort: Cohort) -> dict[str, object]:
    status = request.GET.get("status", "")
    search = request.GET.get("q", "").strip()
    found = queries.final_results(cohort, status, search)
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    return {
        "cohort": cohort,
        "page": page,
        "status": status,
        "search": search,
        "pager_query": _pager_query(request, "status", "q"),
        "summary": results.summary(cohort),
        "predicates": results.predicates(cohort),
        "enrolled": queries.enrolled_count(cohort),
        "running": queries.running_grading_job(cohort),
        "last_job": queries.last_results_job(cohort),
        "events": queries.recent_events(cohort),
        "finalize_form": forms.FinalizeForm(cohort=cohort, today=clock.today()),
        "reopen_form": forms.ReasonForm(),
        "shares": forms.weights_share(cohort.course),
        "today": clock.today(),
    }


@login_required
def results_page(request: HttpRequest, pk: int) -> HttpResponse:
    _require_grader(request)
    cohort = _cohort(request, pk)
    return render(request, "cohorts/results.html", _results_context(request, cohort))


def _queued(
    request: HttpRequest, cohort: Cohort, request_job: Callable[[Person, Cohort], Job]
) -> HttpResponse:
    """Queue a grading job and show its progress, or say why it cannot run."""
    try:
        job = request_job(request.user, cohort)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("cohorts:results", cohort.pk)
    return redirect("cohorts:job", job.pk)


@login_required
@require_POST
def compute(request: HttpRequest, pk: int) -> HttpResponse:
    _require_grader(request)
    return _queued(request, _cohort(request, pk), services.request_compute)


@login_required
@require_POST
def finalize(request: HttpRequest, pk: int) -> HttpResponse:
    _require_grader(request)
    cohort = _cohort(request, pk)
    form = forms.FinalizeForm(request.POST, cohort=cohort, today=clock.today())
    if not form.is_valid():
        context = _results_context(request, cohort) | {"finalize_form": form}
        return render(request, "cohorts/results.html", context, status=400)
    reason = form.cleaned_data.get("early_reason", "")
    return _queued(
        request,
        cohort,
        lambda actor, cohort: services.request_finalize(actor, cohort, early_reason=reason),
    )


@login_required
@require_POST
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    _require_grader(request)
    cohort = _cohort(request, pk)
    form = forms.ReasonForm(request.POST)
    if form.is_valid():
        try:
            services.reopen(request.user, cohort, form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The grades are open again."))
        return redirect("cohorts:results", cohort.pk)
    context = _results_context(request, cohort) | {"reopen_form": form}
    return render(request, "cohorts/results.html", context, status=400)


@login_required
def policy(request: HttpRequest, course_pk: int) -> HttpResponse:
    """The course's final-result and certificate policy."""
    _require_grader(request)
    course = get_object_or_404(Course, pk=course_pk)
    form = forms.CompletionPolicyForm(request.POST or None, instance=course)
    if request.method == "POST" and form.is_valid():
        services.save_completion_policy(request.user, form.save(commit=False), form.Meta.fields)
        messages.success(request, _("The completion policy is saved."))
        return redirect("cohorts:policy", course.pk)
    cohorts = course.cohorts.order_by("-starts_on", "name")
    return render(
        request, "cohorts/policy.html", {"form": form, "course": course, "cohorts": cohorts}
    )
