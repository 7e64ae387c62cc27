"""Attempts through the services: start, resume, answer, submit, the deadline job, caps,
grants and the database's guarantees under concurrent requests."""

import datetime as dt
import random
import threading
from decimal import Decimal as D

import pytest
from django.db import IntegrityError, connection, transaction

from latih.common import clock
from latih.exams import queries, services
from latih.exams.models import Attempt, Grant, Item
from latih.learning.models import Cohort, Enrollment
from tests.factories import enrol, finish_course, make_person, make_test

from .conftest import T0


def start(person, test, seconds=0):
    with clock.freeze(T0 + dt.timedelta(seconds=seconds)):
        return services.start_attempt(person, test, random.Random(7))


def answer_all(person, attempt, right=True, seconds=10):
    """Answer every question: the best options (right) or the worst."""
    with clock.freeze(T0 + dt.timedelta(seconds=seconds)):
        for item in attempt.items.all():
            options = sorted(item.options, key=lambda o: D(o["fraction"]), reverse=right)
            chosen = (
                [o["id"] for o in options if D(o["fraction"]) > 0]
                if item.multiple and right
                else [options[0]["id"]]
            )
            services.save_answer(person, attempt.pk, item.position, chosen, seq=item.seq + 1)


def submit(attempt, seconds=60):
    with clock.freeze(T0 + dt.timedelta(seconds=seconds)):
        return services.submit_attempt(attempt)


def test_starting_fixes_deadline_and_cap_and_draws_the_questions(taker, evaluation):
    attempt = start(taker, evaluation)
    assert attempt.number == 1
    assert attempt.deadline == T0 + dt.timedelta(minutes=90)
    assert attempt.cap == D(100)
    items = list(attempt.items.order_by("position"))
    assert [item.position for item in items] == [1, 2, 3, 4, 5]
    assert len({item.question_id for item in items}) == 5
    for item in items:
        bank_options = set(item.question.options.values_list("pk", flat=True))
        assert {option["id"] for option in item.options} == bank_options


def test_options_are_shuffled_per_attempt(taker, evaluation):
    orders = set()
    for seconds in range(0, 6000, 1000):
        attempt = start(taker, evaluation, seconds)
        orders.update(tuple(o["id"] for o in item.options) for item in attempt.items.all())
        submit(attempt, seconds + 1)
    # Ten questions of four options drawn six times: some option order must differ from
    # the bank's (which lists the correct option first).
    first_is_correct = [order for order in orders if order == tuple(sorted(order))]
    assert len(first_is_correct) < len(orders)


def test_starting_again_resumes_the_open_attempt(taker, evaluation):
    first = start(taker, evaluation)
    again = start(taker, evaluation, seconds=600)
    assert again.pk == first.pk and again.deadline == first.deadline
    assert Attempt.objects.count() == 1


def test_a_closed_evaluation_says_every_reason(agency, course, evaluation):
    person = make_person(agency)
    enrol(person, course)
    with clock.freeze(T0), pytest.raises(services.NotOpen) as caught:
        services.start_attempt(person, evaluation)
    assert [reason.reason for reason in caught.value.reasons] == [
        "study_all",
        "trophies",
        "opens_on",
    ]
    assert not Attempt.objects.exists()


def test_the_deadline_is_the_cohort_end_when_sooner(taker, course, evaluation):
    cohort = Cohort.objects.create(course=course, name="Angkatan I", ends_on=dt.date(2026, 11, 23))
    Enrollment.objects.filter(person=taker).update(cohort=cohort)
    with clock.freeze(dt.datetime(2026, 11, 23, 16, 0, tzinfo=dt.UTC)):  # 23:00 in Jakarta
        attempt = services.start_attempt(taker, evaluation)
    assert attempt.deadline == dt.datetime(2026, 11, 23, 17, 0, tzinfo=dt.UTC)  # midnight WIB


