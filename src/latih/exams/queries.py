"""Reads of the evaluation that pages and reports share, each in a known number of
queries: a course's tests, an attempt's questions, results and question statistics."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Max, Q, QuerySet

from latih.accounts.models import Person
from latih.learning.models import Cohort, Course, Enrollment

from . import rules
from .models import Attempt, Category, Grant, Item, Question, Regrade
from .models import Test as ExamTest


def tests_by_course(
    person: Person, courses: list[Course]
) -> dict[int, list[tuple[ExamTest, Decimal | None]]]:
    """The published tests of ``courses`` (pre-test first) with the person's best score in
    each, by course id (two queries, one without any test)."""
    tests = list(ExamTest.objects.filter(course__in=courses, is_published=True).order_by("-kind"))
    if not tests:
        return {}
    best = dict(
        Attempt.objects.filter(person=person, test__in=tests)
        .values("test_id")
        .annotate(best=Max("score"))
        .values_list("test_id", "best")
    )
    found: dict[int, list[tuple[ExamTest, Decimal | None]]] = defaultdict(list)
    for test in tests:
        found[test.course_id].append((test, best.get(test.pk)))
    return dict(found)


def published_test(course: Course, kind: str) -> ExamTest:
    return ExamTest.objects.select_related("course").get(
        course=course, kind=kind, is_published=True
    )


def items(attempt: Attempt) -> list[Item]:
    """The attempt's questions in order, with the answers saved (one query)."""
    return list(Item.objects.filter(attempt=attempt).order_by("position"))


def answers_shown(attempt: Attempt, now: dt.datetime) -> bool:
    """Whether the finished ``attempt`` may show its correct answers at ``now``: the
    test's setting, and only once nobody can still draw those questions — in any cohort
    of the course, outside any cohort, or through the course's other test when it draws
    from the same categories, or in an attempt still running (at most six queries)."""
    test = attempt.test
    if test.show_answers == ExamTest.Review.NEVER:
        return False
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    ends = Cohort.objects.filter(course_id=test.course_id).values_list("ends_on", flat=True)
    cohort_closes = [rules.day_end(day, zone) if day else None for day in ends]
    outside = Enrollment.objects.filter(course_id=test.course_id, cohort__isnull=True).exists()
    # An attempt still running (extra time granted past the close, say) can still answer.
    running = set(
        Attempt.objects.filter(
            test__course_id=test.course_id, submitted_at__isnull=True, deadline__gt=now
        ).values_list("test_id", flat=True)
    )

    def drawable(one: ExamTest) -> bool:
        return one.pk in running or rules.still_drawable(now, one.closes_at, cohort_closes, outside)

    # Unpublished tests too: one published later could draw the same questions.
    others = [
        other
        for other in ExamTest.objects.filter(course_id=test.course_id)
        .exclude(pk=test.pk)
        .prefetch_related("draws")
        if drawable(other)
    ]
    other_drawable = False
    if others:
        # A test without draws takes from the whole bank; one with draws, from its categories.
        mine = set(
            Item.objects.filter(attempt=attempt).values_list("question__category_id", flat=True)
        )
        other_drawable = any(
            not other.draws.all() or any(d.category_id in mine for d in other.draws.all())
            for other in others
        )
    return rules.answers_shown(
        test.show_answers, own_drawable=drawable(test), other_drawable=other_drawable
    )


def reviewed_items(attempt: Attempt) -> list[Item]:
    """The attempt's questions, each option marked ``right`` when it earns credit."""
    result = items(attempt)
    for item in result:
        for option in item.options:
            option["right"] = Decimal(option["fraction"]) > 0
    return result


@dataclass
class CourseResults:
    """A person's tests of one course, for the profile: the academic score (the best
    capped score of the evaluation), whether it passes, and every attempt."""

    evaluation: list[Attempt] = field(default_factory=list)
    pretest: list[Attempt] = field(default_factory=list)

    @property
    def academic_score(self) -> Decimal | None:
        return rules.best_score(attempt.score for attempt in self.evaluation)

    @property
    def passed(self) -> bool:
        if not self.evaluation:
            return False
        return rules.passed(self.academic_score, self.evaluation[0].test.pass_mark)

    @property
    def pretest_score(self) -> Decimal | None:
        return rules.best_score(attempt.score for attempt in self.pretest)


def results_by_course(person: Person) -> dict[int, CourseResults]:
    """The person's attempts grouped by course id (one query)."""
    grouped: dict[int, CourseResults] = defaultdict(CourseResults)
    for attempt in attempts_of(person):
        results = grouped[attempt.test.course_id]
        kind = attempt.test.kind
        (results.evaluation if kind == ExamTest.Kind.POST else results.pretest).append(attempt)
    return dict(grouped)


def evaluation_of(course: Course) -> ExamTest | None:
    """The course's academic evaluation, published or not (None: the course has none)."""
    return ExamTest.objects.filter(course=course, kind=ExamTest.Kind.POST).first()


