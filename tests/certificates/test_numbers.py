"""Certificate numbers: the organizer's format and the numbers it makes."""

import pytest

from latih.cohorts import numbers as rules
from latih.cohorts.numbers import FormatProblem

PARTS = {"year": 2026, "agency": "kemenag", "course": "latsar-pppk"}


@pytest.mark.parametrize(
    ("fmt", "seq", "number"),
    [
        ("{seq:05}/{agency}/{year}", 42, "00042/KEMENAG/2026"),
        ("{seq}/{course}/{year}", 7, "7/LATSAR-PPPK/2026"),
        ("No. {seq:04} / lan / {year}", 3, "NO.0003/LAN/2026"),
    ],
)
def test_numbers_follow_the_format(fmt, seq, number):
    assert rules.number(fmt, seq, PARTS, "kunci") == number


def test_the_check_characters_depend_on_the_secret_and_the_sequence():
    fmt = "{seq:05}/{check}/{year}"
    first, second = (rules.number(fmt, seq, PARTS, "kunci") for seq in (1, 2))
    assert first.split("/")[1] != second.split("/")[1]
    assert rules.number(fmt, 1, PARTS, "kunci") == first
    assert rules.number(fmt, 1, PARTS, "kunci lain") != first
    assert len(first.split("/")[1]) == 4 and not set(first.split("/")[1]) & set("ILOU")


@pytest.mark.parametrize(
    ("fmt", "problems"),
    [
        ("{seq:05}/{check}/{agency}/{year}", []),
        ("{agency}/{year}", [(FormatProblem.NO_SEQUENCE, "")]),
        ("{seq}/{bulan}", [(FormatProblem.UNKNOWN_FIELD, "bulan")]),
        ("{seq/{year}", [(FormatProblem.SYNTAX, "")]),
        ("{seq:zz}", [(FormatProblem.SYNTAX, "")]),
        ("{seq}" + "X" * 100, [(FormatProblem.TOO_LONG, "")]),
    ],
)
def test_formats_are_checked(fmt, problems):
    assert rules.check_format(fmt) == problems


def test_a_format_with_the_year_counts_per_year():
    assert rules.counts_per_year("{seq}/{year}")
    assert not rules.counts_per_year("{seq}/{agency}")


def test_numbers_are_looked_up_as_typed():
    assert rules.normalize_number(" 00042 / k7qx / 2026 ") == "00042/K7QX/2026"
