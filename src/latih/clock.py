"""The one clock of the application.

Rules never read the time themselves: they are given it. Services and views read it from
here, so that tests can freeze it with ``latih.clock.freeze``.
"""

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from django.utils import timezone

_frozen: dt.datetime | None = None


def now() -> dt.datetime:
    """The current aware datetime."""
    return _frozen if _frozen is not None else timezone.now()


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
