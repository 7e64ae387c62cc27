"""Bulk enrolment: a participant list (CSV or XLSX) imported into a cohort.

``start_import`` checks the upload and queues the job; ``run_import`` (the job) reads the
file in chunks. Each chunk is one transaction: its people created or updated (audited),
enrolled, its bad rows recorded with their line and reason, and the job's progress, all
committed together. A job taken up again after a crash goes on after the last committed
chunk, and importing the same file again changes nothing.

An import never captures a person. It creates people and updates only participants
already in the importer's scope (an agency admin's: the participants of their agency;
an organizer's or platform admin's: every participant who has an agency). It never
changes an existing person's NIK (that goes through a correction, audited), never
touches a staff account (any role but participant), and never gives an agency to a
person who has none (such as an account made by ``createsuperuser``): such a row is
refused with its reason. An agency admin gets one neutral reason for every row naming
someone outside their scope, whatever the reason is there (another agency's person, a
NIK held by another account, an enrolment in another cohort), so that an import cannot
tell them whether a NIP or NIK exists elsewhere; organizers get the detailed reasons.

A job keeps its first MAX_PROBLEMS bad rows and counts the others (``counts["unlisted"]``):
the file's cells are already bounded by the reader, and a reason is cut to MAX_REASON.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from latih.accounts import identity, permissions
from latih.accounts import queries as accounts_queries
from latih.accounts import rules as identity_rules
from latih.accounts import services as accounts_services
from latih.accounts.models import Person
from latih.accounts.permissions import Action
from latih.agencies.models import Agency
from latih.common import clock
from latih.common import spreadsheets_limits as bounds
from latih.learning import queries as learning_queries
from latih.learning import services as learning_services
from latih.learning.models import Cohort

from . import jobs, rules, sheets
from .models import ImportProblem, Job

CHUNK = 1000
COLUMN_LABELS = sheets.HEADERS
# The bad rows a job keeps to show and to download; the others are only counted.
MAX_PROBLEMS = 1000
MAX_REASON = 1000


def can_import(actor: Person, cohort: Cohort) -> bool:
    """Organizers import into any cohort; an agency admin into a cohort open to their
    agency (their own people only)."""
    return permissions.can(actor, Action.IMPORT_INTO_COHORT, cohort)


def start_import(actor: Person, cohort: Cohort, upload: UploadedFile) -> tuple[Job, bool]:
    """Check the uploaded list and queue its import. Raises sheets.SheetError with a
    message for the user when the file cannot be read; the same file sent while its
    import runs returns that job (False)."""
    if not can_import(actor, cohort):
        raise PermissionDenied
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    with _local_upload(upload) as path:
        sheet = sheets.open_sheet(path, upload.name or "")
        if sheet.count() > sheets.LIMITS.max_rows:
            raise sheets.SheetError(
                _("The file has more than %(rows)s rows. Split it into several files.")
                % {"rows": f"{sheets.LIMITS.max_rows:,}".replace(",", ".")}
            )
    upload.seek(0)
    name = os.path.basename(upload.name or "peserta")[:200]
    with transaction.atomic():
        job, created = jobs.queue(
            cohort,
            Job.Kind.IMPORT,
            actor,
            sha256=digest.hexdigest(),
            file_name=name,
            scope_agency_id=permissions.agency_scope(actor),
        )
        if created:
            job.file.save(f"{job.pk}-{digest.hexdigest()[:16]}{_suffix(name)}", upload, save=False)
            Job.objects.filter(pk=job.pk).update(file=job.file.name)
    return job, created


def _suffix(name: str) -> str:
    suffix = os.path.splitext(name)[1].lower()
    return suffix if suffix in (".csv", ".xlsx", ".txt") else ""


@contextlib.contextmanager
def _local_upload(upload: UploadedFile) -> Iterator[str]:
    path = getattr(upload, "temporary_file_path", None)
    if path is not None:
        yield path()
        return
    with tempfile.NamedTemporaryFile(suffix=_suffix(upload.name or "")) as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
        handle.flush()
        upload.seek(0)
        yield handle.name


@contextlib.contextmanager
def _local_copy(stored: FieldFile) -> Iterator[str]:
    """A path to the stored file: itself on local storage, a temporary copy on S3."""
    try:
        yield stored.path
        return
    except NotImplementedError:
        pass
    with tempfile.NamedTemporaryFile(suffix=_suffix(stored.name)) as handle:
        with stored.storage.open(stored.name, "rb") as source:
            shutil.copyfileobj(source, handle, 1 << 20)
        handle.flush()
        yield handle.name


# --- The job ---------------------------------------------------------------------------------
def _problem_text(problem: rules.RowProblem) -> str:
    code, params = problem.code, dict(problem.params)
    if isinstance(code, identity_rules.Code):
        return identity.problem_message(identity_rules.Problem(code, params))
    if code == rules.RowCode.NUMBER_DAMAGED:
        return (
            _(
                "The %(column)s was stored as a number and lost digits. Format the %(column)s "
                "column as Text and type the number again."
            )
            % params
        )
    if code == rules.RowCode.NAME_EMPTY:
        return _("The name is empty.")
    if code == rules.RowCode.TOO_LONG:
        return _("%(column)s is longer than %(limit)d characters.") % {
            "column": COLUMN_LABELS.get(str(params["column"]), params["column"]),
            "limit": params["limit"],
        }
    if code == rules.RowCode.BAD_EMAIL:
        return _("The email address is not valid.")
    if code == rules.RowCode.BAD_PHONE:
        return _("The phone number must have 8 to 15 digits.")
    if code == rules.RowCode.DUPLICATE_NIP:
        return _("This NIP is already on line %(line)d of the file.") % params
    if code == rules.RowCode.DUPLICATE_NIK:
        return _("This NIK is already on line %(line)d of the file.") % params
    return str(code)


@dataclass
class _Run:
    """What a job keeps while it reads the file."""

    job: Job
    actor: Person | None
    cohort: Cohort
    agencies: dict[str, Agency]
    regencies: frozenset[str]
    seen_nip: dict[str, int] = field(default_factory=dict)
    seen_nik: dict[str, int] = field(default_factory=dict)
    units: dict[tuple[int, str], int] = field(default_factory=dict)
    agencies_seen: set[int] = field(default_factory=set)
    kept: int = 0  # bad rows stored so far

    @property
    def agency_scope(self) -> int | None:
        """The importing agency admin's agency; None for organizers."""
        return self.job.scope_agency_id


