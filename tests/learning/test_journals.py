"""Resume journals: written or uploaded, saved as a draft, submitted, reviewed by the
cohort's facilitator, returned with feedback, revised and resubmitted."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from reportlab.pdfgen import canvas

from latih.learning import services
from latih.learning.models import Cohort, Enrollment, Journal, JournalEvent
from tests.factories import enrol, make_person, signed_in


def real_pdf() -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "Jurnal resume Agenda 1")
    page.save()
    return buffer.getvalue()


@pytest.fixture
def agenda(course, materials, student):
    """The course's journal section ("Agenda 1"), opened: its predecessor is done."""
    for material in materials[:2]:
        row = services.open_material(student, material)
        if material.kind == "video":
            row.watched = [[0, material.duration]]
            row.save()
        services.complete_material(student, material)
    return course.sections.get(journal_required=True)


@pytest.fixture
def facilitator(agency, course, student):
    person = make_person(agency, role="facilitator", name="Fasilitator Uji")
    cohort = Cohort.objects.create(course=course, name="Angkatan I")
    cohort.facilitators.add(person)
    Enrollment.objects.filter(person=student).update(cohort=cohort)
    return person


@pytest.fixture
def facilitator_client(facilitator):
    return signed_in(facilitator)


def journal_url(section):
    return reverse("learning:journal", args=[section.course.slug, section.pk])


def test_draft_then_submit(student_client, agenda, student):
    url = journal_url(agenda)
    response = student_client.post(url, {"text": "Catatan awal saya.", "draft": "1"})
    assert response.status_code == 302
    journal = Journal.objects.get(person=student)
    assert (journal.status, journal.text) == ("draft", "Catatan awal saya.")
    response = student_client.post(url, {"text": "Refleksi lengkap.", "submit": "1"})
    assert response.status_code == 302
    journal.refresh_from_db()
    assert (journal.status, journal.revision) == ("submitted", 1)
    assert journal.submitted_at is not None


def test_an_empty_journal_cannot_be_submitted(student_client, agenda):
    response = student_client.post(journal_url(agenda), {"text": "   ", "submit": "1"})
    assert response.status_code == 400
    assert "Tulis jurnal Anda atau unggah" in response.content.decode()
    assert not Journal.objects.exists()  # nothing saved


def test_upload_a_pdf_journal(student_client, agenda, student):
    upload = SimpleUploadedFile("jurnal.pdf", real_pdf(), content_type="application/pdf")
    response = student_client.post(journal_url(agenda), {"text": "", "file": upload, "submit": "1"})
    assert response.status_code == 302
    journal = Journal.objects.get(person=student)
    assert (journal.status, journal.file_type, journal.file_name) == (
        "submitted",
        "application/pdf",
        "jurnal.pdf",
    )
    download = student_client.get(
        reverse("learning:journal_file", args=[agenda.course.slug, agenda.pk])
    )
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_renamed_file_is_refused_and_nothing_changes(student_client, agenda):
    fake = SimpleUploadedFile("jurnal.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = student_client.post(journal_url(agenda), {"text": "x", "file": fake, "submit": "1"})
    assert response.status_code == 400
    assert "bukan dokumen PDF atau Word" in response.content.decode()
    assert not Journal.objects.exists()  # nothing saved


def test_double_submit_submits_once(student_client, agenda):
    for _ in range(2):
        student_client.post(journal_url(agenda), {"text": "Refleksi.", "submit": "1"})
    journal = Journal.objects.get()
    assert (journal.status, journal.revision, journal.events.count()) == ("submitted", 1, 1)


def test_a_locked_section_journal_cannot_be_written(student_client, course):
    section = course.sections.get(journal_required=True)
    response = student_client.get(journal_url(section))
    assert response.status_code == 302
    assert not Journal.objects.exists()


def test_facilitator_accepts_and_the_participant_is_told(
    student_client, facilitator_client, agenda, student
):
    student_client.post(journal_url(agenda), {"text": "Refleksi saya.", "submit": "1"})
    queue = facilitator_client.get(reverse("learning:review_queue"))
    assert "Refleksi saya." in queue.content.decode()
    journal = Journal.objects.get()
    response = facilitator_client.post(
        reverse("learning:review_journal", args=[journal.pk]),
        {"decision": "accept", "feedback": ""},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "Diterima" in response.content.decode()
    journal.refresh_from_db()
    assert journal.status == "accepted"
    page = student_client.get(reverse("core:dashboard")).content.decode()
    assert "diterima" in page


def test_returned_journal_is_revised_and_resubmitted(
    student_client, facilitator_client, agenda, student
):
    student_client.post(journal_url(agenda), {"text": "Versi pertama.", "submit": "1"})
    journal = Journal.objects.get()
    review = reverse("learning:review_journal", args=[journal.pk])
    refused = facilitator_client.post(review, {"decision": "return", "feedback": ""})
    assert refused.status_code == 400  # returning needs feedback
    facilitator_client.post(review, {"decision": "return", "feedback": "Tambahkan contoh."})
    journal.refresh_from_db()
    assert (journal.status, journal.feedback) == ("returned", "Tambahkan contoh.")
    page = student_client.get(journal_url(agenda)).content.decode()
    assert "Tambahkan contoh." in page
    student_client.post(journal_url(agenda), {"text": "Versi kedua.", "submit": "1"})
    journal.refresh_from_db()
    assert (journal.status, journal.revision, journal.text) == ("submitted", 2, "Versi kedua.")
    assert list(JournalEvent.objects.values_list("status", flat=True)) == [
        "submitted",
        "returned",
        "submitted",
    ]


def test_facilitator_of_another_cohort_sees_nothing(student_client, agenda, agency, course):
    student_client.post(journal_url(agenda), {"text": "Refleksi.", "submit": "1"})
    other = make_person(agency, role="facilitator")
    Cohort.objects.create(course=course, name="Angkatan II").facilitators.add(other)
    client = signed_in(other)
    assert "Refleksi." not in client.get(reverse("learning:review_queue")).content.decode()
    journal = Journal.objects.get()
    assert client.get(reverse("learning:review_journal", args=[journal.pk])).status_code == 404


def test_participants_cannot_review(student_client, agenda):
    student_client.post(journal_url(agenda), {"text": "Refleksi.", "submit": "1"})
    assert student_client.get(reverse("learning:review_queue")).status_code == 403


def test_review_queue_query_count(
    facilitator_client, facilitator, course, agency, django_assert_num_queries, session_queries
):
    cohort = Cohort.objects.get()
    section = course.sections.get(journal_required=True)
    for n in range(4):
        person = make_person(agency)
        enrol(person, course).__class__.objects.filter(person=person).update(cohort=cohort)
        Journal.objects.create(person=person, section=section, status="submitted", text=f"J{n}")
    # user, journals with person, agency, section and course
    with django_assert_num_queries(session_queries + 2):
        response = facilitator_client.get(reverse("learning:review_queue"))
    assert response.content.decode().count('class="card journal"') == 4
