"""The README's demo story, end to end, against the loaded demo and through HTTP only
(no factories): Rahmat, who has studied everything, takes and passes the academic
evaluation; Dewi computes and finalizes the demo cohort's grades (before its end, so with
a reason); Rahmat downloads his certificate from his profile and sees his hours (JP) in
this year; an anonymous visitor verifies the certificate by its number and by the
address its QR code holds."""

import io
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from latih.certificates.pdf import indonesian_date
from latih.common import clock
from latih.demo import DEMO_PASSWORD
from latih.demo.content import COURSE_SLUG
from latih.demo.learning import COHORT_NAME
from latih.exams.models import Attempt, Item
from latih.learning.models import Cohort

RAHMAT, DEWI = "199811082024211007", "197906252005011005"
REASON = "Demo: angkatan diselesaikan lebih awal untuk uji coba."


@pytest.fixture(autouse=True)
def _demo(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CELERY_TASK_ALWAYS_EAGER = True
    call_command("load_demo", verbosity=0)


def sign_in(nip: str) -> Client:
    """A browser that signed in with the demo password, as the README says."""
    client = Client()
    response = client.post(reverse("accounts:sign_in"), {"nip": nip, "password": DEMO_PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def text_of(pdf: bytes) -> str:
    return " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())


def test_the_readmes_demo_story_end_to_end(django_capture_on_commit_callbacks):
    def post(client, url, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data or {})

    # Rahmat has studied everything: the course page says so, and the evaluation is open.
    rahmat = sign_in(RAHMAT)
    course_page = rahmat.get(f"/learn/{COURSE_SLUG}/").content.decode()
    assert "<strong>100%</strong>" in course_page
    test_url = f"/learn/{COURSE_SLUG}/test/post/"
    assert rahmat.get(test_url).status_code == 200

    # He starts it, answers every question correctly (the right options read from the
    # attempt's own copy of each question), and finishes.
    started = post(rahmat, test_url + "start/")
    assert started.status_code == 302
    attempt_id = int(re.fullmatch(r"/attempt/(\d+)/", started.url).group(1))
    assert rahmat.get(started.url).status_code == 200
    items = list(Item.objects.filter(attempt_id=attempt_id).order_by("position"))
    assert len(items) == 40
    for item in items:
        right = [str(o["id"]) for o in item.options if Decimal(o["fraction"]) > 0]
        saved = rahmat.post(
            f"/attempt/{attempt_id}/answer/",
            {"position": item.position, "seq": 1, "option": right},
        )
        assert saved.status_code == 200, saved.content
    finished = post(rahmat, f"/attempt/{attempt_id}/finish/")
    assert finished.url == f"/attempt/{attempt_id}/result/"
    assert rahmat.get(finished.url).status_code == 200
    attempt = Attempt.objects.get(pk=attempt_id)
    assert attempt.score == Decimal("100.00") and attempt.passed

    # Dewi computes the cohort's results: Rahmat passes, Siti (midway) does not.
    dewi = sign_in(DEWI)
    cohort = Cohort.objects.get(name=COHORT_NAME)
    assert f"/cohorts/{cohort.pk}/" in dewi.get("/cohorts/").content.decode()
    computed = post(dewi, f"/cohorts/{cohort.pk}/results/compute/")
    assert dewi.get(computed.url).status_code == 200
    page = dewi.get(f"/cohorts/{cohort.pk}/results/", {"status": "passed"}).content.decode()
    assert "Rahmat Hidayat" in page and "Siti Rahayu" not in page

    # The cohort runs for weeks yet: finalizing needs a reason, and without one nothing
    # happens.
    refused = post(dewi, f"/cohorts/{cohort.pk}/results/finalize/", {"confirm": "on"})
    assert refused.status_code == 400
    cohort.refresh_from_db()
    assert cohort.finalized_at is None
    finalized = post(
        dewi, f"/cohorts/{cohort.pk}/results/finalize/", {"confirm": "on", "early_reason": REASON}
    )
    assert finalized.status_code == 302
    assert dewi.get(finalized.url).status_code == 200
    results = dewi.get(f"/cohorts/{cohort.pk}/results/").content.decode()
    assert REASON in results
    cohort.refresh_from_db()
    assert cohort.finalized_at is not None

    # Rahmat finds his certificate and this year's hours on his profile.
    profile = rahmat.get("/profile/").content.decode()
    assert 'data-testid="hours"><strong>24</strong> / 20 JP' in profile
    links = re.findall(r'href="(/certificates/\d+/download/)"', profile)
    assert len(links) == 1
    download = rahmat.get(links[0])
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    pdf = b"".join(download.streaming_content) if download.streaming else download.content
    assert pdf.startswith(b"%PDF")
    text = text_of(pdf)
    assert "Rahmat Hidayat" in text and "Pelatihan Dasar PPPK" in text
    today = clock.today()
    assert str(today.year) in text
    number = re.search(r"\b\d{5}/[A-Z0-9]{4}/[A-Za-z0-9-]+/\d{4}\b", text).group(0)
    token = re.search(r"/v/([A-Za-z0-9_-]+)/", text).group(1)

    # The certificate states no period that has not ended: its last day is today.
    assert indonesian_date(today) in text
    ends = indonesian_date(cohort.ends_on)
    assert ends not in text or ends == indonesian_date(today)

    # An anonymous visitor checks it, by number and by the QR code's address.
    visitor = Client()
    by_number = visitor.get("/verify/", {"number": number}).content.decode()
    assert 'data-valid="yes"' in by_number and "Rahmat Hidayat" in by_number
    by_link = visitor.get(f"/v/{token}/").content.decode()
    assert 'data-valid="yes"' in by_link and number in by_link

    # And the evaluation is closed now that the grades are final.
    assert rahmat.post(test_url + "start/").status_code == 409
