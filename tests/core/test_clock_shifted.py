"""Tests move the clock forward instead of waiting (the browser journeys' live server reads
the same clock in a thread of the test's process)."""

import datetime as dt

import pytest

from latih.common import clock

NOON = dt.datetime(2026, 12, 1, 5, 0, tzinfo=dt.UTC)


def test_shifted_moves_a_frozen_clock_forward_and_leaving_puts_it_back():
    with clock.freeze(NOON):
        with clock.shifted() as shift:
            shift(dt.timedelta(seconds=90))
            shift(dt.timedelta(minutes=1))
            assert clock.now() == NOON + dt.timedelta(seconds=150)
        assert clock.now() == NOON


def test_shifted_moves_the_running_clock_forward():
    with clock.shifted() as shift:
        shift(dt.timedelta(hours=2))
        assert clock.now() - dt.datetime.now(dt.UTC) > dt.timedelta(minutes=119)
    assert abs(clock.now() - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)


def test_a_frozen_clock_frozen_inside_a_shift_keeps_the_shift():
    with clock.shifted() as shift:
        shift(dt.timedelta(minutes=5))
        with clock.freeze(NOON):
            assert clock.now() == NOON + dt.timedelta(minutes=5)


def test_the_clock_never_moves_back():
    with clock.freeze(NOON), clock.shifted() as shift:
        with pytest.raises(ValueError):
            shift(dt.timedelta(seconds=-1))
        assert clock.now() == NOON
