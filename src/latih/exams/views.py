"""The participant's side of the evaluation: the test page (what stops them, their
attempts, the next cap), the attempt page with its server-kept clock, saving answers,
finishing, and the result. Thin: rules in rules.py, changes in services.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from latih.common import clock
from latih.learning import queries as learning
from latih.learning.models import Course

from . import queries, rules, services
from .models import Attempt, Grant, Item, Test
from .texts import unmet_text


def _test(slug: str, kind: str) -> Test:
    try:
        course = learning.published_course(slug)
        return queries.published_test(course, kind)
    except (Course.DoesNotExist, Test.DoesNotExist):
        raise Http404 from None


def _next_cap_number(place: services.Standing) -> int:
    """The attempt number whose cap the next attempt gets (a granted extra attempt keeps
    the cap of the one before it), as ``services.standing`` reads ``next_cap``."""
    counted = sum(1 for attempt in place.attempts if attempt.counts_for_cap)
    extra = any(grant.kind == Grant.Kind.EXTRA_ATTEMPT for grant in place.pending)
    return rules.cap_number(counted, not extra)


def _test_page(request: HttpRequest, test: Test, status: int = 200) -> HttpResponse:
    place = services.standing(request.user, test)
    if place.enrollment is None:
        raise Http404
    number = _next_cap_number(place)
    # The whole cap table, from before the first attempt: every attempt counts.
    caps = [
        (first, last, cap, first <= number and (last is None or number <= last))
        for first, last, cap in rules.cap_ranges(test.cap_table())
    ]
    context = {
        "test": test,
        "course": test.course,
        "place": place,
        "reasons": [unmet_text(reason) for reason in place.unmet],
        "caps": caps if test.is_evaluation else [],
    }
    return render(request, "exams/test.html", context, status=status)


@login_required
@never_cache
def test(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    return _test_page(request, _test(slug, kind))


@login_required
@require_POST
def start(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    test = _test(slug, kind)
    try:
        attempt = services.start_attempt(request.user, test)
    except services.NotOpen:
        return _test_page(request, test, status=409)
    except services.EmptyBank:
        messages.error(request, _("This test has no questions yet. Please tell the organizer."))
        return redirect("exams:test", slug=slug, kind=kind)
    return redirect("exams:attempt", pk=attempt.pk)


def _attempt(request: HttpRequest, pk: int) -> Attempt:
    if not 0 < pk <= rules.ID_MAX:  # no such row; the database could not even compare it
        raise Http404
    try:
        return services.open_attempt(request.user, pk)
    except PermissionDenied:
        raise Http404 from None


@login_required
@never_cache
def attempt(request: HttpRequest, pk: int) -> HttpResponse:
    """The questions, every saved answer and the time left by the server's clock: the same
    page after a reload, a closed browser or on another device."""
    current = _attempt(request, pk)
    if not current.is_open:
        return redirect("exams:result", pk=current.pk)
    return _attempt_page(request, current, queries.items(current))


def _attempt_page(
    request: HttpRequest, current: Attempt, items: list[Item], status: int = 200
) -> HttpResponse:
    context = {
        "attempt": current,
        "test": current.test,
        "items": items,
        "seconds_left": current.seconds_left(),
        "answered": sum(1 for item in items if item.answered),
    }
    return render(request, "exams/attempt.html", context, status=status)


def _options(values: list[str]) -> list[int] | None:
    """The option ids of an answer; None when one is not an id at all."""
    ids = [rules.whole_number(value, 1, rules.ID_MAX) for value in values]
    return None if None in ids else [pk for pk in ids if pk is not None]


def _late(current: Attempt) -> JsonResponse:
    return JsonResponse(
        {
            "late": True,
            "message": _("The time is up: this answer came after the attempt ended."),
            "result": reverse("exams:result", args=[current.pk]),
        },
        status=409,
    )


@login_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Save one answer (the page sends each as it is given, and again until it is stored)."""
    if not 0 < pk <= rules.ID_MAX:
        raise Http404
    position = rules.whole_number(request.POST.get("position", ""), 1, rules.POSITION_MAX)
    seq = rules.whole_number(request.POST.get("seq", ""), 0, rules.SEQ_MAX)
    selected = _options(request.POST.getlist("option"))
    if position is None or seq is None or selected is None:
        return JsonResponse({"message": _("The answer could not be read.")}, status=400)
    try:
        saved = services.save_answer(request.user, pk, position, selected, seq)
    except PermissionDenied:
        raise Http404 from None
    except services.Late:
        return _late(Attempt(pk=pk))
    except services.BadAnswer:
        return JsonResponse({"message": _("That option is not part of this question.")}, status=400)
    return JsonResponse(
        {
            "position": saved.position,
            "seq": saved.seq,
            "selected": saved.selected,
            "seconds_left": saved.seconds_left,
        }
    )


@login_required
@require_POST
def save_all(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole form at once (without JavaScript, or the "Selesai" button): every answer
    newer than the stored one is saved; then the confirmation, or the page again."""
    current = _attempt(request, pk)
    if not current.is_open:
        return redirect("exams:result", pk=current.pk)
    items = queries.items(current)
    # Every number is read before anything is saved: a form with one unreadable number
    # (no page writes one) changes nothing.
    answers = []
    for item in items:
        raw_seq = request.POST.get(f"seq-{item.position}", "")
        if not raw_seq:
            continue  # not on the form
        seq = rules.whole_number(raw_seq, 0, rules.SEQ_MAX)
        selected = _options(request.POST.getlist(f"q-{item.position}"))
        if seq is None or selected is None:
            messages.error(
                request,
                _(
                    "An answer could not be read, so nothing was saved. Reload the page and "
                    "try again."
                ),
            )
            return _attempt_page(request, current, items, status=400)
        answers.append((item.position, selected, seq))
    late = False
    for position, selected, seq in answers:
        try:
            services.save_answer(request.user, pk, position, selected, seq)
        except services.BadAnswer:
            continue
        except services.Late:
            late = True
            break
    if late:
        return redirect("exams:result", pk=current.pk)
    if "finish" in request.POST:
        return redirect("exams:finish", pk=current.pk)
    messages.success(request, _("Your answers are saved."))
    return redirect("exams:attempt", pk=current.pk)


@login_required
@never_cache
def finish(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Selesai": a confirmation that lists the questions still unanswered; then grading."""
    current = _attempt(request, pk)
    if not current.is_open:
        return redirect("exams:result", pk=current.pk)
    if request.method == "POST":
        services.submit_attempt(current)
        return redirect("exams:result", pk=current.pk)
    items = queries.items(current)
    unanswered = [item.position for item in items if not item.answered]
    context = {
        "attempt": current,
        "test": current.test,
        "unanswered": unanswered,
        "total": len(items),
        "seconds_left": current.seconds_left(),
    }
    return render(request, "exams/finish.html", context)


def can_review(current: Attempt) -> bool:
    """Whether the participant may see the correct answers of a finished attempt: never
    while anyone can still draw those questions (``queries.answers_shown``)."""
    return queries.answers_shown(current, clock.now())


@login_required
def result(request: HttpRequest, pk: int) -> HttpResponse:
    current = _attempt(request, pk)
    if current.is_open:
        return redirect("exams:attempt", pk=current.pk)
    place = services.standing(request.user, current.test)
    review = can_review(current)
    context = {
        "attempt": current,
        "test": current.test,
        "course": current.test.course,
        "place": place,
        "review": review,
        "items": queries.reviewed_items(current) if review else [],
        "capped": current.raw_score is not None and current.raw_score > current.score,
    }
    return render(request, "exams/result.html", context)
