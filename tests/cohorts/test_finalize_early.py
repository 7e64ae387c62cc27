"""Dates on certificates are true: grades are made final before the cohort's end only with
a reason (logged), never before it starts; the certificate then states the day of
finalizing as the end of the training; and the evaluation closes once grades are final."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from latih.certificates.models import Certificate
from latih.cohorts import jobs, results
from latih.cohorts.models import CohortEvent, FinalResult, Job
from latih.common import clock
from latih.exams import services as exams
from latih.exams.rules import CLOSED
from latih.learning.models import Cohort, Enrollment, HoursEntry
from tests.factories import (
    enrol,
    finish_course,
    graded_attempt,
    make_bank,
    make_person,
    make_test,
    signed_in,
)

# 2 December 2026, 09.00 in Jakarta; the cohort runs 10 November 2026 – 11 January 2027.
NOW = dt.datetime(2026, 12, 2, 2, 0, tzinfo=dt.UTC)
STARTS, ENDS = dt.date(2026, 11, 10), dt.date(2027, 1, 11)
REASON = "Angkatan dipercepat atas permintaan instansi."


@pytest.fixture(autouse=True)
def _now():
    with clock.freeze(NOW):
        yield


@pytest.fixture
def dated(cohort):
    Cohort.objects.filter(pk=cohort.pk).update(starts_on=STARTS, ends_on=ENDS)
    cohort.refresh_from_db()
    return cohort


@pytest.fixture
def holder(agency, dated, evaluation):
    person = make_person(agency, name="Ani Lulus")
    enrollment = enrol(person, dated.course)
    Enrollment.objects.filter(pk=enrollment.pk).update(cohort=dated)
    finish_course(person, dated.course, journals="accepted")
    graded_attempt(person, evaluation, "90")
    return person


@pytest.fixture
def post(organizer_client, django_capture_on_commit_callbacks):
    def post(url, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            return organizer_client.post(url, data or {})

    return post


def nothing_changed(cohort):
    cohort.refresh_from_db()
    assert cohort.finalized_at is None
    assert not Job.objects.filter(kind__in=["finalize", "certificates"], status="done").exists()
    assert not CohortEvent.objects.exists()
    assert not FinalResult.objects.exists()
    assert not Certificate.objects.exists()
    assert not HoursEntry.objects.exists()


def test_finalizing_early_without_the_reason_is_refused_and_changes_nothing(
    dated, holder, post, organizer_client
):
    page = organizer_client.get(f"/cohorts/{dated.pk}/results/").content.decode()
    assert 'name="early_reason"' in page
    response = post(f"/cohorts/{dated.pk}/results/finalize/", {"confirm": "on"})
    assert response.status_code == 400
    assert "Berikan alasan" in response.content.decode()
    blank = post(f"/cohorts/{dated.pk}/results/finalize/", {"confirm": "on", "early_reason": " "})
    assert blank.status_code == 400
    assert not Job.objects.exists()
    nothing_changed(dated)


def test_the_service_refuses_finalizing_early_without_a_reason(dated, holder, organizer):
    with pytest.raises(ValidationError) as refused:
        results.request_finalize(organizer, dated)
    assert "11 Januari 2027" in " ".join(refused.value.messages)
    assert not Job.objects.exists()
    nothing_changed(dated)


def test_a_finalizing_job_without_a_reason_before_the_end_changes_nothing(
    dated, holder, organizer, django_capture_on_commit_callbacks
):
    """A job queued around the service (or left from before this rule) fails with the
    message, before computing anything."""
    with django_capture_on_commit_callbacks(execute=True):
        job, _ = jobs.queue(dated, Job.Kind.FINALIZE, organizer)
    job.refresh_from_db()
    assert job.status == "failed" and "11 Januari 2027" in job.error
    nothing_changed(dated)


def test_finalizing_before_the_cohort_starts_is_refused_even_with_a_reason(
    dated, holder, post, organizer
):
    Cohort.objects.filter(pk=dated.pk).update(starts_on=dt.date(2026, 12, 10))
    response = post(
        f"/cohorts/{dated.pk}/results/finalize/", {"confirm": "on", "early_reason": REASON}
    )
    assert response.status_code == 400 and "10 Desember 2026" in response.content.decode()
    dated.refresh_from_db()
    with pytest.raises(ValidationError):
        results.request_finalize(organizer, dated, early_reason=REASON)
    nothing_changed(dated)


def test_finalizing_early_with_a_reason_logs_it_and_the_certificate_ends_that_day(
    dated, holder, post, organizer, organizer_client
):
    response = post(
        f"/cohorts/{dated.pk}/results/finalize/", {"confirm": "on", "early_reason": REASON}
    )
    assert response.status_code == 302
    dated.refresh_from_db()
    assert dated.finalized_at == NOW
    event = CohortEvent.objects.get()
    assert (event.kind, event.reason, event.actor) == ("finalized", REASON, organizer)
    assert REASON in organizer_client.get(f"/cohorts/{dated.pk}/results/").content.decode()
    certificate = Certificate.objects.get(person=holder)
    assert (certificate.starts_on, certificate.ends_on) == (STARTS, dt.date(2026, 12, 2))
    text = " ".join(PdfReader(io.BytesIO(certificate.pdf.read())).pages[0].extract_text().split())
    assert "10 November sampai dengan 2 Desember 2026" in text
    assert "2027" not in text.replace(certificate.number, "")


def test_after_the_end_no_reason_is_asked_and_the_certificate_states_the_planned_end(
    dated, holder, post, organizer_client
):
    with clock.freeze(dt.datetime(2027, 1, 12, 2, 0, tzinfo=dt.UTC)):
        page = organizer_client.get(f"/cohorts/{dated.pk}/results/").content.decode()
        assert 'name="early_reason"' not in page
        post(f"/cohorts/{dated.pk}/results/finalize/", {"confirm": "on"})
    assert CohortEvent.objects.get().reason == ""
    certificate = Certificate.objects.get(person=holder)
    assert (certificate.starts_on, certificate.ends_on) == (STARTS, ENDS)


def test_refinalizing_later_restates_the_dates_on_the_same_certificate(
    dated, holder, post, organizer
):
    post(f"/cohorts/{dated.pk}/results/finalize/", {"confirm": "on", "early_reason": REASON})
    number = Certificate.objects.get().number
    post(f"/cohorts/{dated.pk}/results/reopen/", {"reason": "Nilai dikoreksi"})
    with clock.freeze(dt.datetime(2026, 12, 20, 2, 0, tzinfo=dt.UTC)):
        post(f"/cohorts/{dated.pk}/results/finalize/", {"confirm": "on", "early_reason": REASON})
    certificate = Certificate.objects.get()
    assert certificate.number == number and certificate.ends_on == dt.date(2026, 12, 20)


# --- The evaluation closes once grades are final ---------------------------------------
@pytest.fixture
def quiz(dated):
    make_bank(dated.course, questions=5)
    return make_test(dated.course, "post", question_count=5, max_attempts=None)


@pytest.fixture
def student(agency, dated):
    person = make_person(agency, name="Budi Belajar")
    enrollment = enrol(person, dated.course)
    Enrollment.objects.filter(pk=enrollment.pk).update(cohort=dated)
    finish_course(person, dated.course, journals="accepted")
    return person


def finalize(cohort, organizer, capture):
    with capture(execute=True):
        results.request_finalize(organizer, cohort, early_reason=REASON)
    cohort.refresh_from_db()


def test_no_attempt_starts_once_the_grades_are_final_and_reopening_opens_it_again(
    dated, quiz, student, organizer, django_capture_on_commit_callbacks
):
    finalize(dated, organizer, django_capture_on_commit_callbacks)
    assert dated.finalized_at is not None
    with pytest.raises(exams.NotOpen) as refused:
        exams.start_attempt(student, quiz)
    assert [reason.reason for reason in refused.value.reasons] == [CLOSED]
    response = signed_in(student).post(f"/learn/{dated.course.slug}/test/post/start/")
    assert response.status_code == 409 and "ditutup" in response.content.decode()
    assert not quiz.attempts.exists()
    results.reopen(organizer, dated, "Dibuka lagi")
    assert exams.start_attempt(student, quiz).submitted_at is None


def test_an_attempt_in_progress_when_grades_become_final_may_finish(
    dated, quiz, student, organizer, django_capture_on_commit_callbacks
):
    attempt = exams.start_attempt(student, quiz)
    finalize(dated, organizer, django_capture_on_commit_callbacks)
    item = attempt.items.order_by("position").first()
    correct = [option["id"] for option in item.options if float(option["fraction"]) > 0]
    exams.save_answer(student, attempt.pk, item.position, correct, 1)
    exams.submit_attempt(attempt)
    attempt.refresh_from_db()
    assert attempt.submitted_at is not None and attempt.raw_score > 0
    with pytest.raises(exams.NotOpen):
        exams.start_attempt(student, quiz)
