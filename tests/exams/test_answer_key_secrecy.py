"""Answer keys stay secret while anyone can still draw those questions: "after the test
closes" means closed for everyone — every cohort of the course over, nobody studying it
outside a cohort, or the test's own window closed — not the participant's own cohort
end. A test that shares its questions with another still open shows no key either."""

import datetime as dt

import pytest
from django.urls import reverse

from latih.common import clock
from latih.exams import rules
from latih.exams.models import Draw
from latih.exams.models import Test as ExamTest
from latih.learning.models import Cohort, Enrollment
from tests.factories import enrol, finish_course, make_bank, make_person, make_test, signed_in

from .conftest import T0

DAY = dt.timedelta(days=1)
KEY = '<h2 id="answers">'


@pytest.fixture
def cohorts(course):
    """Cohort A ends on T0's day; cohort B, of the same course, a month later."""
    a = Cohort.objects.create(course=course, name="Angkatan A", ends_on=T0.date())
    b = Cohort.objects.create(course=course, name="Angkatan B", ends_on=(T0 + 30 * DAY).date())
    return a, b


def participant(agency, course, cohort):
    person = make_person(agency)
    enrol(person, course)
    Enrollment.objects.filter(person=person, course=course).update(cohort=cohort)
    with clock.freeze(T0):
        finish_course(person, course)
    return person, signed_in(person)


def take(client, test, at=T0):
    """Start and finish an attempt at ``at``; the result page's address."""
    slug = test.course.slug
    with clock.freeze(at):
        response = client.post(reverse("exams:start", args=[slug, test.kind]))
        pk = int(response.url.rstrip("/").split("/")[-1])
        client.post(reverse("exams:finish", args=[pk]))
    return reverse("exams:result", args=[pk])


def page(client, url, at):
    with clock.freeze(at):
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_finished_cohort_sees_no_key_while_another_cohort_can_still_draw(
    course, bank, evaluation, cohorts, agency
):
    a, b = cohorts
    _, client = participant(agency, course, a)
    participant(agency, course, b)
    url = take(client, evaluation)
    # Cohort A's last day is over, cohort B still takes the same questions.
    shown = page(client, url, T0 + 2 * DAY)
    assert KEY not in shown and "option--right" not in shown
    # Cohort B's end is over too: nobody can draw them any more.
    assert KEY in page(client, url, T0 + 32 * DAY)


def test_a_cohort_that_has_not_started_keeps_the_key_secret(
    course, bank, evaluation, cohorts, agency
):
    a, _ = cohorts
    Cohort.objects.create(course=course, name="Angkatan C", starts_on=(T0 + 60 * DAY).date())
    _, client = participant(agency, course, a)
    url = take(client, evaluation)
    assert KEY not in page(client, url, T0 + 32 * DAY)  # C has no end yet


def test_someone_outside_any_cohort_keeps_the_key_secret_until_the_test_closes(
    course, bank, evaluation, cohorts, agency
):
    a, _ = cohorts
    _, client = participant(agency, course, a)
    participant(agency, course, None)
    url = take(client, evaluation)
    assert KEY not in page(client, url, T0 + 32 * DAY)
    evaluation.closes_at = T0 + 40 * DAY
    evaluation.save()
    assert KEY not in page(client, url, T0 + 39 * DAY)
    assert KEY in page(client, url, T0 + 40 * DAY)


def test_the_tests_own_close_ends_every_window(course, bank, evaluation, cohorts, agency):
    a, _ = cohorts
    _, client = participant(agency, course, a)
    evaluation.closes_at = T0 + 3 * DAY
    evaluation.save()
    url = take(client, evaluation)
    assert KEY not in page(client, url, T0 + 2 * DAY)
    assert KEY in page(client, url, T0 + 3 * DAY)  # B's cohort can no longer start it


def test_a_pretest_sharing_the_bank_shows_no_key_while_the_evaluation_is_open(
    course, bank, evaluation, cohorts, agency
):
    a, _ = cohorts
    pretest = make_test(course, "pre", show_answers=ExamTest.Review.AFTER_SUBMIT)
    _, client = participant(agency, course, a)
    url = take(client, pretest)
    assert KEY not in page(client, url, T0 + DAY)  # the evaluation draws the same questions
    evaluation.closes_at = T0 + 3 * DAY
    evaluation.save()
    assert KEY in page(client, url, T0 + 3 * DAY)


