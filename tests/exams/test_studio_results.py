"""A test's results in the studio: the list (abandoned attempts graded first), a person's
attempts and grants, extra time and extra attempts; the question statistics on a fixed set
of graded attempts; and regrading, with its log. Query counts of the results and
statistics pages."""

import datetime as dt
import random
from decimal import Decimal as D

import pytest
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import translation

from latih.common import clock
from latih.exams import services
from latih.exams import studio as studio_views
from latih.exams.models import Attempt, Grant, Option, Question, Regrade, ScoreChange
from tests.factories import make_bank, make_person, make_test

from .conftest import T0
from .studio_support import graded, ready, shown, shown_n

Q1, Q2, Q3 = (f"Soal Statistik {n}: pilih yang benar." for n in (1, 2, 3))
LATER = T0 + dt.timedelta(hours=3)


@pytest.fixture
def fixed(agency, course):
    """Three questions, every attempt draws all three; four participants answer:
    all right; Q1 and Q2 right; Q1 right, Q2 wrong, Q3 unanswered; all wrong."""
    make_bank(course, questions=3, category="Statistik")
    test = make_test(course, "post", question_count=3)
    patterns = [
        {Q1: "right", Q2: "right", Q3: "right"},
        {Q1: "right", Q2: "right", Q3: "wrong"},
        {Q1: "right", Q2: "wrong"},
        {Q1: "wrong", Q2: "wrong", Q3: "wrong"},
    ]
    people = [ready(agency, course, name=f"Peserta {n}") for n in "ABCD"]
    for person, answers in zip(people, patterns, strict=True):
        graded(person, test, answers)
    return test, people


def url(name, test, *args):
    return reverse(f"exams_studio:{name}", args=[test.course_id, test.kind, *args])


# --- Results -------------------------------------------------------------------------------------
def test_results_list_everyone_with_their_best_score(studio, fixed):
    test, people = fixed
    with clock.freeze(LATER):
        page = studio.get(url("results", test)).content.decode()
    rows = page.split('data-testid="result"')[1:]
    assert [row.split("</a>")[0].rsplit(">", 1)[1] for row in rows] == [
        "Peserta A",
        "Peserta B",
        "Peserta C",
        "Peserta D",
    ]
    with translation.override("id"):
        scores = [floatformat(score, 2) for score in ("100", "66.67", "33.33", "0")]
    for row, score in zip(rows, scores, strict=True):
        assert f'<td class="num" data-label="Nilai terbaik">{score}</td>' in row
    assert ["badge--accepted" in row for row in rows] == [True, True, False, False]


def test_results_grade_abandoned_attempts_first(studio, fixed, agency, course):
    test, _people = fixed
    late = ready(agency, course, name="Peserta Terputus")
    with clock.freeze(T0):
        attempt = services.start_attempt(late, test, random.Random(3))
    with clock.freeze(LATER):
        page = studio.get(url("results", test)).content.decode()
    attempt.refresh_from_db()
    assert attempt.auto_submitted and attempt.score == D(0)
    assert "badge--submitted" not in page  # nobody is still in an attempt


@pytest.mark.parametrize("extra", [0, 3])
def test_results_page_query_count(
    studio, fixed, agency, course, extra, django_assert_num_queries, session_queries
):
    test, _people = fixed
    for n in range(extra):
        graded(ready(agency, course), test, {Q1: "right"}, seconds=n)
    # user, test, the expired-attempt scan, the count, the page of people
    with clock.freeze(LATER), django_assert_num_queries(session_queries + 5):
        response = studio.get(url("results", test))
    assert response.content.decode().count('data-testid="result"') == 4 + extra


def test_results_are_paginated(studio, fixed, monkeypatch):
    test, _people = fixed
    monkeypatch.setattr(studio_views, "RESULTS_PER_PAGE", 3)
    with clock.freeze(LATER):
        second = studio.get(url("results", test) + "?page=2").content.decode()
    assert second.count('data-testid="result"') == 1 and "Peserta D" in second


