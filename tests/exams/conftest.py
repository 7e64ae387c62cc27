import datetime as dt

import pytest

from latih.common import clock
from tests.factories import (
    enrol,
    finish_course,
    make_bank,
    make_course,
    make_person,
    make_test,
    signed_in,
)

T0 = dt.datetime(2026, 11, 23, 1, 0, tzinfo=dt.UTC)  # 08:00 in Jakarta


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Deadline jobs are not queued on CI's real Redis, where no worker takes them; the test
    # of the queuing replaces the queue.
    settings.CELERY_TASK_ALWAYS_EAGER = True


@pytest.fixture
def at():
    """Freeze the clock at T0 + seconds: ``with at(10): ...``."""

    def at(seconds: float):
        return clock.freeze(T0 + dt.timedelta(seconds=seconds))

    return at


@pytest.fixture
def course(db):
    return make_course(trophies_for_evaluation=3)


@pytest.fixture
def bank(course):
    return make_bank(course, questions=8, multiple=2)


@pytest.fixture
def evaluation(course, bank):
    return make_test(course, "post", question_count=5)


@pytest.fixture
def taker(agency, course):
    """A participant who meets every rule of the academic evaluation."""
    person = make_person(agency, name="Peserta Siap")
    enrol(person, course)
    with clock.freeze(T0):
        finish_course(person, course)
    return person


@pytest.fixture
def taker_client(taker):
    return signed_in(taker)


@pytest.fixture
def organizer(agency):
    return make_person(agency, role="organizer", name="Penyelenggara Uji")


@pytest.fixture
def studio(organizer):
    """A client signed in as the organizer, for the evaluation studio."""
    return signed_in(organizer)
