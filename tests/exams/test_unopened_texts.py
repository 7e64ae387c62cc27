"""What the test page tells a participant who cannot start, in Indonesian, through HTTP:
the test is not open yet, it has closed, every attempt is used, the course rules are not
agreed to. Times are in the reader's zone and name it (WIB, WITA, WIT). Starting anyway
answers 409 with the same words and starts nothing."""

import datetime as dt

import pytest
from django.urls import reverse

from latih.common import clock
from latih.exams.models import Attempt
from tests.factories import (
    enrol,
    finish_course,
    graded_attempt,
    make_agency,
    make_person,
    make_test,
    signed_in,
)

from .conftest import T0

NOON_UTC = dt.datetime(2026, 11, 25, 5, 30, tzinfo=dt.UTC)  # 12.30 WIB, 13.30 WITA, 14.30 WIT


def page_of(client, test, seconds=0):
    with clock.freeze(T0 + dt.timedelta(seconds=seconds)):
        response = client.get(reverse("exams:test", args=[test.course.slug, test.kind]))
    assert response.status_code == 200
    return response.content.decode()


def reasons_in(page: str) -> str:
    start = page.index('data-testid="unmet"')
    return page[start : page.index("</div>", start)]


@pytest.fixture
def pretest(course, bank):
    return make_test(course, "pre", question_count=3, max_attempts=1)


def test_a_test_not_yet_open_says_when_it_opens_in_the_readers_time(taker_client, evaluation):
    evaluation.opens_at = NOON_UTC
    evaluation.save()
    reasons = reasons_in(page_of(taker_client, evaluation))
    assert "Tes dibuka tanggal 25 November 2026, 12.30 WIB." in reasons
    assert "Mulai tes" not in page_of(taker_client, evaluation)


@pytest.mark.parametrize(
    "zone, shown",
    [
        ("Asia/Makassar", "Tes dibuka tanggal 25 November 2026, 13.30 WITA."),
        ("Asia/Jayapura", "Tes dibuka tanggal 25 November 2026, 14.30 WIT."),
    ],
)
def test_the_opening_time_follows_the_zone_of_the_participants_agency(
    course, evaluation, zone, shown
):
    evaluation.opens_at = NOON_UTC
    evaluation.save()
    agency = make_agency("Pemerintah Provinsi Timur")
    agency.time_zone = zone
    agency.save()
    person = make_person(agency)
    enrol(person, course)
    with clock.freeze(T0):
        finish_course(person, course)
    assert shown in reasons_in(page_of(signed_in(person), evaluation))


def test_a_closed_test_says_when_it_closed(taker_client, evaluation):
    evaluation.closes_at = T0 - dt.timedelta(days=1)
    evaluation.save()
    reasons = reasons_in(page_of(taker_client, evaluation))
    assert "Tes ditutup tanggal 22 November 2026, 08.00 WIB." in reasons


def test_a_test_closes_at_the_moment_it_says(taker_client, evaluation):
    evaluation.closes_at = T0 + dt.timedelta(seconds=60)
    evaluation.save()
    assert 'data-testid="unmet"' not in page_of(taker_client, evaluation, seconds=59)
    reasons = reasons_in(page_of(taker_client, evaluation, seconds=60))
    assert "Tes ditutup tanggal 23 November 2026, 08.01 WIB." in reasons


def test_every_attempt_used_says_how_many_were_allowed(taker, taker_client, evaluation):
    evaluation.max_attempts = 2
    evaluation.save()
    with clock.freeze(T0):
        for number in (1, 2):
            graded_attempt(taker, evaluation, 40, number=number)
    reasons = reasons_in(page_of(taker_client, evaluation, seconds=60))
    assert "Anda sudah menggunakan seluruh 2 percobaan." in reasons


def test_the_one_pretest_attempt_used_says_so(taker, taker_client, pretest):
    with clock.freeze(T0):
        graded_attempt(taker, pretest, 40)
    reasons = reasons_in(page_of(taker_client, pretest, seconds=60))
    assert "Anda sudah menggunakan seluruh 1 percobaan." in reasons


def test_a_participant_who_has_not_agreed_to_the_rules_is_asked_to_first(course, pretest, agency):
    person = make_person(agency)
    enrol(person, course, consented=False)
    reasons = reasons_in(page_of(signed_in(person), pretest))
    assert "Setujui ketentuan pelatihan terlebih dahulu." in reasons


def test_every_reason_is_listed_at_once(taker, taker_client, evaluation):
    evaluation.max_attempts = 1
    evaluation.closes_at = T0 - dt.timedelta(hours=1)
    evaluation.save()
    with clock.freeze(T0 - dt.timedelta(hours=2)):
        graded_attempt(taker, evaluation, 40)
    reasons = reasons_in(page_of(taker_client, evaluation))
    assert reasons.count("<li>") == 2
    assert "Tes ditutup tanggal 23 November 2026, 07.00 WIB." in reasons
    assert "Anda sudah menggunakan seluruh 1 percobaan." in reasons


def test_starting_a_test_not_yet_open_answers_409_with_the_reason_and_starts_nothing(
    taker_client, evaluation
):
    evaluation.opens_at = NOON_UTC
    evaluation.save()
    with clock.freeze(T0):
        response = taker_client.post(
            reverse("exams:start", args=[evaluation.course.slug, evaluation.kind])
        )
    assert response.status_code == 409
    assert "Tes dibuka tanggal 25 November 2026, 12.30 WIB." in response.content.decode()
    assert not Attempt.objects.exists()
