"""``manage.py unlock_address`` changes what the running server sees, in the embedded mode
too: the address counters live in a store every process shares (the database there)."""

import os
import subprocess
import sys
import threading
import time
from io import StringIO

import pytest
from django.core.cache import caches
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from latih.accounts import throttle
from tests.conftest import ROOT
from tests.factories import PASSWORD, make_person

SIGN_IN = reverse("accounts:sign_in")


def _lock_address(agency, address, limit):
    for person in [make_person(agency) for _ in range(limit)]:
        Client().post(SIGN_IN, {"nip": person.nip, "password": "x"}, REMOTE_ADDR=address)


def _sign_in(person, address):
    return (
        Client()
        .post(SIGN_IN, {"nip": person.nip, "password": PASSWORD}, REMOTE_ADDR=address)
        .status_code
    )


def test_without_redis_the_counters_live_in_the_database(settings):
    if os.environ.get("REDIS_URL"):
        pytest.skip("with Redis the counters live in Redis")
    assert isinstance(caches["counters"], throttle.CounterCache)


def test_unlock_address_lifts_the_lock_and_says_so(agency, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 3
    _lock_address(agency, "10.9.9.9", 3)
    person = make_person(agency)
    assert _sign_in(person, "10.9.9.9") == 429

    out = StringIO()
    call_command("unlock_address", "10.9.9.9", stdout=out)
    assert "allowed again" in out.getvalue()
    assert _sign_in(person, "10.9.9.9") == 302

    out = StringIO()
    call_command("unlock_address", "10.9.9.9", stdout=out)
    assert "nothing to lift" in out.getvalue()


def test_unlock_address_accepts_any_spelling_of_the_address(agency, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 3
    _lock_address(agency, "2001:db8::5", 3)
    call_command("unlock_address", "2001:DB8:0::5", stdout=StringIO())
    assert _sign_in(make_person(agency), "2001:db8::5") == 302


def test_unlock_address_refuses_what_is_not_an_address(db):
    with pytest.raises(CommandError, match="not an IP address"):
        call_command("unlock_address", "10.9.9", stdout=StringIO())


def test_a_counter_keeps_its_window_when_counted_again(db):
    counters = caches["counters"]
    throttle.count_in_window("latih:test-window", 2)
    for _ in range(3):
        assert throttle.count_in_window("latih:test-window", 2) > 1
    time.sleep(2.1)  # the window started with the first count, not the last
    assert counters.get("latih:test-window") is None
    assert throttle.count_in_window("latih:test-window", 2) == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_counts_are_not_lost():
    def count():
        for _ in range(10):
            throttle.count_in_window("latih:test-concurrent", 60)
        connection.close()

    threads = [threading.Thread(target=count) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert caches["counters"].get("latih:test-concurrent") == 40
    finally:
        caches["counters"].delete("latih:test-concurrent")


@pytest.mark.django_db(transaction=True)
def test_unlock_address_run_as_another_process_unlocks_this_one(agency, settings):
    if connection.vendor != "sqlite":
        pytest.skip("the subprocess is pointed at the SQLite test database")
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 3
    _lock_address(agency, "10.8.8.8", 3)
    person = make_person(agency)
    try:
        assert _sign_in(person, "10.8.8.8") == 429
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{connection.settings_dict['NAME']}"}
        result = subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), "unlock_address", "10.8.8.8"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        assert "allowed again" in result.stdout
        assert _sign_in(person, "10.8.8.8") == 302
    finally:
        throttle.unlock("10.8.8.8")
