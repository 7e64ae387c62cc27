"""Question banks, the course's tests (pre-test and academic evaluation), attempts timed
by the server with the answers given, and the organizers' grants and regrades."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from latih.common import clock
from latih.learning.models import Course

from . import rules
from .formats import FORMATS, HTML, PLAIN


class Category(models.Model):
    """A group of questions in a course's bank, usually one per module (mata pelatihan)."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="question_categories")
    name = models.CharField(_("name"), max_length=255)

    class Meta:
        verbose_name = _("question category")
        verbose_name_plural = _("question categories")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["course", "name"], name="category_unique_in_course")
        ]

    def __str__(self) -> str:
        return self.name


class Question(models.Model):
    """A multiple-choice question: one correct answer, or several with partial credit."""

    FORMAT_CHOICES = [(PLAIN, _("Plain text")), (HTML, _("HTML"))]

    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="questions")
    name = models.CharField(_("name"), max_length=255, blank=True)
    text = models.TextField(_("question"))
    format = models.CharField(_("format"), max_length=5, choices=FORMAT_CHOICES, default=PLAIN)
    multiple = models.BooleanField(_("several correct answers"), default=False)
    feedback = models.TextField(_("explanation"), blank=True)
    # A question that an attempt has drawn is archived, never deleted: results keep it.
    is_archived = models.BooleanField(_("archived"), default=False)
    created_at = models.DateTimeField(_("created"), default=clock.now)
    updated_at = models.DateTimeField(_("updated"), default=clock.now)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(format__in=FORMATS), name="question_format_known")
        ]
        indexes = [models.Index(fields=["category", "is_archived"])]

    def __str__(self) -> str:
        return self.name or self.text[:60]


class Option(models.Model):
    """An option of a question; ``fraction`` is the credit for choosing it, in percent."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    text = models.TextField(_("option"))
    fraction = models.DecimalField(
        _("credit (%)"),
        max_digits=8,
        decimal_places=5,
        default=Decimal(0),
        validators=[MinValueValidator(-100), MaxValueValidator(100)],
    )
    feedback = models.TextField(_("feedback"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fraction__gte=-100) & Q(fraction__lte=100),
                name="option_fraction_within_100",
            )
        ]

    def __str__(self) -> str:
        return self.text[:60]


def default_caps() -> list[list[object]]:
    return [[first, str(cap)] for first, cap in rules.DEFAULT_CAPS]


class Test(models.Model):
    """A course's pre-test or academic evaluation (post-test), with its policy values."""

    class Kind(models.TextChoices):
        PRE = "pre", _("Pre-test")
        POST = "post", _("Academic evaluation")

    class Review(models.TextChoices):
        NEVER = "never", _("Never")
        AFTER_SUBMIT = "submit", _("After each attempt")
        AFTER_CLOSE = "close", _("After the test closes")

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="tests")
    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    instructions = models.TextField(_("instructions"), blank=True)
    question_count = models.PositiveSmallIntegerField(
        _("questions per attempt"),
        default=40,
        validators=[MinValueValidator(1), MaxValueValidator(500)],
        help_text=_("Used when no category sets its own number."),
    )
    time_limit = models.PositiveSmallIntegerField(
        _("time limit (minutes)"), default=90, validators=[MinValueValidator(1)]
    )
    pass_mark = models.DecimalField(
        _("pass mark"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(60),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    caps = models.JSONField(
        _("score caps by attempt"),
        default=default_caps,
        help_text=_("From which attempt on, the highest score an attempt can earn."),
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("attempts allowed"),
        null=True,
        blank=True,
        help_text=_("Empty: unlimited."),
    )
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    show_answers = models.CharField(
        _("show the correct answers"),
        max_length=6,
        choices=Review.choices,
        default=Review.AFTER_CLOSE,
    )
    is_published = models.BooleanField(_("open to participants"), default=False)

    class Meta:
        verbose_name = _("test")
        verbose_name_plural = _("tests")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "kind"], name="one_test_of_a_kind_per_course"
            ),
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True)
                | Q(closes_at__isnull=True)
                | Q(opens_at__lt=F("closes_at")),
                name="test_opens_before_it_closes",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_evaluation(self) -> bool:
        return self.kind == self.Kind.POST

    def cap_table(self) -> list[tuple[int, Decimal]]:
        return rules.parse_caps(self.caps)


