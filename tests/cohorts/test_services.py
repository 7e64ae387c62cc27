"""The cohort verbs refuse whoever may not grade, whatever page they come from."""

import pytest

from latih.cohorts import services
from latih.common.errors import NotAllowed
from latih.learning.models import Cohort
from tests.factories import make_person


@pytest.mark.parametrize("role", ["participant", "facilitator", "agency_admin"])
def test_only_organizers_open_a_cohort_or_change_its_policy(course, agency, role):
    actor = make_person(agency, role=role)
    cohort = Cohort(course=course, name="Angkatan Liar")
    with pytest.raises(NotAllowed):
        services.save_cohort(actor, cohort, agencies=[agency], facilitators=[actor])
    assert not Cohort.objects.filter(name="Angkatan Liar").exists()
    course.hours = 99
    with pytest.raises(NotAllowed):
        services.save_completion_policy(actor, course, ["hours"])
    course.refresh_from_db()
    assert course.hours != 99


def test_an_organizer_opens_a_cohort_with_its_agencies_and_facilitators(course, agency, organizer):
    facilitator = make_person(agency, role="facilitator")
    cohort = services.save_cohort(
        organizer,
        Cohort(course=course, name="Angkatan Baru"),
        agencies=[agency],
        facilitators=[facilitator],
    )
    assert list(cohort.agencies.all()) == [agency]
    assert list(cohort.facilitators.all()) == [facilitator]
    cohort = services.save_cohort(organizer, cohort, agencies=[], facilitators=[])
    assert not cohort.facilitators.exists() and not cohort.agencies.exists()
