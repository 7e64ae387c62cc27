"""Uploads are checked by content with a size limit; files are served with byte ranges to
those allowed to see them, and downloads only where the organizer allows them."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from latih.learning import files, queries, services, uploads
from latih.learning.models import Material
from tests.factories import make_person, signed_in

MEDIA = Path(__file__).resolve().parents[2] / "src" / "latih" / "demo" / "media"


def office(member: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(member, "<x/>")
    return buffer.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
WEBM = (MEDIA / "agenda2-berorientasi-pelayanan.webm").read_bytes()
OGG = (MEDIA / "agenda1-isu-kontemporer.ogg").read_bytes()

CHECK_CASES = [
    # (description, use, file name, content, accepted MIME type or the error code)
    ("a real PDF", "pdf", "modul.pdf", PDF, "application/pdf"),
    ("a PDF named .docx is still a PDF", "pdf", "modul.docx", PDF, "application/pdf"),
    (
        "an executable named .pdf",
        "pdf",
        "modul.pdf",
        b"MZ\x90\x00\x03" + b"\x00" * 64,
        "wrong_type",
    ),
    ("plain text named .pdf", "pdf", "modul.pdf", b"hello, this is text", "wrong_type"),
    ("an empty file", "pdf", "kosong.pdf", b"", "empty"),
    ("a real WebM video", "video", "v.webm", WEBM, "video/webm"),
    ("a PDF is not a video", "video", "v.mp4", PDF, "wrong_type"),
    ("Ogg audio", "audio", "a.ogg", OGG, "audio/ogg"),
    ("PPTX slides", "slides", "s.pptx", office("ppt/presentation.xml"), uploads.PPTX),
    ("a DOCX is not slides", "slides", "s.pptx", office("word/document.xml"), "wrong_type"),
    ("a plain zip is not slides", "slides", "s.pptx", office("other.xml"), "wrong_type"),
    ("a DOCX journal", "journal", "j.docx", office("word/document.xml"), uploads.DOCX),
    ("a PDF journal", "journal", "j.pdf", PDF, "application/pdf"),
    ("slides are not a journal", "journal", "j.docx", office("ppt/presentation.xml"), "wrong_type"),
]


@pytest.mark.parametrize(
    "use, name, content, expected", [c[1:] for c in CHECK_CASES], ids=[c[0] for c in CHECK_CASES]
)
def test_check_by_content(use, name, content, expected):
    upload = SimpleUploadedFile(name, content)
    if "/" in expected:
        assert uploads.check(upload, use) == expected
    else:
        with pytest.raises(ValidationError) as error:
            uploads.check(upload, use)
        assert error.value.code == expected


def test_too_big_is_refused_with_the_limit(monkeypatch):
    monkeypatch.setitem(
        uploads.ACCEPTS, "journal", uploads.Accepts("PDF", {"pdf": "application/pdf"}, 1024)
    )
    with pytest.raises(ValidationError) as error:
        uploads.check(SimpleUploadedFile("j.pdf", PDF + b" " * 2048), "journal")
    assert error.value.code == "too_big"


def test_media_duration_is_read_from_ogg_and_unknown_for_garbage():
    assert uploads.media_duration(SimpleUploadedFile("a.ogg", OGG)) == pytest.approx(15, abs=0.1)
    assert uploads.media_duration(SimpleUploadedFile("x.bin", b"nothing")) is None


RANGE_CASES = [
    ("bytes=0-99", 1000, (0, 99)),
    ("bytes=500-", 1000, (500, 999)),
    ("bytes=-100", 1000, (900, 999)),
    ("bytes=900-5000", 1000, (900, 999)),
    ("bytes=1000-", 1000, None),
    ("bytes=5-1", 1000, None),
    ("bytes=-0", 1000, None),
    ("bytes=-", 1000, None),
    ("items=0-1", 1000, None),
    ("", 1000, None),
    ("bytes=0-1,5-6", 1000, None),
]


@pytest.mark.parametrize("header, size, expected", RANGE_CASES)
def test_parse_range(header, size, expected):
    assert files.parse_range(header, size) == expected


@pytest.fixture
def video(course, materials, student):
    text, video = materials[0], materials[1]
    services.open_material(student, text)
    services.complete_material(student, text)
    return video


def file_url(material, **query):
    url = reverse("learning:material_file", args=[material.section.course.slug, material.pk])
    return url + ("?download=1" if query.get("download") else "")


def test_video_is_served_in_ranges(student_client, video):
    whole = student_client.get(file_url(video))
    assert whole.status_code == 200 and whole["Accept-Ranges"] == "bytes"
    body = b"".join(whole.streaming_content)
    part = student_client.get(file_url(video), headers={"Range": "bytes=2-5"})
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 2-5/{len(body)}"
    assert b"".join(part.streaming_content) == body[2:6]
    refused = student_client.get(file_url(video), headers={"Range": "bytes=999-"})
    assert refused.status_code == 416


def test_a_range_of_an_opened_video_costs_a_fixed_few_queries(
    student_client, video, django_assert_num_queries, session_queries
):
    student_client.get(reverse("learning:material", args=[video.section.course.slug, video.pk]))
    # user, material with section and course, enrolment, opened
    with django_assert_num_queries(session_queries + 4):
        response = student_client.get(file_url(video), headers={"Range": "bytes=0-9"})
    assert response.status_code == 206


def test_material_files_may_not_be_framed(student_client, course, materials, student):
    pdf = Material.objects.filter(section__course=course, kind="pdf").first()
    if pdf is None:
        section = materials[0].section
        pdf = Material.objects.create(section=section, title="Modul", kind="pdf", position=0)
        pdf.file.save("m.pdf", SimpleUploadedFile("m.pdf", PDF))
    response = student_client.get(file_url(pdf))
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"  # pdf.js fetches them; nothing frames them


def test_download_only_where_allowed(student_client, video):
    assert student_client.get(file_url(video, download=True)).status_code == 403
    Material.objects.filter(pk=video.pk).update(downloadable=True)
    response = student_client.get(file_url(video, download=True))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")


def test_locked_material_file_is_refused(student_client, materials):
    assert student_client.get(file_url(materials[2])).status_code == 403


def test_files_of_a_course_one_is_not_in_are_hidden(course, materials, agency):
    stranger = signed_in(make_person(agency))
    assert stranger.get(file_url(materials[1])).status_code == 404


def test_editing_a_published_course_keeps_progress_and_opened_sections(
    student_client, course, materials, student
):
    """An organizer adds a material to a finished section and reorders: Siti's trophies
    stay, and the next section she has started stays open."""
    for material in materials[:2]:
        row = services.open_material(student, material)
        row.watched = [[0, material.duration]]
        row.save()
        services.complete_material(student, material)
    agenda = materials[2]
    services.open_material(student, agenda)
    services.complete_material(student, agenda)
    first = materials[0].section
    Material.objects.create(section=first, title="Materi baru", kind="text", position=0)
    Material.objects.filter(pk=materials[1].pk).update(position=99, title="Judul baru")
    page = student_client.get(reverse("learning:course", args=[course.slug])).content.decode()
    assert 'data-testid="trophies-earned">3<' in page
    url = reverse("learning:material", args=[course.slug, materials[3].pk])
    assert student_client.get(url).status_code == 200  # Agenda 1 stays open


def test_removing_a_studied_material_keeps_its_trophies(course, materials, student, agency):
    text = materials[0]
    services.open_material(student, text)
    services.complete_material(student, text)
    organizer = make_person(agency, role="organizer")
    services.remove_material(organizer, text)
    text.refresh_from_db()
    assert text.is_archived
    assert queries.course_progress(student, course).trophies.earned == 1
