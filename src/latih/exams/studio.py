"""The organizer's evaluation studio: a course's question bank (categories, questions,
import and export), its two tests' settings, their results with grants, and question
statistics with regrading. Thin: changes go through services.py, reads through
queries.py; only organizers and platform admins may enter."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable
from dataclasses import asdict
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats as django_formats
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from latih.accounts.models import Person
from latih.accounts.permissions import author_required
from latih.common.forms import attach_errors
from latih.common.urlconverters import parse_id
from latih.common.zones import zone_abbreviation
from latih.learning import queries as learning
from latih.learning.models import Course

from . import queries, rules, services
from .formats import BankQuestion, Problem, excerpt, gift, moodlexml, table
from .formats.checks import format_weight
from .models import Category, Grant, Question
from .models import Test as ExamTest
from .studio_forms import (
    CapsTable,
    CategoryForm,
    DrawsForm,
    GrantForm,
    ImportForm,
    QuestionEditor,
    RegradeForm,
    TestForm,
)

RESULTS_PER_PAGE = 50
IMPORT_REPORT = "exams_studio.import_report"

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORTS: dict[str, tuple[Callable[[Iterable[BankQuestion]], str | bytes], str]] = {
    "gift": (gift.write_gift, "text/plain; charset=utf-8"),
    "xml": (moodlexml.write_moodle_xml, "application/xml"),
    "xlsx": (table.write_xlsx, XLSX),
    "csv": (table.write_csv, "text/csv; charset=utf-8"),
}


def _course(pk: int) -> Course:
    return get_object_or_404(Course, pk=pk)


def _kind(kind: str) -> str:
    if kind not in ExamTest.Kind.values:
        raise Http404
    return kind


def _test(pk: int, kind: str) -> ExamTest:
    return get_object_or_404(
        ExamTest.objects.select_related("course"), course_id=pk, kind=_kind(kind)
    )


def _bank_url(course_id: int, anchor: str = "") -> str:
    url = reverse("exams_studio:bank", args=[course_id])
    return f"{url}#{anchor}" if anchor else url


def _download(data: str | bytes, content_type: str, filename: str) -> HttpResponse:
    body = data.encode("utf-8") if isinstance(data, str) else data
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


# --- The question bank -------------------------------------------------------------------------
@author_required
def bank(request: HttpRequest, pk: int) -> HttpResponse:
    """The categories with their live questions, each with its options and use."""
    course = _course(pk)
    categories = queries.bank(course)
    context = {
        "course": course,
        "categories": categories,
        "total": sum(category.live for category in categories),
        "formats": list(EXPORTS),
    }
    return render(request, "exams/studio/bank.html", context)


@author_required
def category_form(request: HttpRequest, pk: int, category_pk: int | None = None) -> HttpResponse:
    course = _course(pk)
    if category_pk is not None:
        category = get_object_or_404(Category, pk=category_pk, course=course)
    else:
        category = Category(course=course)
    form = CategoryForm(request.POST or None, instance=category)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_category(request.user, category)
        except ValidationError as error:
            attach_errors(form, error, "name")
        else:
            messages.success(request, _("The category has been saved."))
            return redirect(_bank_url(course.pk, f"category-{category.pk}"))
    modules = learning.live_sections().filter(course=course).prefetch_related(None)
    context = {
        "course": course,
        "category": category,
        "form": form,
        "modules": list(modules.values_list("title", flat=True)),
    }
    return render(request, "exams/studio/category_form.html", context)


def _live_question(course: Course, pk: int) -> Question:
    return get_object_or_404(
        Question.objects.select_related("category"),
        pk=pk,
        category__course=course,
        is_archived=False,
    )


@author_required
def question_form(request: HttpRequest, pk: int, question_pk: int | None = None) -> HttpResponse:
    course = _course(pk)
    if question_pk is not None:
        question = _live_question(course, question_pk)
    else:
        question = Question()
        wanted = request.GET.get("category", "")
        if (category_pk := parse_id(wanted)) is not None:
            question.category = Category.objects.filter(course=course, pk=category_pk).first()
    categories = queries.categories(course)
    if not categories:
        messages.warning(request, _("Add a category first: every question belongs to one."))
        return redirect("exams_studio:category_new", pk=course.pk)
    drawn = question.items.count() if question.pk else 0
    editor = QuestionEditor(request.POST or None, course, question)
    if request.method == "POST" and editor.is_valid():
        try:
            saved = services.save_question(request.user, editor.form.instance, editor.options())
        except ValidationError as error:
            attach_errors(editor.form, error)
        else:
            messages.success(request, _("The question has been saved."))
            return redirect(_bank_url(course.pk, f"question-{saved.pk}"))
    context = {"course": course, "question": question, "editor": editor, "drawn": drawn}
    return render(request, "exams/studio/question_form.html", context)


@author_required
def question_remove(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    """GET asks for confirmation; POST removes (archives when an attempt drew it)."""
    course = _course(pk)
    question = _live_question(course, question_pk)
    if request.method == "POST":
        services.remove_question(request.user, question)
        messages.success(request, _("The question has been removed."))
        return redirect(_bank_url(course.pk, f"category-{question.category_id}"))
    context = {
        "course": course,
        "item": question,
        "question": _("Remove the question “%(text)s”?") % {"text": excerpt(question.text, 60)},
        "explanation": _(
            "If an attempt has drawn it, it is archived instead of deleted: it leaves the "
            "bank, and the attempts and their scores keep it."
        ),
        "back": _bank_url(course.pk, f"question-{question.pk}"),
    }
    return render(request, "learning/studio/remove.html", context)


# --- Import and export -------------------------------------------------------------------------
@author_required
def bank_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a bank file; the report names every question refused, by line or number.
    Nothing is saved while a question is bad, unless the clean ones are asked for."""
    course = _course(pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    report: services.ImportReport | None = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        clean_only = form.cleaned_data["clean_only"]
        report = services.import_bank(
            request.user, course, upload.read(), upload.name, clean_only=clean_only
        )
        if report.file_refused:
            for problem in report.problems:
                form.add_error("file", problem.message)
            report = None
        elif not report.imported and not report.problems:
            form.add_error("file", _("No questions were found in the file."))
            report = None
        elif report.imported and not report.problems:
            messages.success(
                request,
                ngettext(
                    "%(count)s question imported.", "%(count)s questions imported.", report.imported
                )
                % {"count": report.imported},
            )
            return redirect("exams_studio:bank", pk=course.pk)
        elif report.imported:
            # Some were saved: show the report after a redirect, so a reload imports nothing.
            request.session[IMPORT_REPORT] = {
                "course": course.pk,
                "imported": report.imported,
                "problems": [asdict(problem) for problem in report.problems],
            }
            return redirect("exams_studio:import", pk=course.pk)
    elif request.method == "GET" and IMPORT_REPORT in request.session:
        stored = request.session.pop(IMPORT_REPORT)
        if stored.get("course") == course.pk:
            problems = [Problem(**problem) for problem in stored["problems"]]
            report = services.ImportReport(stored["imported"], problems)
    context = {"course": course, "form": form, "report": report}
    return render(request, "exams/studio/import.html", context)


@author_required
def bank_template(request: HttpRequest, pk: int) -> HttpResponse:
    """The spreadsheet template, with an example row and the instructions."""
    _course(pk)
    return _download(table.template_xlsx(), XLSX, "bank-template.xlsx")


@author_required
def bank_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    course = _course(pk)
    if fmt not in EXPORTS:
        raise Http404
    write, content_type = EXPORTS[fmt]
    data = write(services.bank_questions(course))
    return _download(data, content_type, f"bank-{course.slug}.{fmt}")


# --- Test settings -----------------------------------------------------------------------------
def _new_test(course: Course, kind: str) -> ExamTest:
    return ExamTest(
        course=course,
        kind=kind,
        title=str(ExamTest.Kind(kind).label),
        max_attempts=1 if kind == ExamTest.Kind.PRE else None,
    )


@author_required
def test_settings(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """Create or change the course's pre-test or academic evaluation: its policy, score
    caps and how many questions each category gives."""
    course = _course(pk)
    kind = _kind(kind)
    test = ExamTest.objects.filter(course=course, kind=kind).first() or _new_test(course, kind)
    categories = queries.categories(course)
    saved = {draw.category_id: draw.count for draw in test.draws.all()} if test.pk else {}
    data = request.POST if request.method == "POST" else None
    form = TestForm(data, instance=test)
    caps = CapsTable(data, test.caps)
    draws = DrawsForm(data, categories, saved)
    if data is not None and all([form.is_valid(), caps.is_valid(), draws.is_valid()]):
        test.caps = caps.table()
        counts = draws.counts()
        services.save_test(request.user, test, counts)
        messages.success(request, _("The test has been saved."))
        for category in categories:
            if counts[category.pk] > category.live:
                messages.warning(request, _short_text(category, counts[category.pk]))
        return redirect("exams_studio:test", pk=course.pk, kind=kind)
    rows = [
        (draws[str(category.pk)], category, saved.get(category.pk, 0) > category.live)
        for category in categories
    ]
    context = {
        "course": course,
        "test": test,
        "kind": kind,
        "form": form,
        "caps": caps,
        "draws": draws,
        "rows": rows,
        "drawn_total": sum(saved.values()),
        "live_total": sum(category.live for category in categories),
    }
    return render(request, "exams/studio/test_form.html", context)


def _short_text(category: Category, wanted: int) -> str:
    return _(
        "“%(category)s” has %(live)s live questions but %(wanted)s are drawn from it: "
        "attempts get fewer questions."
    ) % {"category": category.name, "live": category.live, "wanted": wanted}


# --- Results and grants ------------------------------------------------------------------------
@author_required
def results(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """Everyone who attempted, with their best score (abandoned attempts graded first)."""
    test = _test(pk, kind)
    services.submit_expired(test=test)
    page = Paginator(queries.results(test), RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    rows = [(person, rules.passed(person.best, test.pass_mark)) for person in page]
    context = {"course": test.course, "test": test, "page": page, "rows": rows}
    return render(request, "exams/studio/results.html", context)


@author_required
def results_csv(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    test = _test(pk, kind)
    services.submit_expired(test=test)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            _("Name"),
            _("NIP"),
            _("Agency"),
            _("Attempts"),
            _("Best score"),
            _("Passed"),
            _("In progress"),
        ]
    )
    for person in queries.results(test).iterator(chunk_size=2000):
        writer.writerow(
            [
                _cell(person.name),
                person.nip,
                _cell(person.agency.name if person.agency else ""),
                person.n_attempts,
                "" if person.best is None else django_formats.number_format(person.best, 2),
                _("yes") if rules.passed(person.best, test.pass_mark) else _("no"),
                _("yes") if person.n_open else _("no"),
            ]
        )
    filename = f"results-{test.course.slug}-{test.kind}.csv"
    return _download(out.getvalue().encode("utf-8-sig"), "text/csv; charset=utf-8", filename)


def _cell(text: str) -> str:
    """A text a spreadsheet would take for a formula, quoted so it stays text."""
    return f"'{text}" if text.startswith(("=", "+", "-", "@")) else text


def _participant(test: ExamTest, pk: int) -> Person:
    """Someone who attempted the test or is enrolled in its course."""
    found = Person.objects.filter(
        Q(attempts__test=test) | Q(enrollments__course_id=test.course_id)
    ).distinct()
    return get_object_or_404(found, pk=pk)


@author_required
def person_results(request: HttpRequest, pk: int, kind: str, person_pk: int) -> HttpResponse:
    """One person's attempts and grants, and the form to grant extra time or an attempt."""
    test = _test(pk, kind)
    person = _participant(test, person_pk)
    form = GrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        minutes = data["minutes"] if data["kind"] == Grant.Kind.EXTRA_TIME else None
        try:
            given = services.grant(
                request.user, test, person, data["kind"], data["reason"], minutes
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _grant_text(given))
            return redirect("exams_studio:person", pk=pk, kind=test.kind, person_pk=person.pk)
    services.submit_expired(person=person, test=test)
    context = {
        "course": test.course,
        "test": test,
        "person": person,
        "attempts": queries.person_attempts(test, person),
        "grants": queries.person_grants(test, person),
        "form": form,
    }
    return render(request, "exams/studio/person.html", context)


def _time_with_zone(moment: dt.datetime) -> str:
    """ "14.30 WITA": a local time and the reader's zone."""
    zone = zone_abbreviation(timezone.get_current_timezone_name())
    shown = django_formats.date_format(moment, "H.i")
    return f"{shown} {zone}" if zone else shown


def _grant_text(given: Grant) -> str:
    if given.kind == Grant.Kind.EXTRA_ATTEMPT:
        return _("An extra attempt has been given.")
    if given.attempt is not None:
        deadline = timezone.localtime(given.attempt.deadline)
        return _(
            "%(minutes)s extra minutes given: the attempt in progress now ends at %(time)s."
        ) % {"minutes": given.minutes, "time": _time_with_zone(deadline)}
    return _("%(minutes)s extra minutes given: they apply to the next attempt.") % {
        "minutes": given.minutes
    }


# --- Statistics and regrading --------------------------------------------------------------------
def _weight(value: str) -> str:
    return format_weight(Decimal(value))


def _log_rows(logs: Iterable[object], labels: dict[int, str]) -> list[dict[str, object]]:
    """Each regrade with its changed credits as (option, before, after)."""
    rows = []
    for log in logs:
        changes = [
            (labels.get(int(pk), f"#{pk}"), _weight(log.before.get(pk, "0")), _weight(after))
            for pk, after in log.after.items()
            if Decimal(log.before.get(pk, "0")) != Decimal(after)
        ]
        rows.append({"log": log, "changes": changes})
    return rows


@author_required
def stats(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """Per question: facility, discrimination, and how often each option was chosen."""
    test = _test(pk, kind)
    found = queries.statistics(test)
    rows = [
        {
            "row": row,
            "facility": None if row.stats.difficulty is None else round(row.stats.difficulty * 100),
            "flag": rules.discrimination_flag(row.stats.discrimination),
        }
        for row in found
    ]
    labels = {option.id: option.text for row in found for option in row.options}
    context = {
        "course": test.course,
        "test": test,
        "rows": rows,
        "log": _log_rows(queries.regrades(test), labels),
    }
    return render(request, "exams/studio/stats.html", context)


@author_required
def regrade(request: HttpRequest, pk: int, kind: str, question_pk: int) -> HttpResponse:
    """Change the credits of a question's options and rescore the attempts that drew it."""
    test = _test(pk, kind)
    question = get_object_or_404(
        Question.objects.prefetch_related("options"), pk=question_pk, category__course_id=pk
    )
    options = list(question.options.all())
    form = RegradeForm(request.POST or None, options)
    if request.method == "POST" and form.is_valid():
        try:
            log = services.regrade(
                request.user, test, question, form.fractions(), form.cleaned_data["reason"]
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            changed = log.attempts_changed
            messages.success(
                request,
                ngettext(
                    "%(count)s attempt's score changed.",
                    "%(count)s attempts' scores changed.",
                    changed,
                )
                % {"count": changed},
            )
            url = reverse("exams_studio:stats", args=[pk, test.kind])
            return redirect(f"{url}#regrades")
    labels = {option.pk: option.text for option in options}
    context = {
        "course": test.course,
        "test": test,
        "question": question,
        "form": form,
        "log": _log_rows(queries.regrades(test, question.pk), labels),
    }
    return render(request, "exams/studio/regrade.html", context)
