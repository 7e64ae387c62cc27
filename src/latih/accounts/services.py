"""Every change of state to people: sign-in bookkeeping, passwords, data changes with
their audit trail, correction requests and lifting a login lock.

Each function runs in a transaction, checks the actor's right to act, and is safe to
call twice where a user can double-click.
"""

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from latih.agencies.models import Unit
from latih.common import clock

from . import identity, permissions, rules
from .models import CorrectionRequest, Person, PersonalDataAccess, PersonChange
from .permissions import Action

# Fields a participant may ask to correct, and an agency admin may change.
CORRECTABLE_FIELDS = ("name", "nik", "birth_place", "email", "phone", "position", "unit")
EDITABLE_FIELDS = CORRECTABLE_FIELDS


def can_manage(actor: Person, person: Person) -> bool:
    """Whether ``actor`` may see and change ``person``'s data (scope and rank)."""
    return permissions.can(actor, Action.EDIT_PERSON, person)


def record_sign_in(person: Person) -> None:
    """Note the first sign-in once; later sign-ins never move it."""
    Person.objects.filter(pk=person.pk, first_signed_in_at__isnull=True).update(
        first_signed_in_at=clock.now()
    )


@transaction.atomic
def set_password(person: Person, password: str) -> None:
    """Set a new password (validated by the caller's form), note when, and log the event
    (never the password or its hash)."""
    first = person.must_set_password
    person.set_password(password)
    person.password_changed_at = clock.now()
    person.save(update_fields=["password", "password_changed_at"])
    _change(
        person, person, "password", "set at first sign-in" if first else "changed by its owner"
    ).save()


@transaction.atomic
def reset_to_first_sign_in(actor: Person, person: Person) -> None:
    """Forgotten password: the person signs in again with NIP and NIK and chooses a new one.

    Whoever resets an account can then sign in as it with the NIK: a staff account's reset
    needs the platform admin, and nobody resets a rank equal to or above their own."""
    person = Person.objects.select_for_update(of=("self",)).get(pk=person.pk)
    permissions.require(actor, Action.RESET_PERSON, person)
    person.set_unusable_password()
    person.save(update_fields=["password"])
    _change(person, actor, "password", "reset to first sign-in by admin").save()
    axes_reset(username=person.nip)


@transaction.atomic
def enrol_person(actor: Person, values: Mapping[str, object]) -> Person:
    """An agency admin adds one person to their own agency; they first sign in with the NIK.

    ``values`` holds nip, nik, name and optionally birth_place, unit, position, email and
    phone. Raises ValidationError (by field) when the numbers are wrong or already taken.
    """
    if not permissions.can(actor, Action.ENROL_PEOPLE) or actor.agency_id is None:
        raise PermissionDenied
    nip = rules.normalize_number(str(values.get("nip") or ""))
    nik = rules.normalize_number(str(values.get("nik") or ""))
    errors: dict[str, list[str]] = {}
    try:
        identity.validate_nip(nip)
    except ValidationError as error:
        errors["nip"] = error.messages
    if "nip" not in errors and (problems := _nik_problems(nip, nik, check_taken=False)):
        errors["nik"] = problems
    # Whether the NIP or the NIK is already someone's, in any agency, is one answer: the
    # form must not tell an agency admin who exists elsewhere.
    if not errors and Person.objects.filter(Q(nip=nip) | Q(nik=nik)).exists():
        errors[NON_FIELD_ERRORS] = [_taken(actor)]
    unit = values.get("unit")
    if unit is not None and unit.agency_id != actor.agency_id:
        errors["unit"] = [_("The unit must belong to the person's agency.")]
    if errors:
        raise ValidationError(errors)
    fields = {
        name: str(values.get(name) or "").strip()
        for name in ("name", "birth_place", "position", "email", "phone")
    }
    try:
        with transaction.atomic():  # a double click: the second one finds the first
            person = Person.objects.create_user(
                nip, None, nik=nik, agency_id=actor.agency_id, unit=unit, **fields
            )
    except IntegrityError:
        raise ValidationError({NON_FIELD_ERRORS: [_taken(actor)]}) from None
    _change(person, actor, "account", "enrolled by admin", new=nip).save()
    return person


def _taken(actor: Person | None) -> str:
    """What an actor is told when a number is already someone else's: the detail for
    those who act nationally, one neutral answer for an agency admin (whose scope ends at
    their agency: the answer must not tell them who exists elsewhere)."""
    if actor is None or permissions.agency_scope(actor) is None:
        return _("This NIP or NIK already belongs to another account.")
    return _(
        "These numbers cannot be recorded by your agency. If they are right, contact the organizer."
    )


