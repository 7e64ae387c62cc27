"""The cap table (the highest score of each attempt) is on the test page from before the
first attempt, with the participant's next attempt marked: nobody learns at their fourth
attempt that every attempt counted."""

import datetime as dt
import re
from decimal import Decimal as D

import pytest
from django.urls import reverse

from latih.common import clock
from latih.exams import rules
from tests.factories import enrol, make_person, make_test, signed_in

from .conftest import T0


@pytest.mark.parametrize(
    ("caps", "ranges"),
    [
        (
            rules.DEFAULT_CAPS,
            [(1, 3, D("100")), (4, 5, D("90.01")), (6, 6, D("80.01")), (7, None, D("70.01"))],
        ),
        (((1, D("100")),), [(1, None, D("100"))]),
        (((1, D("100")), (2, D("50"))), [(1, 1, D("100")), (2, None, D("50"))]),
    ],
)
def test_cap_ranges_read_as_from_to(caps, ranges):
    assert rules.cap_ranges(list(caps)) == ranges


def _url(test):
    return reverse("exams:test", args=[test.course.slug, test.kind])


def _rows(page: str) -> list[str]:
    table = re.search(r'data-testid="cap-table">(.*?)</section>', page, re.S)
    assert table, "no cap table on the page"
    rows = re.findall(r"<tr(?: class=\"is-next\")?>(.*?)</tr>", table.group(1), re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in rows[1:]]


def test_the_cap_table_is_shown_before_the_first_attempt(taker_client, evaluation):
    with clock.freeze(T0):
        page = taker_client.get(_url(evaluation)).content.decode()
    assert _rows(page) == [
        "1–3 percobaan Anda berikutnya 100",
        "4–5 90,01",
        "6 80,01",
        "7 dan seterusnya 70,01",
    ]
    assert "Nilai tertinggi per percobaan" in page


def test_the_cap_table_is_shown_while_the_test_is_not_open_yet(course, evaluation, agency):
    person = make_person(agency)
    enrol(person, course)
    with clock.freeze(T0):
        page = signed_in(person).get(_url(evaluation)).content.decode()
    assert 'data-testid="unmet"' in page
    assert _rows(page)[0] == "1–3 percobaan Anda berikutnya 100"


def test_the_next_attempt_is_marked_after_three(taker_client, evaluation):
    for n in range(3):
        with clock.freeze(T0 + dt.timedelta(seconds=n * 10_000)):
            response = taker_client.post(
                reverse("exams:start", args=[evaluation.course.slug, evaluation.kind])
            )
        pk = int(response.url.rstrip("/").split("/")[-1])
        with clock.freeze(T0 + dt.timedelta(seconds=n * 10_000 + 5)):
            taker_client.post(reverse("exams:finish", args=[pk]))
    with clock.freeze(T0 + dt.timedelta(seconds=40_000)):
        page = taker_client.get(_url(evaluation)).content.decode()
    assert _rows(page)[:2] == ["1–3 100", "4–5 percobaan Anda berikutnya 90,01"]
    assert "Percobaan 4: nilai tertinggi yang dapat diraih 90,01" in page


def test_a_pre_test_has_no_cap_table(taker_client, course, bank):
    pre = make_test(course, "pre")
    with clock.freeze(T0):
        page = taker_client.get(_url(pre)).content.decode()
    assert 'data-testid="cap-table"' not in page
