"""What the learning app announces (``latih.common.events``)."""

from dataclasses import dataclass

from latih.accounts.models import Person

from .models import Journal


@dataclass(frozen=True)
class JournalReviewed:
    """A facilitator accepted a journal or returned it to be revised (``journal.status``)."""

    journal: Journal
    reviewer: Person
