"""Rina, agency admin, adds a new colleague; the colleague signs in the first time."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from latih.demo import DEMO_PASSWORD
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

RINA = "198811302010122004"
AYU_NIP = "199602292024212005"
AYU_NIK = "3521016902960005"


def test_admin_adds_a_person_who_signs_in_with_the_nik(open_page, transactional_db):
    call_command("load_demo", verbosity=0)
    rina = open_page(width=1280, height=800)
    sign_in(rina, RINA, DEMO_PASSWORD)
    rina.get_by_role("navigation").get_by_role("link", name="Pegawai").click()
    rina.get_by_role("link", name="Tambah pegawai").click()
    rina.get_by_label("NIP").fill(AYU_NIP)
    rina.get_by_label("NIK").fill(AYU_NIK[:6] + "2902960005")  # a man's NIK: no match
    rina.get_by_label("Nama").fill("Ayu Pratiwi")
    rina.get_by_role("button", name="Tambah", exact=True).click()
    # Refused, the NIK field tells why, and keyboard focus is on it.
    expect(rina.locator("#id_nik_error")).to_be_visible()
    expect(rina.get_by_label("NIK")).to_be_focused()
    rina.get_by_label("NIK").fill(AYU_NIK)
    rina.get_by_role("button", name="Tambah", exact=True).click()
    expect(rina.get_by_role("status")).to_contain_text("Ayu Pratiwi telah ditambahkan")

    ayu = open_page()
    ayu.goto("/login/first/")
    ayu.get_by_label("NIP").fill(AYU_NIP)
    ayu.get_by_label("NIK").fill(AYU_NIK)
    ayu.get_by_role("button", name="Lanjutkan").click()
    ayu.wait_for_url("**/password/new/")
    expect(ayu.locator("h1")).to_contain_text("Buat kata sandi")
