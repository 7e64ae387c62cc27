"""The question bank in the studio, through real requests: the bank page and its query
count, categories, writing and editing questions (one or several correct answers, the
decimal comma, refusals), new versions of used questions, and removal."""

import random
from decimal import Decimal as D

import pytest
from django.urls import reverse

from latih.common import clock
from latih.exams import services
from latih.exams.models import Category, Option, Question
from tests.factories import make_bank

from .conftest import T0
from .studio_support import shown, shown_n


def bank_url(course):
    return reverse("exams_studio:bank", args=[course.pk])


def question_data(category, text="Apa kepanjangan ASN?", options=(), correct=None, **fields):
    """The question form as a browser sends it: eight option rows, the unused ones empty."""
    data = {
        "category": category.pk,
        "name": "",
        "text": text,
        "format": "plain",
        "feedback": "",
        **fields,
    }
    if correct is not None:
        data["correct"] = str(correct)
    for index in range(8):
        option_text, credit = options[index] if index < len(options) else ("", "")
        data[f"option-{index}-text"] = option_text
        data[f"option-{index}-credit"] = credit
        data[f"option-{index}-feedback"] = ""
    return data


def fractions(question):
    return [(o.text, o.fraction) for o in question.options.order_by("position")]


# --- The bank page ----------------------------------------------------------------------------
def test_the_bank_lists_categories_with_their_questions(studio, course, bank):
    make_bank(course, questions=2, category="Agenda 2")
    page = studio.get(bank_url(course)).content.decode()
    assert page.count('data-testid="category-count"') == 2
    assert page.count('class="bank-question"') == 12
    assert "Soal Umum 9: pilih yang benar." in page  # a several-correct one
    assert page.count('class="option--right"') == 10 + 2 * 2  # one each, two each
    assert shown("Several correct") in page and shown("One correct") in page


def test_the_bank_says_how_often_each_question_was_drawn(studio, taker, evaluation):
    with clock.freeze(T0):
        attempt = services.start_attempt(taker, evaluation, random.Random(1))
    drawn = attempt.items.first().question
    page = studio.get(bank_url(evaluation.course)).content.decode()
    entry = page[page.index(f'id="question-{drawn.pk}"') :]
    entry = entry[: entry.index("</li>\n  ")]
    once = shown_n("used in %(counter)s attempt", "used in %(counter)s attempts", 1, "counter")
    assert once in entry


@pytest.mark.parametrize("questions", [2, 12])
def test_bank_page_query_count(
    studio, course, questions, django_assert_num_queries, session_queries
):
    make_bank(course, questions=questions, multiple=1)
    make_bank(course, questions=questions, category="Agenda 2")
    # user, course, categories with counts, their live questions, their options
    with django_assert_num_queries(session_queries + 5):
        response = studio.get(bank_url(course))
    assert response.content.decode().count('class="bank-question"') == 2 * questions + 1


# --- Categories --------------------------------------------------------------------------------
def test_organizer_adds_and_renames_a_category(studio, course):
    url = reverse("exams_studio:category_new", args=[course.pk])
    page = studio.get(url).content.decode()
    assert '<option value="Agenda 1">' in page  # the course's modules are offered
    response = studio.post(url, {"name": "  Agenda 1  "})
    category = Category.objects.get(course=course)
    assert category.name == "Agenda 1"
    assert response.url == bank_url(course) + f"#category-{category.pk}"
    edit = reverse("exams_studio:category_edit", args=[course.pk, category.pk])
    studio.post(edit, {"name": "Agenda 1: Sikap Perilaku Bela Negara"})
    category.refresh_from_db()
    assert category.name == "Agenda 1: Sikap Perilaku Bela Negara"


def test_a_second_category_of_the_same_name_is_refused(studio, course):
    Category.objects.create(course=course, name="Agenda 1")
    url = reverse("exams_studio:category_new", args=[course.pk])
    response = studio.post(url, {"name": "Agenda 1"})
    assert response.status_code == 200
    assert Category.objects.count() == 1
    page = response.content.decode()
    assert 'aria-invalid="true"' in page
    message = "The bank already has a category named “%(name)s”."
    assert shown(message, name="Agenda 1") in page


