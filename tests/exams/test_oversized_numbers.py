"""Numbers no page would send, in the answer endpoints: a 400-digit number, a number
beyond what the database keeps, a negative one, a float, NaN or infinity as a question
position, a sequence number or an option id. Each is answered 400 with a message and
changes nothing; none reaches a 500."""

import datetime as dt

import pytest
from django.urls import reverse

from latih.common import clock
from latih.exams import rules
from latih.exams.models import Item

from .conftest import T0
from .test_pages import started

HUGE = "9" * 400
BAD_NUMBERS = [
    HUGE,
    "-" + HUGE,
    str(2**31),  # one more than the largest sequence number the database keeps
    str(2**63),
    "-1",
    "1e400",
    "1.5",
    "NaN",
    "inf",
    "-inf",
    " ",
    "١",  # a digit, but not one the page writes
]


@pytest.fixture
def attempt(taker_client, evaluation):
    return started(taker_client, evaluation)


def answer(client, attempt, data):
    with clock.freeze(T0 + dt.timedelta(seconds=10)):
        return client.post(reverse("exams:answer", args=[attempt.pk]), data)


def nothing_saved():
    return not Item.objects.exclude(selected=[]).exists() and not Item.objects.exclude(seq=0)


@pytest.mark.parametrize("bad", BAD_NUMBERS)
@pytest.mark.parametrize("field", ["position", "seq", "option"])
def test_an_oversized_or_odd_number_in_an_answer_is_refused(taker_client, attempt, field, bad):
    option = attempt.items.get(position=1).options[0]["id"]
    data = {"position": "1", "seq": "1", "option": [str(option)], field: bad}
    response = answer(taker_client, attempt, data)
    assert response.status_code == 400
    assert response.json()["message"]
    assert nothing_saved()


@pytest.mark.parametrize(
    "field, bad",
    [("seq-1", bad) for bad in BAD_NUMBERS]
    # 2**31 may be an option id; one that is not the question's is skipped, as before
    + [("q-1", bad) for bad in BAD_NUMBERS if bad != str(2**31)],
)
def test_an_oversized_or_odd_number_in_the_whole_form_is_refused(taker_client, attempt, field, bad):
    option = attempt.items.get(position=1).options[0]["id"]
    data = {"seq-1": "1", "q-1": [str(option)], "seq-2": "1", "q-2": [], field: bad}
    with clock.freeze(T0 + dt.timedelta(seconds=10)):
        response = taker_client.post(reverse("exams:save_all", args=[attempt.pk]), data)
    assert response.status_code == 400
    assert "tidak dapat dibaca" in response.content.decode()
    assert nothing_saved()


def test_the_largest_sequence_number_is_still_taken(taker_client, attempt):
    option = attempt.items.get(position=1).options[0]["id"]
    response = answer(
        taker_client, attempt, {"position": "1", "seq": str(2**31 - 1), "option": [str(option)]}
    )
    assert response.status_code == 200
    assert response.json()["seq"] == 2**31 - 1


def test_an_attempt_number_of_400_digits_is_not_found(taker_client, attempt):
    with clock.freeze(T0 + dt.timedelta(seconds=10)):
        for name in ("exams:answer", "exams:save_all", "exams:result"):
            url = reverse(name, args=[1]).replace("/1/", f"/{HUGE}/")
            response = taker_client.post(url, {"position": "1", "seq": "1"})
            assert response.status_code == 404, name


WHOLE_CASES = [
    ("plain", "7", 7),
    ("spaces around", " 7 ", 7),
    ("the highest", "100", 100),
    ("above the highest", "101", None),
    ("below the lowest", "0", None),
    ("negative", "-3", None),
    ("400 digits", HUGE, None),
    ("a float", "7.0", None),
    ("exponent", "7e0", None),
    ("not ASCII", "٧", None),
    ("underscore", "1_0", None),
    ("plus sign", "+7", None),
    ("empty", "", None),
]


@pytest.mark.parametrize(
    "text, expected", [c[1:] for c in WHOLE_CASES], ids=[c[0] for c in WHOLE_CASES]
)
def test_whole_number(text, expected):
    assert rules.whole_number(text, 1, 100) == expected
