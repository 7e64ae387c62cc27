"""Dewi, the organizer, writes a small course in the studio, uploads a PDF, reorders its
sections with the buttons, publishes it and enrols Siti, who then studies it."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect
from reportlab.pdfgen import canvas

from latih.demo import DEMO_PASSWORD
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

DEWI = "197906252005011005"
SITI = "199507222024212002"


def pdf_file(tmp_path):
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "Etika Pelayanan Publik")
    page.save()
    path = tmp_path / "etika.pdf"
    path.write_bytes(buffer.getvalue())
    return path


def test_organizer_writes_publishes_and_enrols(open_page, transactional_db, tmp_path):
    call_command("load_demo", verbosity=0)
    dewi = open_page(1024, 800)
    sign_in(dewi, DEWI, DEMO_PASSWORD)
    dewi.get_by_role("navigation").get_by_role("link", name="Studio").click()
    dewi.get_by_role("link", name="Pelatihan baru").click()
    dewi.get_by_label("Judul").fill("Etika Pelayanan Publik")
    dewi.get_by_label("Nama singkat").fill("etika-pelayanan")
    dewi.get_by_label("Ketentuan pelatihan").fill("Pelajari materi secara berurutan.")
    dewi.get_by_role("button", name="Simpan").click()
    expect(dewi.locator("h1")).to_have_text("Etika Pelayanan Publik")

    for title in ("Bagian Satu", "Bagian Dua"):
        dewi.get_by_role("link", name="Tambah bagian").click()
        dewi.get_by_label("Judul").fill(title)
        dewi.get_by_role("button", name="Simpan").click()
    first = dewi.locator("#section-" + dewi.locator("li[data-id]").first.get_attribute("data-id"))
    first.get_by_role("link", name="Tambah PDF").click()
    dewi.get_by_label("Judul").fill("Modul Etika")
    # A wrong file is refused with a reason, and nothing is saved.
    wrong = tmp_path / "bukan.pdf"
    wrong.write_text("ini bukan PDF")
    dewi.get_by_label("Dokumen PDF").set_input_files(str(wrong))
    dewi.get_by_role("button", name="Simpan").click()
    expect(dewi.locator("main")).to_contain_text("bukan dokumen PDF")
    dewi.get_by_label("Dokumen PDF").set_input_files(str(pdf_file(tmp_path)))
    dewi.get_by_role("button", name="Simpan").click()
    expect(dewi.locator("main")).to_contain_text("Modul Etika")

    second = dewi.locator("ol[data-kind=section] > li").nth(1)
    second.get_by_role("link", name="Tambah teks").click()
    dewi.get_by_label("Judul").fill("Bacaan Pembuka")
    dewi.get_by_label("Teks").fill("<p>Selamat belajar.</p><script>alert(1)</script>")
    dewi.get_by_role("button", name="Simpan").click()
    second = dewi.locator("ol[data-kind=section] > li").nth(1)
    second.get_by_role("button", name="Naik Bagian Dua").click()
    expect(dewi.locator("ol[data-kind=section] > li h3").first).to_have_text("Bagian Dua")

    dewi.get_by_role("button", name="Terbitkan").click()
    expect(dewi.locator("main")).to_contain_text("Terbit")
    dewi.get_by_label("Angkatan").fill("Angkatan Etika I")
    dewi.get_by_label("Daftar NIP").fill(f"{SITI}\n123")
    dewi.get_by_role("button", name="Daftarkan").click()
    expect(dewi.get_by_role("status").first).to_contain_text("1 peserta didaftarkan")

    siti = open_page()
    sign_in(siti, SITI, DEMO_PASSWORD)
    siti.get_by_role("link", name="Etika Pelayanan Publik").first.click()
    siti.get_by_label("Saya memahami dan bersedia mematuhi ketentuan ini").check()
    siti.get_by_role("button", name="Mulai Akses Materi").click()
    expect(siti.locator("li.section h2").first).to_have_text("Bagian Dua")
    siti.locator("ol.sections").get_by_role("link", name="Bacaan Pembuka").click()
    expect(siti.locator(".prose")).to_have_text("Selamat belajar.")
    siti.get_by_role("button", name="Selesai", exact=True).click()
    expect(siti.get_by_role("status").filter(has_text="Selesai!")).to_be_visible()
