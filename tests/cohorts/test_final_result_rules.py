"""The final-result rules, as the course policy reads (no database)."""

from decimal import Decimal as D

import pytest

from latih.cohorts import rules
from latih.cohorts.rules import Facts, Unmet
from latih.learning.models import DEFAULT_PREDICATES

BANDS = rules.bands_from(DEFAULT_PREDICATES)


@pytest.mark.parametrize(
    ("earned", "total", "score"),
    [
        (50, 50, "100.00"),
        (32, 50, "64.00"),
        (0, 50, "0.00"),
        (1, 3, "33.33"),
        (2, 3, "66.67"),
        (60, 50, "100.00"),
        (5, 0, "0.00"),
    ],
)
def test_attitude_score_is_trophies_out_of_100(earned, total, score):
    assert rules.attitude_score(earned, total) == D(score)


@pytest.mark.parametrize(
    ("academic", "attitude", "weights", "final"),
    [
        ("90.01", "100.00", (1, 1), "95.01"),  # 95.005 rounds half up
        ("80.00", "64.00", (1, 1), "72.00"),
        ("80.00", "64.00", (3, 1), "76.00"),
        ("80.00", "64.00", (0, 1), "64.00"),
        ("80.00", "64.00", (1, 0), "80.00"),
        (None, "100.00", (1, 1), "50.00"),  # never took the evaluation
    ],
)
def test_final_score_weighs_both_scores(academic, attitude, weights, final):
    academic = D(academic) if academic is not None else None
    assert rules.final_score(academic, D(attitude), *weights) == D(final)


def test_a_course_without_an_evaluation_is_scored_on_attitude():
    assert rules.final_score(None, D("82.50"), 1, 1, has_evaluation=False) == D("82.50")


@pytest.mark.parametrize(
    ("score", "predicate"),
    [
        ("100.00", "Sangat Memuaskan"),
        ("90.01", "Sangat Memuaskan"),
        ("90.00", "Memuaskan"),
        ("80.01", "Memuaskan"),
        ("80.00", "Cukup Memuaskan"),
        ("70.01", "Cukup Memuaskan"),
        ("70.00", "Kurang Memuaskan"),
        ("60.01", "Kurang Memuaskan"),
        ("60.00", "Tidak Memuaskan"),
        ("0.00", "Tidak Memuaskan"),
    ],
)
def test_the_seed_predicate_bands(score, predicate):
    assert rules.predicate(D(score), BANDS) == predicate


FULL = dict(
    completed=True,
    trophies=40,
    trophies_required=32,
    journals_required=1,
    journals_accepted=1,
    has_evaluation=True,
    evaluation_passed=True,
)


@pytest.mark.parametrize(
    ("changes", "unmet"),
    [
        ({}, []),
        ({"completed": False}, [Unmet.NOT_COMPLETE]),
        ({"trophies": 31}, [Unmet.TROPHIES]),
        ({"trophies": 32}, []),
        ({"journals_accepted": 0}, [Unmet.JOURNALS]),
        ({"journals_required": 0, "journals_accepted": 0}, []),
        ({"evaluation_passed": False}, [Unmet.EVALUATION]),
        ({"has_evaluation": False, "evaluation_passed": False}, []),
        ({"attendance_required": True, "attendance_complete": False}, [Unmet.ATTENDANCE]),
        ({"attendance_required": True}, []),
        (
            {"completed": False, "trophies": 10, "evaluation_passed": False},
            [Unmet.NOT_COMPLETE, Unmet.TROPHIES, Unmet.EVALUATION],
        ),
    ],
)
def test_a_participant_passes_when_every_condition_holds(changes, unmet):
    assert rules.unmet(Facts(**(FULL | changes))) == unmet


def test_final_result_combines_everything():
    policy = rules.Policy(trophies_total=50, bands=BANDS)
    outcome = rules.final_result(Facts(**FULL), D("90.01"), policy)
    assert (outcome.attitude, outcome.final, outcome.predicate, outcome.passed) == (
        D("80.00"),
        D("85.01"),
        "Memuaskan",
        True,
    )
    failing = rules.final_result(Facts(**(FULL | {"evaluation_passed": False})), D("40"), policy)
    assert not failing.passed and failing.unmet == (Unmet.EVALUATION,)


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        ("90,01 Sangat Memuaskan\n0 Tidak Memuaskan", []),
        ("90.01 A\n\n50 B\n0 C", []),
        ("90,01 A", [(rules.BandProblem.NO_ZERO, 0)]),
        ("A tanpa angka\n0 B", [(rules.BandProblem.BAD_LINE, 1)]),
        ("101 A\n0 B", [(rules.BandProblem.OUT_OF_RANGE, 1)]),
        ("50 A\n50 B\n0 C", [(rules.BandProblem.DUPLICATE, 2)]),
        ("", [(rules.BandProblem.EMPTY, 0)]),
    ],
)
def test_predicate_bands_as_the_organizer_types_them(text, problems):
    assert rules.parse_bands(text)[1] == problems


def test_bands_read_back_as_they_are_written():
    text = rules.bands_text(BANDS)
    assert text.splitlines()[0] == "90,01 Sangat Memuaskan"
    assert rules.parse_bands(text) == (BANDS, [])
