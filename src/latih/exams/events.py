"""What the exams app announces (``latih.common.events``)."""

from dataclasses import dataclass

from .models import Attempt


@dataclass(frozen=True)
class AttemptSubmitted:
    """An attempt was graded and closed, by its participant or at its deadline
    (``attempt.auto_submitted``)."""

    attempt: Attempt