def test_answers_are_saved_and_a_stale_retry_never_overwrites_a_newer_one(taker, evaluation):
    attempt = start(taker, evaluation)
    item = attempt.items.get(position=1)
    first, second = item.options[0]["id"], item.options[1]["id"]
    with clock.freeze(T0 + dt.timedelta(seconds=5)):
        services.save_answer(taker, attempt.pk, 1, [second], seq=2)
        saved = services.save_answer(taker, attempt.pk, 1, [first], seq=1)  # arrives late
    assert saved.seq == 2 and saved.selected == [second]
    item.refresh_from_db()
    assert item.selected == [second] and item.seq == 2
    assert saved.seconds_left == 90 * 60 - 5


def test_an_answer_naming_another_questions_option_is_refused(taker, evaluation):
    attempt = start(taker, evaluation)
    other = attempt.items.get(position=2).options[0]["id"]
    with clock.freeze(T0), pytest.raises(services.BadAnswer):
        services.save_answer(taker, attempt.pk, 1, [other], seq=1)


def test_two_options_on_a_one_answer_question_are_refused(taker, evaluation):
    attempt = start(taker, evaluation)
    item = attempt.items.filter(multiple=False).first()
    with clock.freeze(T0), pytest.raises(services.BadAnswer):
        services.save_answer(
            taker, attempt.pk, item.position, [o["id"] for o in item.options[:2]], seq=1
        )


def test_answers_after_the_deadline_are_refused(taker, evaluation):
    attempt = start(taker, evaluation)
    item = attempt.items.get(position=1)
    with clock.freeze(attempt.deadline), pytest.raises(services.Late):
        services.save_answer(taker, attempt.pk, 1, [item.options[0]["id"]], seq=1)
    item.refresh_from_db()
    assert item.selected == []


def test_answers_after_submission_are_refused(taker, evaluation):
    attempt = start(taker, evaluation)
    submit(attempt, 30)
    item = attempt.items.get(position=1)
    with clock.freeze(T0 + dt.timedelta(seconds=31)), pytest.raises(services.Late):
        services.save_answer(taker, attempt.pk, 1, [item.options[0]["id"]], seq=1)


def test_someone_elses_attempt_cannot_be_answered(taker, evaluation, agency):
    attempt = start(taker, evaluation)
    with clock.freeze(T0), pytest.raises(services.PermissionDenied):
        services.save_answer(make_person(agency), attempt.pk, 1, [], seq=1)


def test_submitting_grades_the_saved_answers(taker, evaluation):
    attempt = start(taker, evaluation)
    answer_all(taker, attempt)
    graded = submit(attempt, 120)
    assert graded.raw_score == D("100.00") and graded.score == D("100.00")
    assert graded.passed is True and graded.auto_submitted is False
    assert graded.submitted_at == T0 + dt.timedelta(seconds=120)
    assert all(item.credit == 1 for item in graded.items.all())


def test_submitting_twice_grades_once(taker, evaluation):
    attempt = start(taker, evaluation)
    answer_all(taker, attempt)
    first = submit(attempt, 100)
    again = submit(attempt, 200)
    assert again.submitted_at == first.submitted_at == T0 + dt.timedelta(seconds=100)


def test_submitting_after_the_deadline_finishes_at_the_deadline(taker, evaluation):
    attempt = start(taker, evaluation)
    graded = submit(attempt, 3 * 3600)
    assert graded.submitted_at == attempt.deadline and graded.auto_submitted


def test_the_deadline_job_submits_abandoned_attempts_exactly_once(
    taker, evaluation, agency, course
):
    other = make_person(agency)
    enrol(other, course)
    with clock.freeze(T0):
        finish_course(other, course)
    abandoned = start(taker, evaluation)
    answer_all(taker, abandoned)
    later = start(other, evaluation, seconds=1800)
    with clock.freeze(abandoned.deadline - dt.timedelta(seconds=1)):
        assert services.submit_expired() == 0
    with clock.freeze(abandoned.deadline + dt.timedelta(seconds=20)):
        assert services.submit_expired() == 1
        assert services.submit_expired() == 0
    abandoned.refresh_from_db()
    assert abandoned.submitted_at == abandoned.deadline and abandoned.auto_submitted
    assert abandoned.score == D("100.00")
    later.refresh_from_db()
    assert later.is_open


