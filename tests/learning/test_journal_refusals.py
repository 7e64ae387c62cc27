"""Every refusal of a journal, and that it changes nothing.

The participant's side (``save_journal``): nothing to submit, a file of a refused type or
too large, a text too long, a section still locked or without a journal, a journal already
submitted. The reviewer's side (``review_journal``): a journal not waiting for review,
returning without feedback, a second decision. Each is told in Indonesian where the page
shows it; the journal, its file and its history stay as they were."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from latih.learning import services
from latih.learning.models import Cohort, Enrollment, Journal, JournalEvent
from tests.factories import make_person, signed_in

from .test_journals import journal_url, real_pdf

MB = 1024 * 1024


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
def reviewer(agency, course, student):
    """The facilitator of the student's cohort."""
    person = make_person(agency, role="facilitator", name="Fasilitator Uji")
    cohort = Cohort.objects.create(course=course, name="Angkatan I")
    cohort.facilitators.add(person)
    Enrollment.objects.filter(person=student).update(cohort=cohort)
    return person


def pdf(name="jurnal.pdf", size=None):
    content = real_pdf()
    if size is not None:
        content += b"\n" * (size - len(content))
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def state(journal):
    """What a refusal must leave alone: the row, its file on disk and its history."""
    row = Journal.objects.filter(pk=journal.pk).values().get()
    on_disk = journal.file.storage.exists(journal.file.name) if journal.file else None
    return row, on_disk, JournalEvent.objects.filter(journal=journal).count()


@pytest.fixture
def draft(student, agenda):
    """A draft with a text and a PDF."""
    return services.save_journal(student, agenda, text="Catatan awal.", upload=pdf())


@pytest.fixture
def submitted(student, agenda):
    return services.save_journal(student, agenda, text="Refleksi lengkap.", submit=True)


# --- The participant -------------------------------------------------------------------------
def test_submitting_after_removing_the_only_file_with_no_text_is_refused_and_the_file_kept(
    student, student_client, agenda
):
    draft = services.save_journal(student, agenda, text="", upload=pdf())
    before = state(draft)
    response = student_client.post(
        journal_url(agenda), {"text": "  ", "remove_file": "1", "submit": "1"}
    )
    assert response.status_code == 400
    assert "Tulis jurnal Anda atau unggah" in response.content.decode()
    assert state(draft) == before and before[1] is True


def test_a_text_of_only_blanks_and_nul_characters_is_empty(student, agenda):
    with pytest.raises(ValidationError) as refused:
        services.save_journal(student, agenda, text="\x00 \n\t\x00", submit=True)
    assert "Tulis jurnal Anda atau unggah" in refused.value.messages[0]
    assert not Journal.objects.exists()


def test_a_file_of_a_refused_type_leaves_the_draft_as_it_was(student_client, agenda, draft):
    before = state(draft)
    png = SimpleUploadedFile("jurnal.pdf", b"\x89PNG\r\n\x1a\n" + bytes(64))
    response = student_client.post(
        journal_url(agenda), {"text": "Teks baru.", "file": png, "draft": "1"}
    )
    assert response.status_code == 400
    assert "Berkas ini bukan dokumen PDF atau Word (DOCX), apa pun namanya." in (
        response.content.decode()
    )
    assert state(draft) == before


def test_a_file_over_10_mb_is_refused_with_its_size_and_the_limit(student_client, agenda, draft):
    before = state(draft)
    response = student_client.post(
        journal_url(agenda),
        {"text": "Teks baru.", "file": pdf(size=10 * MB + 1), "submit": "1"},
    )
    assert response.status_code == 400
    assert "Ukuran berkas 11 MB; paling besar 10 MB." in response.content.decode()
    assert state(draft) == before


def test_a_file_of_exactly_10_mb_is_taken(student, agenda):
    journal = services.save_journal(student, agenda, text="", upload=pdf(size=10 * MB), submit=True)
    assert (journal.status, journal.file.size) == ("submitted", 10 * MB)


def test_an_empty_file_is_refused(student, agenda):
    with pytest.raises(ValidationError) as refused:
        services.save_journal(
            student, agenda, text="Teks.", upload=SimpleUploadedFile("j.pdf", b"")
        )
    assert refused.value.code == "empty"
    assert not Journal.objects.exists()


def test_a_text_over_the_limit_is_refused_and_one_at_the_limit_is_taken(
    student_client, agenda, draft
):
    before = state(draft)
    too_long = "a" * (services.JOURNAL_MAX_CHARS + 1)
    response = student_client.post(journal_url(agenda), {"text": too_long, "draft": "1"})
    assert response.status_code == 400
    assert (
        f"Jurnal terlalu panjang: paling banyak {services.JOURNAL_MAX_CHARS} karakter."
        in response.content.decode()
    )
    assert state(draft) == before
    at_limit = "a" * services.JOURNAL_MAX_CHARS
    response = student_client.post(journal_url(agenda), {"text": at_limit, "draft": "1"})
    assert response.status_code == 302
    assert len(Journal.objects.get(pk=draft.pk).text) == services.JOURNAL_MAX_CHARS


