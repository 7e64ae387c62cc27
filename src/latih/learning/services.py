"""Every change of state on the learning path: enrolment and consent, opening and
completing materials (with the server's check of real viewing), trophies, journals and
their review, and the organizer's authoring of courses.

Each function runs in a transaction, checks the actor's right to act, and is safe to call
twice: a double click, two tabs or a retried request change nothing the second time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import nh3
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from latih.accounts import permissions
from latih.accounts.models import Person
from latih.accounts.permissions import Action
from latih.common import clock, events
from latih.common.errors import AppError, Conflict

from . import queries, rules, uploads
from .events import JournalReviewed
from .models import (
    Cohort,
    Course,
    Enrollment,
    HoursEntry,
    Journal,
    JournalEvent,
    Material,
    MaterialProgress,
    Section,
    TrophyAward,
)

# Text materials and journals keep simple formatting; everything else is stripped.
ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "h2", "h3", "h4",
    "blockquote", "a", "table", "thead", "tbody", "tr", "th", "td", "figure", "figcaption",
}  # fmt: skip


def sanitize(html: str) -> str:
    """HTML safe to show in the page: allowed tags only, links made safe."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}, "th": {"scope"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


class Locked(AppError):  # noqa: N818 - an expected outcome, named as the users say it
    """The material or section is not open yet; ``lock`` says why."""

    code = "locked"
    status = 403
    default_message = gettext_lazy("This material is not open to you yet.")

    def __init__(self, lock: rules.Lock) -> None:
        super().__init__()
        self.lock = lock


def _require_author(actor: Person) -> None:
    permissions.require(actor, Action.AUTHOR)


# --- Enrolment, consent, welcome -------------------------------------------------------------
def enroll(person: Person, course: Course, cohort: Cohort | None = None) -> Enrollment:
    """Put ``person`` in ``course`` (and ``cohort``); an existing enrolment is kept."""
    try:
        with transaction.atomic():
            enrollment, created = Enrollment.objects.get_or_create(
                person=person, course=course, defaults={"cohort": cohort}
            )
    except IntegrityError:  # enrolled at the same moment by another request
        enrollment, created = Enrollment.objects.get(person=person, course=course), False
    if not created and cohort is not None and enrollment.cohort_id != cohort.pk:
        enrollment.cohort = cohort
        enrollment.save(update_fields=["cohort"])
    return enrollment


def consent(person: Person, course: Course) -> Enrollment:
    """Record "Saya memahami dan bersedia mematuhi ketentuan ini" once, with its time."""
    # A second click finds the consent already there and keeps its first time.
    Enrollment.objects.filter(person=person, course=course, consented_at__isnull=True).update(
        consented_at=clock.now()
    )
    enrollment = Enrollment.objects.filter(person=person, course=course).first()
    if enrollment is None:
        raise PermissionDenied
    return enrollment


def mark_welcome_seen(enrollment: Enrollment) -> None:
    """The welcome video plays once: after it has been shown, it is not shown again."""
    Enrollment.objects.filter(pk=enrollment.pk, welcome_seen_at__isnull=True).update(
        welcome_seen_at=clock.now()
    )


# --- Studying ----------------------------------------------------------------------------------
def _check_open(
    person: Person, material: Material, progress: queries.CourseProgress | None = None
) -> queries.CourseProgress:
    if progress is None:
        progress = queries.course_progress(person, material.section.course)
    view = progress.by_material.get(material.pk)
    if view is None:
        raise PermissionDenied
    if view.lock is not None:
        raise Locked(view.lock)
    return progress


def open_material(
    person: Person, material: Material, progress: queries.CourseProgress | None = None
) -> MaterialProgress:
    """The participant opens a material: noted once; for a video or an audio, the viewing
    clock moves to now.

    ``progress`` is the participant's course progress when the caller has it already."""
    progress = _check_open(person, material, progress)
    now = clock.now()
    if material.is_watched:
        row = _reopen_viewing(person, material, progress.course, now)
    else:
        row = MaterialProgress.objects.filter(person=person, material=material).first()
    if row is not None:
        return row
    try:
        with transaction.atomic():
            return MaterialProgress.objects.create(
                person=person, material=material, opened_at=now, tokens_at=now
            )
    except IntegrityError:  # two tabs opened it at once
        return MaterialProgress.objects.get(person=person, material=material)


def _viewing_state(row: MaterialProgress) -> rules.ViewingState:
    return rules.ViewingState(
        intervals=tuple(tuple(pair) for pair in row.watched),
        tokens=row.tokens,
        tokens_at=row.tokens_at.timestamp() if row.tokens_at else None,
    )


