"""Computing, reviewing, finalizing and reopening a cohort's final results, then the
certificates and hours that follow, through the organizer's pages."""

from decimal import Decimal as D

import pytest

from latih.certificates.models import Certificate
from latih.cohorts.models import CohortEvent, FinalResult, Job
from latih.learning.models import Enrollment, HoursEntry
from tests.factories import enrol, finish_course, graded_attempt, make_person, signed_in


def join(person, cohort):
    enrollment = enrol(person, cohort.course)
    Enrollment.objects.filter(pk=enrollment.pk).update(cohort=cohort)
    return person


@pytest.fixture
def people(agency, cohort, evaluation):
    """Three participants: one passes, one did not pass the evaluation, one barely began."""
    passing = join(make_person(agency, name="Ani Lulus"), cohort)
    finish_course(passing, cohort.course, journals="accepted")
    graded_attempt(passing, evaluation, "90.01")
    failing = join(make_person(agency, name="Budi Gagal"), cohort)
    finish_course(failing, cohort.course, journals="accepted")
    graded_attempt(failing, evaluation, "40")
    starter = join(make_person(agency, name="Citra Baru"), cohort)
    return passing, failing, starter


@pytest.fixture
def post(organizer_client, django_capture_on_commit_callbacks):
    def post(url, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            return organizer_client.post(url, data or {})

    return post


def test_computing_shows_each_participants_result_for_review(
    cohort, people, post, organizer_client
):
    passing, failing, starter = people
    response = post(f"/cohorts/{cohort.pk}/results/compute/")
    job = Job.objects.get(kind="results")
    assert response.url == f"/cohorts/jobs/{job.pk}/"
    assert job.status == "done" and job.counts == {"total": 3, "passed": 1, "failed": 2}
    results = {r.person_id: r for r in FinalResult.objects.filter(cohort=cohort)}
    ani = results[passing.pk]
    # 4 trophies of 4 → attitude 100; (90.01 + 100) / 2 = 95.005 → 95.01.
    assert (ani.academic_score, ani.attitude_score, ani.final_score) == (
        D("90.01"),
        D("100.00"),
        D("95.01"),
    )
    assert ani.predicate == "Sangat Memuaskan" and ani.passed and ani.unmet == []
    assert results[failing.pk].unmet == ["evaluation"]
    assert results[starter.pk].unmet == ["not_complete", "trophies", "journals", "evaluation"]
    assert cohort.finalized_at is None
    assert not Certificate.objects.exists()
    page = organizer_client.get(f"/cohorts/{cohort.pk}/results/").content.decode()
    assert "Ani Lulus" in page and "95,01" in page


def test_finalizing_needs_the_confirmation(cohort, people, post):
    response = post(f"/cohorts/{cohort.pk}/results/finalize/")
    assert response.status_code == 400
    cohort.refresh_from_db()
    assert cohort.finalized_at is None and not Job.objects.exists()


def test_finalizing_issues_certificates_and_hours_to_those_who_passed(
    cohort, people, post, organizer
):
    passing, failing, _starter = people
    post(f"/cohorts/{cohort.pk}/results/finalize/", {"confirm": "on"})
    cohort.refresh_from_db()
    assert cohort.finalized_at is not None and cohort.finalized_by == organizer
    event = CohortEvent.objects.get(cohort=cohort)
    assert (event.kind, event.actor, event.counts["passed"]) == ("finalized", organizer, 1)
    certificate = Certificate.objects.get()
    assert certificate.person == passing
    assert (certificate.name, certificate.predicate, certificate.hours) == (
        "Ani Lulus",
        "Sangat Memuaskan",
        24,
    )
    assert certificate.pdf and certificate.rendered_at
    assert certificate.pdf.read().startswith(b"%PDF")
    entry = HoursEntry.objects.get()
    assert (entry.person, entry.hours, entry.voided_at) == (passing, 24, None)
    jobs = dict(Job.objects.values_list("kind", "status"))
    assert jobs == {"finalize": "done", "certificates": "done"}


def test_finalizing_twice_and_issuing_twice_change_nothing(cohort, people, post):
    post(f"/cohorts/{cohort.pk}/results/finalize/", {"confirm": "on"})
    number = Certificate.objects.get().number
    response = post(f"/cohorts/{cohort.pk}/results/finalize/", {"confirm": "on"})
    assert response.status_code == 302
    from latih.cohorts import jobs

    job, _ = jobs.queue(cohort, Job.Kind.CERTIFICATES, None)
    jobs.run(job.pk)
    assert Certificate.objects.count() == 1 and Certificate.objects.get().number == number
    assert HoursEntry.objects.count() == 1
    assert CohortEvent.objects.filter(kind="finalized").count() == 1


def test_reopening_needs_a_reason_and_is_logged(cohort, people, post, organizer):
    post(f"/cohorts/{cohort.pk}/results/finalize/", {"confirm": "on"})
    response = post(f"/cohorts/{cohort.pk}/results/reopen/", {"reason": ""})
    assert response.status_code == 400
    cohort.refresh_from_db()
    assert cohort.finalized_at is not None
    post(f"/cohorts/{cohort.pk}/results/reopen/", {"reason": "Nilai Budi dikoreksi"})
    cohort.refresh_from_db()
    assert cohort.finalized_at is None
    event = CohortEvent.objects.get(kind="reopened")
    assert (event.reason, event.actor) == ("Nilai Budi dikoreksi", organizer)


def test_after_reopening_changed_results_update_the_certificates(cohort, people, post, evaluation):
    passing, failing, _starter = people
    post(f"/cohorts/{cohort.pk}/results/finalize/", {"confirm": "on"})
    first = Certificate.objects.get(person=passing)
    post(f"/cohorts/{cohort.pk}/results/reopen/", {"reason": "Koreksi nilai"})
    graded_attempt(failing, evaluation, "75", number=2)  # Budi now passes
    passing.name = "Ani Lulus Sekali"
    passing.save()
    post(f"/cohorts/{cohort.pk}/results/finalize/", {"confirm": "on"})
    ani = Certificate.objects.get(person=passing, revoked_at__isnull=True)
    assert ani.pk == first.pk and ani.number == first.number
    assert ani.name == "Ani Lulus Sekali"
    assert ani.rendered_at > first.rendered_at
    assert Certificate.objects.filter(person=failing, revoked_at__isnull=True).exists()
    assert HoursEntry.objects.filter(voided_at__isnull=True).count() == 2


def test_a_result_that_no_longer_passes_revokes_its_certificate(cohort, people, post, evaluation):
    passing, _failing, _starter = people
    post(f"/cohorts/{cohort.pk}/results/finalize/", {"confirm": "on"})
    post(f"/cohorts/{cohort.pk}/results/reopen/", {"reason": "Kecurangan terbukti"})
    from latih.exams.models import Attempt

    Attempt.objects.filter(person=passing).update(score=D("10"))
    post(f"/cohorts/{cohort.pk}/results/finalize/", {"confirm": "on"})
    certificate = Certificate.objects.get(person=passing)
    assert certificate.revoked_at is not None and certificate.revoke_reason
    assert HoursEntry.objects.get(person=passing).voided_at is not None


def test_only_organizers_grade(cohort, people, agency):
    admin = make_person(agency, role="agency_admin")
    client = signed_in(admin)
    assert client.get(f"/cohorts/{cohort.pk}/results/").status_code == 404
    assert (
        client.post(f"/cohorts/{cohort.pk}/results/finalize/", {"confirm": "on"}).status_code == 404
    )
    participant = people[0]
    assert signed_in(participant).get(f"/cohorts/{cohort.pk}/").status_code == 404


def test_the_results_page_costs_the_same_for_any_number_of_rows(
    cohort, people, post, organizer_client, django_assert_num_queries, session_queries
):
    for extra in (0, 5):
        for n in range(extra):
            join(make_person(people[0].agency, name=f"Tambahan {n}"), cohort)
        post(f"/cohorts/{cohort.pk}/results/compute/")
        with django_assert_num_queries(session_queries + 10):
            organizer_client.get(f"/cohorts/{cohort.pk}/results/")


def test_hours_stay_voided_for_a_certificate_revoked_by_hand_when_grades_are_final_again(
    cohort, people, post, organizer
):
    """Hours follow the valid certificates: a revoked certificate's JP do not come back
    when the grades are reopened and made final again (no certificate is reissued)."""
    from latih.certificates import services as certificate_services

    passing, _failing, _starter = people
    post(f"/cohorts/{cohort.pk}/results/finalize/", {"confirm": "on"})
    certificate = Certificate.objects.get(person=passing)
    certificate_services.revoke(organizer, certificate, "Ijazah palsu")
    assert HoursEntry.objects.get(person=passing).voided_at is not None
    post(f"/cohorts/{cohort.pk}/results/reopen/", {"reason": "Koreksi nilai"})
    post(f"/cohorts/{cohort.pk}/results/finalize/", {"confirm": "on"})
    assert not Certificate.objects.filter(person=passing, revoked_at__isnull=True).exists()
    assert HoursEntry.objects.get(person=passing).voided_at is not None