def test_the_timed_job_does_nothing_before_the_deadline(taker, evaluation):
    from latih.exams.tasks import submit_at_deadline

    attempt = start(taker, evaluation)
    with clock.freeze(T0 + dt.timedelta(minutes=89)):
        submit_at_deadline(attempt.pk)
    attempt.refresh_from_db()
    assert attempt.is_open
    with clock.freeze(attempt.deadline):
        submit_at_deadline(attempt.pk)
        submit_at_deadline(attempt.pk)
    attempt.refresh_from_db()
    assert attempt.auto_submitted and attempt.submitted_at == attempt.deadline


def test_caps_fall_with_the_number_of_attempts(taker, evaluation):
    caps = []
    for n in range(8):
        attempt = start(taker, evaluation, seconds=n * 10_000)
        answer_all(taker, attempt, seconds=n * 10_000 + 5)
        caps.append((attempt.cap, submit(attempt, n * 10_000 + 10).score))
    assert [cap for cap, _ in caps] == [
        D(c) for c in ("100", "100", "100", "90.01", "90.01", "80.01", "70.01", "70.01")
    ]
    assert [score for _, score in caps][-1] == D("70.01")
    assert queries.academic_scores(evaluation, [taker.pk]) == {taker.pk: D("100.00")}


def test_a_wrong_attempt_scores_zero_and_fails(taker, evaluation):
    attempt = start(taker, evaluation)
    answer_all(taker, attempt, right=False)
    graded = submit(attempt)
    assert graded.score == D("0.00") and graded.passed is False


def test_the_next_attempt_prefers_questions_not_seen(taker, course, evaluation):
    first = start(taker, evaluation)
    submit(first)
    second = start(taker, evaluation, seconds=100)
    seen = set(first.items.values_list("question_id", flat=True))
    fresh = set(second.items.values_list("question_id", flat=True))
    assert not seen & fresh  # ten questions, five per attempt


def test_an_empty_bank_starts_nothing(taker, course):
    empty = make_test(course, "pre", question_count=5)
    empty.course.question_categories.all().delete() if False else None
    from latih.exams.models import Question

    Question.objects.all().delete()
    with clock.freeze(T0), pytest.raises(services.EmptyBank):
        services.start_attempt(taker, empty)
    assert not Attempt.objects.exists()


def test_the_database_refuses_a_second_open_attempt(taker, evaluation):
    attempt = start(taker, evaluation)
    with pytest.raises(IntegrityError), transaction.atomic():
        Attempt.objects.create(
            test=evaluation, person=taker, number=2, deadline=attempt.deadline, cap=100
        )


def test_the_database_refuses_a_score_above_the_cap(taker, evaluation):
    attempt = start(taker, evaluation)
    with pytest.raises(IntegrityError), transaction.atomic():
        Attempt.objects.filter(pk=attempt.pk).update(cap=D("70.01"), score=D("80"))


# --- Grants ------------------------------------------------------------------------------
def test_extra_time_extends_the_open_attempt(taker, evaluation, organizer):
    attempt = start(taker, evaluation)
    with clock.freeze(T0 + dt.timedelta(minutes=60)):
        grant = services.grant(
            organizer,
            evaluation,
            taker,
            Grant.Kind.EXTRA_TIME,
            "Listrik padam di lokasi",
            minutes=15,
        )
    attempt.refresh_from_db()
    assert attempt.deadline == T0 + dt.timedelta(minutes=105)
    assert grant.attempt == attempt


