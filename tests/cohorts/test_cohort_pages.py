"""Opening a cohort, the course's completion policy, and who sees which cohort."""

import datetime as dt

from latih.learning.models import Cohort
from tests.factories import make_agency, make_person, signed_in


def test_an_organizer_opens_a_cohort_with_dates_facilitators_and_agencies(
    organizer_client, course, agency
):
    andi = make_person(agency, role="facilitator", name="Andi")
    other = make_agency("Kementerian Agama")
    response = organizer_client.post(
        f"/cohorts/new/?course={course.pk}",
        {
            "name": " Angkatan  II 2026 ",
            "starts_on": "2026-12-01",
            "ends_on": "2026-12-20",
            "agencies": [agency.pk, other.pk],
            "facilitator_nips": f"{andi.nip[:8]} {andi.nip[8:]}\n",
        },
    )
    cohort = Cohort.objects.get(name="Angkatan II 2026")
    assert response.url == f"/cohorts/{cohort.pk}/"
    assert (cohort.starts_on, cohort.ends_on) == (dt.date(2026, 12, 1), dt.date(2026, 12, 20))
    assert list(cohort.facilitators.all()) == [andi]
    assert set(cohort.agencies.all()) == {agency, other}


def test_a_cohort_form_with_mistakes_saves_nothing(organizer_client, course, cohort):
    response = organizer_client.post(
        f"/cohorts/new/?course={course.pk}",
        {
            "name": cohort.name.upper(),
            "starts_on": "2026-12-20",
            "ends_on": "2026-12-01",
            "facilitator_nips": "199001012024211999",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"name", "ends_on", "facilitator_nips"}
    assert Cohort.objects.count() == 1


def test_the_completion_policy_saves_weights_bands_and_number_format(organizer_client, course):
    data = {
        "hours": 30,
        "academic_weight": 3,
        "attitude_weight": 1,
        "bands": "85 Istimewa\n0 Cukup",
        "certificate_number_format": "{seq:04}/{check}/LATSAR/{year}",
        "certificate_issuer": "LAN",
        "certificate_place": "Jakarta",
        "signatory_name": "Dr. A",
        "signatory_title": "Kepala",
        "signatory_nip": "",
    }
    response = organizer_client.post(f"/studio/{course.pk}/completion/", data)
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.predicates == [["85", "Istimewa"], ["0", "Cukup"]]
    assert (course.academic_weight, course.attitude_weight, course.hours) == (3, 1, 30)
    bad = organizer_client.post(
        f"/studio/{course.pk}/completion/",
        data | {"bands": "85 Istimewa", "certificate_number_format": "{agency}/{year}"},
    )
    assert set(bad.context["form"].errors) == {"bands", "certificate_number_format"}
    course.refresh_from_db()
    assert course.certificate_number_format == "{seq:04}/{check}/LATSAR/{year}"


def test_an_agency_admin_sees_only_cohorts_open_to_their_agency(course, cohort, agency):
    closed = Cohort.objects.create(course=course, name="Angkatan Lain")
    admin = make_person(agency, role="agency_admin")
    client = signed_in(admin)
    page = client.get("/cohorts/").content.decode()
    assert cohort.name in page and closed.name not in page
    assert client.get(f"/cohorts/{closed.pk}/").status_code == 404
    assert client.get(f"/cohorts/new/?course={course.pk}").status_code == 404


def test_the_cohort_page_lists_participants_in_constant_queries(
    organizer_client, cohort, agency, django_assert_num_queries, session_queries
):
    from latih.learning.models import Enrollment

    for extra in (1, 6):
        for _ in range(extra):
            person = make_person(agency)
            Enrollment.objects.create(person=person, course=cohort.course, cohort=cohort)
        with django_assert_num_queries(session_queries + 7):
            organizer_client.get(f"/cohorts/{cohort.pk}/")