# --- Writing questions -------------------------------------------------------------------------
@pytest.fixture
def category(course):
    return Category.objects.create(course=course, name="Agenda 1")


def test_new_question_without_a_category_asks_for_one(studio, course):
    response = studio.get(reverse("exams_studio:question_new", args=[course.pk]))
    assert response.url == reverse("exams_studio:category_new", args=[course.pk])


def test_one_correct_answer_is_chosen_with_the_radio_button(studio, course, category):
    options = [
        ("Aparatur Sipil Negara", ""),
        ("Aparatur Sistem Negara", ""),
        ("", ""),
        ("Abdi Sipil Negara", ""),
    ]
    url = reverse("exams_studio:question_new", args=[course.pk])
    assert studio.get(url + f"?category={category.pk}").status_code == 200
    response = studio.post(url, question_data(category, options=options, correct=0))
    question = Question.objects.get()
    assert response.status_code == 302
    assert response.url == bank_url(course) + f"#question-{question.pk}"
    assert not question.multiple
    # The empty third row is left out; the radio gives 100 and the others 0.
    assert fractions(question) == [
        ("Aparatur Sipil Negara", D(100)),
        ("Aparatur Sistem Negara", D(0)),
        ("Abdi Sipil Negara", D(0)),
    ]


def test_several_correct_answers_take_credits_with_a_decimal_comma(studio, course, category):
    options = [
        ("Berorientasi Pelayanan", "33,33333"),
        ("Akuntabel", "33,33333"),
        ("Kompeten", "33.33333"),
        ("Korup", "-100"),
    ]
    data = question_data(category, "Nilai dasar ASN BerAKHLAK?", options, multiple="on")
    studio.post(reverse("exams_studio:question_new", args=[course.pk]), data)
    question = Question.objects.get()
    assert question.multiple
    assert [fraction for _text, fraction in fractions(question)] == [
        D("33.33333"),
        D("33.33333"),
        D("33.33333"),
        D(-100),
    ]


def test_partial_credit_with_one_correct_answer_uses_the_credit_column(studio, course, category):
    options = [("Benar", "100"), ("Hampir benar", "50"), ("Salah", "")]
    studio.post(
        reverse("exams_studio:question_new", args=[course.pk]),
        question_data(category, options=options),
    )
    assert [f for _t, f in fractions(Question.objects.get())] == [D(100), D(50), D(0)]


@pytest.mark.parametrize(
    ("options", "multiple", "message", "values"),
    [
        (
            [("A", "50"), ("B", "40"), ("C", "-100")],
            True,
            "The correct answers' weights add up to %(total)s%%, not 100%%.",
            {"total": "90"},
        ),
        (
            [("A", "44"), ("B", "56")],
            True,
            "Option %(option)s: weight %(weight)s%% is not one Moodle accepts; use %(nearest)s%%.",
            {"option": "1", "weight": "44", "nearest": "40"},
        ),
        (
            [("A", "50"), ("B", "0")],
            False,
            "No option is worth 100%%: a question with one correct answer needs an option with "
            "weight 100%%.",
            {},
        ),
        (
            [("A", "")],
            False,
            "A question needs at least %(minimum)s options; this one has %(count)s.",
            {"minimum": 2, "count": 1},
        ),
    ],
)
def test_bad_credits_are_refused_with_the_reason_and_nothing_is_saved(
    studio, course, category, options, multiple, message, values
):
    data = question_data(category, options=options, **({"multiple": "on"} if multiple else {}))
    response = studio.post(reverse("exams_studio:question_new", args=[course.pk]), data)
    assert response.status_code == 200
    assert shown(message, **values) in response.content.decode()
    assert not Question.objects.exists() and not Option.objects.exists()