def test_extra_time_before_starting_goes_to_the_next_attempt(taker, evaluation, organizer):
    with clock.freeze(T0):
        services.grant(organizer, evaluation, taker, "time", "Disabilitas netra", minutes=30)
    attempt = start(taker, evaluation, seconds=60)
    assert attempt.deadline == T0 + dt.timedelta(seconds=60, minutes=120)
    second = start(taker, evaluation, seconds=60)  # resumed, the grant not used twice
    assert second.deadline == attempt.deadline


def test_an_extra_attempt_goes_past_the_limit_and_keeps_the_cap(taker, course, bank, organizer):
    pre = make_test(course, "pre", max_attempts=1)
    submit(start(taker, pre), 10)
    with clock.freeze(T0 + dt.timedelta(seconds=20)), pytest.raises(services.NotOpen):
        services.start_attempt(taker, pre)
    with clock.freeze(T0):
        services.grant(organizer, pre, taker, "attempt", "Koneksi terputus saat ujian")
    extra = start(taker, pre, seconds=30)
    assert extra.number == 2 and not extra.counts_for_cap and extra.cap == D(100)


def test_an_extra_attempt_on_the_evaluation_keeps_the_cap_of_the_one_before(
    taker, evaluation, organizer
):
    for n in range(3):
        submit(start(taker, evaluation, n * 10_000), n * 10_000 + 5)
    with clock.freeze(T0):
        services.grant(organizer, evaluation, taker, "attempt", "Gangguan server")
    fourth = start(taker, evaluation, 50_000)
    assert fourth.cap == D(100)
    submit(fourth, 50_005)
    assert start(taker, evaluation, 60_000).cap == D("90.01")


@pytest.mark.parametrize(
    ("kind", "reason", "minutes", "field"),
    [
        ("time", "  ", 10, "reason"),
        ("time", "Alasan", None, "minutes"),
        ("time", "Alasan", 0, "minutes"),
        ("time", "Alasan", 5000, "minutes"),
    ],
)
def test_a_grant_needs_a_reason_and_minutes(
    taker, evaluation, organizer, kind, reason, minutes, field
):
    with pytest.raises(services.ValidationError) as caught:
        services.grant(organizer, evaluation, taker, kind, reason, minutes)
    assert field in caught.value.message_dict
    assert not Grant.objects.exists()


def test_only_organizers_grant(taker, evaluation):
    with pytest.raises(services.PermissionDenied):
        services.grant(taker, evaluation, taker, "attempt", "Saya mau")


# --- Concurrency -------------------------------------------------------------------------
def _together(n, work, numbered=False):
    barrier = threading.Barrier(n)
    results, errors = [], []

    def run(k):
        try:
            barrier.wait()
            results.append(work(k) if numbered else work())
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(k,)) for k in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


@pytest.mark.django_db(transaction=True)
def test_concurrent_starts_give_one_attempt(taker, evaluation):
    with clock.freeze(T0):
        results, errors = _together(6, lambda: services.start_attempt(taker, evaluation).pk)
    assert errors == []
    assert len(set(results)) == 1
    assert Attempt.objects.count() == 1
    assert Item.objects.count() == 5


@pytest.mark.django_db(transaction=True)
def test_concurrent_submits_grade_once(taker, evaluation):
    attempt = start(taker, evaluation)
    answer_all(taker, attempt)
    with clock.freeze(T0 + dt.timedelta(seconds=300)):
        results, errors = _together(6, lambda: services.submit_attempt(attempt).submitted_at)
    assert errors == []
    assert set(results) == {T0 + dt.timedelta(seconds=300)}
    attempt.refresh_from_db()
    assert attempt.score == D("100.00")


