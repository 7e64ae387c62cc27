"""The organizer's evaluation studio in Chromium, on the demo course.

Dewi imports a GIFT file with one bad question: nothing is imported and the report names
its line; she imports the clean questions only. Rahmat has started the evaluation and
his connection failed for a while: Dewi gives him 15 extra minutes with a reason, and
the attempt's deadline moves. She reads the statistics of the graded attempts.
"""

import datetime as dt

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from latih.accounts.models import Person
from latih.demo import DEMO_PASSWORD
from latih.exams import services
from latih.exams.models import Attempt, Grant, Question
from latih.exams.models import Test as ExamTest
from latih.learning.models import Course
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

DEWI = "197906252005011005"
RAHMAT = "199811082024211007"
GIFT = """$CATEGORY: $course$/Agenda 2 — Nilai-Nilai BerAKHLAK

::Baru-1:: Nilai BerAKHLAK yang menekankan kerja sama lintas unit adalah ... {
=Kolaboratif
~Kompeten
~Loyal
}

::Baru-2:: Soal tanpa jawaban benar {
~Satu
~Dua
}

::Baru-3:: Pembayaran Rp1.500,50 dicatat dalam laporan\\: itu wujud nilai ... {
=Akuntabel
~Adaptif
}
"""


def test_dewi_imports_questions_grants_time_and_reads_statistics(
    open_page, transactional_db, tmp_path
):
    call_command("load_demo", verbosity=0)
    course = Course.objects.get(slug="latsar-pppk")
    evaluation = ExamTest.objects.get(course=course, kind="post")
    rahmat = Person.objects.get(nip=RAHMAT)
    services.submit_attempt(services.start_attempt(rahmat, evaluation))
    open_attempt = services.start_attempt(rahmat, evaluation)
    before = Question.objects.count()
    bank_file = tmp_path / "bank.gift"
    bank_file.write_text(GIFT, encoding="utf-8")

    page = open_page(1280, 900)
    sign_in(page, DEWI, DEMO_PASSWORD)
    page.get_by_role("link", name="Studio", exact=True).click()
    page.get_by_role("link", name="Pelatihan Dasar PPPK").first.click()
    page.get_by_role("link", name="Bank soal").click()
    page.get_by_role("link", name="Impor soal").first.click()

    page.get_by_label("Berkas soal").set_input_files(str(bank_file))
    page.get_by_role("button", name="Impor").click()
    expect(page.get_by_test_id("refused")).to_be_visible()
    expect(page.get_by_test_id("problem")).to_have_count(1)
    expect(page.get_by_test_id("problem")).to_contain_text("Baris 9")
    assert Question.objects.count() == before

    page.get_by_label("Berkas soal").set_input_files(str(bank_file))
    page.get_by_label("Impor soal yang benar saja dan tampilkan daftar sisanya").check()
    page.get_by_role("button", name="Impor").click()
    expect(page.get_by_test_id("imported")).to_contain_text("2 soal diimpor")
    assert Question.objects.count() == before + 2
    assert Question.objects.filter(text__contains="Rp1.500,50 dicatat dalam laporan:").exists()

    page.goto(f"/studio/{course.pk}/tests/post/results/")
    page.get_by_role("link", name="Rahmat Hidayat").click()
    page.get_by_role("radio", name="Tambahan waktu").check()
    page.get_by_label("Tambahan menit").fill("15")
    page.get_by_role("textbox", name="Alasan").fill("Koneksi di lokasi ujian terputus 15 menit")
    page.get_by_role("button", name="Berikan").click()
    expect(page.get_by_text("Tambahan 15 menit diberikan")).to_be_visible()
    open_attempt.refresh_from_db()
    assert open_attempt.deadline - open_attempt.started_at == dt.timedelta(minutes=105)
    assert Grant.objects.get().attempt == open_attempt
    expect(page.get_by_text("Koneksi di lokasi ujian terputus 15 menit")).to_be_visible()

    services.submit_attempt(Attempt.objects.get(pk=open_attempt.pk))
    page.goto(f"/studio/{course.pk}/tests/post/stats/")
    expect(page.get_by_role("heading", name="Statistik")).to_be_visible()
    expect(page.get_by_role("link", name="Nilai ulang").first).to_be_visible()
