"""Real viewing, by table: intervals merged into unique seconds; reports faster than
playback or than the wall clock ignored; completion at the coverage threshold."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from latih.learning import rules
from latih.learning.rules import ViewingPolicy, ViewingState

MERGE_CASES = [
    ("empty", [], (), 0),
    ("one", [(0, 10)], ((0, 10),), 10),
    ("overlap", [(0, 10), (5, 15)], ((0, 15),), 15),
    ("touching join", [(0, 10), (10, 20)], ((0, 20),), 20),
    ("gap kept", [(0, 10), (20, 30)], ((0, 10), (20, 30)), 20),
    ("contained", [(0, 30), (5, 10)], ((0, 30),), 30),
    ("out of order", [(20, 30), (0, 10), (8, 21)], ((0, 30),), 30),
    ("replay of the same", [(0, 10), (0, 10), (0, 10)], ((0, 10),), 10),
    ("empty intervals dropped", [(5, 5), (3, 2)], (), 0),
]


@pytest.mark.parametrize(
    "intervals, merged, seconds", [c[1:] for c in MERGE_CASES], ids=[c[0] for c in MERGE_CASES]
)
def test_merge_and_unique_seconds(intervals, merged, seconds):
    assert rules.merge(intervals) == merged
    assert rules.covered(intervals) == seconds


@given(st.lists(st.tuples(st.floats(0, 600), st.floats(0, 600)), max_size=30))
def test_merged_intervals_never_overlap_and_cover_no_more_than_the_input(pairs):
    intervals = [(min(a, b), max(a, b)) for a, b in pairs]
    merged = rules.merge(intervals)
    assert all(merged[i][1] < merged[i + 1][0] for i in range(len(merged) - 1))
    assert rules.covered(merged) <= sum(end - start for start, end in intervals) + 1e-6
    assert rules.merge(merged) == merged


CLEAN_CASES = [
    ("clipped to the media", [[-5, 3], [95, 130]], 100, [(0.0, 3.0), (95.0, 100.0)]),
    ("numbers as strings", [["1", "2"]], 100, [(1.0, 2.0)]),
    ("not a list", {"0": 1}, 100, None),
    ("end before start", [[5, 1]], 100, None),
    ("not a number", [["a", 2]], 100, None),
    ("infinite", [[0, float("inf")]], 100, None),
    ("three numbers", [[0, 1, 2]], 100, None),
    ("too many intervals", [[i, i + 0.5] for i in range(201)], 1000, None),
]


@pytest.mark.parametrize(
    "raw, duration, expected", [c[1:] for c in CLEAN_CASES], ids=[c[0] for c in CLEAN_CASES]
)
def test_clean_report(raw, duration, expected):
    assert rules.clean_report(raw, duration) == expected


POLICY = ViewingPolicy(max_rate=2.0, coverage=0.95, max_backlog_seconds=300, slack_seconds=3)
OPENED = ViewingState(tokens=0.0, tokens_at=1000.0)  # the page was opened at t=1000


def play(reports, state=OPENED, duration=100.0):
    """Apply (wall time, intervals) reports in turn; return the outcomes and final state."""
    outcomes = []
    for now, intervals in reports:
        outcome = rules.apply_report(state, intervals, now, duration, POLICY)
        outcomes.append(outcome.accepted)
        state = outcome.state
    return outcomes, state


REPORT_CASES = [
    # (description, reports as (wall seconds, intervals), accepted, unique seconds kept)
    (
        "normal playback, one report every 10 s",
        [(1010, [[0, 10]]), (1020, [[10, 20]]), (1030, [[20, 30]])],
        [True] * 3,
        30,
    ),
    ("cumulative reports are fine", [(1010, [[0, 10]]), (1020, [[0, 20]])], [True, True], 20),
    ("at double speed (allowed)", [(1010, [[0, 20]]), (1020, [[20, 40]])], [True, True], 40),
    ("faster than the allowed speed is ignored", [(1010, [[0, 40]])], [False], 0),
    ("seeking to the end earns only what was played", [(1002, [[98, 100]])], [True], 2),
    ("claiming the whole video at once is ignored", [(1005, [[0, 100]])], [False], 0),
    (
        "a replayed report adds nothing and is accepted",
        [(1010, [[0, 10]]), (1010.5, [[0, 10]])],
        [True, True],
        10,
    ),
    (
        "rewatching adds nothing",
        [(1010, [[0, 10]]), (1020, [[0, 10]]), (1030, [[0, 10]])],
        [True] * 3,
        10,
    ),
    (
        "out of order: an older report arrives late",
        [(1020, [[0, 20]]), (1021, [[0, 10]])],
        [True, True],
        20,
    ),
    ("gaps stay gaps", [(1010, [[0, 5], [50, 55]])], [True], 10),
    (
        "after an ignored report, honest playback goes on",
        [(1010, [[0, 60]]), (1020, [[0, 20]])],
        [False, True],
        20,
    ),
    ("offline for a minute, then one report with everything", [(1060, [[0, 60]])], [True], 60),
    ("a report before the wall clock moved", [(1000, [[0, 10]])], [False], 0),
    ("a clock going backwards grants nothing", [(990, [[0, 7]])], [False], 0),
    (
        "the slack may be borrowed once but not saved up",
        [(1003, [[0, 12]]), (1006, [[12, 24]])],
        [True, False],
        12,
    ),
    (
        "a late answer then an early report: the slack absorbs it",
        [(1013, [[0, 20]]), (1015, [[20, 30]])],
        [True, True],
        30,
    ),
]


@pytest.mark.parametrize(
    "reports, accepted, seconds", [c[1:] for c in REPORT_CASES], ids=[c[0] for c in REPORT_CASES]
)
def test_reports(reports, accepted, seconds):
    outcomes, state = play(reports)
    assert outcomes == accepted
    assert rules.covered(state.intervals) == pytest.approx(seconds)


def test_tokens_cannot_be_saved_up_beyond_the_backlog():
    # Page left open for an hour, then a report of 700 s of a long video: more than the
    # backlog allows (300 s at 2x plus slack), so it is ignored.
    outcomes, _ = play([(4600, [[0, 700]])], duration=3600)
    assert outcomes == [False]
    outcomes, _ = play([(4600, [[0, 600]])], duration=3600)
    assert outcomes == [True]


def test_first_report_without_an_opened_page_gets_only_the_slack():
    fresh = ViewingState()  # at 2x, 3 s of slack are 6 s of video
    assert rules.apply_report(fresh, [[0, 6]], 5000, 100, POLICY).accepted
    assert not rules.apply_report(fresh, [[0, 7]], 5000, 100, POLICY).accepted


def test_malformed_report_changes_nothing():
    outcome = rules.apply_report(OPENED, "everything", 1100, 100, POLICY)
    assert (outcome.accepted, outcome.reason, outcome.state) == (False, "malformed", OPENED)


@pytest.mark.parametrize(
    "intervals, duration, coverage, expected",
    [
        ([(0, 95)], 100, 0.95, True),
        ([(0, 94.9)], 100, 0.95, False),
        ([(0, 50), (50, 100)], 100, 0.95, True),
        ([(0, 50), (0, 50)], 100, 0.95, False),
        ([(90, 100)], 100, 0.95, False),
        ([(0, 100)], 100, 1.0, True),
        ([(0, 5.8)], 6, 0.95, True),
        ([], 0, 0.95, False),
    ],
)
def test_watched_to_end(intervals, duration, coverage, expected):
    assert rules.watched_to_end(intervals, duration, coverage) is expected