def academic_scores(test: ExamTest, person_ids: Iterable[int]) -> dict[int, Decimal]:
    """The academic score (best capped score of the graded attempts) of each person who
    has one (one query; the caller chunks the people)."""
    return dict(
        Attempt.objects.filter(test=test, person_id__in=list(person_ids), score__isnull=False)
        .values("person_id")
        .annotate(best=Max("score"))
        .values_list("person_id", "best")
    )


def attempts_of(person: Person) -> QuerySet[Attempt]:
    """Every attempt of the person, with test and course, newest test first (one query)."""
    return (
        Attempt.objects.filter(person=person)
        .select_related("test__course")
        .order_by("test__course__title", "test__kind", "number")
    )


def bank(course: Course) -> list[Category]:
    """The course's categories with their live questions and options (three queries)."""
    from django.db.models import Prefetch

    live = (
        Question.objects.filter(is_archived=False)
        .prefetch_related("options")
        .annotate(drawn=Count("items"))
        .order_by("id")
    )
    return list(
        Category.objects.filter(course=course)
        .annotate(live=Count("questions", filter=Q(questions__is_archived=False)))
        .prefetch_related(Prefetch("questions", queryset=live, to_attr="live_questions"))
        .order_by("name")
    )


def categories(course: Course) -> list[Category]:
    """The course's categories, each with ``live``: its number of live questions (one
    query)."""
    return list(
        Category.objects.filter(course=course)
        .annotate(live=Count("questions", filter=Q(questions__is_archived=False)))
        .order_by("name")
    )


@dataclass
class OptionCount:
    id: int
    text: str
    fraction: Decimal
    chosen: int = 0


@dataclass
class QuestionStats:
    question_id: int
    text: str
    format: str
    stats: rules.ItemStats
    options: list[OptionCount] = field(default_factory=list)
    unanswered: int = 0


def statistics(test: ExamTest, chunk: int = 5000) -> list[QuestionStats]:
    """Per question of the test's graded attempts: difficulty, discrimination and how often
    each option was chosen. Streams the answers attempt by attempt, so memory grows with
    the number of questions, not of attempts."""
    rows = (
        Item.objects.filter(attempt__test=test, attempt__submitted_at__isnull=False)
        .order_by("attempt_id", "position")
        .values_list("attempt_id", "question_id", "credit", "selected", "text", "format", "options")
    )
    per_question: dict[int, list[tuple[float, float]]] = defaultdict(list)
    chosen: dict[int, Counter[int]] = defaultdict(Counter)
    unanswered: Counter[int] = Counter()
    shown: dict[int, tuple[str, str, list[dict[str, str]]]] = {}
    current: int | None = None
    batch: list[tuple[int, float]] = []

    def flush() -> None:
        total = sum(value for _, value in batch)
        for question_id, value in batch:
            per_question[question_id].append((value, total))
        batch.clear()

    for attempt_id, question_id, credit, selected, text, fmt, options in rows.iterator(chunk):
        if attempt_id != current:
            flush()
            current = attempt_id
        batch.append((question_id, float(credit or 0)))
        if question_id not in shown:
            shown[question_id] = (text, fmt, options)
        if selected:
            chosen[question_id].update(selected)
        else:
            unanswered[question_id] += 1
    flush()
    result = []
    for question_id, (text, fmt, options) in shown.items():
        counts = [
            OptionCount(
                option["id"],
                option["text"],
                Decimal(option["fraction"]),
                chosen[question_id][option["id"]],
            )
            for option in sorted(options, key=lambda option: option["id"])
        ]
        result.append(
            QuestionStats(
                question_id,
                text,
                fmt,
                rules.item_stats(per_question[question_id]),
                counts,
                unanswered[question_id],
            )
        )
    result.sort(key=lambda row: (row.stats.difficulty is None, row.stats.difficulty or 0))
    return result


def results(test: ExamTest) -> QuerySet[Person]:
    """Everyone who attempted the test, with their attempts, best score and whether one is
    open (one query; paginate it)."""
    return (
        Person.objects.filter(attempts__test=test)
        .annotate(
            n_attempts=Count("attempts", filter=Q(attempts__test=test)),
            best=Max("attempts__score", filter=Q(attempts__test=test)),
            n_open=Count(
                "attempts",
                filter=Q(attempts__test=test, attempts__submitted_at__isnull=True),
            ),
        )
        .select_related("agency")
        .order_by("name")
    )


def person_attempts(test: ExamTest, person: Person) -> list[Attempt]:
    """The person's attempts of the test, in order (one query)."""
    return list(Attempt.objects.filter(test=test, person=person).order_by("number"))


def person_grants(test: ExamTest, person: Person) -> list[Grant]:
    """The grants the person was given for the test, newest first, with who gave them and
    the attempt that used them (one query)."""
    return list(
        Grant.objects.filter(test=test, person=person)
        .select_related("granted_by", "attempt")
        .order_by("-granted_at", "-pk")
    )


def regrades(test: ExamTest, question_id: int | None = None) -> list[Regrade]:
    """The test's regrade log, newest first, with who regraded (one query)."""
    found = Regrade.objects.filter(test=test).select_related("actor")
    if question_id is not None:
        found = found.filter(question_id=question_id)
    return list(found.order_by("-at", "-pk"))
