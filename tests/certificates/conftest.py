import pytest

from latih.certificates.models import Certificate
from latih.cohorts import jobs
from latih.cohorts.models import Job
from latih.learning.models import Enrollment
from tests.cohorts.conftest import _media, cohort, course, evaluation, organizer
from tests.factories import enrol, finish_course, graded_attempt, make_person


@pytest.fixture
def holder(agency, cohort, evaluation):
    """Siti, who passed the cohort."""
    person = make_person(agency, name="Siti Rahayu", woman=True)
    enrol(person, cohort.course)
    Enrollment.objects.filter(person=person).update(cohort=cohort)
    finish_course(person, cohort.course, journals="accepted")
    graded_attempt(person, evaluation, "88.5")
    return person


@pytest.fixture
def certificate(holder, cohort, organizer, django_capture_on_commit_callbacks) -> Certificate:
    """The holder's certificate, after the organizer finalized the cohort."""
    with django_capture_on_commit_callbacks(execute=True):
        job, _ = jobs.queue(cohort, Job.Kind.FINALIZE, organizer)
    job.refresh_from_db()
    assert job.status == "done", job.error
    return Certificate.objects.get(person=holder)
