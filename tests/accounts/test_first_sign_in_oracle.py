"""The first sign-in (and the sign-in) tell a stranger nothing about which NIPs exist,
which NIK is whose, or who already chose a password: one answer, one cost."""

import datetime as dt
import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.hashers import MD5PasswordHasher
from django.test import Client
from django.urls import reverse

from latih.accounts.models import Person
from tests.factories import PASSWORD, make_person, nik_for, nip_for

FIRST = reverse("accounts:first_sign_in")
SIGN_IN = reverse("accounts:sign_in")
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"|"X-CSRFToken": "[^"]+"')


@pytest.fixture
def hashes(monkeypatch):
    """Counts password hashes (the expensive step) instead of timing them."""
    calls = []
    encode = MD5PasswordHasher.encode

    def counting(self, password, salt):
        calls.append(1)
        return encode(self, password, salt)

    monkeypatch.setattr(MD5PasswordHasher, "encode", counting)
    return calls


def _answer(url, data, hashes):
    before = len(hashes)
    response = Client().post(url, data, REMOTE_ADDR="10.3.3.3")
    assert response.status_code == 200
    return CSRF.sub(b"", response.content), len(hashes) - before


def _cases(agency):
    """The same NIP and NIK typed each time, against each state of the records."""
    birth = dt.date(1988, 4, 12)
    nip, nik, other_nik = nip_for(birth, seq=7), nik_for(birth, seq=7), nik_for(birth, seq=8)
    typed = {"nip": nip, "nik": nik}

    def unknown_nip():
        Person.objects.filter(nip=nip).delete()
        AccessAttempt.objects.all().delete()  # five refusals would lock the NIP

    def wrong_nik_for_a_newcomer():
        unknown_nip()
        Person.objects.create_user(nip, None, nik=other_nik, name="Pendatang", agency=agency)

    def right_nik_but_a_password_is_set():
        unknown_nip()
        Person.objects.create_user(nip, PASSWORD, nik=nik, name="Sudah", agency=agency)

    def wrong_nik_and_a_password_is_set():
        unknown_nip()
        Person.objects.create_user(nip, PASSWORD, nik=other_nik, name="Sudah", agency=agency)

    def inactive_newcomer():
        unknown_nip()
        Person.objects.create_user(
            nip, None, nik=nik, name="Nonaktif", agency=agency, is_active=False
        )

    return typed, [
        unknown_nip,
        wrong_nik_for_a_newcomer,
        right_nik_but_a_password_is_set,
        wrong_nik_and_a_password_is_set,
        inactive_newcomer,
    ]


def test_every_refusal_of_a_first_sign_in_is_the_same_answer_at_the_same_cost(agency, hashes):
    typed, cases = _cases(agency)
    answers = {}
    for arrange in cases:
        arrange()
        answers[arrange.__name__] = _answer(FIRST, typed, hashes)
    bodies = {body for body, _cost in answers.values()}
    costs = {name: cost for name, (_body, cost) in answers.items()}
    assert len(bodies) == 1, f"the answers differ between {sorted(answers)}"
    assert set(costs.values()) == {1}, costs
    assert "sudah memiliki kata sandi" in bodies.pop().decode()


def test_a_successful_first_sign_in_costs_the_same_hash(agency, hashes):
    newcomer = make_person(agency, password=None)
    before = len(hashes)
    response = Client().post(FIRST, {"nip": newcomer.nip, "nik": newcomer.nik})
    assert response.status_code == 302
    assert len(hashes) - before == 1


def test_every_refusal_of_a_sign_in_costs_one_hash(agency, hashes):
    newcomer = make_person(agency, password=None)
    member = make_person(agency)
    typed = [
        {"nip": nip_for(dt.date(1979, 1, 2), seq=555), "password": "x-Salah1"},
        {"nip": newcomer.nip, "password": "x-Salah1"},
        {"nip": member.nip, "password": "x-Salah1"},
    ]
    costs = []
    for data in typed:
        before = len(hashes)
        response = Client().post(SIGN_IN, data, REMOTE_ADDR="10.3.3.4")
        assert response.status_code == 200
        costs.append(len(hashes) - before)
    assert costs == [1, 1, 1]
