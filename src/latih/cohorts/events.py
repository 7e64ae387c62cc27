"""What the cohorts app announces (``latih.common.events``)."""

from dataclasses import dataclass

from latih.accounts.models import Person
from latih.learning.models import Cohort


@dataclass(frozen=True)
class ResultsFinalized:
    """A cohort's grades were made final (by ``actor``); the certificates app listens and
    queues their issuance."""

    cohort: Cohort
    actor: Person | None
