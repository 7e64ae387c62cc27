"""Real viewing through HTTP: the server merges what the player reports, a forged
completion earns nothing, and concurrent completions earn one trophy."""

import json
import threading

import pytest
from django.db import connection
from django.urls import reverse

from latih.learning import services
from latih.learning.models import MaterialProgress, TrophyAward
from tests.factories import enrol, make_person, signed_in


def url(name, material):
    return reverse(name, args=[material.section.course.slug, material.pk])


def report(client, video, intervals):
    return client.post(
        url("learning:viewing", video),
        json.dumps({"intervals": intervals}),
        content_type="application/json",
    )


@pytest.fixture
def video(materials, student):
    """The course's first video, with the text before it already completed."""
    text, video = materials[0], materials[1]
    services.open_material(student, text)
    services.complete_material(student, text)
    return video


def test_watching_to_the_end_shows_the_button_and_earns_the_trophy(student_client, video, at):
    with at(0):
        page = student_client.get(url("learning:material", video))
    assert page.status_code == 200
    assert b"data-complete-after-watching" in page.content  # the button is hidden
    for second in range(10, 70, 10):
        with at(second):
            body = report(student_client, video, [[second - 10, second]]).json()
        assert body["accepted"], body
    assert body == {
        "accepted": True,
        "reason": "",
        "watched": 60.0,
        "duration": 60.0,
        "can_complete": True,
        "completed": False,
    }
    with at(61):
        response = student_client.post(
            url("learning:complete", video), headers={"HX-Request": "true"}
        )
    assert response.status_code == 200
    assert "Selesai! Anda mendapat 1 trofi." in response.content.decode()
    assert TrophyAward.objects.filter(material=video).count() == 1


def test_posting_complete_by_hand_earns_nothing(student_client, video, at):
    with at(0):
        student_client.get(url("learning:material", video))
    with at(5):
        response = student_client.post(
            url("learning:complete", video), headers={"HX-Request": "true"}
        )
    assert response.status_code == 409
    assert "belum ditonton sampai selesai" in response.content.decode()
    assert not TrophyAward.objects.filter(material=video).exists()
    assert MaterialProgress.objects.get(material=video).completed_at is None


def test_seeking_to_the_end_earns_nothing(student_client, video, at):
    with at(0):
        student_client.get(url("learning:material", video))
    with at(3):
        body = report(student_client, video, [[0, 2], [57, 60]]).json()
    assert body["accepted"] and not body["can_complete"]
    with at(4):
        assert student_client.post(url("learning:complete", video)).status_code == 302
    assert not TrophyAward.objects.filter(material=video).exists()


def test_a_forged_report_of_the_whole_video_is_ignored(student_client, video, at):
    with at(0):
        student_client.get(url("learning:material", video))
    with at(10):
        body = report(student_client, video, [[0, 60]]).json()
    assert (body["accepted"], body["reason"], body["watched"]) == (False, "too_fast", 0)
    row = MaterialProgress.objects.get(material=video)
    assert (row.reports, row.ignored_reports) == (1, 1)


def test_reopening_the_page_does_not_hand_out_the_time_spent_away(student_client, video, at):
    with at(0):
        student_client.get(url("learning:material", video))
    with at(3600):  # an hour later, reopened: the clock starts again
        student_client.get(url("learning:material", video))
    with at(3610):
        assert not report(student_client, video, [[0, 60]]).json()["accepted"]


def test_malformed_report_is_refused(student_client, video):
    student_client.get(url("learning:material", video))
    response = student_client.post(
        url("learning:viewing", video), "not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert report(student_client, video, "all of it").status_code == 400


def test_report_for_a_video_never_opened_is_refused(student_client, video):
    assert report(student_client, video, [[0, 1]]).status_code == 409


def test_report_for_a_locked_video_is_refused(course, materials, agency):
    person = make_person(agency)
    enrol(person, course)
    client = signed_in(person)
    assert client.get(url("learning:material", materials[1])).status_code == 302  # locked
    assert report(client, materials[1], [[0, 1]]).status_code == 409  # so never opened


def test_report_for_a_document_is_refused(student_client, materials):
    assert report(student_client, materials[0], [[0, 1]]).status_code == 404


def test_heartbeat_query_count(
    student_client, video, at, django_assert_num_queries, session_queries
):
    with at(0):
        student_client.get(url("learning:material", video))
    # user, material with section and course, progress row locked, its update, and the
    # transaction's savepoint and release (BEGIN and COMMIT outside a test)
    with at(5), django_assert_num_queries(session_queries + 6):
        assert report(student_client, video, [[0, 5]]).json()["accepted"]


def test_the_video_can_be_rewatched_after_completion(student_client, video, student, at):
    with at(0):
        student_client.get(url("learning:material", video))
    with at(40):
        report(student_client, video, [[0, 60]])  # too fast: 40 s at 2x is 80 s, fine
    with at(41):
        services.complete_material(student, video)
    with at(100):
        assert student_client.get(url("learning:material", video)).status_code == 200
    with at(110):
        body = report(student_client, video, [[0, 10]]).json()
    assert body["accepted"] and body["completed"]
    assert TrophyAward.objects.filter(material=video).count() == 1


def test_double_click_on_done_earns_once(student_client, materials, student):
    text = materials[0]
    student_client.get(url("learning:material", text))
    first = student_client.post(url("learning:complete", text), headers={"HX-Request": "true"})
    second = student_client.post(url("learning:complete", text), headers={"HX-Request": "true"})
    assert "Anda mendapat 1 trofi" in first.content.decode()
    assert "Anda telah menyelesaikan materi ini" in second.content.decode()
    assert TrophyAward.objects.filter(person=student).count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_completion_requests_earn_one_trophy(course, materials, agency):
    person = make_person(agency)
    enrol(person, course)
    text = materials[0]
    services.open_material(person, text)
    clients = []
    for _ in range(6):
        client = signed_in(person)
        clients.append(client)
    barrier = threading.Barrier(len(clients))
    statuses = []

    def press(client):
        try:
            barrier.wait()
            statuses.append(client.post(url("learning:complete", text)).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=press, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [302] * len(clients)
    assert TrophyAward.objects.filter(person=person, material=text).count() == 1
    assert MaterialProgress.objects.filter(person=person, material=text).count() == 1


def test_the_database_refuses_a_second_award(student, materials):
    from django.db import IntegrityError, transaction

    text = materials[0]
    services.open_material(student, text)
    services.complete_material(student, text)
    with pytest.raises(IntegrityError), transaction.atomic():
        TrophyAward.objects.create(
            person=student, material=text, course=text.section.course, trophies=1
        )
