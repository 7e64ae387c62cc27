"""What a closed test says to the participant: every reason, in the reader's language."""

import datetime as dt

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from latih.common.zones import zone_abbreviation

from . import rules


def _date(value: dt.date | dt.datetime | None) -> str:
    if isinstance(value, dt.datetime):
        # In the reader's zone (core.middleware.TimeZoneMiddleware), which is named.
        shown = formats.date_format(timezone.localtime(value), "j F Y, H.i")
        zone = zone_abbreviation(timezone.get_current_timezone_name())
        return f"{shown} {zone}" if zone else shown
    return formats.date_format(value, "j F Y") if value else ""


def unmet_text(reason: rules.Unmet) -> str:
    """ "Trofi Anda 26 dari 28", "Evaluasi akademik dibuka tanggal 10 Maret 2023" …"""
    if reason.reason == rules.STUDY_ALL:
        return _("Study every agenda before the academic evaluation.")
    if reason.reason == rules.TROPHIES:
        return _("Your trophies: %(have)s of %(need)s.") % {
            "have": reason.have,
            "need": reason.need,
        }
    if reason.reason == rules.OPENS_ON:
        return _("The academic evaluation opens on %(date)s.") % {"date": _date(reason.on)}
    if reason.reason == rules.NOT_YET:
        return _("The test opens on %(date)s.") % {"date": _date(reason.on)}
    if reason.reason == rules.CLOSED:
        return _("The test closed on %(date)s.") % {"date": _date(reason.on)}
    if reason.reason == rules.NO_ATTEMPTS:
        return _("You have used all %(need)s attempts.") % {"need": reason.need}
    return _("Agree to the course rules first.")
