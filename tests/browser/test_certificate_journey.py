"""A cohort's end in Chromium, on the demo course.

Dewi, the organizer, imports the sample participant list into the demo cohort (two of its
rows are refused, by line), then finalizes the cohort's grades. Siti, who has studied
everything and passed the evaluation, downloads her certificate from her profile on her
phone. A visitor opens the certificate's QR link, without signing in, and sees it valid.
"""

import io
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.core.management import call_command
from playwright.sync_api import expect
from pypdf import PdfReader

from latih.accounts.models import Person
from latih.certificates.models import Certificate
from latih.demo import DEMO_PASSWORD
from latih.exams.models import Test as ExamTest
from latih.learning.models import Cohort, Course, Enrollment
from tests.browser.conftest import sign_in
from tests.factories import finish_course, graded_attempt

pytestmark = pytest.mark.browser

DEWI = "197906252005011005"
SITI = "199507222024212002"
SAMPLE = Path(__file__).resolve().parents[2] / "docs" / "demo" / "peserta-contoh.csv"


def test_finalize_the_demo_cohort_download_and_verify(open_page, transactional_db, tmp_path):
    call_command("load_demo", verbosity=0)
    course = Course.objects.get(slug="latsar-pppk")
    cohort = Cohort.objects.get(course=course)
    siti = Person.objects.get(nip=SITI)
    finish_course(siti, course, journals="accepted")
    graded_attempt(siti, ExamTest.objects.get(course=course, kind="post"), "86.5")

    organizer = open_page(1280, 900)
    sign_in(organizer, DEWI, DEMO_PASSWORD)
    organizer.goto("/cohorts/")
    organizer.get_by_role("link", name=cohort.name).click()
    organizer.locator("input[type=file]").set_input_files(str(SAMPLE))
    organizer.locator(f"form[action='/cohorts/{cohort.pk}/import/'] button").click()
    expect(organizer.get_by_test_id("job")).to_have_attribute("data-status", "done")
    expect(organizer.get_by_test_id("bad-rows")).to_have_text("2")
    expect(organizer.get_by_test_id("problem")).to_have_count(2)
    assert Enrollment.objects.filter(cohort=cohort).count() == 3 + 14

    organizer.goto(f"/cohorts/{cohort.pk}/results/")
    finalize = organizer.locator(f"form[action='/cohorts/{cohort.pk}/results/finalize/']")
    finalize.locator("input[type=checkbox]").check()
    # The demo cohort runs for weeks yet: finalizing now needs a reason (Promise #9).
    finalize.get_by_label("Alasan memfinalkan nilai sebelum angkatan berakhir").fill(
        "Uji coba: angkatan diselesaikan lebih awal."
    )
    finalize.locator("button").click()
    expect(organizer.get_by_test_id("job")).to_have_attribute("data-status", "done")
    organizer.goto(f"/cohorts/{cohort.pk}/certificates/")
    expect(organizer.get_by_test_id("certificate")).to_have_count(1)
    expect(organizer.get_by_test_id("certificate")).to_contain_text("Siti Rahayu")

    phone = open_page()
    sign_in(phone, SITI, DEMO_PASSWORD)
    phone.goto("/profile/")
    with phone.expect_download() as download:
        phone.get_by_role("link", name="Download Sertifikat").click()
    saved = tmp_path / "sertifikat.pdf"
    download.value.save_as(saved)
    pdf = PdfReader(io.BytesIO(saved.read_bytes()))
    text = pdf.pages[0].extract_text()
    certificate = Certificate.objects.get(person=siti)
    assert "Siti Rahayu" in text and certificate.number in text
    link = re.search(r"https?://\S+/v/[\w-]+/?", text.replace("\n", ""))
    assert link, text

    visitor = open_page()
    visitor.goto(urlparse(link.group(0)).path)
    verdict = visitor.get_by_test_id("verdict")
    expect(verdict).to_have_attribute("data-valid", "yes")
    expect(verdict).to_contain_text("Siti Rahayu")
    expect(verdict).to_contain_text(certificate.number)
    expect(visitor.locator("body")).not_to_contain_text(SITI)