def _agency_map() -> dict[str, Agency]:
    found: dict[str, Agency] = {}
    for agency in Agency.objects.all():
        found[agency.code.casefold()] = agency
        found[" ".join(agency.name.split()).casefold()] = agency
    return found


def _normalized(row: sheets.SheetRow) -> dict[str, str]:
    values = {key: " ".join(value.split()) for key, value in row.values.items()}
    values["nip"] = identity_rules.normalize_number(row.values.get("nip", ""))
    values["nik"] = identity_rules.normalize_number(row.values.get("nik", ""))
    values["phone"] = rules.normalize_phone(values.get("phone", ""))
    return values


def _first_pass(run: _Run, row: sheets.SheetRow, values: dict[str, str]) -> list[str]:
    """Problems of the row alone and against earlier rows of the file."""
    problems = [
        _problem_text(problem)
        for problem in rules.check_row(values, row.damaged, clock.today(), run.regencies)
    ]
    for key, seen, code in (
        ("nip", run.seen_nip, rules.RowCode.DUPLICATE_NIP),
        ("nik", run.seen_nik, rules.RowCode.DUPLICATE_NIK),
    ):
        number = values[key]
        if not number or key in row.damaged:
            continue
        if number in seen:
            problems.append(_problem_text(rules.RowProblem(code, {"line": seen[number]})))
        else:
            seen[number] = row.line
    agency_text = values.get("agency", "")
    if agency_text:
        agency = run.agencies.get(agency_text.casefold())
        if agency is None:
            problems.append(_("Unknown agency “%(agency)s”.") % {"agency": agency_text})
        elif run.agency_scope and agency.pk != run.agency_scope:
            problems.append(
                _("Belongs to another agency: you can enrol your own agency's people only.")
            )
    return problems


def _process(run: _Run, chunk: Sequence[sheets.SheetRow]) -> dict[str, int]:
    """Import one chunk; returns its counts. Runs inside the chunk's transaction."""
    problems: dict[int, tuple[dict[str, str], list[str]]] = {}
    candidates: list[tuple[sheets.SheetRow, dict[str, str]]] = []
    for row in chunk:
        values = _normalized(row)
        found = _first_pass(run, row, values)
        if found:
            problems[row.line] = (row.values, found)
        else:
            candidates.append((row, values))
    existing = accounts_queries.people_by_nip(values["nip"] for _row, values in candidates)
    holders = accounts_queries.nik_holders(values["nik"] for _row, values in candidates)
    enrolled = learning_queries.cohorts_of(
        run.cohort.course, [person.pk for person in existing.values()]
    )
    good: list[accounts_services.PersonRow] = []
    for row, values in candidates:
        person = existing.get(values["nip"])
        agency_text = values.get("agency", "")
        agency = run.agencies.get(agency_text.casefold()) if agency_text else None
        agency_id = agency.pk if agency else run.agency_scope
        holder = holders.get(values["nik"])
        found = _person_problems(
            run,
            values,
            person,
            agency_id,
            nik_taken=holder is not None and holder != values["nip"],
            cohort_id=enrolled.get(person.pk) if person is not None else None,
        )
        if found:
            problems[row.line] = (row.values, found)
            continue
        target = agency_id if agency_id is not None else person.agency_id
        if target is not None:
            run.agencies_seen.add(target)
        good.append(
            accounts_services.PersonRow(
                nip=values["nip"],
                nik=values["nik"],
                name=values["name"],
                agency_id=agency_id,
                birth_place=values.get("birth_place", ""),
                email=values.get("email", ""),
                phone=values.get("phone", ""),
                position=values.get("position", ""),
                unit=values.get("unit", ""),
            )
        )
    counts = {"rows": len(chunk), "bad": len(problems)}
    if good:
        outcome = accounts_services.import_people(
            run.actor,
            good,
            existing,
            reason=f"import #{run.job.pk}",
            unit_cache=run.units,
        )
        counts["enrolled"] = learning_services.enroll_many(
            run.cohort.course, run.cohort, outcome.person_ids
        )
        counts.update(created=outcome.created, updated=outcome.updated, unchanged=outcome.unchanged)
    listed = sorted(problems.items())[: max(0, MAX_PROBLEMS - run.kept)]
    ImportProblem.objects.bulk_create(
        [
            ImportProblem(
                job=run.job,
                line=line,
                values=values,
                reason=bounds.cut(" ".join(reasons), MAX_REASON - 1),
            )
            for line, (values, reasons) in listed
        ],
        ignore_conflicts=True,
    )
    run.kept += len(listed)
    if len(problems) > len(listed):
        counts["unlisted"] = len(problems) - len(listed)
    return counts


