"""The whole answer form at once, as a browser without JavaScript sends it ("Simpan" or
"Selesai"): every answer newer than the stored one is saved, older ones and questions not
on the form are left alone; one unreadable number refuses the whole form with 400 and
changes nothing; after the deadline, or once the attempt is finished, the form leads to the
result and saves nothing."""

import datetime as dt

import pytest
from django.urls import reverse

from latih.common import clock
from latih.exams import services
from latih.exams.models import Attempt, Item

from .conftest import T0
from .test_pages import post_answer, started


@pytest.fixture
def attempt(taker_client, evaluation):
    return started(taker_client, evaluation)


def option(attempt, position, n=0):
    return attempt.items.get(position=position).options[n]["id"]


def send_form(client, attempt, data, seconds=30):
    with clock.freeze(T0 + dt.timedelta(seconds=seconds)):
        return client.post(reverse("exams:save_all", args=[attempt.pk]), data)


def stored(attempt):
    """Each question's stored (selected, seq), by position."""
    return {
        position: (selected, seq)
        for position, selected, seq in Item.objects.filter(attempt=attempt).values_list(
            "position", "selected", "seq"
        )
    }


def test_only_answers_newer_than_the_stored_ones_are_saved(taker_client, attempt):
    # The page's script saved question 1 (change 5) and question 3 before the form was sent.
    post_answer(taker_client, attempt, 1, [option(attempt, 1, 0)], 5)
    post_answer(taker_client, attempt, 3, [option(attempt, 3, 0)], 2)
    data = {
        "seq-1": "3",  # an older change of question 1, from a tab left open
        "q-1": [str(option(attempt, 1, 1))],
        "seq-2": "1",
        "q-2": [str(option(attempt, 2, 1))],
        "seq-3": "4",  # question 3 emptied since: a newer change
    }
    response = send_form(taker_client, attempt, data)
    assert response.status_code == 302
    assert response.url == reverse("exams:attempt", args=[attempt.pk])
    after = stored(attempt)
    assert after[1] == ([option(attempt, 1, 0)], 5)
    assert after[2] == ([option(attempt, 2, 1)], 1)
    assert after[3] == ([], 4)
    assert after[4] == after[5] == ([], 0)  # not on the form


def test_saving_the_form_says_so_in_indonesian_on_the_attempt_page(taker_client, attempt):
    data = {"seq-1": "1", "q-1": [str(option(attempt, 1))]}
    with clock.freeze(T0 + dt.timedelta(seconds=30)):
        response = taker_client.post(
            reverse("exams:save_all", args=[attempt.pk]), data, follow=True
        )
    assert response.status_code == 200
    assert "Jawaban Anda tersimpan." in response.content.decode()


def test_the_same_form_sent_twice_saves_once(taker_client, attempt):
    data = {"seq-1": "1", "q-1": [str(option(attempt, 1))]}
    send_form(taker_client, attempt, data, seconds=30)
    first = Item.objects.get(attempt=attempt, position=1).answered_at
    send_form(taker_client, attempt, data, seconds=40)
    assert Item.objects.get(attempt=attempt, position=1).answered_at == first


def test_an_unreadable_number_on_a_later_question_saves_none_of_the_earlier_ones(
    taker_client, attempt
):
    post_answer(taker_client, attempt, 4, [option(attempt, 4)], 1)
    before = stored(attempt)
    data = {
        "seq-1": "1",
        "q-1": [str(option(attempt, 1))],
        "seq-2": "1",
        "q-2": [str(option(attempt, 2))],
        "seq-4": "2",
        "q-4": [],
        "seq-5": "1",
        "q-5": ["tiga"],  # no page writes this
    }
    response = send_form(taker_client, attempt, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Sebuah jawaban tidak dapat dibaca, jadi tidak ada yang disimpan." in page
    assert 'id="q-1"' in page  # the questions again, to try once more
    assert stored(attempt) == before


def test_an_option_of_another_question_is_skipped_and_the_others_are_saved(taker_client, attempt):
    data = {
        "seq-1": "1",
        "q-1": [str(option(attempt, 2))],  # question 2's option under question 1
        "seq-2": "1",
        "q-2": [str(option(attempt, 2))],
    }
    response = send_form(taker_client, attempt, data)
    assert response.status_code == 302
    after = stored(attempt)
    assert after[1] == ([], 0)
    assert after[2] == ([option(attempt, 2)], 1)


def test_the_form_sent_after_the_deadline_leads_to_the_result_and_saves_nothing(
    taker_client, attempt
):
    post_answer(taker_client, attempt, 1, [option(attempt, 1)], 1)
    before = stored(attempt)
    data = {"seq-1": "2", "q-1": [str(option(attempt, 1, 1))], "seq-2": "1", "q-2": []}
    response = send_form(taker_client, attempt, data, seconds=90 * 60)
    assert response.status_code == 302
    assert response.url == reverse("exams:result", args=[attempt.pk])
    assert stored(attempt) == before
    attempt.refresh_from_db()
    assert attempt.submitted_at == attempt.deadline and attempt.auto_submitted


def test_the_form_of_a_finished_attempt_leads_to_the_result_and_changes_nothing(
    taker_client, attempt
):
    post_answer(taker_client, attempt, 1, [option(attempt, 1)], 1)
    with clock.freeze(T0 + dt.timedelta(seconds=20)):
        taker_client.post(reverse("exams:finish", args=[attempt.pk]))
    attempt.refresh_from_db()
    before, score = stored(attempt), attempt.score
    data = {"seq-1": "2", "q-1": [str(option(attempt, 1, 1))], "seq-2": "1", "finish": "1"}
    response = send_form(taker_client, attempt, data, seconds=30)
    assert response.url == reverse("exams:result", args=[attempt.pk])
    assert stored(attempt) == before
    assert Attempt.objects.get(pk=attempt.pk).score == score


def test_an_attempt_finished_in_another_tab_while_the_form_saves_stops_at_the_result(
    taker_client, attempt, monkeypatch
):
    """The attempt is submitted between two answers of the form: the answers after it are
    refused as late, and the form leads to the result, not the confirmation."""
    save_answer = services.save_answer

    def save_then_finish_elsewhere(person, attempt_id, position, selected, seq):
        saved = save_answer(person, attempt_id, position, selected, seq)
        services.submit_attempt(Attempt.objects.get(pk=attempt_id))
        return saved

    monkeypatch.setattr(services, "save_answer", save_then_finish_elsewhere)
    data = {
        "seq-1": "1",
        "q-1": [str(option(attempt, 1))],
        "seq-2": "1",
        "q-2": [str(option(attempt, 2))],
        "finish": "1",
    }
    response = send_form(taker_client, attempt, data)
    assert response.url == reverse("exams:result", args=[attempt.pk])
    after = stored(attempt)
    assert after[1] == ([option(attempt, 1)], 1)  # saved, then graded
    assert after[2] == ([], 0)  # late
