"""Siti finds her position wrong, asks for a correction; Rina, her agency admin, accepts
it on her phone; Siti sees the new value. Then the interface in English."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from latih.demo import DEMO_PASSWORD
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

SITI = "199507222024212002"
RINA = "198811302010122004"
NEW_POSITION = "Pranata Komputer Ahli Muda"


def test_correction_requested_accepted_and_shown(open_page, transactional_db):
    call_command("load_demo", verbosity=0)

    siti = open_page()
    sign_in(siti, SITI, DEMO_PASSWORD)
    siti.get_by_role("navigation").get_by_role("link", name="Profil", exact=True).click()
    siti.get_by_role("link", name="Data tidak sesuai?").click()
    siti.get_by_label("Jabatan").fill(NEW_POSITION)
    siti.get_by_label("Keterangan").fill("Sudah naik jenjang sejak Oktober.")
    siti.get_by_role("button", name="Kirim permintaan").click()
    siti.wait_for_url("**/profile/")
    expect(siti.get_by_role("status")).to_contain_text("admin instansi")
    expect(siti.locator("main")).to_contain_text("Menunggu verifikasi")

    rina = open_page()
    sign_in(rina, RINA, DEMO_PASSWORD)
    rina.get_by_role("navigation").get_by_role("link", name="Perbaikan data").click()
    card = rina.locator("article.correction", has_text="Siti Rahayu")
    expect(card).to_contain_text(NEW_POSITION)
    url_before = rina.url
    card.get_by_role("button", name="Terima dan terapkan").click()
    # htmx swaps the card in place: same page, the request now says it is accepted.
    expect(rina.locator("article.correction", has_text="Siti Rahayu")).to_contain_text("Diterima")
    assert rina.url == url_before

    siti.reload()
    expect(siti.locator("main")).to_contain_text(NEW_POSITION)
    expect(siti.locator("main")).to_contain_text("Diterima")


def test_switching_to_english_and_back(phone, transactional_db):
    call_command("load_demo", verbosity=0)
    sign_in(phone, SITI, DEMO_PASSWORD)
    phone.get_by_role("button", name="EN English").click()
    expect(phone.locator("html")).to_have_attribute("lang", "en")
    expect(phone.locator("h1")).to_contain_text("Welcome, Siti")
    phone.get_by_role("button", name="ID Bahasa Indonesia").click()
    expect(phone.locator("h1")).to_contain_text("Selamat datang, Siti")
