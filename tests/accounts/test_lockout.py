"""Repeated failures lock the account, and the address, for a while; an admin can unlock."""

import datetime as dt
from io import StringIO

from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, make_person

SIGN_IN = reverse("accounts:sign_in")


def _fail(client, nip, times, ip="10.0.0.1"):
    for _ in range(times):
        client.post(SIGN_IN, {"nip": nip, "password": "salah-lagi"}, REMOTE_ADDR=ip)


def test_five_failures_lock_the_account_with_a_clear_message(client, participant, settings):
    _fail(client, participant.nip, settings.AXES_FAILURE_LIMIT)
    response = client.post(
        SIGN_IN, {"nip": participant.nip, "password": PASSWORD}, REMOTE_ADDR="10.0.0.2"
    )
    assert response.status_code == 429
    assert "15 menit" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_four_failures_do_not_lock(client, participant, settings):
    _fail(client, participant.nip, settings.AXES_FAILURE_LIMIT - 1)
    response = client.post(
        SIGN_IN, {"nip": participant.nip, "password": PASSWORD}, REMOTE_ADDR="10.0.0.1"
    )
    assert response.status_code == 302


def test_a_rooms_typos_behind_one_address_do_not_lock_the_room(client, agency, settings):
    # Ten people in one training room, one NAT address, each mistyping once.
    for person in [make_person(agency) for _ in range(2 * settings.AXES_FAILURE_LIMIT)]:
        _fail(client, person.nip, 1, ip="10.9.9.9")
    innocent = make_person(agency)
    response = Client().post(
        SIGN_IN, {"nip": innocent.nip, "password": PASSWORD}, REMOTE_ADDR="10.9.9.9"
    )
    assert response.status_code == 302


def test_many_failures_from_one_address_lock_that_address(client, agency, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 12
    for person in [make_person(agency) for _ in range(12)]:
        _fail(client, person.nip, 1, ip="10.9.9.9")
    innocent = make_person(agency)
    locked = Client().post(
        SIGN_IN, {"nip": innocent.nip, "password": PASSWORD}, REMOTE_ADDR="10.9.9.9"
    )
    assert locked.status_code == 429
    assert "dari jaringan Anda" in locked.content.decode()
    elsewhere = Client().post(
        SIGN_IN, {"nip": innocent.nip, "password": PASSWORD}, REMOTE_ADDR="10.1.1.1"
    )
    assert elsewhere.status_code == 302
    # A platform admin lifts the address lock.
    call_command("unlock_address", "10.9.9.9", stdout=StringIO())
    again = Client().post(
        SIGN_IN, {"nip": innocent.nip, "password": PASSWORD}, REMOTE_ADDR="10.9.9.9"
    )
    assert again.status_code == 302


def test_the_lock_expires(client, participant, settings):
    _fail(client, participant.nip, settings.AXES_FAILURE_LIMIT)
    AccessAttempt.objects.update(
        attempt_time=dt.datetime.now(dt.UTC) - settings.AXES_COOLOFF_TIME - dt.timedelta(seconds=1)
    )
    response = client.post(SIGN_IN, {"nip": participant.nip, "password": PASSWORD})
    assert response.status_code == 302


def test_agency_admin_lifts_the_lock(client, participant, agency_admin, settings):
    _fail(client, participant.nip, settings.AXES_FAILURE_LIMIT)
    admin = Client()
    admin.force_login(agency_admin)
    detail = admin.get(reverse("accounts:person_detail", args=[participant.pk]))
    assert "Buka kunci" in detail.content.decode()
    admin.post(reverse("accounts:person_unlock", args=[participant.pk]))
    assert participant.changes.filter(field="login_lock").count() == 1
    response = Client().post(
        SIGN_IN, {"nip": participant.nip, "password": PASSWORD}, REMOTE_ADDR="10.0.0.3"
    )
    assert response.status_code == 302


def test_first_login_failures_count_too(client, agency, settings):
    newcomer = make_person(agency, password=None)
    other = make_person(agency, password=None)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("accounts:first_sign_in"),
            {"nip": newcomer.nip, "nik": other.nik[:6] + newcomer.nik[6:12] + "9999"},
        )
    response = client.post(
        reverse("accounts:first_sign_in"),
        {"nip": newcomer.nip, "nik": newcomer.nik},
        REMOTE_ADDR="10.7.7.7",
    )
    assert response.status_code == 429
