"""The evaluation's rules as tables: caps, opening, deadlines, grading, drawing, stats."""

import datetime as dt
import random
from decimal import Decimal as D

import pytest

from latih.exams import rules

CAPS = list(rules.DEFAULT_CAPS)


@pytest.mark.parametrize(
    ("attempt", "cap"),
    [
        (1, "100"),
        (2, "100"),
        (3, "100"),
        (4, "90.01"),
        (5, "90.01"),
        (6, "80.01"),
        (7, "70.01"),
        (8, "70.01"),
        (50, "70.01"),
    ],
)
def test_cap_by_attempt_number(attempt, cap):
    assert rules.cap_for(CAPS, attempt) == D(cap)


def test_attempt_seven_is_capped_at_70_01():
    assert rules.capped(D("95.00"), rules.cap_for(CAPS, 7)) == D("70.01")


@pytest.mark.parametrize(
    ("raw", "attempt", "score"),
    [
        ("100", 1, "100"),
        ("85.5", 4, "85.5"),
        ("95", 4, "90.01"),
        ("90.01", 5, "90.01"),
        ("81", 6, "80.01"),
        ("70.02", 9, "70.01"),
        ("0", 7, "0"),
    ],
)
def test_score_is_the_raw_score_within_the_cap(raw, attempt, score):
    assert rules.capped(D(raw), rules.cap_for(CAPS, attempt)) == D(score)


@pytest.mark.parametrize(
    ("counted_before", "counts", "number"),
    [(0, True, 1), (3, True, 4), (3, False, 3), (0, False, 1), (6, False, 6)],
)
def test_an_extra_attempt_keeps_the_cap_before_it(counted_before, counts, number):
    assert rules.cap_number(counted_before, counts) == number


@pytest.mark.parametrize(
    "raw",
    [
        [],
        [[2, "100"]],
        [[1, "100"], [1, "90"]],
        [[1, "0"]],
        [[1, "101"]],
        "x",
        [[1]],
        [[1, "100"], [4, "nan"]],
    ],
)
def test_bad_cap_tables_are_refused(raw):
    with pytest.raises(rules.BadCaps):
        rules.parse_caps(raw)


def test_caps_accept_a_decimal_comma():
    assert rules.parse_caps([[1, "100"], [4, "90,01"]])[1] == (4, D("90.01"))


def test_the_academic_score_is_the_best_capped_score():
    assert rules.best_score([D("60"), None, D("90.01"), D("70.01")]) == D("90.01")
    assert rules.best_score([None]) is None


# --- Grading ---------------------------------------------------------------------------
SINGLE = {1: D(100), 2: D(0), 3: D(0), 4: D(-25)}
SEVERAL = {1: D(50), 2: D(50), 3: D(-50), 4: D(-50)}


@pytest.mark.parametrize(
    ("fractions", "selected", "multiple", "credit"),
    [
        (SINGLE, [1], False, "1"),
        (SINGLE, [2], False, "0"),
        (SINGLE, [4], False, "0"),  # negative credit never goes below zero
        (SINGLE, [], False, "0"),
        (SINGLE, [1, 2], False, "0"),  # two choices on a one-answer question
        (SINGLE, [99], False, "0"),  # an unknown option counts as nothing
        (SEVERAL, [1, 2], True, "1"),
        (SEVERAL, [1], True, "0.5"),
        (SEVERAL, [1, 3], True, "0"),
        (SEVERAL, [1, 2, 3], True, "0.5"),
        (SEVERAL, [1, 2, 3, 4], True, "0"),
        (SEVERAL, [1, 1, 2], True, "1"),  # the same option twice counts once
        ({1: D("33.33333"), 2: D("33.33333"), 3: D("33.33334")}, [1, 2, 3], True, "1"),
    ],
)
def test_credit_of_the_options_chosen(fractions, selected, multiple, credit):
    assert rules.credit(fractions, selected, multiple) == D(credit)


@pytest.mark.parametrize(
    ("credits", "score"),
    [
        ([], "0"),
        ([D(1)] * 40, "100.00"),
        ([D(1), None, D(0)], "33.33"),
        ([D(1), D(1), D("0.5")], "83.33"),
        ([D(1)] * 2 + [D(0)], "66.67"),
        ([D("0.5"), D(0), D(0), D(0), D(0), D(0), D(0), D(0)], "6.25"),
    ],
)
def test_raw_score_out_of_100_rounded_half_up(credits, score):
    assert rules.raw_score(credits) == D(score)


# --- Deadlines ---------------------------------------------------------------------------
T = dt.datetime(2026, 11, 23, 8, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("limit", "extra", "closes", "deadline"),
    [
        (90, 0, None, T + dt.timedelta(minutes=90)),
        (90, 15, None, T + dt.timedelta(minutes=105)),
        (90, 0, T + dt.timedelta(minutes=30), T + dt.timedelta(minutes=30)),
        (90, 0, T + dt.timedelta(hours=5), T + dt.timedelta(minutes=90)),
        (90, 30, T + dt.timedelta(minutes=100), T + dt.timedelta(minutes=100)),
    ],
)
def test_deadline_is_start_plus_limit_or_the_window_close(limit, extra, closes, deadline):
    assert rules.deadline(T, limit, extra, closes) == deadline


@pytest.mark.parametrize(
    ("now", "left"),
    [
        (T, 5400),
        (T + dt.timedelta(seconds=0.5), 5399),
        (T + dt.timedelta(minutes=90), 0),
        (T + dt.timedelta(hours=2), 0),
    ],
)
def test_seconds_left(now, left):
    assert rules.seconds_left(T + dt.timedelta(minutes=90), now) == left


