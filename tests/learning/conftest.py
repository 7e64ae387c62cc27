import datetime as dt

import pytest

from latih.common import clock
from latih.learning.models import Material
from tests.factories import enrol, make_course, make_person, signed_in

T0 = dt.datetime(2026, 11, 23, 8, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def course(db):
    return make_course()


@pytest.fixture
def student(agency, course):
    person = make_person(agency, name="Siti Uji", woman=True)
    enrol(person, course)
    return person


@pytest.fixture
def student_client(student):
    return signed_in(student)


@pytest.fixture
def materials(course):
    """The course's materials in study order."""
    return list(
        Material.objects.filter(section__course=course).order_by("section__position", "position")
    )


@pytest.fixture
def at():
    """Freeze the clock at T0 + seconds: ``with at(10): ...``."""

    def at(seconds: float):
        return clock.freeze(T0 + dt.timedelta(seconds=seconds))

    return at
