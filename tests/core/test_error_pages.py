"""Error pages are the site's own: in the person's language and look, with a way home,
never Django's bare English pages; the 500 page shows when nothing else works."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from latih.core import error_pages
from tests.factories import signed_in

pytestmark = pytest.mark.urls("tests.core.error_urls")

DJANGO_PAGES = (
    "<h1>Not Found</h1>",
    "The requested resource was not found",
    "<h1>Server Error (500)</h1>",
    "<h1>403 Forbidden</h1>",
    "<h1>Bad Request (400)</h1>",
    "CSRF verification failed",
)


@pytest.fixture(autouse=True)
def _production(settings):
    settings.DEBUG = False


def _own_page(response, status, heading):
    page = response.content.decode()
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    assert not any(text in page for text in DJANGO_PAGES), page
    assert '<html lang="id">' in page
    assert f'<h1 id="error-heading">{heading}</h1>' in page
    assert 'href="/">Kembali ke beranda</a>' in page
    assert "latih.css" in page  # the site's look
    return page


def test_an_unknown_address_gets_the_site_404_in_indonesian(db):
    page = _own_page(Client().get("/tidak-ada/"), 404, "Halaman tidak ditemukan")
    assert "Periksa alamatnya" in page


def test_a_signed_in_person_keeps_the_menu_on_a_404(participant):
    page = _own_page(signed_in(participant).get("/tidak-ada/"), 404, "Halaman tidak ditemukan")
    assert 'aria-label="Menu utama"' in page or "Profil" in page


def test_the_404_follows_the_persons_language(participant):
    client = signed_in(participant)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get("/nowhere/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page and "Back to the home page" in page


def test_a_refused_page_gets_the_site_403(db):
    page = _own_page(Client().get("/test-errors/forbidden/"), 403, "Akses ditolak")
    assert "Anda tidak memiliki akses" in page


def test_a_bad_request_gets_the_site_400(db):
    _own_page(Client().get("/test-errors/suspicious/"), 400, "Permintaan tidak dapat diproses")


def test_a_bug_gets_the_site_500_without_its_details(db):
    client = Client(raise_request_exception=False)
    page = _own_page(client.get("/test-errors/boom/"), 500, "Terjadi kesalahan")
    assert "a bug" not in page and "RuntimeError" not in page


def test_the_500_page_needs_no_database_and_no_static_manifest(rf, monkeypatch, db):
    def missing(path):
        raise ValueError(f"Missing staticfiles manifest entry for '{path}'")

    monkeypatch.setattr(error_pages, "static", missing)
    with CaptureQueriesContext(connection) as queries:
        response = error_pages.server_error(rf.get("/"))
    assert response.status_code == 500 and len(queries) == 0
    page = response.content.decode()
    assert "Terjadi kesalahan" in page and 'href="/"' in page and "<link rel" not in page


def test_a_form_sent_without_its_token_gets_the_site_csrf_page(participant):
    client = Client(enforce_csrf_checks=True)
    client.force_login(participant)
    response = client.post(reverse("accounts:logout"))
    page = _own_page(response, 403, "Formulir sudah kedaluwarsa")
    assert "muat ulang halaman" in page


def test_the_429_pages_have_the_same_look(db, settings):
    page = _own_page(Client().get("/test-errors/too-many/"), 429, "Terlalu banyak permintaan")
    assert "Tunggu beberapa menit" in page
    settings.VERIFY_LOOKUP_LIMIT = 0
    response = Client().get("/verify/", {"number": "00009/X/2026"})
    page = _own_page(response, 429, "Verifikasi sertifikat")
    assert "Terlalu banyak pemeriksaan" in page


def test_an_application_error_page_has_the_same_look(db):
    page = _own_page(Client().get("/test-errors/refused/"), 409, "Tidak dapat dilakukan")
    assert 'data-error="conflict">Waktu ujian sudah habis.</p>' in page


def test_scripts_get_json_errors(db):
    response = Client().get("/tidak-ada/", HTTP_ACCEPT="application/json")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found" and response.json()["message"]
    boom = Client(raise_request_exception=False).get(
        "/test-errors/boom/", HTTP_ACCEPT="application/json"
    )
    assert boom.status_code == 500 and boom.json()["error"] == "server_error"


def test_htmx_requests_get_the_message_in_place(db):
    response = Client().get("/tidak-ada/", HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert response.status_code == 404
    assert page.startswith('<p class="msg msg--error" role="alert" data-error="not_found">')