# --- Opening ---------------------------------------------------------------------------
TODAY = dt.date(2023, 3, 1)


def facts(**changes):
    base = {
        "evaluation": True,
        "consented": True,
        "sections_done": True,
        "trophies": 30,
        "trophies_needed": 28,
        "first_sign_in": dt.date(2023, 2, 1),
        "days_after": 15,
        "today": TODAY,
        "now": dt.datetime(2023, 3, 1, 9, tzinfo=dt.UTC),
    }
    base.update(changes)
    return rules.OpeningFacts(**base)


@pytest.mark.parametrize(
    ("changes", "reasons"),
    [
        ({}, []),
        ({"sections_done": False}, [rules.STUDY_ALL]),
        ({"trophies": 26}, [rules.TROPHIES]),
        ({"trophies": 28}, []),
        ({"first_sign_in": dt.date(2023, 2, 24)}, [rules.OPENS_ON]),
        ({"first_sign_in": dt.date(2023, 2, 15)}, []),  # day 15 is today
        ({"first_sign_in": dt.date(2023, 2, 16)}, [rules.OPENS_ON]),
        (
            {"sections_done": False, "trophies": 2, "first_sign_in": TODAY},
            [rules.STUDY_ALL, rules.TROPHIES, rules.OPENS_ON],
        ),
        ({"consented": False}, [rules.NO_CONSENT]),
        ({"opens_at": dt.datetime(2023, 3, 2, tzinfo=dt.UTC)}, [rules.NOT_YET]),
        ({"closes_at": dt.datetime(2023, 3, 1, 9, tzinfo=dt.UTC)}, [rules.CLOSED]),
        ({"attempts_used": 1, "attempts_allowed": 1}, [rules.NO_ATTEMPTS]),
        ({"attempts_used": 1, "attempts_allowed": 2}, []),
        ({"attempts_used": 12, "attempts_allowed": None}, []),
        # A pre-test has none of the study conditions.
        (
            {"evaluation": False, "sections_done": False, "trophies": 0, "first_sign_in": TODAY},
            [],
        ),
    ],
)
def test_every_unmet_reason_is_returned(changes, reasons):
    assert [reason.reason for reason in rules.unmet(facts(**changes))] == reasons


def test_unmet_reasons_carry_what_the_message_shows():
    found = rules.unmet(facts(trophies=26, first_sign_in=dt.date(2023, 2, 24)))
    assert (found[0].have, found[0].need) == (26, 28)
    assert found[1].on == dt.date(2023, 3, 10)  # "dibuka tanggal 10 Maret 2023"


# --- Drawing ---------------------------------------------------------------------------
def test_draw_takes_each_category_count_and_shuffles():
    chosen = rules.draw([(2, [1, 2, 3]), (3, [10, 11, 12, 13])], seen=[], rng=random.Random(1))
    assert len(chosen) == 5
    assert len({q for q in chosen if q < 10}) == 2 and len({q for q in chosen if q >= 10}) == 3


def test_draw_prefers_questions_not_seen_before():
    for seed in range(30):
        chosen = rules.draw([(3, range(1, 7))], seen=[1, 2, 3], rng=random.Random(seed))
        assert sorted(chosen) == [4, 5, 6]


def test_draw_uses_seen_questions_when_the_bank_runs_out():
    chosen = rules.draw([(4, range(1, 6))], seen=[1, 2, 3], rng=random.Random(3))
    assert {4, 5} <= set(chosen) and len(chosen) == 4


def test_draw_from_a_small_pool_gives_what_it_has_without_repeats():
    chosen = rules.draw([(5, [1, 2]), (2, [2, 3])], seen=[], rng=random.Random(2))
    assert sorted(chosen) == [1, 2, 3]


def test_order_differs_between_attempts():
    orders = {tuple(rules.draw([(10, range(10))], [], random.Random(s))) for s in range(5)}
    assert len(orders) > 1


# --- Statistics ------------------------------------------------------------------------
def test_item_stats_difficulty_and_discrimination():
    # Strong takers get it right, weak ones wrong: easy to read, discriminating.
    rows = [(1.0, 9.0), (1.0, 8.0), (0.0, 3.0), (0.0, 2.0)]
    stats = rules.item_stats(rows)
    assert stats.attempts == 4
    assert stats.difficulty == pytest.approx(0.5)
    assert stats.discrimination > 0.9


def test_item_stats_of_a_question_everyone_answers_alike():
    stats = rules.item_stats([(1.0, 5.0), (1.0, 3.0)])
    assert stats.difficulty == 1.0 and stats.discrimination is None
    assert rules.item_stats([]).difficulty is None


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ([], "empty"),
        ([[2, "100"]], "not_from_one"),
        ([[1, "100"], [1, "90"]], "not_increasing"),
        ([[1, "0"]], "out_of_range"),
        ([[1]], "not_a_pair"),
    ],
)
def test_bad_cap_tables_say_why(raw, code):
    with pytest.raises(rules.BadCaps) as caught:
        rules.parse_caps(raw)
    assert caught.value.code == code


@pytest.mark.parametrize(
    ("discrimination", "flag"),
    [(None, ""), (0.45, ""), (0.2, ""), (0.19, "weak"), (0.0, "weak"), (-0.1, "check")],
)
def test_discrimination_flags(discrimination, flag):
    assert rules.discrimination_flag(discrimination) == flag
