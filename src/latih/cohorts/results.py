"""Final results of a cohort: computing them for review, finalizing them (explicit and
logged) and reopening them with a reason.

Computing and finalizing are jobs: a national cohort has hundreds of thousands of
participants, read in chunks of ``CHUNK`` with a handful of queries each. Finalizing
computes afresh, then marks the cohort final in the same transaction as its log entry,
and queues the certificates. It is refused before the cohort starts, and before its end
unless the organizer gives a reason (logged); once final, no new evaluation attempt starts
in the cohort.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import formats
from django.utils.translation import gettext as _

from latih.accounts import permissions
from latih.accounts.models import Person
from latih.accounts.permissions import Action
from latih.common import clock, events
from latih.exams import queries as exams_queries
from latih.exams import rules as exams_rules
from latih.learning import queries as learning_queries
from latih.learning.models import Cohort, Course, Enrollment

from . import jobs, rules
from .events import ResultsFinalized
from .models import CohortEvent, FinalResult, Job

CHUNK = 1000


def can_grade(actor: Person) -> bool:
    return permissions.can(actor, Action.GRADE)


def policy_of(course: Course) -> rules.Policy:
    return rules.Policy(
        academic_weight=course.academic_weight,
        attitude_weight=course.attitude_weight,
        trophies_total=course.trophies_total,
        bands=rules.bands_from(course.predicates),
    )


def _require_grader(actor: Person) -> None:
    if not can_grade(actor):
        raise PermissionDenied


def request_compute(actor: Person, cohort: Cohort) -> Job:
    """Queue computing the cohort's final results for review (a double click queues one)."""
    _require_grader(actor)
    if cohort.finalized_at is not None:
        raise ValidationError(_("The grades are final. Reopen them to compute again."))
    return jobs.queue(cohort, Job.Kind.RESULTS, actor)[0]


def finalizing_early(cohort: Cohort, today: dt.date) -> bool:
    """Whether finalizing on ``today`` comes before the cohort's end: through its last
    day, participants can still study and take the evaluation."""
    return cohort.ends_on is not None and today <= cohort.ends_on


def finalize_refusal(cohort: Cohort, today: dt.date, reason: str) -> str:
    """Why the grades may not be made final on ``today`` ("" when they may): never before
    the cohort starts, and before its end only with a reason, which is logged. The
    certificates then state the day of finalizing as the end of the training
    (``certificates.services.training_period``)."""
    if cohort.starts_on is not None and today < cohort.starts_on:
        return _("The cohort starts on %(date)s: its grades cannot be made final before.") % {
            "date": formats.date_format(cohort.starts_on, "j F Y")
        }
    if finalizing_early(cohort, today) and not reason.strip():
        return _(
            "The cohort runs until %(date)s. To make its grades final before then, give the reason."
        ) % {"date": formats.date_format(cohort.ends_on, "j F Y")}
    return ""


def request_finalize(actor: Person, cohort: Cohort, early_reason: str = "") -> Job:
    """Queue finalizing: compute afresh, then mark final and issue certificates. Before
    the cohort's end it needs ``early_reason`` (``finalize_refusal``); a refusal changes
    nothing."""
    _require_grader(actor)
    if cohort.finalized_at is not None:
        raise ValidationError(_("The grades of this cohort are already final."))
    early_reason = early_reason.strip()[:500]
    refusal = finalize_refusal(cohort, clock.today(), early_reason)
    if refusal:
        raise ValidationError(refusal)
    return jobs.queue(cohort, Job.Kind.FINALIZE, actor, reason=early_reason)[0]


@transaction.atomic
def reopen(actor: Person, cohort: Cohort, reason: str) -> CohortEvent:
    """Reopen final grades, with a reason: results can be computed and finalized again.
    Certificates stay valid until the next finalizing decides otherwise."""
    _require_grader(actor)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give the reason for reopening the grades."))
    reopened = Cohort.objects.filter(pk=cohort.pk, finalized_at__isnull=False).update(
        finalized_at=None, finalized_by=None
    )
    if not reopened:
        raise ValidationError(_("The grades of this cohort are not final."))
    cohort.finalized_at = cohort.finalized_by = None
    return CohortEvent.objects.create(
        cohort=cohort, kind=CohortEvent.Kind.REOPENED, actor=actor, reason=reason
    )


def summary(cohort: Cohort) -> dict[str, int]:
    """Counts of the computed results: participants, passed, failed (one query)."""
    counts = FinalResult.objects.filter(cohort=cohort).aggregate(
        n_total=Count("pk"),
        n_passed=Count("pk", filter=Q(passed=True)),
        n_failed=Count("pk", filter=Q(passed=False)),
    )
    return {key.removeprefix("n_"): value for key, value in counts.items()}


