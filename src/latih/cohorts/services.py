"""Every change of state to cohorts, one verb each; the views call only these.

Opening and editing a cohort and its completion policy live here; the grading verbs
(compute, finalize, reopen) are in ``results`` and the import in ``imports``, named here
so that a reader (and the views) find every verb of the app in one place.
"""

from collections.abc import Iterable

from django.db import transaction

from latih.accounts import permissions
from latih.accounts.models import Person
from latih.accounts.permissions import Action
from latih.agencies.models import Agency
from latih.learning.models import Cohort, Course

from .imports import can_import, start_import
from .results import reopen, request_compute, request_finalize

__all__ = [
    "can_import",
    "reopen",
    "request_compute",
    "request_finalize",
    "save_cohort",
    "save_completion_policy",
    "start_import",
]


@transaction.atomic
def save_cohort(
    actor: Person,
    cohort: Cohort,
    *,
    agencies: Iterable[Agency],
    facilitators: Iterable[Person],
) -> Cohort:
    """Open or edit a cohort (organizers): ``cohort`` holds its checked fields; its
    agencies and facilitators are replaced by the ones given (a facilitator taken off
    stops reading its journals at once: ``permissions`` asks the cohort as it is now)."""
    permissions.require(actor, Action.GRADE)
    cohort.save()
    cohort.agencies.set(list(agencies))
    cohort.facilitators.set(list(facilitators))
    return cohort


@transaction.atomic
def save_completion_policy(actor: Person, course: Course, fields: Iterable[str]) -> Course:
    """Save the course's final-result and certificate policy (organizers): ``course``
    holds the checked values of ``fields`` (the predicate bands among them)."""
    permissions.require(actor, Action.GRADE)
    course.save(update_fields=[*fields, "predicates"])
    return course