@pytest.mark.django_db(transaction=True)
def test_answers_racing_the_submission_are_either_graded_or_refused(taker, evaluation):
    def best(item):
        return [o["id"] for o in item.options if D(o["fraction"]) > 0][: 2 if item.multiple else 1]

    for round_ in range(4):
        attempt = start(taker, evaluation, seconds=round_ * 10_000)
        items = list(attempt.items.order_by("position"))

        def work(n, attempt=attempt, items=items):
            if n == 0:
                return services.submit_attempt(attempt).score
            item = items[n - 1]
            try:
                return services.save_answer(taker, attempt.pk, item.position, best(item), seq=1)
            except services.Late:
                return "late"

        with clock.freeze(T0 + dt.timedelta(seconds=round_ * 10_000 + 30)):
            results, errors = _together(6, work, numbered=True)
        assert errors == []
        # Whatever order they ran in, every stored answer was graded, none after it.
        for item in Item.objects.filter(attempt=attempt):
            assert (item.selected != []) == (item.credit == 1)


@pytest.mark.django_db(transaction=True)
def test_with_a_broker_starting_queues_the_deadline_job(taker, evaluation, settings, monkeypatch):
    from latih.exams import tasks

    queued = []
    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setattr(
        tasks.submit_at_deadline, "apply_async", lambda args, eta: queued.append((args, eta))
    )
    attempt = start(taker, evaluation)
    assert queued == [((attempt.pk,), attempt.deadline)]


# --- Regrading -----------------------------------------------------------------------------
def test_a_regrade_rescores_in_chunks_and_gives_open_attempts_the_new_credits(
    agency, course, evaluation, organizer, monkeypatch
):
    monkeypatch.setattr(services, "REGRADE_CHUNK", 2)
    evaluation.question_count = 10  # every question in every attempt
    evaluation.save()
    attempts = []
    for _ in range(5):
        person = make_person(agency)
        enrol(person, course)
        with clock.freeze(T0):
            finish_course(person, course)
        attempts.append(start(person, evaluation))
    question = attempts[0].items.filter(multiple=False).first().question
    options = sorted(question.options.all(), key=lambda o: (-o.fraction, o.pk))
    right, wrong, other = options[0], options[1], options[2]
    for n, attempt in enumerate(attempts[:4]):
        item = attempt.items.get(question=question)
        chosen = wrong if n < 2 else other
        with clock.freeze(T0 + dt.timedelta(seconds=5)):
            services.save_answer(attempt.person, attempt.pk, item.position, [chosen.pk], 1)
        submit(attempt)
    fractions = {o.pk: D(100) if o.pk == wrong.pk else D(0) for o in options}
    with clock.freeze(T0 + dt.timedelta(seconds=100)):
        log = services.regrade(organizer, evaluation, question, fractions, "Kunci salah")
    assert log.attempts_changed == 2
    scores = []
    for attempt in attempts[:4]:
        attempt.refresh_from_db()
        scores.append(attempt.score)
    assert scores == [D("10.00"), D("10.00"), D("0.00"), D("0.00")]
    assert [c.after for c in log.changes.order_by("attempt")] == [D("10.00"), D("10.00")]
    assert Attempt.objects.get(pk=attempts[0].pk).score_changes.get().before == D("0.00")
    open_item = attempts[4].items.get(question=question)
    new = {o["id"]: D(o["fraction"]) for o in open_item.options}
    assert (new[wrong.pk], new[right.pk]) == (D(100), D(0))
    assert open_item.credit is None


def test_the_embedded_server_sweeps_expired_attempts(taker, evaluation, monkeypatch):
    import threading

    from latih.core.management.commands import serve

    attempt = start(taker, evaluation)
    stop = threading.Event()
    calls = []
    submit_expired = services.submit_expired

    def sweep():
        calls.append(submit_expired())
        stop.set()

    monkeypatch.setattr(serve, "SWEEP_SECONDS", 0)
    # The thread closes its own connections between sweeps; here it shares the test's.
    monkeypatch.setattr(serve, "close_old_connections", lambda: None)
    monkeypatch.setattr(services, "submit_expired", sweep)
    with clock.freeze(attempt.deadline):
        serve._sweep_forever(stop)
    assert calls == [1]