def predicates(cohort: Cohort) -> list[tuple[str, int]]:
    """How many passed participants got each predicate, best first (one query)."""
    counts = dict(
        FinalResult.objects.filter(cohort=cohort, passed=True)
        .values("predicate")
        .annotate(n=Count("pk"))
        .values_list("predicate", "n")
    )
    bands = rules.bands_from(cohort.course.predicates)
    return [(band.label, counts.get(band.label, 0)) for band in bands]


# --- The jobs -------------------------------------------------------------------------------
def _compute(job: Job) -> dict[str, int]:
    """(Re)compute every participant's result; returns the summary."""
    cohort, course = job.cohort, job.cohort.course
    policy = policy_of(course)
    test = exams_queries.evaluation_of(course)
    pass_mark = test.pass_mark if test is not None else None
    # What completing the course takes, read once: completion is derived from each
    # person's facts the way the course page derives it, never from a stored mark.
    shape = learning_queries.course_shape(course)
    started = clock.now()
    enrolled = Enrollment.objects.filter(cohort=cohort)
    with transaction.atomic():
        jobs.advance(job, total=enrolled.count())
    last = 0
    while True:
        ids = list(
            enrolled.filter(person_id__gt=last)
            .order_by("person_id")
            .values_list("person_id", flat=True)[:CHUNK]
        )
        if not ids:
            break
        last = ids[-1]
        facts = learning_queries.completion_facts(course, ids, shape)
        scores = exams_queries.academic_scores(test, ids) if test is not None else {}
        rows = []
        for person_id in ids:
            known = facts[person_id]
            academic = scores.get(person_id)
            outcome = rules.final_result(
                rules.Facts(
                    completed=known.completed,
                    trophies=known.trophies,
                    trophies_required=course.trophies_required,
                    journals_required=shape.journals,
                    journals_accepted=known.journals_accepted,
                    has_evaluation=test is not None,
                    evaluation_passed=pass_mark is not None
                    and exams_rules.passed(academic, pass_mark),
                ),
                academic,
                policy,
            )
            rows.append(
                FinalResult(
                    cohort=cohort,
                    person_id=person_id,
                    academic_score=outcome.academic,
                    attitude_score=outcome.attitude,
                    final_score=outcome.final,
                    predicate=outcome.predicate,
                    passed=outcome.passed,
                    unmet=[str(code) for code in outcome.unmet],
                    trophies=min(known.trophies, 32767),
                    computed_at=clock.now(),
                )
            )
        with transaction.atomic():
            FinalResult.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["cohort", "person"],
                update_fields=[
                    "academic_score",
                    "attitude_score",
                    "final_score",
                    "predicate",
                    "passed",
                    "unmet",
                    "trophies",
                    "computed_at",
                ],
            )
            jobs.advance(job, done=len(ids))
    # People who left the cohort since the last computation (a certificate keeps its row).
    FinalResult.objects.filter(
        cohort=cohort, computed_at__lt=started, certificates__isnull=True
    ).delete()
    counts = summary(cohort)
    Job.objects.filter(pk=job.pk).update(counts=counts)
    return counts


def run_compute(job: Job) -> None:
    if Cohort.objects.filter(pk=job.cohort_id, finalized_at__isnull=False).exists():
        raise jobs.JobError(_("The grades are final. Reopen them to compute again."))
    _compute(job)


def run_finalize(job: Job) -> None:
    """Compute, then mark final with its log entry (and the reason for finalizing before
    the cohort's end), then queue the certificates. A job that may not finalize today
    (``finalize_refusal``, checked again when it runs) changes nothing."""
    refusal = finalize_refusal(job.cohort, clock.today(), job.reason)
    if refusal:
        raise jobs.JobError(refusal)
    counts = _compute(job)
    with transaction.atomic():
        now = clock.now()
        cohort = Cohort.objects.select_for_update().get(pk=job.cohort_id)
        refusal = finalize_refusal(cohort, clock.local_date(now), job.reason)
        if refusal:
            raise jobs.JobError(refusal)
        marked = Cohort.objects.filter(pk=job.cohort_id, finalized_at__isnull=True).update(
            finalized_at=now, finalized_by=job.created_by
        )
        if not marked:
            raise jobs.JobError(_("The grades of this cohort are already final."))
        CohortEvent.objects.create(
            cohort=job.cohort,
            kind=CohortEvent.Kind.FINALIZED,
            actor=job.created_by,
            counts=counts,
            reason=job.reason if finalizing_early(cohort, clock.local_date(now)) else "",
            at=now,
        )
        events.announce(ResultsFinalized(job.cohort, job.created_by))
