"""Budi's first day: NIP + NIK, a new password, sign out, sign in again, his profile."""

import os

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

BUDI_NIP = "199203152024211001"
BUDI_NIK = "3174051503920001"
NEW_PASSWORD = "Ngawi#Belajar2026"


def test_budi_signs_in_for_the_first_time_and_sees_his_profile(phone, transactional_db, tmp_path):
    call_command("load_demo", verbosity=0)
    page = phone

    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "id"
    page.get_by_role("link", name="Masuk dengan NIK").click()
    page.get_by_label("NIP").fill(BUDI_NIP)
    page.get_by_label("NIK").fill(BUDI_NIK)
    page.get_by_role("button", name="Lanjutkan").click()

    page.wait_for_url("**/password/new/")
    page.get_by_label("Kata sandi baru", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Ulangi kata sandi baru").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Simpan kata sandi").click()
    # The course's welcome video plays once, then the course rules ask for consent.
    page.wait_for_url("**/learn/latsar-pppk/welcome/")
    assert "Selamat datang di Pelatihan Dasar PPPK" in page.locator("h1").inner_text()
    page.wait_for_function("() => document.querySelector('video').readyState >= 1")
    page.get_by_role("link", name="Lanjut ke pelatihan").click()
    start = page.get_by_role("button", name="Mulai Akses Materi")
    expect(start).to_be_disabled()
    page.get_by_label("Saya memahami dan bersedia mematuhi ketentuan ini").check()
    start.click()
    expect(page.locator("h1")).to_have_text("Pelatihan Dasar PPPK")
    expect(page.get_by_role("progressbar")).to_be_visible()
    page.get_by_role("link", name="Beranda").click()
    assert "Selamat datang, Budi" in page.locator("h1").inner_text()

    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url("**/login/")
    page.get_by_label("NIP").fill(BUDI_NIP)
    page.get_by_label("Kata sandi").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/")

    page.get_by_role("navigation").get_by_role("link", name="Profil", exact=True).click()
    page.wait_for_url("**/profile/")
    profile = page.locator("main").inner_text()
    assert "Budi Santoso" in profile
    assert BUDI_NIP in profile.replace("\u00a0", "")  # shown in groups: 19920315 202421 1 001
    assert BUDI_NIK not in profile and "0001" in profile
    assert "Pemerintah Kabupaten Ngawi" in profile
    assert "Data tidak sesuai?" in profile
    assert "Nilai akademik" in profile
    # Nothing overflows the phone's width.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"page is {width}px wide on a 360px phone"
    page.screenshot(
        path=os.environ.get("LATIH_SCREENSHOT", str(tmp_path / "profile.png")), full_page=True
    )