def test_a_pretest_with_its_own_questions_shows_its_key_after_each_attempt(
    course, bank, evaluation, cohorts, agency
):
    a, _ = cohorts
    own = make_bank(course, questions=5, category="Pre-test")
    pretest = make_test(course, "pre", show_answers=ExamTest.Review.AFTER_SUBMIT)
    Draw.objects.create(test=pretest, category=own[0].category, count=5)
    Draw.objects.create(test=evaluation, category=bank[0].category, count=5)
    _, client = participant(agency, course, a)
    url = take(client, pretest)
    assert KEY in page(client, url, T0 + dt.timedelta(minutes=1))


def test_never_shows_no_key(course, bank, evaluation, agency):
    evaluation.show_answers = ExamTest.Review.NEVER
    evaluation.closes_at = T0 + DAY
    evaluation.save()
    _, client = participant(agency, course, None)
    url = take(client, evaluation)
    assert KEY not in page(client, url, T0 + 300 * DAY)


DRAWABLE_CASES = [
    # (description, test closes, cohort closes, someone outside a cohort, drawable at T0)
    ("nothing closes", None, [None], False, True),
    ("every cohort over", None, [T0 - DAY, T0], False, False),
    ("one cohort still on", None, [T0 - DAY, T0 + DAY], False, True),
    ("a cohort without an end", None, [T0 - DAY, None], False, True),
    ("outside a cohort, no test close", None, [T0 - DAY], True, True),
    ("outside a cohort, test closed", T0, [T0 - DAY], True, False),
    ("test closed, cohorts still on", T0 - DAY, [T0 + DAY, None], True, False),
    ("test closes later, cohorts over", T0 + DAY, [T0 - DAY], False, False),
]


@pytest.mark.parametrize(
    "test_closes, cohort_closes, outside, expected",
    [c[1:] for c in DRAWABLE_CASES],
    ids=[c[0] for c in DRAWABLE_CASES],
)
def test_still_drawable(test_closes, cohort_closes, outside, expected):
    assert rules.still_drawable(T0, test_closes, cohort_closes, outside) is expected


SHOWN_CASES = [
    # (review setting, its own questions still drawable, another test can draw them)
    ("never", False, False, False),
    ("submit", True, False, True),
    ("submit", True, True, False),
    ("close", True, False, False),
    ("close", False, False, True),
    ("close", False, True, False),
]


@pytest.mark.parametrize("review, own, other, expected", SHOWN_CASES)
def test_answers_shown(review, own, other, expected):
    assert rules.answers_shown(review, own_drawable=own, other_drawable=other) is expected


def test_the_rules_know_every_review_setting():
    assert set(ExamTest.Review.values) == {rules.NEVER, rules.AFTER_SUBMIT, rules.AFTER_CLOSE}


def test_result_page_query_count(
    course, bank, evaluation, cohorts, agency, django_assert_num_queries, session_queries
):
    a, _ = cohorts
    make_test(course, "pre")  # another test of the course, still drawable
    _, client = participant(agency, course, a)
    url = take(client, evaluation)
    # The page as before (12), and the answers' decision (5): the cohorts' ends, anyone
    # outside a cohort, the other tests with their draws, this attempt's categories.
    with clock.freeze(T0 + 2 * DAY), django_assert_num_queries(session_queries + 18):
        client.get(url)


def test_no_key_while_an_attempt_given_extra_time_still_runs(course, bank, agency):
    """The test closes at T0 + 10 min; an organizer gives P two more hours just before;
    at T0 + 20 min Q's result page must not show the key P can still use."""
    from latih.exams import services

    test = make_test(
        course,
        "pre",
        question_count=5,
        time_limit=60,
        closes_at=T0 + dt.timedelta(minutes=10),
        show_answers=ExamTest.Review.AFTER_CLOSE,
        max_attempts=3,
    )
    organizer = make_person(role="organizer")
    (p, _), (q, q_client) = (participant(agency, course, None) for _ in range(2))
    with clock.freeze(T0):
        running = services.start_attempt(p, test)
        finished = services.start_attempt(q, test)
        services.submit_attempt(finished)
        services.grant(organizer, test, p, "time", "sakit", minutes=120)
    url = reverse("exams:result", args=[finished.pk])
    assert KEY not in page(q_client, url, T0 + dt.timedelta(minutes=20))
    running.refresh_from_db()
    assert running.deadline > T0 + dt.timedelta(minutes=20)
    # Once P's extra time is over too, nobody can answer them any more.
    assert KEY in page(q_client, url, T0 + dt.timedelta(hours=3))
