"""Running a cohort's background jobs.

A job is queued after its transaction commits: on a Celery worker when there is a broker,
otherwise in a thread of the serving process (``manage.py serve``) or, in tests and
commands, right away. Whoever runs it first takes a lease; every chunk of work commits
together with its progress, so a job whose worker died is taken up again where it
stopped (``resume_stalled``, run by Celery beat and by the embedded sweep), and a chunk
is never done twice.
"""

import logging
import threading
import uuid
from collections.abc import Callable, Mapping
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.db import IntegrityError, close_old_connections, transaction
from django.db.models import Q
from django.db.models.functions import Coalesce

from latih.accounts.models import Person
from latih.common import clock
from latih.common.errors import AppError
from latih.learning.models import Cohort

from .models import Job

log = logging.getLogger(__name__)

# A running job that has not reported for this long has lost its worker.
LEASE = timedelta(minutes=5)
# A queued job that nobody took for this long is queued again.
STALE_QUEUE = timedelta(minutes=1)
# Set by ``manage.py serve`` when there is no broker: run jobs in threads, not in requests.
threaded = False

# What runs each kind: "module:function", called with the job. Apps above cohorts add
# their kinds in their AppConfig.ready (``register_runner``): certificates, issuance.
RUNNERS = {
    Job.Kind.IMPORT: "latih.cohorts.imports:run_import",
    Job.Kind.RESULTS: "latih.cohorts.results:run_compute",
    Job.Kind.FINALIZE: "latih.cohorts.results:run_finalize",
}


def register_runner(kind: str, runner: str) -> None:
    """Run jobs of ``kind`` with ``runner`` ("module:function", called with the job)."""
    RUNNERS[kind] = runner


class JobError(AppError):
    """A job cannot go on for a reason its user can act on; the message is shown."""

    code = "job"


class LeaseLost(Exception):  # noqa: N818 - an expected outcome
    """Another worker has taken the job over: stop without touching it."""


def queue(cohort: Cohort, kind: str, actor: Person | None, **fields: object) -> tuple[Job, bool]:
    """Queue a job, unless the same one (same kind, same file) is waiting or running:
    then that one is returned, with False."""
    sha256 = str(fields.get("sha256", ""))
    try:
        with transaction.atomic():
            job = Job.objects.create(cohort=cohort, kind=kind, created_by=actor, **fields)
    except IntegrityError:
        running = Job.objects.filter(
            cohort=cohort, kind=kind, sha256=sha256, status__in=Job.ACTIVE
        ).first()
        if running is None:
            raise
        return running, False
    transaction.on_commit(lambda: dispatch(job.pk))
    return job, True


def active(cohort: Cohort, kind: str) -> Job | None:
    return Job.objects.filter(cohort=cohort, kind=kind, status__in=Job.ACTIVE).first()


def dispatch(job_id: int) -> None:
    """Hand the job to whatever runs jobs here."""
    if not settings.CELERY_TASK_ALWAYS_EAGER:
        from .tasks import run_job

        run_job.delay(job_id)
    elif threaded:
        threading.Thread(target=_run_in_thread, args=(job_id,), daemon=True).start()
    else:
        run(job_id)


def _run_in_thread(job_id: int) -> None:
    try:
        run(job_id)
    finally:
        close_old_connections()


def take(job_id: int) -> Job | None:
    """Take the job's lease; None when another worker holds it or it has ended."""
    now = clock.now()
    runner = uuid.uuid4().hex
    taken = (
        Job.objects.filter(pk=job_id)
        .filter(
            Q(status=Job.Status.QUEUED) | Q(status=Job.Status.RUNNING, heartbeat_at__lt=now - LEASE)
        )
        .update(
            status=Job.Status.RUNNING,
            runner=runner,
            heartbeat_at=now,
            started_at=Coalesce("started_at", now),
        )
    )
    return Job.objects.select_related("cohort__course").get(pk=job_id) if taken else None


def advance(
    job: Job, done: int = 0, counts: Mapping[str, int] | None = None, total: int | None = None
) -> None:
    """Record a chunk's progress, inside the chunk's own transaction: both commit or
    neither. Raises LeaseLost when another worker has taken the job."""
    row = Job.objects.select_for_update().get(pk=job.pk)
    if row.runner != job.runner or row.status != Job.Status.RUNNING:
        raise LeaseLost
    if total is not None:
        row.total = total
    row.done = min(row.done + done, row.total) if row.total else row.done + done
    merged = dict(row.counts)
    for key, value in (counts or {}).items():
        merged[key] = merged.get(key, 0) + value
    row.counts = merged
    row.heartbeat_at = clock.now()
    row.save(update_fields=["total", "done", "counts", "heartbeat_at"])
    job.total, job.done, job.counts, job.heartbeat_at = (
        row.total,
        row.done,
        merged,
        row.heartbeat_at,
    )


def _finish(job: Job, status: str, error: str = "") -> None:
    Job.objects.filter(pk=job.pk, runner=job.runner).update(
        status=status, finished_at=clock.now(), heartbeat_at=clock.now(), error=error
    )


def _runner(kind: str) -> Callable[[Job], None]:
    module, _, name = RUNNERS[kind].partition(":")
    return getattr(import_module(module), name)


def run(job_id: int) -> None:
    """Run the job to its end if its lease can be taken; a failure is recorded on it."""
    job = take(job_id)
    if job is None:
        return
    try:
        _runner(job.kind)(job)
    except LeaseLost:
        return
    except JobError as error:
        _finish(job, Job.Status.FAILED, str(error))
    except Exception:
        log.exception("job %s failed", job_id)
        _finish(job, Job.Status.FAILED, "internal")
    else:
        _finish(job, Job.Status.DONE)


def resume_stalled() -> int:
    """Queue again the jobs nobody is running: never taken, or whose worker died."""
    now = clock.now()
    stalled = list(
        Job.objects.filter(
            Q(status=Job.Status.QUEUED, created_at__lt=now - STALE_QUEUE)
            | Q(status=Job.Status.RUNNING, heartbeat_at__lt=now - LEASE)
        ).values_list("pk", flat=True)[:100]
    )
    for job_id in stalled:
        dispatch(job_id)
    return len(stalled)
