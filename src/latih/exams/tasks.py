"""The deadline jobs: an attempt is submitted at its deadline with what was saved, even
if the participant never comes back. Both only call services."""

from celery import shared_task

from . import services
from .models import Attempt


@shared_task(acks_late=True, ignore_result=True)
def submit_at_deadline(attempt_id: int) -> None:
    """Queued when an attempt starts, to run at its deadline."""
    attempt = Attempt.objects.filter(pk=attempt_id, submitted_at__isnull=True).first()
    if attempt is not None:
        services.submit_attempt(attempt, at_deadline=True)


@shared_task(acks_late=True, ignore_result=True)
def submit_expired_attempts() -> int:
    """The periodic sweep (every 30 s with Celery beat): whatever the timed job missed,
    for example after a worker restart or extra time granted."""
    return services.submit_expired()