def test_results_download_as_csv(studio, fixed):
    test, people = fixed
    with clock.freeze(LATER):
        response = studio.get(url("results_csv", test))
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 5
    assert lines[1].startswith(f"Peserta A;{people[0].nip};")


# --- A person's attempts and grants ------------------------------------------------------------
def test_a_persons_page_lists_attempts_and_grants(studio, fixed, organizer):
    test, people = fixed
    with clock.freeze(LATER):
        services.grant(organizer, test, people[2], "attempt", "Listrik padam saat ujian")
        page = studio.get(url("person", test, people[2].pk)).content.decode()
    assert page.count('data-testid="attempt"') == 1
    assert page.count('data-testid="grant"') == 1
    assert "Listrik padam saat ujian" in page and organizer.name in page
    assert shown("The next attempt") in page


def test_extra_time_extends_the_open_attempt(studio, fixed, agency, course):
    test, _people = fixed
    person = ready(agency, course, name="Peserta Disabilitas")
    with clock.freeze(T0):
        attempt = services.start_attempt(person, test, random.Random(5))
    data = {"kind": "time", "minutes": "15", "reason": "Peserta tunanetra, memakai pembaca layar"}
    with clock.freeze(T0 + dt.timedelta(minutes=10)):
        response = studio.post(url("person", test, person.pk), data, follow=True)
    attempt.refresh_from_db()
    assert attempt.deadline == T0 + dt.timedelta(minutes=105)
    grant = Grant.objects.get()
    assert grant.attempt == attempt and grant.minutes == 15
    ends = "09.45 WIB"  # 01:45 UTC in Jakarta, with the reader's zone
    message = "%(minutes)s extra minutes given: the attempt in progress now ends at %(time)s."
    assert shown(message, minutes=15, time=ends) in response.content.decode()


def test_a_grant_needs_a_reason(studio, fixed):
    test, people = fixed
    response = studio.post(url("person", test, people[0].pk), {"kind": "attempt", "reason": " "})
    assert response.status_code == 200
    page = response.content.decode()
    assert shown("Give the reason.") in page and 'id="id_reason_error"' in page
    assert not Grant.objects.exists()


def test_extra_time_needs_its_minutes(studio, fixed):
    test, people = fixed
    data = {"kind": "time", "minutes": "", "reason": "Gangguan jaringan"}
    response = studio.post(url("person", test, people[0].pk), data)
    assert shown("Give the extra minutes (1 to 1,440).") in response.content.decode()
    assert not Grant.objects.exists()


def test_an_extra_attempt_waits_for_the_next_attempt(studio, fixed):
    test, people = fixed
    data = {"kind": "attempt", "reason": "Koneksi terputus"}
    response = studio.post(url("person", test, people[3].pk), data)
    assert response.status_code == 302
    grant = Grant.objects.get()
    assert grant.kind == "attempt" and grant.attempt is None and grant.minutes is None


def test_someone_outside_the_course_is_not_found(studio, fixed, agency):
    test, _people = fixed
    stranger = make_person(agency)
    assert studio.get(url("person", test, stranger.pk)).status_code == 404


# --- Statistics ----------------------------------------------------------------------------------
def _section(page, text):
    start = page.index(text)
    return page[start : page.index("</section>", start)]


def _cells(section, testid):
    return [cell.split("<")[0] for cell in section.split(f'data-testid="{testid}">')[1:]]


def test_statistics_show_facility_discrimination_and_choices(studio, fixed):
    test, _people = fixed
    page = studio.get(url("stats", test)).content.decode()
    assert page.count('data-testid="stat"') == 3
    # Hardest first.
    assert page.index(Q3) < page.index(Q2) < page.index(Q1)
    with translation.override("id"):
        q1_discrimination = floatformat(0.75 / (0.75 * 2.75) ** 0.5, 2)  # 0.52
    q1, q2, q3 = (_section(page, text) for text in (Q1, Q2, Q3))
    assert _cells(q1, "facility") == ["75 %"]
    assert _cells(q2, "facility") == ["50 %"]
    assert _cells(q3, "facility") == ["25 %"]
    assert _cells(q1, "discrimination") == [q1_discrimination]
    assert _cells(q1, "attempts") == ["4"] and _cells(q3, "unanswered") == ["1"]
    # Options by id: the right one first (chosen 3 times), then the first wrong one.
    assert _cells(q1, "chosen") == ["3", "1", "0", "0"]
    assert q1.count('class="option--right"') == 1
    assert _cells(q3, "chosen") == ["1", "2", "0", "0"]


