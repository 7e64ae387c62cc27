"""Sign-in with NIP and password, and the messages for wrong input."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD

SIGN_IN = reverse("accounts:sign_in")


def test_nip_and_password_sign_in(client, participant):
    response = client.post(SIGN_IN, {"nip": participant.nip, "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("core:dashboard")


def test_spaces_typed_in_the_nip_are_ignored(client, participant):
    nip = participant.nip
    spaced = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    assert client.post(SIGN_IN, {"nip": spaced, "password": PASSWORD}).status_code == 302


def test_next_page_is_followed_only_on_this_site(client, participant):
    ok = client.post(
        f"{SIGN_IN}?next=/profile/",
        {"nip": participant.nip, "password": PASSWORD, "next": "/profile/"},
    )
    assert ok.url == "/profile/"
    client.post(reverse("accounts:logout"))
    evil = client.post(
        SIGN_IN, {"nip": participant.nip, "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert evil.url == reverse("core:dashboard")


def test_wrong_password_gets_one_message_for_both_parts(client, participant):
    response = client.post(SIGN_IN, {"nip": participant.nip, "password": "salah"})
    assert response.status_code == 200
    assert "NIP atau kata sandi salah" in response.content.decode()


@pytest.mark.parametrize(
    ("nip", "message"),
    [
        ("19920315202421100", "18 digit"),
        ("1992031520242110A1", "huruf"),
        ("199213152024211001", "bukan tanggal"),
        ("199203152024213001", "1 atau 2"),
        ("", "Masukkan NIP Anda"),
    ],
    ids=["17-digits", "letters", "month-13", "gender-3", "empty"],
)
def test_malformed_nip_says_what_is_wrong(client, db, nip, message):
    response = client.post(SIGN_IN, {"nip": nip, "password": "apa saja"})
    assert response.status_code == 200
    assert message in response.content.decode()


def test_english_is_available(client, participant):
    client.post(reverse("set_language"), {"language": "en", "next": SIGN_IN})
    response = client.get(SIGN_IN)
    assert 'lang="en"' in response.content.decode()
    assert "Sign in" in response.content.decode()


def test_sign_in_page_is_indonesian_even_for_an_english_browser(client, db):
    body = client.get(SIGN_IN, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="id"' in body
    assert "Masuk" in body


def test_sign_out_needs_a_post(client, participant):
    client.force_login(participant)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session
