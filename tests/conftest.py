import os
from pathlib import Path

import pytest
from django.core.cache import cache

from tests.factories import make_agency, make_person, signed_in

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _test_settings(settings):
    # Argon2 is slow on purpose; tests of other things use a fast hasher
    # (test_passwords.py checks Argon2 itself). Static files need no collectstatic.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.LANGUAGE_CODE = "id"
    cache.clear()


@pytest.fixture
def session_queries(settings):
    """Queries a signed-in request spends on its session: none when the session lives in
    the cache (Redis in CI's second run), one when it lives in the database."""
    return 1 if settings.SESSION_ENGINE.endswith(".db") else 0


@pytest.fixture
def agency(db):
    return make_agency("Pemerintah Kabupaten Uji")


@pytest.fixture
def participant(agency):
    return make_person(agency, name="Peserta Uji")


@pytest.fixture
def agency_admin(agency):
    return make_person(agency, role="agency_admin", name="Admin Uji")


@pytest.fixture
def admin_client(agency_admin):
    """A client signed in as the agency admin."""
    return signed_in(agency_admin)


@pytest.fixture
def other_agency_person(db):
    return make_person(make_agency("Pemerintah Kota Lain"), name="Orang Lain")


def pytest_sessionfinish(session, exitstatus):
    """In CI's browser stage a skipped browser test is a failure, not a pass."""
    if os.environ.get("LATIH_REQUIRE_BROWSER") != "1":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None and reporter.stats.get("skipped"):
        reporter.write_line("Browser tests were skipped: CI requires them to run.", red=True)
        session.exitstatus = 1
