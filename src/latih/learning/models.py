"""Courses, their sections and materials; enrolment with consent; what each participant
has studied (progress, trophies, viewing of videos) and their journals."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from latih.common import clock

# The seed's predicate bands (issue 5): 90.01-100, 80.01-90, 70.01-80, 60.01-70, up to 60.
DEFAULT_PREDICATES = (
    ("90.01", "Sangat Memuaskan"),
    ("80.01", "Memuaskan"),
    ("70.01", "Cukup Memuaskan"),
    ("60.01", "Kurang Memuaskan"),
    ("0", "Tidak Memuaskan"),
)
# {seq} counts per course and year; {check} makes numbers hard to guess (cohorts/numbers.py).
DEFAULT_NUMBER_FORMAT = "{seq:05}/{check}/{agency}/{year}"


def default_predicates() -> list[list[str]]:
    return [list(band) for band in DEFAULT_PREDICATES]


def _upload_to(instance: models.Model, filename: str) -> str:
    # The stored name is random (storage adds a suffix on clashes); the original name is
    # kept on the row for downloads. Files are served through a permission check.
    return f"learning/{instance._meta.model_name}/{clock.now():%Y/%m}/{filename}"


class Course(models.Model):
    """A course: sections studied in order, with its policy values (*policy* in the SPEC)."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    description = models.TextField(_("description"), blank=True)
    rules = models.TextField(
        _("course rules"), blank=True, help_text=_("Shown before the first material; one per line.")
    )
    welcome_video = models.FileField(_("welcome video"), upload_to=_upload_to, blank=True)
    hours = models.PositiveSmallIntegerField(_("hours (JP)"), default=0)
    # Policy, with the seed values as defaults.
    sequential = models.BooleanField(_("sections and materials in order"), default=True)
    trophies_total = models.PositiveSmallIntegerField(_("trophies in all"), default=50)
    trophies_required = models.PositiveSmallIntegerField(
        _("trophies required for completion"), default=32
    )
    trophies_for_evaluation = models.PositiveSmallIntegerField(
        _("trophies to open the academic evaluation"), default=28
    )
    evaluation_after_days = models.PositiveSmallIntegerField(
        _("days from first sign-in to the evaluation"), default=15
    )
    video_coverage = models.PositiveSmallIntegerField(
        _("share of a video to watch (%)"),
        default=95,
        validators=[MinValueValidator(50), MaxValueValidator(100)],
    )
    max_playback_rate = models.DecimalField(
        _("fastest playback speed allowed"),
        max_digits=3,
        decimal_places=2,
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )
    # Final result (SPEC, Completion): academic and attitude scores weighted, then named
    # by the band it falls in. Bands are [[lowest score, predicate], ...], highest first.
    academic_weight = models.PositiveSmallIntegerField(
        _("weight of the academic score"), default=1, validators=[MaxValueValidator(100)]
    )
    attitude_weight = models.PositiveSmallIntegerField(
        _("weight of the attitude score"), default=1, validators=[MaxValueValidator(100)]
    )
    predicates = models.JSONField(_("predicates by score"), default=default_predicates)
    # Certificates.
    certificate_number_format = models.CharField(
        _("certificate number format"), max_length=100, default=DEFAULT_NUMBER_FORMAT
    )
    certificate_issuer = models.CharField(
        _("issued by"), max_length=200, blank=True, help_text=_("The organizing institution.")
    )
    certificate_place = models.CharField(_("place of signing"), max_length=100, blank=True)
    signatory_name = models.CharField(_("signatory's name"), max_length=200, blank=True)
    signatory_title = models.CharField(_("signatory's position"), max_length=200, blank=True)
    signatory_nip = models.CharField(_("signatory's NIP"), max_length=18, blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=clock.now)
    updated_at = models.DateTimeField(_("updated"), default=clock.now)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(trophies_required__lte=F("trophies_total")),
                name="course_required_trophies_within_total",
            ),
            models.CheckConstraint(
                condition=Q(trophies_for_evaluation__lte=F("trophies_total")),
                name="course_evaluation_trophies_within_total",
            ),
            models.CheckConstraint(
                condition=Q(academic_weight__gt=0) | Q(attitude_weight__gt=0),
                name="course_final_result_has_a_weight",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Section(models.Model):
    """A part of a course studied as one (Materi Kebijakan, Agenda 1 …)."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(_("title"), max_length=200)
    position = models.PositiveIntegerField(_("position"), default=0)
    journal_required = models.BooleanField(_("resume journal required"), default=False)
    journal_prompt = models.TextField(_("journal prompt"), blank=True)
    # Removed sections are archived, never deleted: participants' progress stays.
    is_archived = models.BooleanField(_("archived"), default=False)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["course", "position", "id"]
        indexes = [models.Index(fields=["course", "is_archived", "position"])]

    def __str__(self) -> str:
        return self.title


class Material(models.Model):
    """One thing to study: a video, a document, slides, audio, a text or a link."""

    class Kind(models.TextChoices):
        VIDEO = "video", _("Video")
        PDF = "pdf", _("PDF document")
        SLIDES = "slides", _("Slides")
        AUDIO = "audio", _("Audio")
        TEXT = "text", _("Text")
        LINK = "link", _("External link")

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    position = models.PositiveIntegerField(_("position"), default=0)
    trophies = models.PositiveSmallIntegerField(
        _("trophies"), default=1, validators=[MaxValueValidator(10)]
    )
    downloadable = models.BooleanField(_("may be downloaded for offline study"), default=False)
    description = models.TextField(_("description"), blank=True)
    body = models.TextField(_("text"), blank=True, help_text=_("Sanitized HTML."))
    url = models.URLField(_("link"), blank=True, max_length=500)
    file = models.FileField(_("file"), upload_to=_upload_to, blank=True, max_length=300)
    file_name = models.CharField(_("original file name"), max_length=200, blank=True)
    file_type = models.CharField(_("file type"), max_length=100, blank=True)
    file_size = models.PositiveBigIntegerField(_("file size"), default=0)
    # Slides: a PDF version shown in the page beside the PowerPoint download.
    pdf_file = models.FileField(_("PDF version"), upload_to=_upload_to, blank=True, max_length=300)
    duration = models.FloatField(_("duration (seconds)"), default=0)
    is_archived = models.BooleanField(_("archived"), default=False)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["section", "position", "id"]
        indexes = [models.Index(fields=["section", "is_archived", "position"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind__in=["video", "audio"]) | Q(duration__gte=0),
                name="material_duration_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_watched(self) -> bool:
        """Videos and audio are completed by real viewing (listening), checked by the
        server."""
        return self.kind in (self.Kind.VIDEO, self.Kind.AUDIO)


class Cohort(models.Model):
    """A group (angkatan) studying a course together, with its facilitators."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="cohorts")
    name = models.CharField(_("name"), max_length=200)
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="facilitated_cohorts", blank=True
    )
    # The agencies whose people study in it: their admins may enrol people into it.
    agencies = models.ManyToManyField(
        "agencies.Agency", related_name="cohorts", blank=True, verbose_name=_("agencies")
    )
    created_at = models.DateTimeField(_("created"), default=clock.now)
    # Final grades: set by finalizing, cleared by reopening (both logged in cohorts).
    finalized_at = models.DateTimeField(_("grades finalized"), null=True, blank=True)
    finalized_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.UniqueConstraint(fields=["course", "name"], name="cohort_name_unique_in_course"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="cohort_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Enrollment(models.Model):
    """A participant's place in a course: consent to its rules and the welcome video."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrollments")
    cohort = models.ForeignKey(
        Cohort, on_delete=models.SET_NULL, null=True, blank=True, related_name="enrollments"
    )
    enrolled_at = models.DateTimeField(_("enrolled"), default=clock.now)
    consented_at = models.DateTimeField(_("consented to the rules"), null=True, blank=True)
    welcome_seen_at = models.DateTimeField(_("welcome video seen"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["person", "course"], name="one_enrollment_per_course")
        ]
        indexes = [models.Index(fields=["cohort", "person"])]

    def __str__(self) -> str:
        return f"{self.person_id} → {self.course_id}"


class MaterialProgress(models.Model):
    """What one participant did with one material; for videos, the seconds watched."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="material_progress"
    )
    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="progress")
    opened_at = models.DateTimeField(_("first opened"), default=clock.now)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    watched = models.JSONField(_("intervals watched"), default=list)
    watched_seconds = models.FloatField(_("seconds watched"), default=0)
    tokens = models.FloatField(default=0)
    tokens_at = models.DateTimeField(null=True, blank=True)
    reports = models.PositiveIntegerField(_("reports"), default=0)
    ignored_reports = models.PositiveIntegerField(_("ignored reports"), default=0)

    class Meta:
        verbose_name = _("material progress")
        verbose_name_plural = _("material progress")
        constraints = [
            models.UniqueConstraint(fields=["person", "material"], name="one_progress_per_material")
        ]

    def __str__(self) -> str:
        return f"{self.person_id}/{self.material_id}"