@transaction.atomic
def _reopen_viewing(
    person: Person, material: Material, course: Course, now: dt.datetime
) -> MaterialProgress | None:
    """A video or audio opened again: its viewing clock moves to ``now`` without giving
    credit or forgiving debt (``rules.open_viewing``), so neither time away from the page
    nor reopening it can be claimed as watching. The row is locked: a report merged at
    the same moment is not undone. None when never opened before."""
    row = (
        MaterialProgress.objects.select_for_update()
        .filter(person=person, material=material)
        .first()
    )
    if row is not None:
        state = rules.open_viewing(_viewing_state(row), now.timestamp(), viewing_policy(course))
        row.tokens, row.tokens_at = state.tokens, now
        row.save(update_fields=["tokens", "tokens_at"])
    return row


def viewing_policy(course: Course) -> rules.ViewingPolicy:
    return rules.ViewingPolicy(
        max_rate=float(course.max_playback_rate), coverage=course.video_coverage / 100
    )


def watched_enough(row: MaterialProgress, material: Material, course: Course) -> bool:
    """Whether the server has seen enough of this video (or audio) played to count it as
    watched (listened to) to the end."""
    intervals = [(start, end) for start, end in row.watched]
    return rules.watched_to_end(intervals, material.duration, viewing_policy(course).coverage)


@dataclass(frozen=True)
class ViewingReport:
    accepted: bool
    watched_seconds: float
    duration: float
    can_complete: bool
    completed: bool
    reason: str = ""


@transaction.atomic
def record_viewing(person: Person, material: Material, raw: object) -> ViewingReport:
    """Merge the intervals the player reports into what the server has seen watched."""
    if material.kind not in (Material.Kind.VIDEO, Material.Kind.AUDIO):
        raise PermissionDenied
    row = (
        MaterialProgress.objects.select_for_update()
        .filter(person=person, material=material)
        .first()
    )
    if row is None:  # a report for a video never opened in the page
        raise PermissionDenied
    policy = viewing_policy(material.section.course)  # loaded with the material
    now = clock.now()
    state = _viewing_state(row)
    outcome = rules.apply_report(state, raw, now.timestamp(), material.duration, policy)
    row.reports += 1
    if outcome.accepted:
        row.watched = [list(pair) for pair in outcome.state.intervals]
        row.watched_seconds = round(rules.covered(outcome.state.intervals), 2)
    else:
        row.ignored_reports += 1
    if outcome.reason != "malformed":  # an unreadable report leaves the clock alone
        row.tokens = outcome.state.tokens
        row.tokens_at = now
    row.save(
        update_fields=[
            "watched",
            "watched_seconds",
            "tokens",
            "tokens_at",
            "reports",
            "ignored_reports",
        ]
    )
    return ViewingReport(
        accepted=outcome.accepted,
        watched_seconds=row.watched_seconds,
        duration=material.duration,
        can_complete=rules.watched_to_end(
            outcome.state.intervals, material.duration, policy.coverage
        ),
        completed=row.completed_at is not None,
        reason=outcome.reason,
    )


@dataclass(frozen=True)
class Completion:
    material: Material
    newly_completed: bool
    trophies_awarded: int
    progress: queries.CourseProgress  # the participant's progress after this completion


class NotWatched(Conflict):  # noqa: N818 - an expected outcome
    """The server has not seen the video (or audio) played to the end."""

    code = "not_watched"
    default_message = gettext_lazy("The video has not been watched to the end yet.")


def complete_material(
    person: Person, material: Material, progress: queries.CourseProgress | None = None
) -> Completion:
    """ "Selesai" / "Selesai Menonton": the material is done and earns its trophies, once.

    A video or an audio counts only when the server has seen enough of it played; another
    material only once it has been opened. A second press, a second tab or a replayed request
    finds the material done and earns nothing more (the database refuses a second award).
    ``progress`` is the participant's course progress when the caller has it already.
    """
    progress = _check_open(person, material, progress)
    with transaction.atomic():
        row = (
            MaterialProgress.objects.select_for_update()
            .filter(person=person, material=material)
            .first()
        )
        if row is None:
            raise NotWatched
        if (
            material.is_watched
            and row.completed_at is None
            and not watched_enough(row, material, progress.course)
        ):
            raise NotWatched
        newly = row.completed_at is None
        if newly:
            row.completed_at = clock.now()
            row.save(update_fields=["completed_at"])
        awarded = 0
        try:
            with transaction.atomic():
                TrophyAward.objects.create(
                    person=person,
                    material=material,
                    course=progress.course,
                    trophies=material.trophies,
                )
                awarded = material.trophies
        except IntegrityError:
            pass  # already earned
    if newly or awarded:
        progress = _note_course_completion(person, progress.course)
    return Completion(material, newly, awarded, progress)


