"""The organizer's preview (Pratinjau): a draft course's pages as a newcomer participant
sees them, opened by the author without enrolling, and without writing a single row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from latih.common import clock
from latih.exams.models import Attempt
from latih.learning.models import (
    Enrollment,
    Journal,
    JournalEvent,
    Material,
    MaterialProgress,
    TrophyAward,
)
from tests.factories import enrol, make_course, make_person, make_test, signed_in

BANNER = "Pratinjau — tidak ada yang tersimpan"
WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture
def draft(db):
    """An unpublished course: a video, a PDF and a text; then a section with a journal."""
    course = make_course(
        (
            ("Materi Kebijakan", ("video", "pdf", "text"), False),
            ("Agenda 1", ("text",), True),
        ),
        published=False,
    )
    make_test(course, "post", is_published=False, instructions="Kerjakan dengan jujur.")
    return course


@pytest.fixture
def organizer(agency):
    return make_person(agency, role="organizer", name="Penyelenggara Uji")


@pytest.fixture
def author(organizer):
    return signed_in(organizer)


def _materials(course) -> list[Material]:
    return list(
        Material.objects.filter(section__course=course).order_by("section__position", "position")
    )


def _preview_urls(course) -> list[str]:
    materials = _materials(course)
    journal_section = course.sections.get(journal_required=True)
    return [
        reverse("studio:preview", args=[course.pk]),
        *(reverse("studio:preview_material", args=[course.pk, m.pk]) for m in materials),
        *(
            reverse("studio:preview_material_file", args=[course.pk, m.pk])
            for m in materials
            if m.file
        ),
        reverse("studio:preview_journal", args=[course.pk, journal_section.pk]),
        reverse("exams_studio:preview_test", args=[course.pk, "post"]),
    ]


def _counts() -> dict[str, int]:
    models = (Enrollment, MaterialProgress, TrophyAward, Journal, JournalEvent, Attempt)
    return {model.__name__: model.objects.count() for model in models}


def test_the_studio_links_to_the_preview(author, draft):
    url = reverse("studio:preview", args=[draft.pk])
    with translation.override("id"):
        outline = author.get(reverse("studio:course", args=[draft.pk]))
        listing = author.get(reverse("studio:courses"))
    assert f'href="{url}"' in outline.content.decode()
    assert f'href="{url}"' in listing.content.decode()
    assert "Pratinjau" in outline.content.decode()


def test_a_draft_course_is_previewed_as_a_newcomer_sees_it(author, draft):
    with translation.override("id"):
        page = author.get(reverse("studio:preview", args=[draft.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert BANNER in html
    for material in _materials(draft):
        # Every material opens in the preview, locked or not for a newcomer.
        assert reverse("studio:preview_material", args=[draft.pk, material.pk]) in html
    # The sequential locks a newcomer meets are shown.
    assert "Selesaikan" in html
    assert reverse("exams_studio:preview_test", args=[draft.pk, "post"]) in html
    # Nothing links to the participant's own pages (which would refuse the author).
    assert reverse("learning:course", args=[draft.slug]) not in html


def test_material_pages_show_players_and_documents_without_reporting(author, draft):
    video, pdf, text, _journal_text = _materials(draft)
    with translation.override("id"):
        video_page = author.get(reverse("studio:preview_material", args=[draft.pk, video.pk]))
        pdf_page = author.get(reverse("studio:preview_material", args=[draft.pk, pdf.pk]))
        text_page = author.get(reverse("studio:preview_material", args=[draft.pk, text.pk]))
    video_html = video_page.content.decode()
    assert BANNER in video_html
    assert reverse("studio:preview_material_file", args=[draft.pk, video.pk]) in video_html
    assert "data-viewing-url" not in video_html  # the player reports nothing
    assert reverse("learning:complete", args=[draft.slug, video.pk]) not in video_html
    pdf_html = pdf_page.content.decode()
    assert f'data-pdf-src="{reverse("studio:preview_material_file", args=[draft.pk, pdf.pk])}"' in (
        pdf_html
    )
    assert "<p>Isi materi.</p>" in text_page.content.decode()


def test_material_files_are_served_to_the_author(author, draft):
    video, pdf, *_ = _materials(draft)
    whole = author.get(reverse("studio:preview_material_file", args=[draft.pk, pdf.pk]))
    assert whole.status_code == 200
    assert whole["Content-Type"] == "application/pdf"
    assert b"".join(whole.streaming_content) == b"\x1a\x45\xdf\xa3demo"
    part = author.get(
        reverse("studio:preview_material_file", args=[draft.pk, video.pk]), HTTP_RANGE="bytes=0-3"
    )
    assert part.status_code == 206
    assert b"".join(part.streaming_content) == b"\x1a\x45\xdf\xa3"


def test_a_file_is_served_only_under_its_own_course_and_while_live(author, draft):
    video, *_ = _materials(draft)
    other = make_course(published=False)
    assert (
        author.get(reverse("studio:preview_material_file", args=[other.pk, video.pk])).status_code
        == 404
    )
    assert (
        author.get(reverse("studio:preview_material", args=[other.pk, video.pk])).status_code == 404
    )
    Material.objects.filter(pk=video.pk).update(is_archived=True)
    assert (
        author.get(reverse("studio:preview_material_file", args=[draft.pk, video.pk])).status_code
        == 404
    )


def test_the_journal_form_is_read_only(author, draft):
    section = draft.sections.get(journal_required=True)
    with translation.override("id"):
        page = author.get(reverse("studio:preview_journal", args=[draft.pk, section.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert BANNER in html
    assert "<fieldset disabled" in html
    assert "<form" not in html.split('<main id="main"', 1)[1]  # nothing to send
    # A section without a journal has no journal page.
    plain = draft.sections.get(journal_required=False)
    assert (
        author.get(reverse("studio:preview_journal", args=[draft.pk, plain.pk])).status_code == 404
    )


def test_the_test_page_is_described_but_cannot_be_started(author, draft):
    with translation.override("id"):
        page = author.get(reverse("exams_studio:preview_test", args=[draft.pk, "post"]))
    html = page.content.decode()
    assert page.status_code == 200
    assert BANNER in html
    assert "Kerjakan dengan jujur." in html
    assert reverse("exams:start", args=[draft.slug, "post"]) not in html
    assert author.get(reverse("exams_studio:preview_test", args=[draft.pk, "pre"])).status_code == (
        404
    )


def test_previewing_writes_no_row(author, draft):
    """Every preview page and file, opened by the author: not one INSERT, UPDATE or
    DELETE reaches the database, and the author is enrolled nowhere."""
    urls = _preview_urls(draft)
    before = _counts()
    with CaptureQueriesContext(connection) as queries:
        for url in urls:
            response = author.get(url)
            assert response.status_code == 200, url
            if response.streaming:
                b"".join(response.streaming_content)
    writes = [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().startswith(WRITES)]
    assert not writes, writes
    assert _counts() == before
    assert not Enrollment.objects.filter(course=draft).exists()


def test_the_preview_ignores_the_authors_own_progress(author, organizer, draft):
    """An author who is also enrolled sees the newcomer's course, not their own."""
    enrol(organizer, draft)
    first = _materials(draft)[0]
    MaterialProgress.objects.create(person=organizer, material=first, completed_at=clock.now())
    page = author.get(reverse("studio:preview", args=[draft.pk]))
    assert page.context["progress"].percent == 0
    assert not page.context["progress"].by_material[first.pk].done


def test_only_authors_preview(agency, draft):
    participant = make_person(agency, name="Peserta Uji")
    enrol(participant, draft)
    facilitator = make_person(agency, role="facilitator")
    for person in (participant, facilitator):
        client = signed_in(person)
        for url in _preview_urls(draft):
            assert client.get(url).status_code == 403, (person.role, url)


def test_the_course_preview_costs_a_fixed_number_of_queries(
    author, draft, django_assert_max_num_queries
):
    author.get(reverse("studio:preview", args=[draft.pk]))  # warm the session
    with django_assert_max_num_queries(8):
        assert author.get(reverse("studio:preview", args=[draft.pk])).status_code == 200
