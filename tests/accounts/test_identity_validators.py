"""The Django validators for NIP and NIK: English messages, all problems at once."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from latih.accounts.identity import (
    MESSAGES,
    problem_messages,
    validate_nik,
    validate_nip,
    validate_nip_nik,
)
from latih.accounts.rules import Code, Problem
from latih.common import clock

# 23 November 2026, 10:00 in Jakarta.
NOW = dt.datetime(2026, 11, 23, 3, 0, tzinfo=dt.UTC)

DEMO = [
    ("199203152024211001", "3174051503920001"),
    ("199507222024212002", "3273016207950002"),
    ("198104122006041003", "3521011204810003"),
    ("198811302010122004", "3521027011880004"),
    ("197906252005011005", "3521032506790005"),
]


@pytest.fixture(autouse=True)
def english_and_frozen_clock():
    with translation.override("en"), clock.freeze(NOW):
        yield


def messages_of(validator, *args):
    with pytest.raises(ValidationError) as raised:
        validator(*args)
    return raised.value.messages


def test_every_problem_code_has_a_message():
    assert set(MESSAGES) == set(Code)


@pytest.mark.parametrize(("nip", "nik"), DEMO, ids=[nip for nip, _ in DEMO])
def test_demo_numbers_pass(nip, nik):
    validate_nip(nip)
    validate_nik(nik)
    validate_nip_nik(nip, nik)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("", ["Enter your NIP."], id="empty"),
        pytest.param(
            "19920315202421100",
            ["The NIP must be 18 digits; you entered 17 digits."],
            id="17-digits",
        ),
        pytest.param(
            "19920315202421100I",
            ["The NIP contains letters or other characters; use digits only."],
            id="letters",
        ),
        pytest.param(
            "199202302024213000",
            [
                "The birth date in the NIP (the first 8 digits, year, month and day) is not a "
                "real date.",
                "The gender digit in the NIP (position 15) must be 1 or 2, not 3.",
                "The last 3 digits of the NIP (the sequence number) cannot be 000.",
            ],
            id="several-problems-at-once",
        ),
        pytest.param(
            "199203152028211001",
            ["The appointment year in the NIP (digits 9 to 12) cannot be 2028."],
            id="appointed-too-late",
        ),
    ],
)
def test_validate_nip_messages(value, expected):
    assert messages_of(validate_nip, value) == expected


def test_validate_nip_uses_the_application_clock():
    born_next_day = "202611242027211001"
    with clock.freeze(dt.datetime(2026, 11, 24, 3, 0, tzinfo=dt.UTC)):
        with pytest.raises(ValidationError) as raised:
            validate_nip(born_next_day)
    assert "The birth date in the NIP is in the future." not in raised.value.messages
    assert "The birth date in the NIP is in the future." in messages_of(validate_nip, born_next_day)


def test_validate_nip_error_codes_are_problem_codes():
    with pytest.raises(ValidationError) as raised:
        validate_nip("199203152024219000")
    assert [e.code for e in raised.value.error_list] == [
        Code.NIP_BAD_GENDER.value,
        Code.NIP_BAD_SEQUENCE.value,
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(
            "3174051503920", ["The NIK must be 16 digits; you entered 13 digits."], id="short"
        ),
        pytest.param(
            "9999011503920001",
            ["The first 4 digits of the NIK (9999) are not a known regency or city code."],
            id="unknown-region",
        ),
        pytest.param(
            "3174057203920001",
            [
                "The birth date in the NIK (digits 7 to 12, day, month and year, with 40 added "
                "to the day for women) is not a real date."
            ],
            id="day-72",
        ),
    ],
)
def test_validate_nik_messages(value, expected):
    assert messages_of(validate_nik, value) == expected


def test_validate_nik_accepts_pre_2022_papua_code():
    validate_nik("9101011503920001")


@pytest.mark.parametrize(
    ("nip", "nik", "expected"),
    [
        pytest.param(
            "199203152024211001",
            "3174051503930001",
            ["The birth dates in the NIP and the NIK do not match."],
            id="birth-date",
        ),
        pytest.param(
            "199203152024211001",
            "3174055503920001",
            ["The genders in the NIP and the NIK do not match."],
            id="gender",
        ),
        pytest.param(
            "",
            "",
            ["Enter your NIP.", "Enter your NIK."],
            id="both-empty",
        ),
    ],
)
def test_validate_nip_nik_messages(nip, nik, expected):
    assert messages_of(validate_nip_nik, nip, nik) == expected


def test_problem_messages_fill_placeholders():
    problems = [
        Problem(Code.NIP_WRONG_LENGTH, {"length": 19}),
        Problem(
            Code.NIP_TOO_YOUNG_AT_APPOINTMENT,
            {"appointment_year": 2026, "birth_year": 2009, "min_age": 18},
        ),
    ]
    assert problem_messages(problems) == [
        "The NIP must be 18 digits; you entered 19 digits.",
        "The appointment year in the NIP (2026) is less than 18 years after the birth year (2009).",
    ]
