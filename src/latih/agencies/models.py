"""Agencies (instansi) and their units: the tenants of an installation, and the time zone
(WIB, WITA, WIT) in which an agency's people read times."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from latih.common.zones import TimeZone


class Agency(models.Model):
    """A government agency (instansi) whose people train on Latih."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    code = models.SlugField(
        _("code"),
        max_length=30,
        unique=True,
        help_text=_("Short code used in imports and certificate numbers."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=32,
        choices=TimeZone.choices,
        default=TimeZone.WIB,
        help_text=_("The time zone in which the agency's people read times."),
    )

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(time_zone__in=TimeZone.values), name="agency_time_zone_known"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    """A unit inside an agency, e.g. its BKPSDM."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="units", verbose_name=_("agency")
    )
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["agency__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="unit_name_unique_in_agency")
        ]

    def __str__(self) -> str:
        return self.name