def _note_course_completion(person: Person, course: Course) -> queries.CourseProgress:
    """Note when the participant's own action first completed the course; the fresh
    progress. ``Enrollment.completed_at`` is that moment, kept as history only: nothing
    decides on it. Whether a course is complete is always derived from the facts
    (``queries.course_progress`` for one person, ``queries.completion_facts`` for many),
    because other writes change them too: a journal returned, a material added or
    removed by the organizer, the demo loader."""
    progress = queries.course_progress(person, course)
    if progress.complete and progress.enrollment and progress.enrollment.pk:
        Enrollment.objects.filter(pk=progress.enrollment.pk, completed_at__isnull=True).update(
            completed_at=clock.now()
        )
    return progress


# --- Journals ----------------------------------------------------------------------------------
JOURNAL_MAX_CHARS = 20_000


def _journal_for_update(person: Person, section: Section) -> Journal:
    """The person's journal for ``section``, created as a draft if need be, locked."""
    try:
        with transaction.atomic():
            Journal.objects.get_or_create(person=person, section=section)
    except IntegrityError:
        pass  # created at the same moment by another request
    return Journal.objects.select_for_update().get(person=person, section=section)


@transaction.atomic
def save_journal(
    person: Person,
    section: Section,
    *,
    text: str,
    upload: UploadedFile | None = None,
    submit: bool = False,
    remove_file: bool = False,
) -> Journal:
    """Save the journal as a draft, or submit it for review.

    Raises ValidationError when a submitted journal is empty, a file is of the wrong type,
    or the journal is waiting for review or accepted (then it can no longer be changed).
    """
    if not section.journal_required:
        raise PermissionDenied
    progress = queries.course_progress(person, section.course)
    view = progress.section(section.pk)
    if view is None:
        raise PermissionDenied
    if view.lock is not None:
        raise Locked(view.lock)
    journal = _journal_for_update(person, section)
    if not journal.editable:
        if submit and journal.is_submitted:
            return journal  # a double click on "Kirim": already submitted
        raise ValidationError(_("This journal has been submitted and can no longer be changed."))
    file_type = uploads.check(upload, "journal") if upload is not None else ""
    # Plain text, escaped when shown; a journal is a reflection, not a web page.
    clean_text = text.replace("\x00", "").strip()
    if len(clean_text) > JOURNAL_MAX_CHARS:
        raise ValidationError(
            _("The journal is too long: at most %(limit)d characters."),
            params={"limit": JOURNAL_MAX_CHARS},
        )
    has_file = upload is not None or (bool(journal.file) and not remove_file)
    if submit and not clean_text and not has_file:
        raise ValidationError(_("Write your journal or upload it as a file before submitting."))
    journal.text = clean_text
    if remove_file and journal.file:
        journal.file.delete(save=False)
        journal.file_name = journal.file_type = ""
    if upload is not None:
        if journal.file:
            journal.file.delete(save=False)
        journal.file_name = upload.name[:200]
        journal.file_type = file_type
        journal.file.save(upload.name, upload, save=False)
    journal.updated_at = clock.now()
    if submit:
        journal.status = Journal.Status.SUBMITTED
        journal.submitted_at = clock.now()
        journal.revision += 1
    journal.save()
    if submit:
        JournalEvent.objects.create(journal=journal, actor=person, status=journal.status)
        _note_course_completion(person, section.course)
    return journal


@transaction.atomic
def review_journal(reviewer: Person, journal: Journal, *, accept: bool, feedback: str) -> Journal:
    """A facilitator accepts a submitted journal, or returns it with feedback to revise."""
    permissions.require(reviewer, Action.REVIEW_JOURNAL, journal)
    journal = Journal.objects.select_for_update().get(pk=journal.pk)
    feedback = feedback.strip()
    target = Journal.Status.ACCEPTED if accept else Journal.Status.RETURNED
    if journal.status == target:
        return journal  # the same decision twice (double click)
    if journal.status != Journal.Status.SUBMITTED:
        raise ValidationError(_("This journal is not waiting for review."))
    if not accept and not feedback:
        raise ValidationError(_("Say what should be revised before returning the journal."))
    journal.status = target
    journal.feedback = feedback
    journal.reviewed_by = reviewer
    journal.reviewed_at = clock.now()
    journal.save(update_fields=["status", "feedback", "reviewed_by", "reviewed_at"])
    JournalEvent.objects.create(journal=journal, actor=reviewer, status=target, feedback=feedback)
    events.announce(JournalReviewed(journal, reviewer))
    return journal