def _nik_problems(
    nip: str,
    nik: str,
    person_id: int | None = None,
    *,
    check_taken: bool = True,
    actor: Person | None = None,
) -> list[str]:
    """Why ``nik`` cannot be the NIK of the holder of ``nip`` (person ``person_id``);
    ``check_taken`` False leaves out whether another account holds it."""
    try:
        identity.validate_nip_nik(nip, nik)
    except ValidationError as error:
        return error.messages
    if check_taken and Person.objects.filter(nik=nik).exclude(pk=person_id).exists():
        return [_taken(actor)]
    return []


def _change(
    person: Person,
    actor: Person | None,
    field: str,
    reason: str,
    *,
    old: str = "",
    new: str = "",
    at: dt.datetime | None = None,
) -> PersonChange:
    """The audit row of one change (unsaved): whose ``field``, changed by whom (None: the
    system), from what to what, and why. Never a password or its hash."""
    return PersonChange(
        person=person,
        actor=actor,
        field=field,
        old_value=old,
        new_value=new,
        reason=reason,
        at=at if at is not None else clock.now(),
    )


def _apply(
    person: Person, actor: Person | None, values: Mapping[str, object], reason: str
) -> list[PersonChange]:
    """Set ``values`` on ``person`` (unsaved) and return the audit rows of the fields whose
    shown value changed."""
    audit = []
    for field, value in values.items():
        old = _display(person, field)
        setattr(person, field, value)
        new = _display(person, field)
        if old != new:
            audit.append(_change(person, actor, field, reason, old=old, new=new))
    return audit


def _display(person: Person, field: str) -> str:
    value = getattr(person, field)
    return "" if value is None else str(value)


def _clean_changes(
    person: Person,
    changes: Mapping[str, object],
    *,
    check_taken: bool = True,
    actor: Person | None = None,
) -> dict[str, object]:
    """Validate requested values against the person; raise ValidationError with all problems.

    ``check_taken`` False: a NIK held by another account is not reported (a participant's
    correction request must not tell them whether someone else's NIK exists; the admin who
    reviews the request is told when they accept it)."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed here: %(fields)s")
            % {"fields": ", ".join(sorted(unknown))}
        )
    cleaned: dict[str, object] = {}
    errors: dict[str, list[str]] = {}
    for field, value in changes.items():
        if field == "unit":
            unit = value
            if unit is not None and unit.agency_id != person.agency_id:
                errors[field] = [_("The unit must belong to the person's agency.")]
            cleaned[field] = unit
            continue
        text = str(value or "").strip()
        if field == "name" and not text:
            errors[field] = [_("The name cannot be empty.")]
        if field == "nik":
            text = rules.normalize_number(text)
            problems = _nik_problems(
                person.nip, text, person.pk, check_taken=check_taken, actor=actor
            )
            if problems:
                errors[field] = problems
        cleaned[field] = text
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def update_person(
    actor: Person | None, person: Person, changes: Mapping[str, object], reason: str
) -> list[PersonChange]:
    """Change a person's data, keeping one audit row per changed field.

    ``actor`` None means the system itself (an import, a migration script).
    """
    person = Person.objects.select_for_update(of=("self",)).get(pk=person.pk)
    if actor is not None and not can_manage(actor, person):
        raise PermissionDenied
    audit = _apply(person, actor, _clean_changes(person, changes, actor=actor), reason)
    if audit:
        person.save(update_fields=[change.field for change in audit])
        PersonChange.objects.bulk_create(audit)
    return audit


@transaction.atomic
def set_admin_fields(actor: Person, person: Person, values: Mapping[str, object]) -> None:
    """Change role, agency or active status (platform admin only), audited like the rest."""
    permissions.require(actor, Action.ADMIN_SITE)
    person = Person.objects.select_for_update(of=("self",)).get(pk=person.pk)
    audit = _apply(person, actor, values, "django admin")
    person.full_clean(exclude=["password"])
    person.save(update_fields=list(values))
    PersonChange.objects.bulk_create(audit)


def log_data_access(viewer: Person, person: Person | None, purpose: str, subject: str = "") -> None:
    """Record that ``viewer`` saw ``person``'s full personal data (``person`` None and a
    ``subject`` for data that is not one account's, such as an import's error rows)."""
    PersonalDataAccess.objects.create(
        viewer=viewer, person=person, purpose=purpose, subject=subject[:100]
    )


def log_data_accesses(viewer: Person, people: Sequence[Person], purpose: str) -> None:
    """Record that ``viewer`` saw the full personal data of each of ``people`` (one insert)."""
    now = clock.now()
    PersonalDataAccess.objects.bulk_create(
        PersonalDataAccess(viewer=viewer, person=person, purpose=purpose, at=now)
        for person in {person.pk: person for person in people}.values()
    )


def request_correction(
    person: Person, changes: Mapping[str, object], note: str
) -> CorrectionRequest:
    """File a correction request; refused while another is still waiting for review."""
    requested = {field: value for field, value in changes.items() if value not in (None, "")}
    if not requested and not note.strip():
        raise ValidationError(
            _("Tell us what is wrong: fill in at least one field or an explanation.")
        )
    cleaned = _clean_changes(person, requested, check_taken=False)
    stored = {
        field: (value.pk if field == "unit" and value is not None else value)
        for field, value in cleaned.items()
        if _display(person, field) != ("" if value is None else str(value))
    }
    if not stored and not note.strip():
        raise ValidationError(_("The values you entered are the ones already recorded."))
    try:
        with transaction.atomic():
            return CorrectionRequest.objects.create(person=person, changes=stored, note=note)
    except IntegrityError:
        raise ValidationError(
            _("You already have a correction request waiting for review.")
        ) from None


def _pending_for_review(actor: Person, request_id: int) -> CorrectionRequest:
    correction = (
        CorrectionRequest.objects.select_for_update(of=("self",))
        .select_related("person")
        .get(pk=request_id)
    )
    permissions.require(actor, Action.REVIEW_CORRECTION, correction)
    if correction.status != CorrectionRequest.Status.PENDING:
        raise ValidationError(_("This request has already been reviewed."))
    return correction


@transaction.atomic
def accept_correction(actor: Person, request_id: int) -> CorrectionRequest:
    """Apply the requested values to the person (audited) and close the request."""
    correction = _pending_for_review(actor, request_id)
    changes = dict(correction.changes)
    if "unit" in changes and changes["unit"] is not None:
        changes["unit"] = correction.person.agency.units.filter(pk=changes["unit"]).first()
    update_person(actor, correction.person, changes, reason=f"correction #{correction.pk}")
    correction.status = CorrectionRequest.Status.ACCEPTED
    correction.reviewed_by = actor
    correction.reviewed_at = clock.now()
    correction.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    return correction


@transaction.atomic
def reject_correction(actor: Person, request_id: int, reason: str) -> CorrectionRequest:
    """Close the request unchanged, telling the participant why."""
    if not reason.strip():
        raise ValidationError(_("Give the participant a reason for the rejection."))
    correction = _pending_for_review(actor, request_id)
    correction.status = CorrectionRequest.Status.REJECTED
    correction.rejection_reason = reason.strip()
    correction.reviewed_by = actor
    correction.reviewed_at = clock.now()
    correction.save(update_fields=["status", "rejection_reason", "reviewed_by", "reviewed_at"])
    return correction


def unlock_sign_in(actor: Person, person: Person) -> int:
    """Lift a login lock on the person's account before it expires; returns records removed."""
    permissions.require(actor, Action.UNLOCK_PERSON, person)
    _change(person, actor, "login_lock", "unlocked by admin", old="locked", new="unlocked").save()
    return axes_reset(username=person.nip)


