"""Who may enter the evaluation studio, and how the course outline leads to it."""

import pytest
from django.urls import reverse

from latih.exams.models import Category, Grant, Question, Regrade
from latih.exams.models import Test as ExamTest
from tests.factories import make_person, signed_in


def studio_urls(course, bank, evaluation, person):
    question = bank[0]
    category = question.category
    kind = evaluation.kind
    return [
        reverse("exams_studio:bank", args=[course.pk]),
        reverse("exams_studio:category_new", args=[course.pk]),
        reverse("exams_studio:category_edit", args=[course.pk, category.pk]),
        reverse("exams_studio:question_new", args=[course.pk]),
        reverse("exams_studio:question_edit", args=[course.pk, question.pk]),
        reverse("exams_studio:question_remove", args=[course.pk, question.pk]),
        reverse("exams_studio:import", args=[course.pk]),
        reverse("exams_studio:template", args=[course.pk]),
        *[
            reverse("exams_studio:export", args=[course.pk, fmt])
            for fmt in ("gift", "xml", "xlsx", "csv")
        ],
        reverse("exams_studio:test", args=[course.pk, "pre"]),
        reverse("exams_studio:test", args=[course.pk, kind]),
        reverse("exams_studio:results", args=[course.pk, kind]),
        reverse("exams_studio:results_csv", args=[course.pk, kind]),
        reverse("exams_studio:person", args=[course.pk, kind, person.pk]),
        reverse("exams_studio:stats", args=[course.pk, kind]),
        reverse("exams_studio:regrade", args=[course.pk, kind, question.pk]),
    ]


@pytest.mark.parametrize("role", ["participant", "facilitator", "agency_admin"])
def test_only_organizers_enter_the_evaluation_studio(
    client, agency, course, bank, evaluation, taker, role
):
    client.force_login(make_person(agency, role=role))
    data = {"name": "Baru", "text": "Baru", "kind": "attempt", "reason": "Coba", "title": "X"}
    for url in studio_urls(course, bank, evaluation, taker):
        assert client.get(url).status_code == 403, url
        assert client.post(url, data).status_code == 403, url
    assert Question.objects.count() == 10 and Category.objects.count() == 1
    assert ExamTest.objects.count() == 1
    assert not Grant.objects.exists() and not Regrade.objects.exists()


def test_platform_admin_enters_every_page(agency, course, bank, evaluation, taker):
    client = signed_in(make_person(agency, role="platform_admin"))
    for url in studio_urls(course, bank, evaluation, taker):
        assert client.get(url).status_code == 200, url


def test_anonymous_visitor_is_sent_to_sign_in(client, course):
    response = client.get(reverse("exams_studio:bank", args=[course.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:sign_in"))


def test_the_course_outline_links_the_bank_and_the_tests(studio, course):
    page = studio.get(reverse("studio:course", args=[course.pk])).content.decode()
    assert reverse("exams_studio:bank", args=[course.pk]) in page
    assert reverse("exams_studio:test", args=[course.pk, "pre"]) in page
    assert reverse("exams_studio:test", args=[course.pk, "post"]) in page


def test_results_of_a_test_not_yet_created_are_not_found(studio, course):
    assert studio.get(reverse("exams_studio:results", args=[course.pk, "pre"])).status_code == 404
