"""The organizer's studio, through real requests: authoring a course, its sections and
materials (with real files), their order, removal, publishing, enrolment by NIP; who may
enter; and the outline page's query count."""

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from reportlab.pdfgen import canvas

from latih.common import clock
from latih.learning import uploads
from latih.learning.models import (
    Cohort,
    Course,
    Enrollment,
    Material,
    MaterialProgress,
    Section,
    TrophyAward,
)
from tests.factories import make_person, signed_in

DEMO_MEDIA = Path(__file__).resolve().parents[2] / "src/latih/demo/media"


@pytest.fixture
def organizer(agency):
    return make_person(agency, role="organizer", name="Penyelenggara Uji")


@pytest.fixture
def studio(organizer):
    return signed_in(organizer)


@pytest.fixture
def course(db):
    return Course.objects.create(title="Latsar CPNS", slug="latsar", trophies_total=50)


def _in_language(message):
    """A message as the pages show it: in the default language, escaped."""
    with translation.override("id"):
        return escape(translation.gettext(message))


def _refusal(upload, use):
    with translation.override("id"), pytest.raises(ValidationError) as caught:
        uploads.check(upload, use)
    upload.seek(0)
    return escape(caught.value.messages[0])


def _pdf(name="modul.pdf"):
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "Modul Wawasan Kebangsaan")
    page.showPage()
    page.save()
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/pdf")


def _webm():
    found = sorted(DEMO_MEDIA.glob("*.webm")) if DEMO_MEDIA.is_dir() else []
    if not found:
        pytest.skip("no WebM in src/latih/demo/media/ to upload yet")
    return SimpleUploadedFile(found[0].name, found[0].read_bytes(), content_type="video/webm")


def _course_data(**changes):
    data = {
        "title": "Pelatihan Dasar CPNS",
        "slug": "latsar-2026",
        "description": "Pelatihan dasar.",
        "rules": "Ikuti materi berurutan.",
        "hours": "40",
        "sequential": "on",
        "trophies_total": "50",
        "trophies_required": "32",
        "trophies_for_evaluation": "28",
        "evaluation_after_days": "15",
        "video_coverage": "95",
        "max_playback_rate": "2",
    }
    data.update(changes)
    return data


def _material_data(**changes):
    data = {"title": "Materi", "trophies": "2", "description": ""}
    data.update(changes)
    return data


def _add_material(client, section, kind, **data):
    url = reverse("studio:material_new", args=[section.pk]) + f"?kind={kind}"
    return client.post(url, _material_data(**data))


def _stored_files(settings):
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def _section(course, title, position):
    return Section.objects.create(course=course, title=title, position=position)


def _material(section, title, position, kind=Material.Kind.TEXT, trophies=1):
    return Material.objects.create(
        section=section, title=title, position=position, kind=kind, trophies=trophies
    )


# --- Courses -----------------------------------------------------------------------------------
def test_organizer_creates_a_course(studio):
    response = studio.post(reverse("studio:course_new"), _course_data())
    course = Course.objects.get(slug="latsar-2026")
    assert response.status_code == 302
    assert response.url == reverse("studio:course", args=[course.pk])
    assert (course.title, course.hours, course.trophies_required) == (
        "Pelatihan Dasar CPNS",
        40,
        32,
    )
    assert not course.is_published


def test_course_form_groups_the_policy_values(studio):
    body = studio.get(reverse("studio:course_new")).content.decode()
    legend = body.index("<legend>")
    assert body.index('name="title"') < legend < body.index('name="trophies_total"')
    assert body.index('name="max_playback_rate"') > legend


def test_course_edit_saves_changes(studio, course):
    response = studio.post(
        reverse("studio:course_edit", args=[course.pk]),
        _course_data(title="Latsar Baru", slug="latsar"),
    )
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.title == "Latsar Baru"


def test_required_trophies_above_the_total_are_refused(studio):
    response = studio.post(reverse("studio:course_new"), _course_data(trophies_required="60"))
    assert response.status_code == 200
    assert not Course.objects.exists()


def test_welcome_video_of_the_wrong_type_is_shown_on_the_form(studio, settings):
    fake = SimpleUploadedFile("welcome.webm", b"not a video at all\n" * 20)
    expected = _refusal(fake, "video")
    data = _course_data()
    data["welcome_video"] = fake
    response = studio.post(reverse("studio:course_new"), data)
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert not Course.objects.exists()
    assert _stored_files(settings) == []