def test_a_question_the_weak_get_right_more_often_is_flagged(studio, agency, course):
    make_bank(course, questions=3, category="Kunci")
    test = make_test(course, "post", question_count=3)
    one, two, three = (f"Soal Kunci {n}: pilih yang benar." for n in (1, 2, 3))
    # Only the weakest but one gets question two right.
    answers = [
        {one: "right", two: "wrong", three: "right"},
        {one: "right", two: "wrong", three: "right"},
        {one: "wrong", two: "right", three: "wrong"},
        {one: "wrong", two: "wrong", three: "wrong"},
    ]
    for index, pattern in enumerate(answers):
        graded(ready(agency, course), test, pattern, seconds=index)
    page = studio.get(url("stats", test)).content.decode()
    flagged = _section(page, two)
    message = (
        "Check the key: participants who did well on the rest of the test got this question "
        "wrong more often."
    )
    assert 'data-testid="flag"' in flagged and shown(message) in flagged
    assert 'data-testid="flag"' not in _section(page, one)


def test_statistics_page_query_count(studio, fixed, django_assert_num_queries, session_queries):
    test, _people = fixed
    # user, test, the answers of every graded attempt, the regrade log
    with django_assert_num_queries(session_queries + 4):
        studio.get(url("stats", test))


# --- Regrading -----------------------------------------------------------------------------------
def _q2():
    return Question.objects.get(text=Q2)


def test_regrading_rescores_the_attempts_and_logs_it(studio, fixed, organizer):
    test, people = fixed
    question = _q2()
    options = list(question.options.order_by("id"))
    page = studio.get(url("regrade", test, question.pk)).content.decode()
    assert f'name="credit_{options[0].pk}" value="100"' in page
    # The first wrong option (chosen by C and D) now earns a third.
    data = {f"credit_{o.pk}": "0" for o in options}
    data[f"credit_{options[0].pk}"] = "100"
    data[f"credit_{options[1].pk}"] = "33,33333"
    data["reason"] = "Pilihan B juga dapat dibenarkan menurut modul."
    response = studio.post(url("regrade", test, question.pk), data, follow=True)
    changed = Attempt.objects.filter(person__in=people[2:]).order_by("person__name")
    assert [a.score for a in changed] == [D("44.44"), D("11.11")]
    assert Option.objects.get(pk=options[1].pk).fraction == D("33.33333")
    log = Regrade.objects.get()
    assert log.attempts_changed == 2 and log.actor == organizer
    assert ScoreChange.objects.filter(regrade=log).count() == 2
    page = response.content.decode()
    assert (
        shown_n("%(count)s attempt's score changed.", "%(count)s attempts' scores changed.", 2)
        in page
    )
    regrades = page[page.index('id="regrades"') :]
    assert "Pilihan B juga dapat dibenarkan menurut modul." in regrades
    assert "0 → 33.33333" in regrades


def test_a_regrade_needs_a_reason(studio, fixed):
    test, _people = fixed
    question = _q2()
    data = {f"credit_{o.pk}": "50" for o in question.options.all()}
    response = studio.post(url("regrade", test, question.pk), data)
    assert shown("Give the reason.") in response.content.decode()
    assert not Regrade.objects.exists()


def test_a_regrade_with_credits_the_bank_refuses_changes_nothing(studio, fixed):
    test, _people = fixed
    question = _q2()
    data = {f"credit_{o.pk}": "0" for o in question.options.all()}
    data["reason"] = "Coba"
    response = studio.post(url("regrade", test, question.pk), data)
    message = (
        "No option is worth 100%%: a question with one correct answer needs an option with "
        "weight 100%%."
    )
    assert shown(message) in response.content.decode()
    assert not Regrade.objects.exists()
    assert question.options.filter(fraction=100).count() == 1
