"""An agency admin sees and changes only their own agency's people."""

from django.test import Client
from django.urls import reverse

from latih.accounts.models import Person, PersonalDataAccess, PersonChange
from tests.factories import make_person


def _client(person):
    client = Client()
    client.force_login(person)
    return client


def test_another_agencys_person_is_not_found(agency_admin, other_agency_person):
    client = _client(agency_admin)
    for name in ("accounts:person_detail", "accounts:person_edit"):
        assert client.get(reverse(name, args=[other_agency_person.pk])).status_code == 404
    assert (
        client.post(reverse("accounts:person_unlock", args=[other_agency_person.pk])).status_code
        == 404
    )
    response = client.post(
        reverse("accounts:person_edit", args=[other_agency_person.pk]), {"name": "Diubah"}
    )
    assert response.status_code == 404
    assert Person.objects.get(pk=other_agency_person.pk).name == "Orang Lain"


def test_people_list_shows_only_the_own_agency(agency_admin, participant, other_agency_person):
    body = _client(agency_admin).get(reverse("accounts:people")).content.decode()
    assert participant.name in body
    assert other_agency_person.name not in body


def test_platform_admin_sees_every_agency(participant, other_agency_person):
    admin = make_person(role="platform_admin")
    body = _client(admin).get(reverse("accounts:people")).content.decode()
    assert participant.name in body and other_agency_person.name in body


def test_participants_and_organizers_cannot_manage_people(participant):
    organizer = make_person(role="organizer")
    for person in (participant, organizer):
        client = _client(person)
        assert client.get(reverse("accounts:people")).status_code == 403
        assert (
            client.get(reverse("accounts:person_detail", args=[participant.pk])).status_code == 403
        )


def test_viewing_full_personal_data_is_logged(agency_admin, participant):
    response = _client(agency_admin).get(reverse("accounts:person_detail", args=[participant.pk]))
    assert participant.nik in response.content.decode()
    access = PersonalDataAccess.objects.get()
    assert (access.viewer, access.person, access.purpose) == (
        agency_admin,
        participant,
        "person_detail",
    )


def test_participant_sees_only_the_last_four_nik_digits(participant):
    body = _client(participant).get(reverse("accounts:profile")).content.decode()
    assert participant.nik not in body
    assert participant.nik[-4:] in body
    assert participant.nip in body


def test_admin_edit_is_audited(agency_admin, participant):
    client = _client(agency_admin)
    data = {
        "name": "Nama Baru",
        "nik": participant.nik,
        "birth_place": "Madiun",
        "unit": participant.unit_id,
        "position": "",
        "email": participant.email,
        "phone": "081300000000",
    }
    response = client.post(reverse("accounts:person_edit", args=[participant.pk]), data)
    assert response.status_code == 302
    changed = set(PersonChange.objects.filter(person=participant).values_list("field", flat=True))
    assert changed == {"name", "birth_place", "phone"}


def test_admin_edit_refuses_a_nik_that_disagrees(agency_admin, participant):
    other = make_person()
    data = {
        "name": participant.name,
        "nik": other.nik,
        "unit": participant.unit_id,
        "email": "",
        "phone": "",
        "position": "",
        "birth_place": "",
    }
    response = _client(agency_admin).post(
        reverse("accounts:person_edit", args=[participant.pk]), data
    )
    assert response.status_code == 200
    assert Person.objects.get(pk=participant.pk).nik == participant.nik
    assert not PersonChange.objects.exists()


def test_people_list_query_count_is_constant(
    agency, agency_admin, django_assert_num_queries, session_queries
):
    for _ in range(30):
        make_person(agency)
    client = _client(agency_admin)
    # user, count, page of people with agency and unit
    with django_assert_num_queries(session_queries + 3):
        client.get(reverse("accounts:people"))


def test_person_detail_query_count_is_constant(
    agency_admin, participant, django_assert_num_queries, session_queries
):
    for n in range(10):
        PersonChange.objects.create(
            person=participant,
            actor=agency_admin,
            field="phone",
            old_value=str(n),
            new_value=str(n + 1),
        )
    client = _client(agency_admin)
    # user, person with agency and unit, access log insert, changes with their actors,
    # failed sign-in attempts
    with django_assert_num_queries(session_queries + 5):
        response = client.get(reverse("accounts:person_detail", args=[participant.pk]))
    assert response.content.decode().count("<tr><td>") >= 10