def test_course_list_counts_live_sections_and_materials(
    studio, course, django_assert_num_queries, session_queries
):
    first = _section(course, "Agenda 1", 1)
    _material(first, "A", 1)
    _material(first, "B", 2)
    Material.objects.create(section=first, title="Old", kind="text", is_archived=True)
    Section.objects.create(course=course, title="Old section", is_archived=True)
    Course.objects.create(title="Kosong", slug="kosong")
    with django_assert_num_queries(session_queries + 2):  # user, courses with counts
        response = studio.get(reverse("studio:courses"))
    rows = {
        row.title: (row.section_count, row.material_count) for row in response.context["courses"]
    }
    assert rows == {"Latsar CPNS": (1, 2), "Kosong": (0, 0)}


# --- Sections ----------------------------------------------------------------------------------
def test_organizer_adds_two_sections_in_order(studio, course):
    for title in ("Agenda 1", "Agenda 2"):
        response = studio.post(
            reverse("studio:section_new", args=[course.pk]),
            {"title": title, "journal_required": "on", "journal_prompt": "Apa yang Anda pelajari?"},
        )
        assert response.status_code == 302
    sections = list(course.sections.order_by("position"))
    assert [s.title for s in sections] == ["Agenda 1", "Agenda 2"]
    assert all(s.journal_required for s in sections)


def test_section_edit(studio, course):
    section = _section(course, "Agenda 1", 1)
    studio.post(reverse("studio:section_edit", args=[section.pk]), {"title": "Agenda Satu"})
    section.refresh_from_db()
    assert (section.title, section.journal_required) == ("Agenda Satu", False)


def test_sections_are_reordered_by_the_order_endpoint(studio, course):
    a, b, c = (_section(course, title, n) for n, title in enumerate("ABC", start=1))
    response = studio.post(
        reverse("studio:order", args=[course.pk]),
        {"kind": "section", "ids": f"{c.pk},{a.pk},{b.pk}"},
    )
    assert response.status_code == 204
    assert list(course.sections.order_by("position").values_list("title", flat=True)) == [
        "C",
        "A",
        "B",
    ]


def test_order_with_a_foreign_id_is_refused(studio, course):
    a = _section(course, "A", 1)
    other = _section(Course.objects.create(title="Lain", slug="lain"), "X", 1)
    response = studio.post(
        reverse("studio:order", args=[course.pk]), {"kind": "section", "ids": f"{other.pk},{a.pk}"}
    )
    assert response.status_code == 409
    with translation.override("id"):
        expected = translation.gettext(
            "The order sent does not match this course. Reload the page."
        )
    assert response.content.decode() == expected
    assert a.position == 1


def test_order_that_is_not_numbers_is_a_bad_request(studio, course):
    response = studio.post(
        reverse("studio:order", args=[course.pk]), {"kind": "section", "ids": "1,x"}
    )
    assert response.status_code == 400


def test_materials_are_reordered_by_the_order_endpoint(studio, course):
    section = _section(course, "Agenda 1", 1)
    a, b = _material(section, "A", 1), _material(section, "B", 2)
    response = studio.post(
        reverse("studio:order", args=[course.pk]),
        {"kind": "material", "section": section.pk, "ids": f"{b.pk},{a.pk}"},
    )
    assert response.status_code == 204
    assert list(section.materials.order_by("position").values_list("title", flat=True)) == [
        "B",
        "A",
    ]


def test_sections_are_reordered_by_the_move_buttons(studio, course):
    a, b, c = (_section(course, title, n) for n, title in enumerate("ABC", start=1))
    response = studio.post(reverse("studio:section_move", args=[c.pk]), {"step": "-1"})
    assert response.status_code == 302
    assert response.url.endswith(f"#section-{c.pk}")
    studio.post(reverse("studio:section_move", args=[a.pk]), {"step": "1"})
    assert list(course.sections.order_by("position").values_list("title", flat=True)) == [
        "C",
        "A",
        "B",
    ]
    studio.post(reverse("studio:section_move", args=[c.pk]), {"step": "-1"})  # already first
    assert course.sections.order_by("position").first() == c