class Draw(models.Model):
    """How many questions an attempt draws from one category."""

    test = models.ForeignKey(Test, on_delete=models.CASCADE, related_name="draws")
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="draws")
    count = models.PositiveSmallIntegerField(_("questions"), validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("draw")
        verbose_name_plural = _("draws")
        ordering = ["category__name"]
        constraints = [
            models.UniqueConstraint(fields=["test", "category"], name="one_draw_per_category")
        ]

    def __str__(self) -> str:
        return f"{self.count} × {self.category_id}"


class Attempt(models.Model):
    """One sitting of a test. Its deadline and score cap are fixed when it starts."""

    test = models.ForeignKey(Test, on_delete=models.CASCADE, related_name="attempts")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempts"
    )
    number = models.PositiveSmallIntegerField(_("attempt"))
    # A granted extra attempt keeps the cap of the attempt before it.
    counts_for_cap = models.BooleanField(default=True)
    started_at = models.DateTimeField(_("started"), default=clock.now)
    deadline = models.DateTimeField(_("deadline"))
    cap = models.DecimalField(_("score cap"), max_digits=5, decimal_places=2)
    submitted_at = models.DateTimeField(_("finished"), null=True, blank=True)
    auto_submitted = models.BooleanField(_("submitted at the deadline"), default=False)
    raw_score = models.DecimalField(
        _("score before the cap"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        ordering = ["test", "person", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["test", "person", "number"], name="attempt_number_unique"
            ),
            # Two tabs or a double click never open two attempts at once.
            models.UniqueConstraint(
                fields=["test", "person"],
                condition=Q(submitted_at__isnull=True),
                name="one_open_attempt",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__lte=F("cap")),
                name="attempt_score_within_cap",
            ),
            models.CheckConstraint(
                condition=Q(deadline__gt=F("started_at")), name="attempt_deadline_after_start"
            ),
        ]
        indexes = [
            # The deadline job's scan: open attempts by deadline.
            models.Index(
                fields=["deadline"],
                condition=Q(submitted_at__isnull=True),
                name="open_attempts_by_deadline",
            )
        ]

    def __str__(self) -> str:
        return f"{self.test_id}/{self.person_id} #{self.number}"

    @property
    def is_open(self) -> bool:
        return self.submitted_at is None

    def seconds_left(self) -> int:
        return rules.seconds_left(self.deadline, clock.now()) if self.is_open else 0


class Item(models.Model):
    """A question as one attempt shows it: a copy of its text and options in the order
    drawn, and the answer given. The copy keeps results true when the bank changes later;
    a regrade updates the copies' credits on purpose."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="items")
    text = models.TextField()
    format = models.CharField(max_length=5, default=PLAIN)
    multiple = models.BooleanField(default=False)
    # [{"id": option id, "text": "...", "fraction": "100"}] in the order shown.
    options = models.JSONField()
    selected = models.JSONField(default=list)  # option ids chosen
    # The page numbers each change of an answer; a retried older change never overwrites
    # a newer one.
    seq = models.PositiveIntegerField(default=0)
    answered_at = models.DateTimeField(null=True, blank=True)
    credit = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)

    class Meta:
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "position"], name="item_position_unique"),
            models.UniqueConstraint(fields=["attempt", "question"], name="item_question_unique"),
        ]
        indexes = [models.Index(fields=["question"])]

    def __str__(self) -> str:
        return f"{self.attempt_id}#{self.position}"

    @property
    def answered(self) -> bool:
        return bool(self.selected)


class Grant(models.Model):
    """Extra time or an extra attempt an organizer gives one person, with the reason."""

    class Kind(models.TextChoices):
        EXTRA_TIME = "time", _("Extra time")
        EXTRA_ATTEMPT = "attempt", _("Extra attempt")

    test = models.ForeignKey(Test, on_delete=models.CASCADE, related_name="grants")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exam_grants"
    )
    kind = models.CharField(_("kind"), max_length=7, choices=Kind.choices)
    minutes = models.PositiveSmallIntegerField(_("minutes"), null=True, blank=True)
    reason = models.TextField(_("reason"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(_("granted"), default=clock.now)
    # The attempt the grant went to; empty while it waits for the next attempt.
    attempt = models.ForeignKey(
        Attempt, on_delete=models.SET_NULL, null=True, blank=True, related_name="grants"
    )

    class Meta:
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        ordering = ["-granted_at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="time") & Q(minutes__gt=0))
                | (Q(kind="attempt") & Q(minutes__isnull=True)),
                name="grant_minutes_only_for_time",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="grant_has_reason"),
        ]
        indexes = [models.Index(fields=["test", "person"])]

    def __str__(self) -> str:
        return f"{self.kind} for {self.person_id}"


class Regrade(models.Model):
    """A change of a question's credits after attempts used it, and what it changed."""

    test = models.ForeignKey(Test, on_delete=models.CASCADE, related_name="regrades")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="regrades")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("time"), default=clock.now)
    reason = models.TextField(_("reason"))
    before = models.JSONField()  # {option id: fraction}
    after = models.JSONField()
    attempts_changed = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("regrade")
        verbose_name_plural = _("regrades")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.question_id} at {self.at:%Y-%m-%d %H:%M}"


class ScoreChange(models.Model):
    """One attempt's score before and after a regrade."""

    regrade = models.ForeignKey(Regrade, on_delete=models.CASCADE, related_name="changes")
    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="score_changes")
    before = models.DecimalField(max_digits=5, decimal_places=2)
    after = models.DecimalField(max_digits=5, decimal_places=2)

    def __str__(self) -> str:
        return f"{self.attempt_id}: {self.before} → {self.after}"
