"""Filters that write numbers and times the way people here read them.

- ``nip``: an 18-digit NIP in its groups, joined by non-breaking spaces so that it never
  breaks across lines (19981108 202421 1 007), with the plain number kept as the
  element's machine-readable value.
- ``duration``: seconds in words, "1 jam 28 menit" (Indonesian or English).
- ``tzabbr``: the abbreviation of the zone a time is shown in: WIB, WITA or WIT;
  ``datetz``: Django's ``date`` followed by it, "23 November 2026, 08.00 WIB".

``{% load latih_format %}``.
"""

import datetime as dt

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import ngettext

from latih.common.zones import zone_abbreviation

register = template.Library()

NBSP = "\u00a0"
# Birth date (8), appointment year and month (6), gender (1), sequence (3): the groups
# printed on a civil servant's card, for PNS and PPPK alike.
NIP_GROUPS = (8, 6, 1, 3)


def nip_groups(value: str) -> str:
    """``19981108 202421 1 007`` (non-breaking spaces) for an 18-digit NIP; anything else
    unchanged, as it is not a NIP to group."""
    if len(value) != sum(NIP_GROUPS) or not (value.isascii() and value.isdigit()):
        return value
    parts, start = [], 0
    for size in NIP_GROUPS:
        parts.append(value[start : start + size])
        start += size
    return NBSP.join(parts)


@register.filter(is_safe=True)
def nip(value: object) -> SafeString | str:
    """A NIP as ``<data class="nip" value="199811082024211007">19981108 202421 1 007</data>``:
    one unbreakable group for the eye, the plain number for copying and machines."""
    if value is None or value == "":
        return ""
    text = str(value)
    return format_html('<data class="nip" value="{}">{}</data>', text, nip_groups(text))


def seconds_in_words(seconds: int) -> str:
    """5313 → "1 jam 28 menit"; under a minute, the seconds: "45 detik"."""
    seconds = max(0, seconds)
    if seconds < 60:
        return ngettext("%(count)d second", "%(count)d seconds", seconds) % {"count": seconds}
    hours, rest = divmod(seconds, 3600)
    minutes = rest // 60
    parts = []
    if hours:
        parts.append(ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours})
    if minutes or not hours:
        parts.append(
            ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
        )
    return " ".join(parts)


@register.filter
def duration(value: object) -> str:
    """Seconds (a number) in words; "" for what is not a number."""
    try:
        seconds = int(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return ""
    return seconds_in_words(seconds)


@register.filter
def tzabbr(value: object = None) -> str:
    """The zone a time is shown in, as ``|date`` shows it: the zone activated for the
    reader (WIB, WITA, WIT); for another zone, its own abbreviation."""
    zone = timezone.get_current_timezone()
    known = zone_abbreviation(getattr(zone, "key", ""))
    if known:
        return known
    moment = value if isinstance(value, dt.datetime) else timezone.now()
    if timezone.is_naive(moment):
        return ""
    return timezone.localtime(moment, zone).tzname() or ""


@register.filter(expects_localtime=True, is_safe=False)
def datetz(value: object, arg: str | None = None) -> str:
    """``value|date:arg`` and the zone it is shown in: "23 November 2026, 08.00 WIB"."""
    text = date_filter(value, arg)
    if not text or not isinstance(value, dt.datetime):
        return text
    zone = tzabbr(value)
    return f"{text} {zone}" if zone else text
