"""The participant's pages through real HTTP requests: the test page with its reasons,
starting, the attempt page, saving answers, finishing and the result; query counts."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse

from latih.common import clock
from latih.exams.models import Attempt, Item
from tests.factories import enrol, make_person, signed_in

from .conftest import T0


def url_of(test, name="exams:test"):
    return reverse(name, args=[test.course.slug, test.kind])


def started(client, test, seconds=0):
    with clock.freeze(T0 + dt.timedelta(seconds=seconds)):
        response = client.post(url_of(test, "exams:start"))
    assert response.status_code == 302, response.content[:500]
    return Attempt.objects.get(pk=int(response.url.rstrip("/").split("/")[-1]))


def post_answer(client, attempt, position, options, seq, seconds=10):
    with clock.freeze(T0 + dt.timedelta(seconds=seconds)):
        return client.post(
            reverse("exams:answer", args=[attempt.pk]),
            {"position": position, "seq": seq, "option": options},
        )


def test_the_test_page_names_every_unmet_reason_in_indonesian(course, evaluation, agency):
    person = make_person(agency)
    enrol(person, course)
    from latih.accounts.models import Person

    Person.objects.filter(pk=person.pk).update(first_signed_in_at=T0)
    with clock.freeze(T0):
        page = signed_in(person).get(url_of(evaluation)).content.decode()
    assert "Pelajari semua agenda sebelum evaluasi akademik" in page
    assert "Trofi Anda 0 dari 3" in page
    assert "Evaluasi akademik dibuka tanggal 7 Desember 2026" in page


def test_starting_when_closed_changes_nothing(course, evaluation, agency):
    person = make_person(agency)
    enrol(person, course)
    with clock.freeze(T0):
        response = signed_in(person).post(url_of(evaluation, "exams:start"))
    assert response.status_code == 409
    assert not Attempt.objects.exists()


def test_the_test_page_shows_the_cap_of_the_next_attempt(taker, taker_client, evaluation):
    for n in range(3):
        attempt = started(taker_client, evaluation, n * 10_000)
        with clock.freeze(T0 + dt.timedelta(seconds=n * 10_000 + 5)):
            taker_client.post(reverse("exams:finish", args=[attempt.pk]))
    with clock.freeze(T0 + dt.timedelta(seconds=40_000)):
        page = taker_client.get(url_of(evaluation)).content.decode()
    assert "Percobaan 4: nilai tertinggi yang dapat diraih 90,01" in page


def test_a_participant_not_enrolled_gets_404(evaluation, agency):
    client = signed_in(make_person(agency))
    assert client.get(url_of(evaluation)).status_code == 404


def test_an_unpublished_test_is_not_found(taker_client, evaluation):
    evaluation.is_published = False
    evaluation.save()
    assert taker_client.get(url_of(evaluation)).status_code == 404


def test_double_click_on_start_gives_one_attempt(taker_client, evaluation):
    first = started(taker_client, evaluation)
    second = started(taker_client, evaluation, 1)
    assert first.pk == second.pk and Attempt.objects.count() == 1


def test_the_attempt_page_shows_saved_answers_and_the_servers_time_left(
    taker_client, evaluation, django_assert_num_queries, session_queries
):
    attempt = started(taker_client, evaluation)
    item = attempt.items.get(position=2)
    choice = item.options[1]["id"]
    assert post_answer(taker_client, attempt, 2, [choice], 1).status_code == 200
    with clock.freeze(T0 + dt.timedelta(minutes=30)):
        with django_assert_num_queries(session_queries + 3):
            response = taker_client.get(reverse("exams:attempt", args=[attempt.pk]))
    page = response.content.decode()
    assert f'data-seconds-left="{60 * 60}"' in page
    assert f'value="{choice}" checked' in page
    assert page.count(" checked") == 1
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_saving_an_answer_returns_what_is_stored(
    taker_client, evaluation, django_assert_max_num_queries, session_queries
):
    attempt = started(taker_client, evaluation)
    item = attempt.items.get(position=1)
    choice = item.options[0]["id"]
    # Session, user, the item and attempt locked in one query, the update (+ savepoints).
    with django_assert_max_num_queries(session_queries + 5):
        response = post_answer(taker_client, attempt, 1, [choice], 3, seconds=100)
    assert response.json() == {
        "position": 1,
        "seq": 3,
        "selected": [choice],
        "seconds_left": 5400 - 100,
    }


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"position": "x", "seq": 1},
        {"position": 1, "seq": "a"},
        {"position": 1, "seq": 1, "option": "abc"},
    ],
)
def test_an_unreadable_answer_is_refused(taker_client, evaluation, data):
    attempt = started(taker_client, evaluation)
    with clock.freeze(T0):
        response = taker_client.post(reverse("exams:answer", args=[attempt.pk]), data)
    assert response.status_code == 400
    assert not Item.objects.exclude(selected=[]).exists()


def test_a_late_answer_is_refused_with_409(taker_client, evaluation):
    attempt = started(taker_client, evaluation)
    option = attempt.items.get(position=1).options[0]["id"]
    response = post_answer(taker_client, attempt, 1, [option], 1, seconds=90 * 60)
    assert response.status_code == 409
    assert response.json()["late"] is True
    assert not Item.objects.exclude(selected=[]).exists()


def test_someone_elses_attempt_is_not_found(taker_client, evaluation, agency):
    attempt = started(taker_client, evaluation)
    stranger = signed_in(make_person(agency))
    assert stranger.get(reverse("exams:attempt", args=[attempt.pk])).status_code == 404
    assert post_answer(stranger, attempt, 1, [], 1).status_code == 404


def test_finish_lists_the_unanswered_questions_then_grades(taker_client, evaluation):
    attempt = started(taker_client, evaluation)
    item = attempt.items.get(position=3)
    right = [o["id"] for o in item.options if D(o["fraction"]) > 0][: 1 if not item.multiple else 2]
    post_answer(taker_client, attempt, 3, right, 1)
    with clock.freeze(T0 + dt.timedelta(seconds=60)):
        page = taker_client.get(reverse("exams:finish", args=[attempt.pk])).content.decode()
        assert "4 dari 5 soal belum dijawab" in page
        for position in (1, 2, 4, 5):
            assert f"#q-{position}" in page
        assert "#q-3" not in page
        response = taker_client.post(reverse("exams:finish", args=[attempt.pk]))
        again = taker_client.post(reverse("exams:finish", args=[attempt.pk]))
    assert response.status_code == again.status_code == 302
    attempt.refresh_from_db()
    assert attempt.score == D("20.00") and attempt.submitted_at == T0 + dt.timedelta(seconds=60)


def test_the_whole_form_saves_without_javascript(taker_client, evaluation):
    attempt = started(taker_client, evaluation)
    items = list(attempt.items.order_by("position"))
    data = {}
    for item in items:
        data[f"seq-{item.position}"] = "1"
        right = [o["id"] for o in item.options if D(o["fraction"]) > 0]
        data[f"q-{item.position}"] = right if item.multiple else right[:1]
    with clock.freeze(T0 + dt.timedelta(seconds=30)):
        response = taker_client.post(
            reverse("exams:save_all", args=[attempt.pk]), {**data, "finish": "1"}
        )
    assert response.url == reverse("exams:finish", args=[attempt.pk])
    assert Item.objects.filter(attempt=attempt).exclude(selected=[]).count() == 5


def test_the_result_shows_score_cap_and_outcome(taker_client, evaluation):
    attempt = started(taker_client, evaluation)
    with clock.freeze(T0 + dt.timedelta(seconds=60)):
        taker_client.post(reverse("exams:finish", args=[attempt.pk]))
        page = taker_client.get(reverse("exams:result", args=[attempt.pk])).content.decode()
    assert 'data-testid="score">0,00<' in page
    assert 'data-testid="cap">100,00<' in page
    assert "Di bawah batas lulus" in page  # this attempt
    assert "Belum lulus" in page  # the participant, who may try again


def test_an_abandoned_attempt_is_submitted_when_its_page_is_opened(taker_client, evaluation):
    attempt = started(taker_client, evaluation)
    with clock.freeze(T0 + dt.timedelta(hours=3)):
        response = taker_client.get(reverse("exams:attempt", args=[attempt.pk]))
    assert response.url == reverse("exams:result", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.submitted_at == attempt.deadline


def test_correct_answers_follow_the_tests_review_setting(taker_client, evaluation):
    attempt = started(taker_client, evaluation)
    with clock.freeze(T0 + dt.timedelta(seconds=60)):
        taker_client.post(reverse("exams:finish", args=[attempt.pk]))
        url = reverse("exams:result", args=[attempt.pk])
        assert '<h2 id="answers">' not in taker_client.get(url).content.decode()
        evaluation.show_answers = "submit"
        evaluation.save()
        assert '<h2 id="answers">' in taker_client.get(url).content.decode()
        evaluation.show_answers = "close"
        evaluation.closes_at = T0 + dt.timedelta(days=1)
        evaluation.save()
        assert '<h2 id="answers">' not in taker_client.get(url).content.decode()
    with clock.freeze(T0 + dt.timedelta(days=2)):
        assert '<h2 id="answers">' in taker_client.get(url).content.decode()


def test_the_course_page_links_the_tests(taker_client, course, evaluation):
    page = taker_client.get(reverse("learning:course", args=[course.slug])).content.decode()
    assert url_of(evaluation) in page


def test_course_page_with_tests_adds_two_queries(
    taker_client, course, evaluation, django_assert_num_queries, session_queries
):
    # The learning page's 8, then the published tests and the best scores.
    with django_assert_num_queries(session_queries + 10):
        taker_client.get(reverse("learning:course", args=[course.slug]))


def test_the_profile_shows_the_academic_score_and_the_attempts(
    taker, taker_client, evaluation, django_assert_num_queries, session_queries
):
    for n in range(2):
        attempt = started(taker_client, evaluation, n * 10_000)
        if n == 0:
            for item in attempt.items.all():
                right = [o["id"] for o in item.options if D(o["fraction"]) > 0]
                post_answer(taker_client, attempt, item.position, right, 1, n * 10_000 + 5)
        with clock.freeze(T0 + dt.timedelta(seconds=n * 10_000 + 10)):
            taker_client.post(reverse("exams:finish", args=[attempt.pk]))
    # The profile page's eleven queries for one enrolment (hours and certificates
    # included), and one for all the attempts.
    with django_assert_num_queries(session_queries + 12):
        page = taker_client.get(reverse("accounts:profile")).content.decode()
    assert 'data-testid="academic-score">100,00 <span class="ok small">Lulus' in page
    assert page.count(reverse("exams:result", args=[attempt.pk])) == 1


def test_the_dashboard_links_the_tests_with_the_best_score(
    taker_client, course, evaluation, django_assert_num_queries, session_queries
):
    attempt = started(taker_client, evaluation)
    with clock.freeze(T0 + dt.timedelta(seconds=60)):
        taker_client.post(reverse("exams:finish", args=[attempt.pk]))
    # The dashboard's eight, and the best scores.
    with django_assert_num_queries(session_queries + 9):
        page = taker_client.get(reverse("core:dashboard")).content.decode()
    assert url_of(evaluation) in page
    assert "nilai terbaik 0,00" in page
