"""Passwords: Argon2, changed from the profile."""

from django.contrib.auth.hashers import identify_hasher
from django.urls import reverse

from latih import settings as project_settings
from latih.accounts.models import Person
from tests.factories import PASSWORD, make_person


def test_passwords_are_hashed_with_argon2(db, settings):
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    person = make_person(password="Kata-Sandi#Kuat1")
    assert identify_hasher(person.password).algorithm == "argon2"
    assert person.check_password("Kata-Sandi#Kuat1")


def test_imported_people_get_no_hash_until_they_choose_a_password(db):
    person = make_person(password=None)
    assert person.must_set_password
    assert not person.check_password("")


def test_change_password_from_the_profile(client, participant):
    client.force_login(participant)
    url = reverse("accounts:change_password")
    wrong = client.post(
        url,
        {
            "old_password": "salah",
            "new_password1": "Baru#Sandi2026",
            "new_password2": "Baru#Sandi2026",
        },
    )
    assert wrong.status_code == 200
    ok = client.post(
        url,
        {
            "old_password": PASSWORD,
            "new_password1": "Baru#Sandi2026",
            "new_password2": "Baru#Sandi2026",
        },
    )
    assert ok.status_code == 302
    # The session survives the change; the new password works, the old one no longer.
    assert client.get(reverse("accounts:profile")).status_code == 200
    person = Person.objects.get(pk=participant.pk)
    assert person.check_password("Baru#Sandi2026") and not person.check_password(PASSWORD)
    assert person.password_changed_at is not None