def _outside_scope() -> str:
    """The one reason an agency admin gets for a row naming someone outside their scope,
    whatever the reason there is: it tells nothing of other agencies' people."""
    return _("This person cannot be imported by your agency; contact the organizer.")


def _person_problems(
    run: _Run,
    values: dict[str, str],
    person: Person | None,
    agency_id: int | None,
    *,
    nik_taken: bool,
    cohort_id: int | None,
) -> list[str]:
    """Why the row's person may not be created, updated or enrolled by this import (see
    the module docstring); empty when they may."""
    nik_changed = person is not None and person.nik != values["nik"]
    if run.agency_scope is not None:
        in_scope = (
            person is None
            or not permissions.is_staff_account(person)
            and person.agency_id == run.agency_scope
        )
        if not in_scope or nik_taken or (cohort_id is not None and cohort_id != run.cohort.pk):
            return [_outside_scope()]
        return [_nik_change()] if nik_changed else []
    if person is None:
        found = [_("This NIK already belongs to another account.")] if nik_taken else []
        if agency_id is None:
            found.append(_("The agency is empty: new people need their agency."))
        return found
    if permissions.is_staff_account(person):
        return [
            _(
                "This NIP belongs to a staff account, not a participant's: an import neither "
                "changes nor enrols it."
            )
        ]
    if person.agency_id is None:
        return [
            _(
                "This account has no agency, and an import does not give it one. Ask a "
                "platform admin to set its agency, then import the row again."
            )
        ]
    found = []
    if nik_taken:
        found.append(_("This NIK already belongs to another account."))
    elif nik_changed:
        found.append(_nik_change())
    if agency_id is not None and person.agency_id != agency_id:
        found.append(_("Belongs to another agency: ask its admin or the organizer."))
    if cohort_id is not None and cohort_id != run.cohort.pk:
        found.append(_("Already enrolled in another cohort of this course."))
    return found


def _nik_change() -> str:
    return _(
        "The NIK in the file differs from the one recorded for this NIP. An import never "
        "changes a NIK: ask for a data correction instead."
    )


def run_import(job: Job) -> None:
    """The import job: read the file in chunks, skipping the chunks already committed."""
    actor = job.created_by
    if actor is None or not job.file:
        raise jobs.JobError(_("The file or the person who sent it is gone."))
    run = _Run(
        job=job,
        actor=actor,
        cohort=job.cohort,
        agencies=_agency_map(),
        regencies=identity_rules.load_regency_codes(),
        kept=ImportProblem.objects.filter(job=job).count(),
    )
    with _local_copy(job.file) as path:
        try:
            sheet = sheets.open_sheet(path, job.file_name)
            total = sheet.count()
            rows = sheet.rows()
            skip = job.done
            chunk: list[sheets.SheetRow] = []
            if not job.total:
                with transaction.atomic():
                    jobs.advance(job, total=total)
            for row in rows:
                if skip:
                    # Done before a restart: only remember its numbers for duplicates.
                    skip -= 1
                    values = _normalized(row)
                    run.seen_nip.setdefault(values["nip"], row.line)
                    run.seen_nik.setdefault(values["nik"], row.line)
                    continue
                chunk.append(row)
                if len(chunk) == CHUNK:
                    _commit(run, chunk)
                    chunk = []
            if chunk:
                _commit(run, chunk)
        except sheets.SheetError as error:
            raise jobs.JobError(error.message) from error
    if run.agencies_seen:
        run.cohort.agencies.add(*run.agencies_seen)


def _commit(run: _Run, chunk: Sequence[sheets.SheetRow]) -> None:
    """One chunk in one transaction; once more if another import created the same people
    at the same moment (the second reading finds them)."""
    for attempt in range(2):
        seen = (dict(run.seen_nip), dict(run.seen_nik))
        kept = run.kept
        try:
            with transaction.atomic():
                counts = _process(run, chunk)
                jobs.advance(run.job, done=len(chunk), counts=counts)
            return
        except IntegrityError:
            run.seen_nip, run.seen_nik = seen
            run.kept = kept
            run.units.clear()  # units made in the rolled-back transaction are gone
            if attempt:
                raise
