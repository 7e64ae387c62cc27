"""Indonesia's three time zones (WIB, WITA, WIT): an agency's people read times in one of
them, and every printed time says which."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeZone(models.TextChoices):
    """Indonesia's three time zones, by the IANA name Django activates."""

    WIB = "Asia/Jakarta", _("WIB (Western Indonesia Time, UTC+7)")
    WITA = "Asia/Makassar", _("WITA (Central Indonesia Time, UTC+8)")
    WIT = "Asia/Jayapura", _("WIT (Eastern Indonesia Time, UTC+9)")


# The abbreviation printed after a time: the same in Indonesian and English.
ZONE_ABBREVIATIONS = {zone.value: zone.name for zone in TimeZone}


def zone_abbreviation(name: str) -> str:
    """ "WIB" for "Asia/Jakarta" (and "WITA", "WIT"); "" for a zone outside Indonesia."""
    return ZONE_ABBREVIATIONS.get(name, "")
