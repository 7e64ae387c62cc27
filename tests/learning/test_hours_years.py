"""Hours (JP) land in the year they were earned: the year the certificate states as the
end of the training; the profile and the agency admin's report offer every year that
has hours, and this year."""

import datetime as dt

import pytest

from latih.cohorts import jobs, results
from latih.cohorts.models import Job
from latih.common import clock
from latih.learning import services
from latih.learning.models import Cohort, Enrollment, HoursEntry
from tests.factories import (
    enrol,
    finish_course,
    graded_attempt,
    make_agency,
    make_bank,
    make_course,
    make_person,
    make_test,
    signed_in,
)

# 2 December 2026, 09.00 in Jakarta.
NOW = dt.datetime(2026, 12, 2, 2, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _now(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CELERY_TASK_ALWAYS_EAGER = True
    with clock.freeze(NOW):
        yield


@pytest.fixture
def course(db):
    course = make_course(trophies_total=4, trophies_required=3, trophies_for_evaluation=3, hours=24)
    course.certificate_issuer, course.signatory_name = "Pusat Pelatihan", "Dr. Ratna"
    course.save()
    make_bank(course, questions=5)
    return course


@pytest.fixture
def cohort(course, agency):
    # Like the demo's: started 20 days ago, ends in 40 days, in the next year.
    return Cohort.objects.create(
        course=course,
        name="Angkatan I",
        starts_on=dt.date(2026, 11, 12),
        ends_on=dt.date(2027, 1, 11),
    )


@pytest.fixture
def rahmat(agency, cohort, course):
    person = make_person(agency, name="Rahmat Hidayat")
    enrollment = enrol(person, course)
    Enrollment.objects.filter(pk=enrollment.pk).update(cohort=cohort)
    finish_course(person, course, journals="accepted")
    graded_attempt(person, make_test(course, "post"), "100")
    return person


@pytest.fixture
def organizer(db):
    return make_person(role="organizer")


def finalize(cohort, organizer, capture, reason="Dipercepat."):
    with capture(execute=True):
        job = results.request_finalize(organizer, cohort, early_reason=reason)
    job.refresh_from_db()
    assert job.status == "done", job.error
    assert Job.objects.get(kind="certificates").status == "done"


def live(person):
    return list(
        HoursEntry.objects.filter(person=person, voided_at__isnull=True).values_list(
            "year", "completed_on", "hours"
        )
    )


def test_finalizing_before_the_end_records_the_hours_this_year_not_the_cohorts_end_year(
    cohort, rahmat, organizer, django_capture_on_commit_callbacks
):
    finalize(cohort, organizer, django_capture_on_commit_callbacks)
    assert live(rahmat) == [(2026, dt.date(2026, 12, 2), 24)]
    page = signed_in(rahmat).get("/profile/").content.decode()
    assert 'data-testid="hours"><strong>24</strong> / 20 JP' in page


def test_finalizing_after_a_december_end_records_the_hours_in_the_year_it_ended(
    cohort, rahmat, organizer, django_capture_on_commit_callbacks
):
    Cohort.objects.filter(pk=cohort.pk).update(ends_on=dt.date(2026, 12, 20))
    cohort.refresh_from_db()
    with clock.freeze(dt.datetime(2027, 1, 5, 2, 0, tzinfo=dt.UTC)):
        finalize(cohort, organizer, django_capture_on_commit_callbacks, reason="")
    assert live(rahmat) == [(2026, dt.date(2026, 12, 20), 24)]


def test_finalized_again_in_another_year_the_hours_move_and_count_once(
    cohort, rahmat, organizer, django_capture_on_commit_callbacks
):
    finalize(cohort, organizer, django_capture_on_commit_callbacks)
    results.reopen(organizer, cohort, "Nilai dikoreksi")
    with clock.freeze(dt.datetime(2027, 1, 12, 2, 0, tzinfo=dt.UTC)):
        with django_capture_on_commit_callbacks(execute=True):
            job, _ = jobs.queue(cohort, Job.Kind.FINALIZE, organizer)
    job.refresh_from_db()
    assert job.status == "done", job.error
    assert live(rahmat) == [(2027, dt.date(2027, 1, 11), 24)]
    voided = HoursEntry.objects.get(person=rahmat, voided_at__isnull=False)
    assert voided.year == 2026 and voided.void_reason


def test_recording_a_moved_day_in_the_same_year_updates_the_entry(rahmat, course, cohort):
    services.record_hours(course, cohort, {rahmat.pk: dt.date(2026, 6, 1)})
    services.record_hours(course, cohort, {rahmat.pk: dt.date(2026, 7, 1)})
    assert live(rahmat) == [(2026, dt.date(2026, 7, 1), 24)]


def record(person, year, hours=12):
    course = make_course(hours=hours)
    cohort = Cohort.objects.create(course=course, name="A")
    services.record_hours(course, cohort, {person.pk: dt.date(year, 6, 1)})


def test_the_profile_offers_every_year_with_hours_and_this_year(participant):
    record(participant, 2025)
    record(participant, 2027, hours=24)  # recorded under a future year by older code
    client = signed_in(participant)
    page = client.get("/profile/").content.decode()
    assert 'data-testid="hours"><strong>0</strong> / 20 JP' in page
    for year, total in ((2027, 24), (2026, 0), (2025, 12)):
        assert f"{year}: {total} JP" in page
    assert 'href="?year=2027#hours"' in page
    future = client.get("/profile/", {"year": "2027"}).content.decode()
    assert 'data-testid="hours"><strong>24</strong> / 20 JP' in future
    for junk in ("2024", "abcd", "२०२५", "99999", ""):
        page = client.get("/profile/", {"year": junk}).content.decode()
        assert 'data-testid="hours"><strong>0</strong> / 20 JP' in page


def test_the_profile_without_other_years_lists_none(participant):
    page = signed_in(participant).get("/profile/").content.decode()
    assert 'data-testid="hours-years"' not in page


def test_the_hours_report_offers_every_year_with_hours(agency):
    admin = make_person(agency, role="agency_admin", name="Admin")
    ani = make_person(agency, name="Ani Lama")
    budi = make_person(agency, name="Budi Depan")
    record(ani, 2019)
    record(budi, 2027, hours=24)
    record(make_person(make_agency(), name="Orang Lain"), 2018)
    client = signed_in(admin)
    page = client.get("/manage/hours/").content.decode()
    for year in (2027, 2026, 2019):
        assert f'<option value="{year}"' in page
    assert '<option value="2018"' not in page  # only years of the admin's own people
    report = client.get("/manage/hours/", {"year": "2027", "all": "1"}).content.decode()
    assert "Hours (JP) in 2027" in report or "tahun 2027" in report
    assert report.index("Ani Lama") < report.index("Budi Depan")  # 0 JP, then 24
    junk = client.get("/manage/hours/", {"year": "20x7"}).content.decode()
    assert "tahun 2026" in junk
