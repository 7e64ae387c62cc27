"""The course page, consent, welcome video, dashboard and profile: what they show, and
their query counts, constant in the number of materials."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from latih.learning import services
from latih.learning.models import Enrollment, Material
from tests.factories import enrol, make_course, make_person, signed_in


def course_url(course):
    return reverse("learning:course", args=[course.slug])


def test_first_visit_shows_the_rules_and_the_consent_box(client, agency, course):
    person = make_person(agency)
    enrol(person, course, consented=False)
    client.force_login(person)
    page = client.get(course_url(course)).content.decode()
    assert "Saya memahami dan bersedia mematuhi ketentuan ini" in page
    assert "Mulai Akses Materi" in page
    assert "Tonton video sampai selesai." in page


def test_start_works_only_when_ticked_and_the_consent_is_stored(client, agency, course, at):
    person = make_person(agency)
    enrol(person, course, consented=False)
    client.force_login(person)
    consent = reverse("learning:consent", args=[course.slug])
    refused = client.post(consent, {})
    assert refused.status_code == 400
    assert Enrollment.objects.get(person=person).consented_at is None
    with at(0):
        assert client.post(consent, {"agree": "1"}).status_code == 302
    with at(60):
        client.post(consent, {"agree": "1"})  # a second click keeps the first time
    from tests.learning.conftest import T0

    assert Enrollment.objects.get(person=person).consented_at == T0


def test_materials_are_closed_before_consent(client, agency, course, materials):
    person = make_person(agency)
    enrol(person, course, consented=False)
    client.force_login(person)
    url = reverse("learning:material", args=[course.slug, materials[0].pk])
    assert client.get(url).status_code == 302


def test_not_enrolled_gets_404(client, agency, course):
    client.force_login(make_person(agency))
    assert client.get(course_url(course)).status_code == 404


def test_unpublished_course_gets_404(client, agency):
    course = make_course(published=False)
    person = make_person(agency)
    enrol(person, course)
    client.force_login(person)
    assert client.get(course_url(course)).status_code == 404


def test_locked_section_says_why(student_client, course):
    page = student_client.get(course_url(course)).content.decode()
    assert "Selesaikan Materi Kebijakan terlebih dahulu." in page
    assert "Selesaikan “Materi Kebijakan materi 1” terlebih dahulu." in page


def test_opening_a_locked_material_redirects_with_the_reason(student_client, course, materials):
    response = student_client.get(
        reverse("learning:material", args=[course.slug, materials[2].pk]), follow=True
    )
    assert "Selesaikan Materi Kebijakan terlebih dahulu." in response.content.decode()


def test_course_page_shows_trophies_and_the_next_step(student_client, course, materials, student):
    services.open_material(student, materials[0])
    services.complete_material(student, materials[0])
    page = student_client.get(course_url(course)).content.decode()
    assert 'data-testid="trophies-earned">1<' in page
    assert "Materi Kebijakan materi 2" in page
    assert 'max="100" value="20"' in page  # 1 of 4 materials and 1 journal


def _bigger(course, extra):
    section = course.sections.first()
    for n in range(extra):
        Material.objects.create(
            section=section, title=f"Tambahan {n}", kind="text", body="<p>x</p>", position=10 + n
        )


@pytest.mark.parametrize("extra", [0, 12])
def test_course_page_query_count(
    student_client, course, student, extra, django_assert_num_queries, session_queries
):
    _bigger(course, extra)
    # user, course, enrolment, sections, materials, progress, trophies, journals, tests
    with django_assert_num_queries(session_queries + 9):
        assert student_client.get(course_url(course)).status_code == 200


@pytest.mark.parametrize("extra", [0, 12])
def test_dashboard_query_count(
    student_client, course, extra, django_assert_num_queries, session_queries
):
    _bigger(course, extra)
    second = make_course()
    Enrollment.objects.create(person=Enrollment.objects.first().person, course=second)
    # user, enrolments with courses, sections, materials, progress, trophies, journals,
    # the courses' tests
    with django_assert_num_queries(session_queries + 8):
        page = student_client.get(reverse("core:dashboard")).content.decode()
    assert course.title in page and second.title in page


@pytest.mark.parametrize("extra", [0, 12])
def test_material_page_query_count(
    student_client, course, materials, extra, django_assert_num_queries, session_queries
):
    _bigger(course, extra)
    url = reverse("learning:material", args=[course.slug, materials[0].pk])
    student_client.get(url)
    # user, course, enrolment, sections, materials, progress, trophies, journals, the
    # progress row (get or create); a text has no viewing clock
    with django_assert_num_queries(session_queries + 9):
        assert student_client.get(url).status_code == 200


def test_profile_shows_trophies_per_section(student_client, course, materials, student):
    services.open_material(student, materials[0])
    services.complete_material(student, materials[0])
    page = student_client.get(reverse("accounts:profile")).content.decode()
    assert "Trofi per bagian" in page
    assert "1 / 2" in page  # Materi Kebijakan: 1 of 2 trophies


def test_welcome_video_plays_once_after_first_sign_in(agency, settings):
    course = make_course()
    course.welcome_video.save("welcome.webm", ContentFile(b"\x1a\x45\xdf\xa3"), save=True)
    person = make_person(agency)
    enrol(person, course, consented=False)
    client = signed_in(person)
    first = client.get(reverse("core:dashboard"))
    assert first.status_code == 302
    assert first["Location"] == reverse("learning:welcome", args=[course.slug])
    page = client.get(first["Location"]).content.decode()
    assert "<video" in page and "autoplay" in page
    assert client.get(reverse("core:dashboard")).status_code == 200  # not again