def is_sign_in_locked(person: Person) -> bool:
    """Whether the person's account is locked by repeated failed sign-ins."""
    since = clock.now() - settings.AXES_COOLOFF_TIME
    failures = AccessAttempt.objects.filter(username=person.nip, attempt_time__gte=since)
    total = sum(failures.values_list("failures_since_start", flat=True))
    return total >= settings.AXES_FAILURE_LIMIT


# --- Bulk import ----------------------------------------------------------------------------
IMPORTED_FIELDS = ("nik", "name", "birth_place", "email", "phone", "position")


@dataclass
class PersonRow:
    """One checked row of a bulk import: the person's data and the agency it goes to."""

    nip: str
    nik: str
    name: str
    agency_id: int | None
    birth_place: str = ""
    email: str = ""
    phone: str = ""
    position: str = ""
    unit: str = ""


@dataclass
class ImportedPeople:
    person_ids: list[int]  # in the order of the rows
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _unit_ids(rows: Sequence[PersonRow], cache: dict[tuple[int, str], int]) -> None:
    """Fill ``cache`` with (agency, unit name folded) → unit id for the rows' units,
    creating the units that do not exist yet."""
    wanted = {
        (row.agency_id, row.unit)
        for row in rows
        if row.unit
        and row.agency_id is not None
        and (row.agency_id, row.unit.casefold()) not in cache
    }
    if not wanted:
        return
    agencies = {agency_id for agency_id, _name in wanted}
    for unit_id, agency_id, name in Unit.objects.filter(agency_id__in=agencies).values_list(
        "pk", "agency_id", "name"
    ):
        cache.setdefault((agency_id, name.casefold()), unit_id)
    missing = {
        (agency_id, name.casefold()): Unit(agency_id=agency_id, name=name)
        for agency_id, name in wanted
        if (agency_id, name.casefold()) not in cache
    }
    if missing:
        Unit.objects.bulk_create(missing.values(), ignore_conflicts=True)
        for unit_id, agency_id, name in Unit.objects.filter(agency_id__in=agencies).values_list(
            "pk", "agency_id", "name"
        ):
            cache.setdefault((agency_id, name.casefold()), unit_id)


