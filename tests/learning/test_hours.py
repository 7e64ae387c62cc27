"""The hours (JP) ledger: the profile's tally and the agency admin's list."""

import datetime as dt

import pytest

from latih.common import clock
from latih.learning import services
from latih.learning.models import Cohort, HoursEntry
from tests.factories import make_agency, make_course, make_person, signed_in

T0 = dt.datetime(2026, 11, 23, 3, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _now():
    with clock.freeze(T0):
        yield


@pytest.fixture
def course(db):
    return make_course(hours=12)


def record(person, course, day=dt.date(2026, 6, 1)):
    cohort, _ = Cohort.objects.get_or_create(course=course, name="A")
    services.record_hours(course, cohort, {person.pk: day})


def test_recording_twice_counts_once_and_voiding_takes_it_out(participant, course):
    record(participant, course)
    record(participant, course)
    assert HoursEntry.objects.count() == 1
    cohort = Cohort.objects.get()
    services.record_hours(course, cohort, {}, void=[participant.pk], reason="dicabut")
    entry = HoursEntry.objects.get()
    assert entry.voided_at is not None and entry.void_reason == "dicabut"
    record(participant, course)
    assert HoursEntry.objects.get().voided_at is None


def test_the_profile_shows_this_years_hours_against_20(participant, course):
    record(participant, course)
    record(participant, make_course(hours=30), day=dt.date(2025, 12, 31))  # last year
    page = signed_in(participant).get("/profile/").content.decode()
    assert 'data-testid="hours"><strong>12</strong> / 20 JP' in page


def test_the_agency_admin_sees_their_people_below_20(agency, course):
    admin = make_person(agency, role="agency_admin", name="Admin")
    low = make_person(agency, name="Ani Kurang")
    enough = make_person(agency, name="Budi Cukup")
    stranger = make_person(make_agency(), name="Orang Lain")
    record(low, course)
    record(enough, course)
    record(enough, make_course(hours=10))
    client = signed_in(admin)
    page = client.get("/manage/hours/").content.decode()
    assert "Ani Kurang" in page and "Budi Cukup" not in page and "Orang Lain" not in page
    everyone = client.get("/manage/hours/", {"all": "1"}).content.decode()
    assert "Budi Cukup" in everyone and "Orang Lain" not in everyone
    assert everyone.index("Ani Kurang") < everyone.index("Budi Cukup")
    # Only people ranked below the admin: not the admin, nor a peer (the review's finding).
    assert f"/manage/people/{admin.pk}/" not in everyone
    assert stranger


def test_the_hours_page_is_for_agency_admins(participant):
    assert signed_in(participant).get("/manage/hours/").status_code in (403, 404)


def test_the_hours_list_costs_the_same_for_any_number_of_people(
    agency, course, django_assert_num_queries, session_queries
):
    admin = make_person(agency, role="agency_admin")
    client = signed_in(admin)
    for extra in (1, 6):
        for _ in range(extra):
            record(make_person(agency), course)
        # user, the years that have hours (Promise #2: every one is offered), count, page
        with django_assert_num_queries(session_queries + 4):
            client.get("/manage/hours/", {"all": "1"})
