"""Dates the application records are the installation's, whoever's request records them."""

import datetime as dt

from django.utils import timezone

from latih.common import clock

# 23:30 in Jakarta (WIB) on 1 December is 01:30 on 2 December in Jayapura (WIT).
LATE = dt.datetime(2026, 12, 1, 16, 30, tzinfo=dt.UTC)


def test_a_wit_readers_request_does_not_move_the_recorded_day(settings):
    settings.TIME_ZONE = "Asia/Jakarta"
    with timezone.override("Asia/Jayapura"):
        assert timezone.localdate(LATE) == dt.date(2026, 12, 2)  # what the reader sees
        assert clock.local_date(LATE) == dt.date(2026, 12, 1)
        with clock.freeze(LATE):
            assert clock.today() == dt.date(2026, 12, 1)
