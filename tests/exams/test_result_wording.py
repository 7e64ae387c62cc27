"""The result and finish pages say what they mean: a later attempt's own score apart from
the participant's standing, the time left in hours and minutes, Indonesian decimals."""

import datetime as dt
from decimal import Decimal as D

from django.urls import reverse

from latih.common import clock
from latih.exams.models import Attempt

from .conftest import T0


def _attempt(client, test, seconds: int, right: bool):
    """An attempt started at T0 + ``seconds``, every answer right (or none given),
    finished a minute later; its result page."""
    with clock.freeze(T0 + dt.timedelta(seconds=seconds)):
        response = client.post(reverse("exams:start", args=[test.course.slug, test.kind]))
    pk = int(response.url.rstrip("/").split("/")[-1])
    attempt = Attempt.objects.get(pk=pk)
    if right:
        for item in attempt.items.all():
            options = [o["id"] for o in item.options if D(o["fraction"]) > 0]
            with clock.freeze(T0 + dt.timedelta(seconds=seconds + 10)):
                client.post(
                    reverse("exams:answer", args=[pk]),
                    {"position": item.position, "seq": 1, "option": options},
                )
    with clock.freeze(T0 + dt.timedelta(seconds=seconds + 60)):
        client.post(reverse("exams:finish", args=[pk]))
        page = client.get(reverse("exams:result", args=[pk])).content.decode()
    attempt.refresh_from_db()
    return attempt, page


def test_a_later_failed_attempt_does_not_say_failed_under_a_best_score_of_100(
    taker_client, evaluation
):
    first, _page = _attempt(taker_client, evaluation, 0, right=True)
    assert first.score == D("100.00")
    second, page = _attempt(taker_client, evaluation, 10_000, right=False)
    assert second.score == D("0.00")
    # The attempt's own score and how it stands against the pass mark ...
    assert 'data-testid="score">0,00<' in page
    assert "Di bawah batas lulus" in page
    # ... and, apart from it, the participant's standing: passed, with the best score.
    assert 'data-testid="best-score">100,00<' in page
    assert "Lulus</strong>" in page
    assert "Hasil akhir" not in page and "Tidak lulus" not in page
    assert "nilai yang lebih rendah pada percobaan berikutnya tidak menurunkannya" in page


def test_a_capped_attempt_shows_its_cap_with_a_decimal_comma(taker_client, evaluation):
    evaluation.caps = [[1, "90.01"]]
    evaluation.save()
    attempt, page = _attempt(taker_client, evaluation, 0, right=True)
    assert attempt.score == D("90.01")
    assert 'data-testid="score">90,01<' in page
    assert 'data-testid="cap">90,01<' in page
    assert "90.01" not in page


def test_the_finish_page_says_the_time_left_in_hours_and_minutes(taker_client, evaluation):
    with clock.freeze(T0):
        response = taker_client.post(
            reverse("exams:start", args=[evaluation.course.slug, evaluation.kind])
        )
    pk = int(response.url.rstrip("/").split("/")[-1])
    finish = reverse("exams:finish", args=[pk])
    with clock.freeze(T0 + dt.timedelta(seconds=87)):  # 5400 - 87 = 5313 seconds left
        page = taker_client.get(finish).content.decode()
    assert "Sisa waktu: 1 jam 28 menit." in page
    assert "5313" not in page
    taker_client.cookies["django_language"] = "en"
    with clock.freeze(T0 + dt.timedelta(seconds=87)):
        page = taker_client.get(finish).content.decode()
    assert "Time left: 1 hour 28 minutes." in page


def test_the_finished_time_carries_the_readers_zone(taker, taker_client, evaluation):
    _attempt(taker_client, evaluation, 0, right=False)  # finished at T0 + 60 s: 01:01 UTC
    attempt = Attempt.objects.get(person=taker)
    url = reverse("exams:result", args=[attempt.pk])
    assert "23 November 2026, 08.01 WIB" in taker_client.get(url).content.decode()
    taker.agency.time_zone = "Asia/Jayapura"
    taker.agency.save()
    page = taker_client.get(url).content.decode()
    assert "23 November 2026, 10.01 WIT" in page
    tests_page = taker_client.get(
        reverse("exams:test", args=[evaluation.course.slug, evaluation.kind])
    ).content.decode()
    assert "23 November 2026, 10.01 WIT" in tests_page