# --- Authoring ---------------------------------------------------------------------------------
@transaction.atomic
def save_course(actor: Person, course: Course, welcome: UploadedFile | None = None) -> Course:
    """Create or update a course (the form has validated its fields)."""
    _require_author(actor)
    if welcome is not None:
        uploads.check(welcome, "video")
        course.welcome_video.save(welcome.name, welcome, save=False)
    course.updated_at = clock.now()
    course.full_clean()
    course.save()
    return course


@transaction.atomic
def publish_course(actor: Person, course: Course, *, published: bool = True) -> Course:
    """Publish (or withdraw) a course. Progress is never touched by either."""
    _require_author(actor)
    course = Course.objects.select_for_update().get(pk=course.pk)
    if published and not course.is_published:
        if not course.sections.filter(is_archived=False, materials__is_archived=False).exists():
            raise ValidationError(_("Add at least one section with a material before publishing."))
        course.published_at = course.published_at or clock.now()
    course.is_published = published
    course.save(update_fields=["is_published", "published_at"])
    return course


def _next_position(queryset: object) -> int:
    return (queryset.aggregate(top=Max("position"))["top"] or 0) + 1


@transaction.atomic
def save_section(actor: Person, section: Section) -> Section:
    _require_author(actor)
    if section.pk is None:
        section.position = _next_position(Section.objects.filter(course=section.course))
    section.save()
    return section


@transaction.atomic
def save_material(
    actor: Person,
    material: Material,
    upload: UploadedFile | None = None,
    pdf_upload: UploadedFile | None = None,
) -> Material:
    """Create or update a material; uploads are checked by content before anything is saved."""
    _require_author(actor)
    errors: dict[str, list[str]] = {}
    use = {"video": "video", "audio": "audio", "pdf": "pdf", "slides": "slides"}.get(material.kind)
    file_type = ""
    if upload is not None and use is not None:
        try:
            file_type = uploads.check(upload, use)
        except ValidationError as error:
            errors["file"] = error.messages
    if pdf_upload is not None:
        try:
            uploads.check(pdf_upload, "pdf")
        except ValidationError as error:
            errors["pdf_file"] = error.messages
    if use is not None and upload is None and not material.file:
        errors["file"] = [_("Choose the file for this material.")]
    if material.kind == Material.Kind.LINK and not material.url:
        errors["url"] = [_("Enter the address of the link.")]
    if material.kind in (Material.Kind.VIDEO, Material.Kind.AUDIO) and upload is not None:
        found = uploads.media_duration(upload)
        if found:
            material.duration = round(found, 2)
    if material.kind in (Material.Kind.VIDEO, Material.Kind.AUDIO) and material.duration <= 0:
        errors["duration"] = [_("Enter the length of the video in seconds.")]
    if errors:
        raise ValidationError(errors)
    material.body = sanitize(material.body)
    if upload is not None:
        material.file.save(upload.name, upload, save=False)
        material.file_name = upload.name[:200]
        material.file_type = file_type
        material.file_size = upload.size
    if pdf_upload is not None:
        material.pdf_file.save(pdf_upload.name, pdf_upload, save=False)
    if material.pk is None:
        material.position = _next_position(Material.objects.filter(section=material.section))
    material.save()
    return material


@transaction.atomic
def remove_section(actor: Person, section: Section) -> None:
    """Take a section out of the course. With any progress in it, it is archived so that
    nobody's trophies or journals are lost; otherwise it is deleted."""
    _require_author(actor)
    used = (
        TrophyAward.objects.filter(material__section=section).exists()
        or MaterialProgress.objects.filter(material__section=section).exists()
        or Journal.objects.filter(section=section).exists()
    )
    if used:
        Section.objects.filter(pk=section.pk).update(is_archived=True)
        Material.objects.filter(section=section).update(is_archived=True)
    else:
        section.delete()


@transaction.atomic
def remove_material(actor: Person, material: Material) -> None:
    """Take a material out: archived when anyone has studied it, deleted otherwise."""
    _require_author(actor)
    if MaterialProgress.objects.filter(material=material).exists():
        Material.objects.filter(pk=material.pk).update(is_archived=True)
    else:
        material.delete()