def test_errors_name_the_option_row_as_the_page_numbers_it(studio, course, category):
    options = [("A", "100"), ("", ""), ("C", "44")]
    data = question_data(category, options=options)
    response = studio.post(reverse("exams_studio:question_new", args=[course.pk]), data)
    expected = shown(
        "Option %(option)s: weight %(weight)s%% is not one Moodle accepts; use %(nearest)s%%.",
        option="3",
        weight="44",
        nearest="40",
    )
    assert expected in response.content.decode()


def test_a_credit_that_is_not_a_number_is_refused_on_its_row(studio, course, category):
    options = [("A", "seratus"), ("B", "0")]
    data = question_data(category, options=options, multiple="on")
    response = studio.post(reverse("exams_studio:question_new", args=[course.pk]), data)
    page = response.content.decode()
    assert shown("Enter a number, such as 100, 50 or 33,33333.") in page
    assert 'id="id_option-0-credit_error"' in page
    assert not Question.objects.exists()


def test_the_correct_radio_on_an_empty_row_is_refused(studio, course, category):
    data = question_data(category, options=[("A", ""), ("B", "")], correct=5)
    response = studio.post(reverse("exams_studio:question_new", args=[course.pk]), data)
    assert shown("The option chosen as correct is empty.") in response.content.decode()
    assert not Question.objects.exists()


# --- Editing and removing ----------------------------------------------------------------------
def test_editing_an_unused_question_changes_it_in_place(studio, course, bank):
    question = bank[0]
    url = reverse("exams_studio:question_edit", args=[course.pk, question.pk])
    page = studio.get(url).content.decode()
    assert 'value="0" id="id_correct_0" checked' in page  # its correct option is shown
    assert 'data-testid="new-version"' not in page
    options = [("Benar baru", ""), ("Salah baru", "")]
    studio.post(url, question_data(question.category, "Teks baru", options, correct=1))
    question.refresh_from_db()
    assert question.text == "Teks baru" and not question.is_archived
    assert fractions(question) == [("Benar baru", D(0)), ("Salah baru", D(100))]


def test_editing_a_drawn_question_makes_a_new_version(studio, taker, evaluation):
    with clock.freeze(T0):
        attempt = services.start_attempt(taker, evaluation, random.Random(1))
    item = attempt.items.filter(multiple=False).first()
    question = item.question
    url = reverse("exams_studio:question_edit", args=[evaluation.course.pk, question.pk])
    assert 'data-testid="new-version"' in studio.get(url).content.decode()
    data = question_data(question.category, "Versi baru", [("Ya", ""), ("Tidak", "")], correct=0)
    response = studio.post(url, data)
    question.refresh_from_db()
    assert question.is_archived and question.text != "Versi baru"
    new = Question.objects.get(text="Versi baru")
    assert response.url.endswith(f"#question-{new.pk}")
    item.refresh_from_db()
    assert item.question_id == question.pk  # the attempt keeps what it showed
    page = studio.get(bank_url(evaluation.course)).content.decode()
    assert f'id="question-{new.pk}"' in page and f'id="question-{question.pk}"' not in page


def test_removing_an_unused_question_deletes_it(studio, course, bank):
    url = reverse("exams_studio:question_remove", args=[course.pk, bank[0].pk])
    assert studio.get(url).status_code == 200
    studio.post(url)
    assert not Question.objects.filter(pk=bank[0].pk).exists()


def test_removing_a_drawn_question_archives_it(studio, taker, evaluation):
    with clock.freeze(T0):
        attempt = services.start_attempt(taker, evaluation, random.Random(1))
    question = attempt.items.first().question
    url = reverse("exams_studio:question_remove", args=[evaluation.course.pk, question.pk])
    studio.post(url)
    question.refresh_from_db()
    assert question.is_archived
    # An archived question can no longer be edited or removed.
    assert studio.get(url).status_code == 404


def test_a_question_of_another_course_is_not_found(studio, course, bank):
    from tests.factories import make_course

    other = make_course()
    url = reverse("exams_studio:question_edit", args=[other.pk, bank[0].pk])
    assert studio.get(url).status_code == 404
