"""Cohorts at scale: background jobs on a cohort (bulk enrolment, final results,
certificates), the problems an import found, each participant's final result, and the log
of finalizing and reopening grades. The cohort itself lives in ``learning``."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from latih.common import clock
from latih.learning.models import Cohort


def _upload_to(instance: models.Model, filename: str) -> str:
    return f"imports/{clock.now():%Y/%m}/{filename}"


class Job(models.Model):
    """A long piece of work on a cohort, run in the background with a progress count.

    The row is the truth: a worker takes it with a lease (``runner``, ``heartbeat_at``),
    commits each chunk together with its progress, and a job whose worker died is taken
    up again where it stopped (``cohorts.jobs``)."""

    class Kind(models.TextChoices):
        IMPORT = "import", _("Participant import")
        RESULTS = "results", _("Final results")
        FINALIZE = "finalize", _("Finalizing grades")
        CERTIFICATES = "certificates", _("Certificates and hours")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    ACTIVE = (Status.QUEUED, Status.RUNNING)

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="jobs")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # An agency admin's import: the only agency whose people it may enrol.
    scope_agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=clock.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    runner = models.CharField(max_length=32, blank=True)
    total = models.PositiveIntegerField(_("to do"), default=0)
    done = models.PositiveIntegerField(_("done"), default=0)
    counts = models.JSONField(_("summary"), default=dict)
    error = models.TextField(_("error"), blank=True)
    # Imports: the uploaded file and its digest (the same file twice is one job).
    file = models.FileField(_("file"), upload_to=_upload_to, blank=True, max_length=300)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    # Finalizing before the cohort's end: the organizer's reason, logged with the event.
    reason = models.CharField(_("reason"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-created_at", "-id"]
        constraints = [
            # A double click, or the same file sent twice, while the first still runs.
            models.UniqueConstraint(
                fields=["cohort", "kind", "sha256"],
                condition=Q(status__in=["queued", "running"]),
                name="one_active_job_per_cohort_kind_file",
            ),
            models.CheckConstraint(
                condition=Q(done__lte=models.F("total")) | Q(total=0), name="job_done_within_total"
            ),
        ]
        indexes = [models.Index(fields=["status", "heartbeat_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.total:
            return 0
        return min(99, 100 * self.done // self.total)


class ImportProblem(models.Model):
    """A row an import could not take: its line in the file, its values and why.

    Bounded, so that a small file cannot fill the database: a job keeps its first
    ``cohorts.imports.MAX_PROBLEMS`` rows (the others are only counted), each value is cut
    by the reader (``cohorts.sheets.LIMITS``) and the reason by the database too."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="problems")
    line = models.PositiveIntegerField(_("line"))
    values = models.JSONField(_("values"), default=dict)
    reason = models.CharField(_("reason"), max_length=1000)

    class Meta:
        verbose_name = _("import problem")
        verbose_name_plural = _("import problems")
        ordering = ["job", "line"]
        constraints = [
            models.UniqueConstraint(fields=["job", "line"], name="one_problem_per_import_line")
        ]

    def __str__(self) -> str:
        return f"{self.line}: {self.reason}"


class FinalResult(models.Model):
    """A participant's final result in a cohort, as computed before and frozen by
    finalizing (SPEC, Completion): the scores, the predicate and whether they passed."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="results")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="final_results"
    )
    academic_score = models.DecimalField(
        _("academic score"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    attitude_score = models.DecimalField(_("attitude score"), max_digits=5, decimal_places=2)
    final_score = models.DecimalField(_("final score"), max_digits=5, decimal_places=2)
    predicate = models.CharField(_("predicate"), max_length=100)
    passed = models.BooleanField(_("passed"))
    # Why not (cohorts.rules.Unmet values); empty when passed.
    unmet = models.JSONField(_("conditions not met"), default=list)
    trophies = models.PositiveSmallIntegerField(_("trophies"), default=0)
    computed_at = models.DateTimeField(_("computed"), default=clock.now)

    class Meta:
        verbose_name = _("final result")
        verbose_name_plural = _("final results")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "person"], name="one_result_per_cohort"),
            models.CheckConstraint(
                condition=Q(passed=False) | Q(unmet=[]), name="passed_result_has_no_unmet"
            ),
        ]
        indexes = [models.Index(fields=["cohort", "passed", "final_score"])]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.final_score} {self.predicate}"


class CohortEvent(models.Model):
    """The log of a cohort's grades: finalized, reopened (with its reason)."""

    class Kind(models.TextChoices):
        FINALIZED = "finalized", _("Grades finalized")
        REOPENED = "reopened", _("Grades reopened")

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("event"), max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)
    counts = models.JSONField(_("summary"), default=dict)
    at = models.DateTimeField(_("time"), default=clock.now)

    class Meta:
        verbose_name = _("cohort event")
        verbose_name_plural = _("cohort events")
        ordering = ["-at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="reopened") | ~Q(reason=""), name="reopening_has_a_reason"
            )
        ]

    def __str__(self) -> str:
        return f"{self.cohort_id} {self.kind}"
