"""A facilitator reads and reviews the journals of the participants in the cohorts they
run now: removed from a cohort, they no longer read its journals — not even those they
once reviewed — and a participant who moves to another cohort goes with it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from latih.accounts import permissions
from latih.accounts.permissions import Action
from latih.learning import queries
from latih.learning.models import Cohort, Enrollment, Journal

from .test_journals import (  # noqa: F401
    agenda,
    facilitator,
    facilitator_client,
    journal_url,
    real_pdf,
)


@pytest.fixture
def accepted(student_client, facilitator_client, agenda, student):  # noqa: F811
    """The student's journal with its file, submitted and accepted by the facilitator."""
    upload = SimpleUploadedFile("jurnal.pdf", real_pdf(), content_type="application/pdf")
    student_client.post(
        journal_url(agenda), {"text": "Refleksi rahasia.", "file": upload, "submit": "1"}
    )
    journal = Journal.objects.get(person=student)
    facilitator_client.post(
        reverse("learning:review_journal", args=[journal.pk]), {"decision": "accept"}
    )
    journal.refresh_from_db()
    assert journal.status == "accepted"
    return journal


def pages(journal):
    return [
        reverse("learning:review_journal", args=[journal.pk]),
        reverse("learning:review_journal_file", args=[journal.pk]),
    ]


def test_the_facilitator_still_reads_a_journal_they_accepted(
    facilitator_client,  # noqa: F811
    facilitator,  # noqa: F811
    accepted,
):
    review, file = (facilitator_client.get(url) for url in pages(accepted))
    assert (review.status_code, file.status_code) == (200, 200)
    assert "Refleksi rahasia." in review.content.decode()
    assert permissions.can(facilitator, Action.REVIEW_JOURNAL, accepted)


def test_a_facilitator_removed_from_the_cohort_reads_no_journal_of_it(
    facilitator_client,  # noqa: F811
    facilitator,  # noqa: F811
    accepted,
):
    Cohort.objects.get().facilitators.remove(facilitator)
    for url in pages(accepted):
        assert facilitator_client.get(url).status_code == 404, url
    review = reverse("learning:review_journal", args=[accepted.pk])
    assert facilitator_client.post(review, {"decision": "accept"}).status_code == 404
    assert not permissions.can(facilitator, Action.REVIEW_JOURNAL, accepted)
    queue = facilitator_client.get(reverse("learning:review_queue")).content.decode()
    assert "Refleksi rahasia." not in queue


def test_a_journal_submitted_again_is_not_listed_for_a_removed_facilitator(
    student_client,
    facilitator_client,  # noqa: F811
    facilitator,  # noqa: F811
    agenda,  # noqa: F811
    student,
):
    student_client.post(journal_url(agenda), {"text": "Refleksi rahasia.", "submit": "1"})
    journal = Journal.objects.get(person=student)
    Cohort.objects.get().facilitators.remove(facilitator)
    assert not queries.journals_to_review(facilitator).exists()
    assert not permissions.can(facilitator, Action.REVIEW_JOURNAL, journal)
    url = reverse("learning:review_journal", args=[journal.pk])
    assert facilitator_client.get(url).status_code == 404


def test_a_participant_moved_to_another_cohort_leaves_the_old_facilitator(
    course,
    facilitator_client,  # noqa: F811
    facilitator,  # noqa: F811
    accepted,
    student,
):
    other = Cohort.objects.create(course=course, name="Angkatan II")
    Enrollment.objects.filter(person=student).update(cohort=other)
    for url in pages(accepted):
        assert facilitator_client.get(url).status_code == 404, url
