"""Reads the cohort pages share, each with a known number of queries, and each limited to
what the person asking may see (``accounts.permissions`` decides)."""

from django.db.models import Count, Q, QuerySet

from latih.accounts import permissions
from latih.accounts.models import Person
from latih.accounts.permissions import Action
from latih.learning.models import Cohort, Enrollment

from .models import CohortEvent, FinalResult, ImportProblem, Job


def _sees_all(person: Person) -> bool:
    return permissions.can(person, Action.GRADE)


def visible_cohorts(person: Person) -> QuerySet[Cohort]:
    """The cohorts ``person`` may open: every one for organizers, those open to their
    agency for an agency admin, none for anyone else."""
    cohorts = Cohort.objects.select_related("course")
    if _sees_all(person):
        return cohorts
    if permissions.can(person, Action.VIEW_COHORTS) and person.agency_id:
        return cohorts.filter(agencies=person.agency_id)
    return cohorts.none()


def cohort_list(person: Person) -> QuerySet[Cohort]:
    """The visible cohorts, newest first, each with its participants counted (an agency
    admin counts only their own agency's)."""
    scope = Q() if _sees_all(person) else Q(enrollments__person__agency=person.agency_id)
    return (
        visible_cohorts(person)
        .annotate(participants=Count("enrollments", filter=scope))
        .order_by("-starts_on", "course__title", "name")
    )


def participants(person: Person, cohort: Cohort, search: str = "") -> QuerySet[Person]:
    """The cohort's participants ``person`` may see (an agency admin: their agency's), by a
    whole NIP or part of the name."""
    people = Person.objects.filter(enrollments__cohort=cohort).select_related("agency", "unit")
    if not _sees_all(person):
        # An agency admin sees their own agency's people ranked below them.
        people = people.filter(
            agency=person.agency_id, role__in=permissions.manageable_roles(person)
        )
    search = search.strip()
    if search:
        digits = "".join(search.split())
        people = (
            people.filter(nip=digits) if digits.isdigit() else people.filter(name__icontains=search)
        )
    return people.order_by("name", "pk")


def jobs_for(person: Person, cohort: Cohort) -> QuerySet[Job]:
    """The cohort's jobs ``person`` may follow: all for organizers, their own otherwise."""
    found = Job.objects.filter(cohort=cohort).select_related("created_by")
    if not _sees_all(person):
        found = found.filter(created_by=person)
    return found


def visible_job(person: Person, pk: int) -> Job | None:
    """A job for its page: organizers see every job, others only the ones they started."""
    job = Job.objects.select_related("cohort__course", "created_by").filter(pk=pk).first()
    if job is None or not (_sees_all(person) or job.created_by_id == person.pk):
        return None
    return job


def import_problems(job: Job) -> QuerySet[ImportProblem]:
    """An import's bad rows, by line."""
    return ImportProblem.objects.filter(job=job).order_by("line")


def final_results(cohort: Cohort, status: str = "", search: str = "") -> QuerySet[FinalResult]:
    """The cohort's final results, passed or failed only (``status``), by a whole NIP or
    part of the name, by name."""
    found = FinalResult.objects.filter(cohort=cohort).select_related("person__agency")
    if status == "passed":
        found = found.filter(passed=True)
    elif status == "failed":
        found = found.filter(passed=False)
    search = search.strip()
    if search:
        digits = "".join(search.split())
        found = (
            found.filter(person__nip=digits)
            if digits.isdigit()
            else found.filter(person__name__icontains=search)
        )
    return found.order_by("person__name", "pk")


def enrolled_count(cohort: Cohort) -> int:
    return Enrollment.objects.filter(cohort=cohort).count()


def running_grading_job(cohort: Cohort) -> Job | None:
    """The results, finalizing or certificates job running now, if any."""
    return Job.objects.filter(
        cohort=cohort,
        kind__in=[Job.Kind.RESULTS, Job.Kind.FINALIZE, Job.Kind.CERTIFICATES],
        status__in=Job.ACTIVE,
    ).first()


def last_results_job(cohort: Cohort) -> Job | None:
    return Job.objects.filter(cohort=cohort, kind__in=[Job.Kind.RESULTS, Job.Kind.FINALIZE]).first()


def recent_events(cohort: Cohort, limit: int = 10) -> list[CohortEvent]:
    return list(CohortEvent.objects.filter(cohort=cohort).select_related("actor")[:limit])
