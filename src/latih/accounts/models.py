"""People (the accounts of every role), their audit trail and correction requests."""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from latih.agencies.models import Agency, Unit
from latih.common import clock

from . import rules


class Role(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    FACILITATOR = "facilitator", _("Facilitator")
    AGENCY_ADMIN = "agency_admin", _("Agency admin")
    ORGANIZER = "organizer", _("Organizer")
    PLATFORM_ADMIN = "platform_admin", _("Platform admin")


class Gender(models.TextChoices):
    MAN = "M", _("Man")
    WOMAN = "F", _("Woman")


class PersonManager(BaseUserManager["Person"]):
    use_in_migrations = True

    def get_queryset(self) -> models.QuerySet["Person"]:
        # Every page shows the signed-in person's agency and unit: load them with the person.
        return super().get_queryset().select_related("agency", "unit")

    def create_user(self, nip: str, password: str | None = None, **fields: object) -> "Person":
        person = self.model(nip=nip, **fields)
        if not person.fill_from_nip():
            raise ValueError(f"not a valid NIP: {nip!r}")
        # No password means "first login with the NIK": nothing is hashed now.
        if password:
            person.set_password(password)
        else:
            person.set_unusable_password()
        person.save(using=self._db)
        return person

    def create_superuser(self, nip: str, password: str | None = None, **fields: object) -> "Person":
        fields["role"] = Role.PLATFORM_ADMIN
        return self.create_user(nip, password, **fields)


class Person(AbstractBaseUser):
    """A civil servant (or staff member) who signs in with their NIP."""

    nip = models.CharField(_("NIP"), max_length=18, unique=True)
    nik = models.CharField(_("NIK"), max_length=16, unique=True)
    name = models.CharField(_("name"), max_length=200)
    birth_place = models.CharField(_("birth place"), max_length=100, blank=True)
    birth_date = models.DateField(_("birth date"))
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="people",
        null=True,
        blank=True,
        verbose_name=_("agency"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        related_name="people",
        null=True,
        blank=True,
        verbose_name=_("unit"),
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.PARTICIPANT, db_index=True
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=clock.now)
    # The evaluation day is counted from here (SPEC, Evaluations): set once, never moved.
    first_signed_in_at = models.DateTimeField(_("first signed in"), null=True, blank=True)
    password_changed_at = models.DateTimeField(_("password changed"), null=True, blank=True)

    objects = PersonManager()

    USERNAME_FIELD = "nip"
    REQUIRED_FIELDS = ["name", "nik"]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(nip__regex=r"^[0-9]{18}$"), name="nip_is_18_digits"),
            models.CheckConstraint(condition=Q(nik__regex=r"^[0-9]{16}$"), name="nik_is_16_digits"),
            models.CheckConstraint(
                condition=~Q(role="agency_admin") | Q(agency__isnull=False),
                name="agency_admin_has_agency",
            ),
        ]
        indexes = [models.Index(fields=["agency", "name"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.nip})"

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.nip

    def fill_from_nip(self) -> bool:
        """Birth date and gender are written in the NIP; keep the stored copies equal to it.

        Returns False, changing nothing, when the NIP cannot be read."""
        parsed, _problems = rules.parse_nip(self.nip, clock.today())
        if parsed is None:
            return False
        self.birth_date = parsed.birth_date
        self.gender = parsed.gender.value
        return True

    @property
    def must_set_password(self) -> bool:
        """True until the person has chosen a password (after signing in with the NIK)."""
        return not self.password or not self.has_usable_password()

    @property
    def nik_masked(self) -> str:
        """The NIK as shown to its holder: only the last four digits."""
        return "•" * 12 + self.nik[-4:]

    # Django admin and permissions: the platform admin may do everything there, nobody else
    # may enter it. Roles, not per-model permissions, govern the rest of the app.
    @property
    def is_staff(self) -> bool:
        from .permissions import Action, can  # permissions reads this module's models

        return can(self, Action.ADMIN_SITE)

    @property
    def is_superuser(self) -> bool:
        return self.is_staff

    def has_perm(self, perm: str, obj: object = None) -> bool:
        return self.is_staff

    def has_perms(self, perm_list: list[str], obj: object = None) -> bool:
        return self.is_staff

    def has_module_perms(self, app_label: str) -> bool:
        return self.is_staff


# PersonChange rows for events that are not a field of Person.
_EVENT_LABELS = {
    "login_lock": _("sign-in lock"),
    "password": _("password"),
    "account": _("account"),
}


class PersonChange(models.Model):
    """Audit log: one row per field changed on a person, with who, when, old and new."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="changes")
    actor = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    field = models.CharField(_("field"), max_length=50)
    old_value = models.TextField(_("old value"), blank=True)
    new_value = models.TextField(_("new value"), blank=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    at = models.DateTimeField(_("time"), default=clock.now, db_index=True)

    class Meta:
        verbose_name = _("change to a person")
        verbose_name_plural = _("changes to people")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.field}: {self.old_value} → {self.new_value}"

    @property
    def field_label(self) -> str:
        """The changed field in the reader's language."""
        if self.field in _EVENT_LABELS:
            return str(_EVENT_LABELS[self.field])
        try:
            return str(Person._meta.get_field(self.field).verbose_name)
        except FieldDoesNotExist:
            return self.field


class PersonalDataAccess(models.Model):
    """Access log: who saw a person's full personal data (NIK, birth date, contact), when."""

    viewer = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="+")
    # None when what was seen is not one account's data: an import's error file holds the
    # rows of a file, some of them of people who have no account.
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="data_accesses"
    )
    purpose = models.CharField(_("purpose"), max_length=50)
    subject = models.CharField(_("what was seen"), max_length=100, blank=True)
    at = models.DateTimeField(_("time"), default=clock.now, db_index=True)

    class Meta:
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data accesses")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.purpose} {self.at:%Y-%m-%d %H:%M}"


class CorrectionRequest(models.Model):
    """A participant's request to fix their profile data, decided by their agency admin."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="correction_requests")
    changes = models.JSONField(_("requested changes"))
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("created"), default=clock.now)
    reviewed_by = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)

    class Meta:
        verbose_name = _("correction request")
        verbose_name_plural = _("correction requests")
        ordering = ["-created_at", "-id"]
        constraints = [
            # One open request at a time: a double click cannot file two.
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status="pending"),
                name="one_pending_correction_per_person",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                name="rejection_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_status_display()}"