def test_materials_are_reordered_by_the_move_buttons(studio, course):
    section = _section(course, "Agenda 1", 1)
    a, b = _material(section, "A", 1), _material(section, "B", 2)
    studio.post(reverse("studio:material_move", args=[a.pk]), {"step": "1"})
    assert list(section.materials.order_by("position")) == [b, a]


def test_move_needs_a_step_of_one(studio, course):
    section = _section(course, "A", 1)
    response = studio.post(reverse("studio:section_move", args=[section.pk]), {"step": "5"})
    assert response.status_code == 400


def test_section_nobody_studied_is_deleted(studio, course):
    section = _section(course, "Agenda 1", 1)
    _material(section, "A", 1)
    assert studio.get(reverse("studio:section_remove", args=[section.pk])).status_code == 200
    response = studio.post(reverse("studio:section_remove", args=[section.pk]))
    assert response.status_code == 302
    assert not Section.objects.filter(pk=section.pk).exists()


# --- Materials ---------------------------------------------------------------------------------
def test_organizer_adds_a_pdf_material(studio, course, settings):
    section = _section(course, "Agenda 1", 1)
    response = _add_material(
        studio, section, "pdf", title="Modul", trophies="3", downloadable="on", file=_pdf()
    )
    material = Material.objects.get()
    assert response.status_code == 302
    assert response.url.endswith(f"#material-{material.pk}")
    assert (material.kind, material.trophies, material.downloadable) == ("pdf", 3, True)
    assert (material.file_type, material.file_name) == ("application/pdf", "modul.pdf")
    assert Path(material.file.path).is_relative_to(settings.MEDIA_ROOT)
    assert Path(material.file.path).read_bytes().startswith(b"%PDF")


def test_organizer_adds_a_webm_video_with_its_length(studio, course):
    section = _section(course, "Agenda 1", 1)
    response = _add_material(studio, section, "video", title="Video", file=_webm(), duration="42.5")
    material = Material.objects.get()
    assert response.status_code == 302
    assert (material.kind, material.file_type, material.duration) == ("video", "video/webm", 42.5)


def test_webm_video_without_its_length_asks_for_it(studio, course, settings):
    section = _section(course, "Agenda 1", 1)
    response = _add_material(studio, section, "video", title="Video", file=_webm())
    assert response.status_code == 200
    assert _in_language("Enter the length of the video in seconds.") in response.content.decode()
    assert not Material.objects.exists()
    assert _stored_files(settings) == []


def test_video_form_reads_the_length_in_the_browser(studio, course):
    section = _section(course, "Agenda 1", 1)
    url = reverse("studio:material_new", args=[section.pk]) + "?kind=video"
    body = studio.get(url).content.decode()
    assert "data-duration" in body
    assert "latih/studio.js" in body


def test_organizer_adds_slides_with_a_pdf_version(studio, course):
    from pptx import Presentation

    deck = Presentation()
    deck.slides.add_slide(deck.slide_layouts[0]).shapes.title.text = "Nilai Dasar ASN"
    buffer = io.BytesIO()
    deck.save(buffer)
    pptx = SimpleUploadedFile("nilai-dasar.pptx", buffer.getvalue())
    section = _section(course, "Agenda 1", 1)
    response = _add_material(
        studio, section, "slides", title="Paparan", file=pptx, pdf_file=_pdf("paparan.pdf")
    )
    assert response.status_code == 302
    material = Material.objects.get()
    assert material.file_type == uploads.PPTX
    assert material.pdf_file.read().startswith(b"%PDF")


def test_audio_length_is_read_by_the_server(studio, course):
    found = sorted(DEMO_MEDIA.glob("*.ogg")) if DEMO_MEDIA.is_dir() else []
    if not found:
        pytest.skip("no OGG in src/latih/demo/media/ to upload yet")
    audio = SimpleUploadedFile(found[0].name, found[0].read_bytes())
    section = _section(course, "Agenda 1", 1)
    assert _add_material(studio, section, "audio", title="Refleksi", file=audio).status_code == 302
    assert Material.objects.get().duration > 0


