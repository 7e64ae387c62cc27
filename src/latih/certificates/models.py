"""Certificates: what was issued to whom (a snapshot of the final result, so the document
never changes behind its holder's back), its PDF, and revocation; and the counters that
number them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from latih.cohorts.models import FinalResult
from latih.common import clock
from latih.learning.models import Cohort, Course


def _upload_to(instance: "Certificate", filename: str) -> str:
    return f"certificates/{instance.issued_at:%Y/%m}/{filename}"


class Certificate(models.Model):
    """A certificate (sertifikat) of one participant for one cohort."""

    result = models.ForeignKey(FinalResult, on_delete=models.PROTECT, related_name="certificates")
    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="certificates")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="certificates")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certificates"
    )
    number = models.CharField(_("number"), max_length=100, unique=True)
    # The QR code's address: 128 random bits, so it can be neither guessed nor enumerated.
    token = models.CharField(max_length=32, unique=True)
    # Snapshot printed on the document and shown by verification.
    name = models.CharField(_("name"), max_length=200)
    nip = models.CharField(_("NIP"), max_length=18)
    agency = models.CharField(_("agency"), max_length=200, blank=True)
    course_title = models.CharField(_("course"), max_length=200)
    hours = models.PositiveSmallIntegerField(_("hours (JP)"))
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    final_score = models.DecimalField(_("final score"), max_digits=5, decimal_places=2)
    predicate = models.CharField(_("predicate"), max_length=100)
    issuer = models.CharField(_("issued by"), max_length=200, blank=True)
    place = models.CharField(_("place of signing"), max_length=100, blank=True)
    signatory_name = models.CharField(_("signatory's name"), max_length=200, blank=True)
    signatory_title = models.CharField(_("signatory's position"), max_length=200, blank=True)
    signatory_nip = models.CharField(_("signatory's NIP"), max_length=18, blank=True)
    issued_at = models.DateTimeField(_("issued"), default=clock.now)
    # Empty until the PDF is rendered (or after the snapshot changed): rendered again.
    pdf = models.FileField(_("PDF"), upload_to=_upload_to, blank=True, max_length=300)
    rendered_at = models.DateTimeField(_("rendered"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoke_reason = models.TextField(_("reason for revocation"), blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at", "-id"]
        constraints = [
            # Issuing twice (a retried job, a double click) gives the same certificate.
            models.UniqueConstraint(
                fields=["cohort", "person"],
                condition=Q(revoked_at__isnull=True),
                name="one_valid_certificate_per_cohort",
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revoke_reason=""),
                name="revocation_has_a_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "revoked_at"]),
            models.Index(fields=["cohort", "rendered_at"]),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None


class NumberCounter(models.Model):
    """The last sequence number given per course and year (year 0: a format without
    {year}, numbered for ever)."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["course", "year"], name="one_counter_per_course_year")
        ]

    def __str__(self) -> str:
        return f"{self.course_id}/{self.year}: {self.last}"
