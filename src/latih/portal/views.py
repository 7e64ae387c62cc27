"""The pages that put every app's reads together: the dashboard, the profile and an
agency admin's hours report."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from latih.accounts import permissions
from latih.accounts import queries as accounts_queries
from latih.accounts.permissions import Action
from latih.certificates import queries as certificate_queries
from latih.common import clock
from latih.common.forms import year_asked
from latih.exams import queries as exams_queries
from latih.learning import queries as learning_queries


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    person = request.user
    context: dict[str, object] = {"person": person}
    if permissions.can(person, Action.STUDY):
        context.update(learning_queries.dashboard_of(person))
        courses = [progress.course for progress in context["courses"]]
        tests = exams_queries.tests_by_course(person, courses) if courses else {}
        for progress in context["courses"]:
            progress.tests = tests.get(progress.course.pk, [])
        # The course's welcome video plays once, right after the first sign-in.
        if context["welcome_url"]:
            return redirect(context["welcome_url"])
    if permissions.can(person, Action.MANAGE_PEOPLE):
        context["people_count"] = accounts_queries.people_visible_to(person).count()
        context["pending_count"] = accounts_queries.pending_corrections_for(person).count()
    return render(request, "portal/dashboard.html", context)


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    person = accounts_queries.profile_of(request.user.pk)
    corrections = person.correction_requests.all()[:5]
    courses = learning_queries.courses_progress(person, learning_queries.enrollments_of(person))
    results = exams_queries.results_by_course(person)
    for progress in courses:
        progress.exams = results.get(progress.course.pk)
    # Every year with hours, and this year: JP count in the year they were earned.
    by_year = learning_queries.hours_by_year(person)
    this_year = clock.today().year
    years = sorted(set(by_year) | {this_year}, reverse=True)
    year = year_asked(request, years, this_year)
    entries = by_year.get(year, [])
    hours = sum(entry.hours for entry in entries)
    context = {
        "person": person,
        "corrections": corrections,
        "courses": courses,
        "certificates": certificate_queries.valid_of(person),
        "hours": hours,
        "hours_entries": entries,
        "hours_expected": settings.YEARLY_HOURS,
        "hours_percent": min(100, 100 * hours // max(1, settings.YEARLY_HOURS)),
        "year": year,
        "hours_years": [
            (each, sum(entry.hours for entry in by_year.get(each, []))) for each in years
        ],
    }
    return render(request, "portal/profile.html", context)


@login_required
def hours(request: HttpRequest) -> HttpResponse:
    """An agency admin's list of their people's hours (JP) in a year, those below the
    yearly expectation first (all of them with ``?all=1``)."""
    permissions.require(request.user, Action.MANAGE_PEOPLE)
    if request.user.agency_id is None:
        raise Http404
    # Only the people the admin manages: never a peer's or a superior's record.
    roles = permissions.manageable_roles(request.user)
    # Every year in which their people have hours, and this year.
    this_year = clock.today().year
    years = sorted(
        set(learning_queries.hours_years(request.user.agency_id, roles)) | {this_year},
        reverse=True,
    )
    year = year_asked(request, years, this_year)
    show_all = request.GET.get("all") == "1"
    expected = settings.YEARLY_HOURS
    people = learning_queries.people_hours(
        request.user.agency_id, year, below=None if show_all else expected, roles=roles
    )
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    extra = f"&year={year}" + ("&all=1" if show_all else "")
    context = {
        "page": page,
        "year": year,
        "years": years,
        "show_all": show_all,
        "expected": expected,
        "pager_query": extra,
    }
    return render(request, "portal/hours.html", context)