def _refuse_capture(actor: Person, row: PersonRow, person: Person | None) -> None:
    """PermissionDenied unless the import may write this row: an import creates people
    (an agency admin's in their own agency only) and updates only participants in the
    actor's scope who have an agency, and never with another NIK."""
    scope = permissions.agency_scope(actor)
    if person is None:
        if row.agency_id is None or (scope is not None and row.agency_id != scope):
            raise PermissionDenied
        return
    if (
        permissions.is_staff_account(person)
        or person.agency_id is None
        or (scope is not None and person.agency_id != scope)
        or (row.agency_id is not None and row.agency_id != person.agency_id)
        or row.nik != person.nik
    ):
        raise PermissionDenied


def import_people(
    actor: Person,
    rows: Sequence[PersonRow],
    existing: Mapping[str, Person],
    reason: str,
    unit_cache: dict[tuple[int, str], int] | None = None,
) -> ImportedPeople:
    """Create the rows' people who have no account and update those who have one
    (``existing``, by NIP, read by the caller in this transaction), with one audit row per
    changed field. Empty cells never erase stored data. The caller has checked the rows
    and the actor's right to import them; this runs inside its transaction.

    An import never captures a person: an existing person is updated only if they are a
    participant with an agency, in the actor's scope (an agency admin's agency), and
    their NIK, agency and role are never changed (a NIK changes through a correction).
    A row breaking this raises PermissionDenied and nothing of the chunk is written: the
    caller is expected to have refused such rows with a reason.
    """
    permissions.require(actor, Action.IMPORT_PEOPLE)
    for row in rows:
        _refuse_capture(actor, row, existing.get(row.nip))
    cache = unit_cache if unit_cache is not None else {}
    _unit_ids(rows, cache)
    now = clock.now()
    new: list[Person] = []
    changed: dict[str, Person] = {}
    fields: set[str] = set()
    audit: list[PersonChange] = []
    outcome = ImportedPeople(person_ids=[])
    for row in rows:
        person = existing.get(row.nip)
        agency_id = (
            row.agency_id if row.agency_id is not None else getattr(person, "agency_id", None)
        )
        unit_id = cache.get((agency_id, row.unit.casefold())) if row.unit and agency_id else None
        if person is None:
            person = Person(
                nip=row.nip,
                nik=row.nik,
                name=row.name,
                birth_place=row.birth_place,
                email=row.email,
                phone=row.phone,
                position=row.position,
                agency_id=agency_id,
                unit_id=unit_id,
                date_joined=now,
                # Unusable: the first sign-in is with the NIK (SPEC, Accounts).
                password=make_password(None),
            )
            person.fill_from_nip()
            new.append(person)
            continue
        wanted = {
            name: getattr(row, name)
            for name in IMPORTED_FIELDS
            if name != "nik" and getattr(row, name)
        }
        if unit_id is not None:
            wanted["unit_id"] = unit_id
        for name, value in wanted.items():
            old = getattr(person, name)
            if old == value:
                continue
            field = name.removesuffix("_id")
            audit.append(
                _change(
                    person,
                    actor,
                    field,
                    reason,
                    old="" if old is None else str(old),
                    new=str(value),
                    at=now,
                )
            )
            setattr(person, name, value)
            fields.add(name)
            changed[person.nip] = person
    if new:
        Person.objects.bulk_create(new, batch_size=500)
        # Not every database returns the new keys from a bulk insert: read them back.
        ids = dict(Person.objects.filter(nip__in=[p.nip for p in new]).values_list("nip", "pk"))
        for person in new:
            person.pk = ids[person.nip]
            audit.append(_change(person, actor, "account", reason, new=person.nip, at=now))
    if changed:
        Person.objects.bulk_update(changed.values(), sorted(fields), batch_size=500)
    PersonChange.objects.bulk_create(audit, batch_size=1000)
    by_nip = {person.nip: person.pk for person in new}
    by_nip.update({nip: person.pk for nip, person in existing.items()})
    outcome.person_ids = [by_nip[row.nip] for row in rows]
    outcome.created = len(new)
    outcome.updated = len(changed)
    outcome.unchanged = len(rows) - len(new) - len(changed)
    return outcome
