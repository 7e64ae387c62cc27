"""First login: NIP + NIK, then a new password before any other page."""

import pytest
from django.urls import reverse

from latih.accounts.models import Person
from tests.factories import PASSWORD, make_person

FIRST = reverse("accounts:first_sign_in")
NEW_PASSWORD = reverse("accounts:set_password")


@pytest.fixture
def newcomer(agency):
    return make_person(agency, password=None, name="Pendatang Baru")


def test_nip_and_nik_sign_in_then_require_a_new_password(client, newcomer):
    response = client.post(FIRST, {"nip": newcomer.nip, "nik": newcomer.nik})
    assert response.status_code == 302
    assert response.url == NEW_PASSWORD
    # Every other page sends the person back to the password form.
    for page in ("core:dashboard", "accounts:profile", "accounts:people"):
        assert client.get(reverse(page)).url == NEW_PASSWORD


def test_first_sign_in_records_the_time_once(client, newcomer):
    client.post(FIRST, {"nip": newcomer.nip, "nik": newcomer.nik})
    first = Person.objects.get(pk=newcomer.pk).first_signed_in_at
    assert first is not None
    client.post(reverse("accounts:logout"))
    client.post(FIRST, {"nip": newcomer.nip, "nik": newcomer.nik})
    assert Person.objects.get(pk=newcomer.pk).first_signed_in_at == first


def test_new_password_is_then_the_only_way_in(client, newcomer):
    client.post(FIRST, {"nip": newcomer.nip, "nik": newcomer.nik})
    response = client.post(
        NEW_PASSWORD, {"new_password1": "Pelatihan#Ngawi9", "new_password2": "Pelatihan#Ngawi9"}
    )
    assert response.status_code == 302
    assert client.get(reverse("core:dashboard")).status_code == 200
    client.post(reverse("accounts:logout"))

    refused = client.post(FIRST, {"nip": newcomer.nip, "nik": newcomer.nik})
    assert "sudah memiliki kata sandi" in refused.content.decode()
    signed_in = client.post(
        reverse("accounts:sign_in"), {"nip": newcomer.nip, "password": "Pelatihan#Ngawi9"}
    )
    assert signed_in.status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_password_may_not_be_the_nik(client, newcomer):
    client.post(FIRST, {"nip": newcomer.nip, "nik": newcomer.nik})
    response = client.post(
        NEW_PASSWORD, {"new_password1": newcomer.nik, "new_password2": newcomer.nik}
    )
    assert response.status_code == 200
    assert "tidak boleh sama dengan NIP atau NIK" in response.content.decode()
    assert Person.objects.get(pk=newcomer.pk).must_set_password


def test_wrong_nik_is_refused_without_saying_which_part_is_wrong(client, newcomer):
    other = make_person(password=None)
    response = client.post(FIRST, {"nip": newcomer.nip, "nik": other.nik})
    body = response.content.decode()
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    # The other person's NIK has another birth date: that is said, as it is the input's fault.
    assert "tidak sama" in body or "tidak cocok" in body


@pytest.mark.parametrize(
    ("nik", "message"),
    [
        ("31740515039200", "16 digit"),
        ("317405150392000A", "huruf"),
        ("9999011503920001", "kode kabupaten"),
    ],
    ids=["too-short", "letters", "unknown-region"],
)
def test_malformed_nik_says_what_is_wrong_in_indonesian(client, newcomer, nik, message):
    response = client.post(FIRST, {"nip": newcomer.nip, "nik": nik})
    assert message in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_person_with_a_password_cannot_use_the_nik(client, participant):
    response = client.post(FIRST, {"nip": participant.nip, "nik": participant.nik})
    assert "_auth_user_id" not in client.session
    assert "sudah memiliki kata sandi" in response.content.decode()
    assert (
        client.post(
            reverse("accounts:sign_in"), {"nip": participant.nip, "password": PASSWORD}
        ).status_code
        == 302
    )
