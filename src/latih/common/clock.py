"""The one clock of the application.

Rules never read the time themselves: they are given it. Services and views read it from
here, so that tests can freeze it with ``latih.common.clock.freeze`` and move it forward with
``latih.common.clock.shifted`` (the browser tests' live server runs in the test's own process).
"""

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.utils import timezone

_frozen: dt.datetime | None = None
_offset = dt.timedelta()  # only ever non-zero inside a test's ``shifted`` block


def now() -> dt.datetime:
    """The current aware datetime."""
    return (_frozen if _frozen is not None else timezone.now()) + _offset


def today() -> dt.date:
    """Today's date in the installation's time zone (settings.TIME_ZONE), whichever zone
    a request has activated for its reader (core.middleware.TimeZoneMiddleware)."""
    return local_date(now())


def local_date(moment: dt.datetime) -> dt.date:
    """The installation's calendar day of ``moment`` (never the reader's: a certificate or
    an hours entry is dated alike whoever's request made it)."""
    return timezone.localdate(moment, timezone.get_default_timezone())


@contextmanager
def freeze(at: dt.datetime) -> Iterator[None]:
    """Make ``now()`` return ``at`` inside the block (for tests)."""
    global _frozen
    previous, _frozen = _frozen, at
    try:
        yield
    finally:
        _frozen = previous


@contextmanager
def shifted() -> Iterator[Callable[[dt.timedelta], None]]:
    """Inside the block, the function it gives moves ``now()`` forward, frozen or not (for
    tests: time passes without being waited for). Leaving the block undoes the moves."""
    global _offset
    previous = _offset

    def shift(by: dt.timedelta) -> None:
        global _offset
        if by < dt.timedelta():
            raise ValueError("the clock only moves forward")
        _offset += by

    try:
        yield shift
    finally:
        _offset = previous
