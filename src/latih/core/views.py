"""The dashboard (beranda) and the health check."""

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from latih.accounts import permissions, queries
from latih.accounts.permissions import Action
from latih.exams import queries as exams
from latih.learning import views as learning


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    person = request.user
    context: dict[str, object] = {"person": person}
    if permissions.can(person, Action.STUDY):
        context.update(learning.dashboard_context(person))
        courses = [progress.course for progress in context["courses"]]
        tests = exams.tests_by_course(person, courses) if courses else {}
        for progress in context["courses"]:
            progress.tests = tests.get(progress.course.pk, [])
        # The course's welcome video plays once, right after the first sign-in.
        if context["welcome_url"]:
            return redirect(context["welcome_url"])
    if permissions.can(person, Action.MANAGE_PEOPLE):
        context["people_count"] = queries.people_visible_to(person).count()
        context["pending_count"] = queries.pending_corrections_for(person).count()
    return render(request, "core/dashboard.html", context)


@never_cache
def health(request: HttpRequest) -> HttpResponse:
    """For load balancers and monitoring: the database and cache answer."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    cache.set("latih:health", "ok", 10)
    ok = cache.get("latih:health") == "ok"
    return JsonResponse(
        {"database": "ok", "cache": "ok" if ok else "error"}, status=200 if ok else 503
    )
