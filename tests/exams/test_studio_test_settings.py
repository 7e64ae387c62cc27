"""A course's tests in the studio: creating the pre-test and the academic evaluation with
their policy values, the score-cap table (validated, decimal comma) and the number of
questions drawn per category, with a warning when a category is too small."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse

from latih.exams.models import Draw
from latih.exams.models import Test as ExamTest
from tests.factories import make_bank

from .studio_support import shown

SEED_CAPS = [[1, "100"], [4, "90.01"], [6, "80.01"], [7, "70.01"]]


def settings_url(course, kind="post"):
    return reverse("exams_studio:test", args=[course.pk, kind])


def settings_data(caps=SEED_CAPS, draws=None, rows=6, **changes):
    """The settings form as a browser sends it."""
    data = {
        "title": "Evaluasi Akademik Latsar",
        "instructions": "Kerjakan dengan jujur.",
        "question_count": "40",
        "time_limit": "90",
        "pass_mark": "60",
        "max_attempts": "",
        "opens_at": "",
        "closes_at": "",
        "show_answers": "close",
        "is_published": "on",
        "caps-rows": str(rows),
    }
    for index in range(rows):
        first, cap = caps[index] if index < len(caps) else ("", "")
        data[f"cap-{index}-first"] = str(first)
        data[f"cap-{index}-cap"] = cap
    for pk, count in (draws or {}).items():
        data[f"draw-{pk}"] = str(count)
    data.update(changes)
    return data


@pytest.fixture
def categories(course):
    make_bank(course, questions=6, category="Agenda 1")
    make_bank(course, questions=3, category="Agenda 2")
    return {c.name: c for c in course.question_categories.all()}


def test_a_new_pre_test_offers_the_policy_defaults(studio, course, categories):
    page = studio.get(settings_url(course, "pre")).content.decode()
    assert 'name="time_limit" value="90"' in page
    assert 'name="max_attempts" value="1"' in page
    assert 'name="cap-1-first" value="4"' in page and 'name="cap-1-cap" value="90.01"' in page
    assert 'name="cap-3-first" value="7"' in page and 'name="cap-3-cap" value="70.01"' in page
    assert 'name="draw-' in page
    assert not ExamTest.objects.exists()  # shown, not created


def test_organizer_creates_the_academic_evaluation_with_caps_and_draws(studio, course, categories):
    draws = {categories["Agenda 1"].pk: 4, categories["Agenda 2"].pk: 0}
    caps = [[1, "100"], [3, "95"], [5, "90,01"]]
    data = settings_data(
        caps, draws, pass_mark="65,5", opens_at="2026-11-23T08:00", closes_at="2026-12-01T17:00"
    )
    response = studio.post(settings_url(course), data)
    assert response.status_code == 302 and response.url == settings_url(course)
    test = ExamTest.objects.get(course=course, kind="post")
    assert test.title == "Evaluasi Akademik Latsar"
    assert test.pass_mark == D("65.5") and test.time_limit == 90 and test.max_attempts is None
    assert test.caps == [[1, "100"], [3, "95"], [5, "90.01"]]
    assert test.opens_at == dt.datetime(2026, 11, 23, 1, 0, tzinfo=dt.UTC)  # 08:00 WIB
    assert test.is_published
    assert list(Draw.objects.values_list("category__name", "count")) == [("Agenda 1", 4)]
    page = studio.get(settings_url(course)).content.decode()
    assert 'data-testid="drawn-total">4<' in page
    assert f'name="draw-{categories["Agenda 1"].pk}" value="4"' in page


def test_cap_rows_are_sorted_and_empty_rows_left_out(studio, course, categories):
    caps = [[6, "80,01"], ["", ""], [1, "100"], [4, "90.01"]]
    studio.post(settings_url(course), settings_data(caps))
    assert ExamTest.objects.get().caps == [[1, "100"], [4, "90.01"], [6, "80.01"]]


@pytest.mark.parametrize(
    ("caps", "message"),
    [
        ([[2, "100"], [4, "90"]], "The first row must be from attempt 1."),
        ([[1, "100"], [1, "90"]], "Each attempt number may appear only once."),
        ([], "Give at least one row, from attempt 1."),
    ],
)
def test_a_bad_cap_table_is_refused_with_the_reason(studio, course, categories, caps, message):
    response = studio.post(settings_url(course), settings_data(caps))
    assert response.status_code == 200
    assert shown(message) in response.content.decode()
    assert not ExamTest.objects.exists()


def test_a_cap_above_100_is_refused_on_its_row(studio, course, categories):
    response = studio.post(settings_url(course), settings_data([[1, "100"], [4, "120"]]))
    page = response.content.decode()
    assert 'class="error"' in page and 'id="form-errors"' in page
    assert not ExamTest.objects.exists()


def test_an_attempt_without_its_cap_is_refused(studio, course, categories):
    response = studio.post(settings_url(course), settings_data([[1, "100"], [4, ""]]))
    message = "Give both the attempt and the highest score, or neither."
    assert shown(message) in response.content.decode()
    assert not ExamTest.objects.exists()


def test_a_test_must_close_after_it_opens(studio, course, categories):
    data = settings_data(opens_at="2026-12-01T08:00", closes_at="2026-11-30T08:00")
    response = studio.post(settings_url(course), data)
    assert shown("The test must close after it opens.") in response.content.decode()
    assert not ExamTest.objects.exists()


def test_a_category_smaller_than_its_draw_is_warned_about_but_saved(studio, course, categories):
    small = categories["Agenda 2"]
    response = studio.post(settings_url(course), settings_data(draws={small.pk: 5}), follow=True)
    assert Draw.objects.get().count == 5
    page = response.content.decode()
    message = (
        "“%(category)s” has %(live)s live questions but %(wanted)s are drawn from it: "
        "attempts get fewer questions."
    )
    assert shown(message, category="Agenda 2", live=3, wanted=5) in page
    assert 'data-testid="short"' in page


def test_editing_keeps_the_test_and_replaces_its_draws(studio, course, categories):
    first = categories["Agenda 1"].pk
    studio.post(settings_url(course), settings_data(draws={first: 4}))
    test = ExamTest.objects.get()
    studio.post(settings_url(course), settings_data(draws={first: 0}, title="Evaluasi Baru"))
    test.refresh_from_db()
    assert test.title == "Evaluasi Baru"
    assert ExamTest.objects.count() == 1 and not Draw.objects.exists()


def test_an_unknown_kind_is_not_found(studio, course):
    assert studio.get(settings_url(course, "mid")).status_code == 404