class TrophyAward(models.Model):
    """A trophy (nilai sikap perilaku) earned by completing a material: once, ever."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="trophies"
    )
    material = models.ForeignKey(Material, on_delete=models.PROTECT, related_name="awards")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="awards")
    trophies = models.PositiveSmallIntegerField(_("trophies"))
    awarded_at = models.DateTimeField(_("awarded"), default=clock.now)

    class Meta:
        verbose_name = _("trophy")
        verbose_name_plural = _("trophies")
        constraints = [
            # A double click, two tabs or a replayed request never earns twice.
            models.UniqueConstraint(fields=["person", "material"], name="one_award_per_material")
        ]
        indexes = [models.Index(fields=["person", "course"])]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.trophies} for {self.material_id}"


class Journal(models.Model):
    """A participant's resume journal for one section: written in the page or uploaded."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted, waiting for review")
        ACCEPTED = "accepted", _("Accepted")
        RETURNED = "returned", _("Returned for revision")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journals"
    )
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="journals")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    text = models.TextField(_("journal text"), blank=True)
    file = models.FileField(_("file"), upload_to=_upload_to, blank=True, max_length=300)
    file_name = models.CharField(_("original file name"), max_length=200, blank=True)
    file_type = models.CharField(_("file type"), max_length=100, blank=True)
    revision = models.PositiveSmallIntegerField(_("revision"), default=0)
    updated_at = models.DateTimeField(_("updated"), default=clock.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    feedback = models.TextField(_("feedback"), blank=True)

    class Meta:
        verbose_name = _("journal")
        verbose_name_plural = _("journals")
        constraints = [
            models.UniqueConstraint(fields=["person", "section"], name="one_journal_per_section"),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(feedback=""),
                name="returned_journal_has_feedback",
            ),
        ]
        indexes = [models.Index(fields=["status", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.person_id}/{self.section_id} {self.status}"

    @property
    def is_submitted(self) -> bool:
        """Submitted counts for gating whether or not it has been reviewed yet."""
        return self.status in (self.Status.SUBMITTED, self.Status.ACCEPTED)

    @property
    def editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class JournalEvent(models.Model):
    """The history of a journal: submissions and reviews, with the feedback given."""

    journal = models.ForeignKey(Journal, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Journal.Status.choices)
    feedback = models.TextField(_("feedback"), blank=True)
    at = models.DateTimeField(_("time"), default=clock.now)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.journal_id} {self.status}"


class HoursEntry(models.Model):
    """The hours ledger (jam pelajaran, JP): one row per completed course, counted in the
    year of completion. ASN are expected to reach 20 JP a year (SPEC, Completion).

    Voided, not deleted, when a completion is withdrawn (a result changed on reopening, a
    certificate revoked): the ledger keeps its history."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hours"
    )
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="+")
    cohort = models.ForeignKey(
        Cohort, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    hours = models.PositiveSmallIntegerField(_("hours (JP)"))
    completed_on = models.DateField(_("completed"))
    recorded_at = models.DateTimeField(_("recorded"), default=clock.now)
    voided_at = models.DateTimeField(_("voided"), null=True, blank=True)
    void_reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("hours entry")
        verbose_name_plural = _("hours ledger")
        ordering = ["-completed_on", "-id"]
        constraints = [
            # One completion of a course per person and year counts once.
            models.UniqueConstraint(
                fields=["person", "course", "year"], name="one_hours_entry_per_course_year"
            )
        ]
        indexes = [models.Index(fields=["person", "year"])]

    def __str__(self) -> str:
        return f"{self.person_id} {self.year}: {self.hours} JP"
