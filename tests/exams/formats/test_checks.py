"""The rules every question meets, whatever file it came from or the editor."""

from decimal import Decimal

import pytest

from latih.exams.formats import BankOption, BankQuestion, check
from latih.exams.formats.checks import (
    MOODLE_GRADES,
    format_weight,
    moodle_grade,
    nearest_moodle_grade,
    parse_weight,
)


def question(*fractions, multiple=False, text="Soal", options=None):
    if options is None:
        options = [BankOption(f"p{n}", Decimal(str(f))) for n, f in enumerate(fractions)]
    return BankQuestion(text, options, multiple=multiple)


@pytest.mark.parametrize(
    "fractions",
    [
        (100, 0),
        (100, 0, 0, 0),
        (100, 50, -50),
        (100, 100, 0),  # two fully correct options: either scores
        (100, "-33.33333", "83.33333", "16.66667", "14.28571", "11.11111", "12.5", 5),
    ],
)
def test_single_answer_questions_that_pass(fractions):
    assert check(question(*fractions)) == []


@pytest.mark.parametrize(
    "fractions",
    [
        (50, 50),
        (50, 50, -100, -100),
        ("33.33333", "33.33333", "33.33333", -100),  # 99.99999: Moodle's rounding passes it
        ("33.33333", "33.33333", "33.33334", "-33.33333"),
        ("66.66667", "33.33333", 0),
        (100, 0),
        ("14.28571",) * 7,
    ],
)
def test_multiple_answer_questions_that_pass(fractions):
    assert check(question(*fractions, multiple=True)) == []


@pytest.mark.parametrize(
    "q, message",
    [
        (question(90, 0), "No option is worth 100%"),
        (question(50, 40, multiple=True), "The correct answers' weights add up to 90%, not 100%."),
        (question(50, 50, 50, multiple=True), "add up to 150%, not 100%."),
        (question(0, -50, multiple=True), "add up to 0%, not 100%."),
        (question(100, 33), "Option 2: weight 33% is not one Moodle accepts; use 33.33333%."),
        (
            question(100, "-33.3"),
            "Option 2: weight -33.3% is not one Moodle accepts; use -33.33333%.",
        ),
        (question(150, 0), "Option 1: weight 150% is not one Moodle accepts; use 100%."),
        (question(100), "A question needs at least 2 options; this one has 1."),
        (question(100, 0, text="  "), "The question text is empty."),
        (
            question(100, 0, text="x" * 10_001),
            "The question text is 10001 characters long; the limit is 10000.",
        ),
        (
            question(options=[BankOption("a", Decimal(100)), BankOption(" ", Decimal(0))]),
            "Option 2 is empty.",
        ),
        (
            question(options=[BankOption("a", Decimal(100)), BankOption("b" * 2001, Decimal(0))]),
            "Option 2 is 2001 characters long; the limit is 2000.",
        ),
    ],
)
def test_questions_that_fail_say_why(q, message):
    assert any(message in text for text in check(q)), check(q)


def test_limits_themselves_pass():
    long = question(options=[BankOption("a" * 2000, Decimal(100)), BankOption("b", Decimal(0))])
    long.text = "x" * 10_000
    assert check(long) == []


def test_options_can_be_named_by_letter():
    assert check(question(100, 0, 33), labels=["A", "C", "D"]) == [
        "Option D: weight 33% is not one Moodle accepts; use 33.33333%."
    ]


def test_moodle_grade_list_and_its_tolerance():
    assert len(MOODLE_GRADES) == 41
    assert moodle_grade(Decimal("33.33334")) == Decimal("33.33333")
    assert moodle_grade(Decimal("33.335")) is None
    assert moodle_grade(Decimal("-12.5")) == Decimal("-12.5")
    assert nearest_moodle_grade(Decimal(33)) == Decimal("33.33333")


@pytest.mark.parametrize(
    "text, value",
    [
        ("50", Decimal(50)),
        ("-33.33333", Decimal("-33.33333")),
        ("33,33333", Decimal("33.33333")),
        (" 12,5 ", Decimal("12.5")),
        ("5o", None),
        ("1.2.3", None),
        ("", None),
    ],
)
def test_parse_weight(text, value):
    assert parse_weight(text) == value


@pytest.mark.parametrize(
    "value, text",
    [
        (Decimal(100), "100"),
        (Decimal("100.0000000"), "100"),
        (Decimal("33.333330"), "33.33333"),
        (Decimal("-12.50"), "-12.5"),
        (Decimal("1E+2"), "100"),
        (Decimal("-0"), "0"),
    ],
)
def test_format_weight(value, text):
    assert format_weight(value) == text