@transaction.atomic
def reorder(
    actor: Person, items: Sequence[Section] | Sequence[Material], ids: Sequence[int]
) -> None:
    """Put sections of a course (or materials of a section) in the order of ``ids``.

    ``items`` are all of them; ids not among them are refused, missing ones keep their
    relative order after the given ones.
    """
    _require_author(actor)
    by_id = {item.pk: item for item in items}
    if not set(ids) <= set(by_id):
        raise ValidationError(_("The order sent does not match this course. Reload the page."))
    ordered = [by_id[pk] for pk in ids] + [item for item in items if item.pk not in set(ids)]
    model = type(ordered[0]) if ordered else Section
    for position, item in enumerate(ordered, start=1):
        item.position = position
    model.objects.bulk_update(ordered, ["position"])


def move(actor: Person, items: Sequence[Section] | Sequence[Material], pk: int, step: int) -> None:
    """Move one section or material up (step -1) or down (+1), for the buttons."""
    ids = [item.pk for item in items]
    if pk not in ids:
        raise ValidationError(_("The order sent does not match this course. Reload the page."))
    index = ids.index(pk)
    target = max(0, min(len(ids) - 1, index + step))
    ids.insert(target, ids.pop(index))
    reorder(actor, items, ids)


def enroll_by_nip(
    actor: Person, course: Course, cohort: Cohort, nips: Sequence[str]
) -> Mapping[str, list[str]]:
    """Enrol people into a cohort by NIP; returns the enrolled and the unknown NIPs."""
    _require_author(actor)
    wanted = [nip for nip in (n.replace(" ", "").strip() for n in nips) if nip]
    found = {person.nip: person for person in Person.objects.filter(nip__in=wanted)}
    for nip in wanted:
        if nip in found:
            enroll(found[nip], course, cohort)
    return {
        "enrolled": [nip for nip in wanted if nip in found],
        "unknown": [nip for nip in wanted if nip not in found],
    }


# --- Cohorts at scale ------------------------------------------------------------------------
def enroll_many(course: Course, cohort: Cohort, person_ids: Sequence[int]) -> int:
    """Enrol many people in a cohort at once (bulk import). Those already enrolled in the
    course without a cohort join this one; the caller has refused those in another
    cohort. Returns how many enrolments are new; safe to run twice."""
    current = dict(
        Enrollment.objects.filter(course=course, person_id__in=list(person_ids)).values_list(
            "person_id", "cohort_id"
        )
    )
    now = clock.now()
    new = [
        Enrollment(person_id=person_id, course=course, cohort=cohort, enrolled_at=now)
        for person_id in dict.fromkeys(person_ids)
        if person_id not in current
    ]
    Enrollment.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
    without = [person_id for person_id, cohort_id in current.items() if cohort_id is None]
    if without:
        Enrollment.objects.filter(course=course, person_id__in=without).update(cohort=cohort)
    return len(new)


def record_hours(
    course: Course,
    cohort: Cohort,
    completed: Mapping[int, dt.date],
    void: Sequence[int] = (),
    reason: str = "",
) -> tuple[int, int]:
    """Write the JP ledger for a cohort: an entry per person in ``completed`` (person →
    day of completion), counted in that day's year; entries of ``void`` are voided with
    ``reason``. Safe to run again: an entry is written once and restored if it was voided.
    When a person's day of completion has moved (grades reopened and made final again),
    their entry follows it, and one of another year is voided: a completion counts once,
    in the year it was earned. Returns (recorded, voided)."""
    now = clock.now()
    by_day: dict[dt.date, list[int]] = {}
    for person_id, day in completed.items():
        by_day.setdefault(day, []).append(person_id)
    for day, people in by_day.items():
        mine = HoursEntry.objects.filter(course=course, cohort=cohort, person_id__in=people)
        mine.filter(voided_at__isnull=True).exclude(year=day.year).update(
            voided_at=now, void_reason=_("The day of completion moved to another year.")[:200]
        )
        mine.filter(year=day.year).exclude(completed_on=day).update(completed_on=day)
        HoursEntry.objects.bulk_create(
            [
                HoursEntry(
                    person_id=person_id,
                    course=course,
                    cohort=cohort,
                    year=day.year,
                    hours=course.hours,
                    completed_on=day,
                    recorded_at=now,
                )
                for person_id in people
            ],
            batch_size=1000,
            ignore_conflicts=True,
        )
        mine.filter(year=day.year, voided_at__isnull=False).update(voided_at=None, void_reason="")
    voided = 0
    if void:
        voided = HoursEntry.objects.filter(
            course=course, cohort=cohort, person_id__in=list(void), voided_at__isnull=True
        ).update(voided_at=now, void_reason=reason[:200])
    return len(completed), voided