def test_the_journal_of_a_locked_section_is_refused_and_nothing_is_created(
    student, student_client, course
):
    section = course.sections.get(journal_required=True)
    with pytest.raises(services.Locked) as refused:
        services.save_journal(student, section, text="Refleksi.", submit=True)
    assert refused.value.lock is not None and refused.value.status == 403
    response = student_client.post(
        journal_url(section), {"text": "Refleksi.", "submit": "1"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("learning:course", args=[course.slug])
    assert "Selesaikan Materi Kebijakan terlebih dahulu." in response.content.decode()
    assert not Journal.objects.exists()


def test_a_section_without_a_journal_takes_none(student, student_client, course, materials):
    section = course.sections.get(journal_required=False)
    with pytest.raises(PermissionDenied):
        services.save_journal(student, section, text="Refleksi.", submit=True)
    assert student_client.post(journal_url(section), {"text": "x"}).status_code == 404
    assert not Journal.objects.exists()


def test_a_journal_of_a_course_one_is_not_in_is_refused(course, agenda, agency):
    stranger = make_person(agency)
    with pytest.raises((PermissionDenied, services.Locked)):
        services.save_journal(stranger, agenda, text="Refleksi.", submit=True)
    assert not Journal.objects.exists()


@pytest.mark.parametrize("status", ["submitted", "accepted"])
def test_a_submitted_or_accepted_journal_can_no_longer_be_changed(
    student_client, agenda, submitted, status
):
    Journal.objects.filter(pk=submitted.pk).update(status=status)
    before = state(submitted)
    response = student_client.post(
        journal_url(agenda), {"text": "Diganti diam-diam.", "file": pdf(), "draft": "1"}
    )
    assert response.status_code == 400
    # The page shows the journal as it stands, without a form, and says why.
    page = response.content.decode()
    assert 'data-testid="journal-status"' in page
    assert "tidak dapat diubah lagi" in page
    assert state(submitted) == before
    with pytest.raises(ValidationError) as refused:
        services.save_journal(submitted.person, agenda, text="Diganti diam-diam.")
    assert refused.value.messages == ["Jurnal ini sudah dikirim dan tidak dapat diubah lagi."]
    assert state(submitted) == before


# --- The reviewer ----------------------------------------------------------------------------
@pytest.mark.parametrize("accept", [True, False])
def test_a_draft_is_not_waiting_for_review(reviewer, draft, accept):
    before = state(draft)
    with pytest.raises(ValidationError) as refused:
        services.review_journal(reviewer, draft, accept=accept, feedback="Tambahkan contoh.")
    assert refused.value.messages == ["Jurnal ini tidak sedang menunggu pemeriksaan."]
    assert state(draft) == before


def test_a_decision_on_a_draft_through_the_page_changes_nothing(reviewer, draft):
    before = state(draft)
    response = signed_in(reviewer).post(
        reverse("learning:review_journal", args=[draft.pk]),
        {"decision": "return", "feedback": "Tambahkan contoh."},
    )
    assert response.status_code == 400
    assert "tidak sedang menunggu pemeriksaan" in response.content.decode()
    assert state(draft) == before


@pytest.mark.parametrize("feedback", ["", "   \n\t"])
def test_returning_without_feedback_is_refused_in_indonesian(reviewer, submitted, feedback):
    before = state(submitted)
    response = signed_in(reviewer).post(
        reverse("learning:review_journal", args=[submitted.pk]),
        {"decision": "return", "feedback": feedback},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 400
    assert "Tuliskan apa yang perlu diperbaiki sebelum mengembalikan jurnal." in (
        response.content.decode()
    )
    assert state(submitted) == before


def test_accepting_twice_is_one_decision(reviewer, submitted):
    first = services.review_journal(reviewer, submitted, accept=True, feedback="")
    after_first = state(submitted)
    again = services.review_journal(reviewer, submitted, accept=True, feedback="Bagus sekali.")
    assert again.reviewed_at == first.reviewed_at and again.feedback == ""
    assert state(submitted) == after_first and after_first[2] == 2  # submitted, accepted


def test_returning_twice_keeps_the_first_feedback(reviewer, submitted):
    services.review_journal(reviewer, submitted, accept=False, feedback="Tambahkan contoh.")
    after_first = state(submitted)
    services.review_journal(reviewer, submitted, accept=False, feedback="Perbaiki semuanya.")
    assert state(submitted) == after_first
    assert Journal.objects.get(pk=submitted.pk).feedback == "Tambahkan contoh."


@pytest.mark.parametrize("first, second", [(True, False), (False, True)])
def test_a_second_different_decision_is_refused(reviewer, submitted, first, second):
    services.review_journal(reviewer, submitted, accept=first, feedback="Tambahkan contoh.")
    after_first = state(submitted)
    with pytest.raises(ValidationError) as refused:
        services.review_journal(reviewer, submitted, accept=second, feedback="Berubah pikiran.")
    assert refused.value.messages == ["Jurnal ini tidak sedang menunggu pemeriksaan."]
    assert state(submitted) == after_first


def test_a_second_decision_through_the_page_changes_nothing(reviewer, submitted):
    client = signed_in(reviewer)
    url = reverse("learning:review_journal", args=[submitted.pk])
    client.post(url, {"decision": "accept", "feedback": ""})
    after_first = state(submitted)
    response = client.post(url, {"decision": "return", "feedback": "Berubah pikiran."})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert state(submitted) == after_first
    assert Journal.objects.get(pk=submitted.pk).status == "accepted"


def test_a_participant_cannot_decide_on_a_journal(student, submitted):
    before = state(submitted)
    with pytest.raises(PermissionDenied):
        services.review_journal(student, submitted, accept=True, feedback="")
    assert state(submitted) == before