def test_text_material_is_sanitized(studio, course):
    section = _section(course, "Agenda 1", 1)
    body = "<p>Nilai dasar <strong>ASN</strong></p><script>alert('x')</script>"
    assert _add_material(studio, section, "text", title="Bacaan", body=body).status_code == 302
    material = Material.objects.get()
    assert "<script" not in material.body
    assert "alert" not in material.body
    assert "<strong>ASN</strong>" in material.body


def test_organizer_adds_a_link(studio, course):
    section = _section(course, "Agenda 1", 1)
    response = _add_material(
        studio, section, "link", title="Situs BKN", url="https://www.bkn.go.id/"
    )
    assert response.status_code == 302
    assert Material.objects.get().url == "https://www.bkn.go.id/"


def test_link_without_an_address_is_refused(studio, course):
    section = _section(course, "Agenda 1", 1)
    assert _add_material(studio, section, "link", title="Situs").status_code == 200
    assert not Material.objects.exists()


@pytest.mark.parametrize(
    "content",
    [
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200,  # a program
        b"Ini hanya teks biasa, bukan dokumen PDF.\n" * 10,
    ],
    ids=["program", "text"],
)
def test_file_that_is_not_a_pdf_is_refused_with_the_reason(studio, course, settings, content):
    section = _section(course, "Agenda 1", 1)
    fake = SimpleUploadedFile("modul.pdf", content, content_type="application/pdf")
    expected = _refusal(fake, "pdf")
    response = _add_material(studio, section, "pdf", title="Modul", file=fake)
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert response.context["form"].errors["file"]
    assert not Material.objects.exists()
    assert _stored_files(settings) == []


def test_unknown_kind_is_not_found(studio, course):
    section = _section(course, "Agenda 1", 1)
    url = reverse("studio:material_new", args=[section.pk]) + "?kind=game"
    assert studio.get(url).status_code == 404


def test_material_edit_keeps_the_file(studio, course):
    section = _section(course, "Agenda 1", 1)
    _add_material(studio, section, "pdf", title="Modul", file=_pdf())
    material = Material.objects.get()
    stored = material.file.name
    response = studio.post(
        reverse("studio:material_edit", args=[material.pk]),
        _material_data(title="Modul 1", trophies="4"),
    )
    assert response.status_code == 302
    material.refresh_from_db()
    assert (material.title, material.trophies, material.file.name) == ("Modul 1", 4, stored)


def test_material_nobody_studied_is_deleted(studio, course):
    section = _section(course, "Agenda 1", 1)
    material = _material(section, "A", 1)
    response = studio.post(reverse("studio:material_remove", args=[material.pk]))
    assert response.status_code == 302
    assert not Material.objects.filter(pk=material.pk).exists()


def test_material_somebody_completed_is_archived_and_trophies_are_kept(
    studio, course, participant, settings
):
    section = _section(course, "Agenda 1", 1)
    material = _material(section, "A", 1, trophies=3)
    MaterialProgress.objects.create(person=participant, material=material, completed_at=clock.now())
    TrophyAward.objects.create(person=participant, material=material, course=course, trophies=3)

    studio.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    confirm = studio.get(reverse("studio:material_remove", args=[material.pk])).content.decode()
    assert "Participants keep the trophies they earned with it." in confirm
    studio.post(reverse("studio:material_remove", args=[material.pk]))

    material.refresh_from_db()
    assert material.is_archived
    assert TrophyAward.objects.get(person=participant).trophies == 3
    outline = studio.get(reverse("studio:course", args=[course.pk]))
    assert f'id="material-{material.pk}"' not in outline.content.decode()


# --- The outline, publishing, enrolment --------------------------------------------------------
def test_outline_warns_when_material_trophies_differ_from_the_total(studio, course):
    section = _section(course, "Agenda 1", 1)
    _material(section, "A", 1, trophies=4)
    response = studio.get(reverse("studio:course", args=[course.pk]))
    assert response.context["material_trophies"] == 4
    assert "msg--warning" in response.content.decode()
    course.trophies_total = course.trophies_required = course.trophies_for_evaluation = 4
    course.save()
    response = studio.get(reverse("studio:course", args=[course.pk]))
    assert "msg--warning" not in response.content.decode()


