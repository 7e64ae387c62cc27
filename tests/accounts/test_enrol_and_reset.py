"""An agency admin adds one person, and resets a forgotten password to first sign-in."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from latih.accounts.models import Person, PersonChange
from tests.factories import PASSWORD, make_agency, make_person, nik_for, nip_for

BIRTH = dt.date(1996, 2, 29)
ENROL = reverse("accounts:person_enrol")


def _values(agency, **overrides):
    return {
        "nip": nip_for(BIRTH, woman=True, seq=5),
        "nik": nik_for(BIRTH, woman=True, seq=5),
        "name": "Ayu Lestari",
        "unit": agency.units.first().pk,
        "email": "ayu@example.go.id",
        **overrides,
    }


def test_admin_adds_a_person_who_then_signs_in_with_the_nik(agency, agency_admin, admin_client):
    response = admin_client.post(ENROL, _values(agency))
    assert response.status_code == 302
    person = Person.objects.get(name="Ayu Lestari")
    assert person.agency == agency and person.must_set_password
    assert PersonChange.objects.get(person=person, field="account").actor == agency_admin
    signed_in = Client().post(
        reverse("accounts:first_sign_in"), {"nip": person.nip, "nik": person.nik}
    )
    assert signed_in.url == reverse("accounts:set_password")


def test_double_click_adds_one_person(agency, admin_client):
    admin_client.post(ENROL, _values(agency))
    again = admin_client.post(ENROL, _values(agency))
    assert again.status_code == 200
    assert "tidak dapat dicatat oleh instansi Anda" in again.content.decode()
    assert Person.objects.filter(name="Ayu Lestari").count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"nip": "12345"}, "18 digit"),
        ({"nik": nik_for(BIRTH, woman=False, seq=5)}, "Jenis kelamin pada NIP dan NIK tidak sama"),
        ({"name": ""}, "tidak boleh kosong"),
    ],
    ids=["short-nip", "nik-of-a-man", "no-name"],
)
def test_bad_input_is_refused_with_a_reason(agency, admin_client, overrides, message):
    response = admin_client.post(ENROL, _values(agency, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Person.objects.filter(name="Ayu Lestari").exists()


def test_unit_of_another_agency_is_refused(agency, admin_client, other_agency_person):
    foreign_unit = other_agency_person.agency.units.first()
    response = admin_client.post(ENROL, _values(agency, unit=foreign_unit.pk))
    assert response.status_code == 200
    assert not Person.objects.filter(name="Ayu Lestari").exists()


def test_only_agency_admins_add_people(participant):
    client = Client()
    client.force_login(participant)
    assert client.get(ENROL).status_code == 403


def test_reset_to_first_sign_in(agency_admin, admin_client, participant):
    url = reverse("accounts:person_reset_password", args=[participant.pk])
    assert admin_client.post(url).status_code == 302
    person = Person.objects.get(pk=participant.pk)
    assert person.must_set_password
    assert (
        Client()
        .post(reverse("accounts:sign_in"), {"nip": person.nip, "password": PASSWORD})
        .status_code
        == 200
    )
    assert (
        Client()
        .post(reverse("accounts:first_sign_in"), {"nip": person.nip, "nik": person.nik})
        .status_code
        == 302
    )
    change = PersonChange.objects.get(person=person, field="password")
    assert change.actor == agency_admin and change.old_value == change.new_value == ""


def test_reset_is_scoped_to_the_agency(admin_client, other_agency_person):
    url = reverse("accounts:person_reset_password", args=[other_agency_person.pk])
    assert admin_client.post(url).status_code == 404
    assert not Person.objects.get(pk=other_agency_person.pk).must_set_password


def test_password_events_are_audited_without_the_password(client, agency):
    newcomer = make_person(agency, password=None)
    client.post(reverse("accounts:first_sign_in"), {"nip": newcomer.nip, "nik": newcomer.nik})
    client.post(
        reverse("accounts:set_password"),
        {"new_password1": "Pelatihan#Ngawi9", "new_password2": "Pelatihan#Ngawi9"},
    )
    change = PersonChange.objects.get(person=newcomer, field="password")
    assert change.reason == "set at first sign-in"
    assert "Pelatihan" not in change.old_value + change.new_value


def test_the_enrol_form_does_not_tell_who_exists_elsewhere(agency, admin_client):
    """A NIP held in another agency and a NIK held there get the same answer as each
    other (the import gives one neutral reason too)."""
    elsewhere = make_person(make_agency())
    # Another agency's person whose NIK agrees with the NIP the form sends.
    elsewhere.nik = nik_for(BIRTH, woman=True, seq=77)
    elsewhere.save()
    holder = make_person(make_agency())
    holder.nip = nip_for(BIRTH, woman=True, seq=88)
    holder.save()
    taken_nip = {"nip": holder.nip}
    answers = []
    for values in (_values(agency, **taken_nip), _values(agency, nik=elsewhere.nik)):
        response = admin_client.post(ENROL, values)
        assert response.status_code == 200
        page = response.content.decode()
        answers.append("tidak dapat dicatat oleh instansi Anda" in page)
        assert "sudah dimiliki" not in page
    assert answers == [True, True]
