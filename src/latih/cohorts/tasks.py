"""Celery tasks of cohorts: they only call ``cohorts.jobs``."""

from celery import shared_task

from . import jobs


@shared_task(acks_late=True, ignore_result=True)
def run_job(job_id: int) -> None:
    """Run an import, a computation of results, a finalizing or an issuance."""
    jobs.run(job_id)


@shared_task(acks_late=True, ignore_result=True)
def resume_stalled_jobs() -> int:
    """Every minute with Celery beat: jobs never taken, or whose worker died."""
    return jobs.resume_stalled()