def test_organizer_publishes_and_withdraws(studio, course):
    _material(_section(course, "Agenda 1", 1), "A", 1)
    response = studio.post(reverse("studio:publish", args=[course.pk]), {"published": "1"})
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.is_published and course.published_at is not None
    studio.post(reverse("studio:publish", args=[course.pk]), {"published": "0"})
    course.refresh_from_db()
    assert not course.is_published


def test_empty_course_is_not_published_and_says_why(studio, course):
    response = studio.post(
        reverse("studio:publish", args=[course.pk]), {"published": "1"}, follow=True
    )
    expected = _in_language("Add at least one section with a material before publishing.")
    assert expected in response.content.decode()
    course.refresh_from_db()
    assert not course.is_published


def test_enrol_participants_by_nip(studio, course, agency):
    people = [make_person(agency) for _ in range(2)]
    unknown = "199001012024211999"
    nips = "\n".join([people[0].nip, f"  {people[1].nip}  ", "", unknown])
    response = studio.post(
        reverse("studio:enrol", args=[course.pk]), {"cohort": "Angkatan I", "nips": nips}
    )
    assert response.status_code == 200
    cohort = Cohort.objects.get(course=course, name="Angkatan I")
    assert set(
        Enrollment.objects.filter(course=course, cohort=cohort).values_list("person", flat=True)
    ) == {p.pk for p in people}
    assert response.context["enrolled"]["count"] == 2
    assert response.context["enrolled"]["unknown"] == [unknown]
    assert unknown in response.content.decode()
    # The same cohort name again finds the same cohort.
    studio.post(
        reverse("studio:enrol", args=[course.pk]), {"cohort": "Angkatan I", "nips": people[0].nip}
    )
    assert Cohort.objects.filter(course=course).count() == 1


def _outline_with(course, materials):
    first, second = _section(course, "Agenda 1", 1), _section(course, "Agenda 2", 2)
    for n in range(materials):
        _material(first if n % 2 == 0 else second, f"Materi {n}", n, trophies=2)
    Cohort.objects.create(course=course, name="Angkatan I")


@pytest.mark.parametrize("materials", [2, 6])
def test_outline_query_count(studio, course, materials, django_assert_num_queries, session_queries):
    _outline_with(course, materials)
    # user, course with its enrolled count, sections, their materials, cohort names
    with django_assert_num_queries(session_queries + 5):
        response = studio.get(reverse("studio:course", args=[course.pk]))
    assert response.content.decode().count('class="studio-grip"') == 2 + materials


# --- Who may enter -----------------------------------------------------------------------------
def _studio_urls(course):
    section = _section(course, "Agenda 1", 1)
    material = _material(section, "A", 1)
    return [
        reverse("studio:courses"),
        reverse("studio:course_new"),
        reverse("studio:course", args=[course.pk]),
        reverse("studio:course_edit", args=[course.pk]),
        reverse("studio:publish", args=[course.pk]),
        reverse("studio:enrol", args=[course.pk]),
        reverse("studio:order", args=[course.pk]),
        reverse("studio:section_new", args=[course.pk]),
        reverse("studio:section_edit", args=[section.pk]),
        reverse("studio:section_remove", args=[section.pk]),
        reverse("studio:section_move", args=[section.pk]),
        reverse("studio:material_new", args=[section.pk]) + "?kind=pdf",
        reverse("studio:material_edit", args=[material.pk]),
        reverse("studio:material_remove", args=[material.pk]),
        reverse("studio:material_move", args=[material.pk]),
    ]


@pytest.mark.parametrize("role", ["participant", "facilitator", "agency_admin"])
def test_others_may_not_enter_the_studio(client, agency, course, role):
    client.force_login(make_person(agency, role=role))
    for url in _studio_urls(course):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"step": "1", "published": "1"}).status_code == 403, url
    course.refresh_from_db()
    assert not course.is_published
    assert Section.objects.count() == 1 and Material.objects.count() == 1


def test_platform_admin_may_enter_the_studio(client, agency, course):
    client.force_login(make_person(agency, role="platform_admin"))
    for url in _studio_urls(course):
        if "/move/" in url or "/order/" in url or "/publish/" in url or "/enrol/" in url:
            continue
        assert client.get(url).status_code == 200, url


def test_anonymous_visitor_is_sent_to_sign_in(client, course):
    response = client.get(reverse("studio:course", args=[course.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:sign_in"))
