"""Reads of the learning path that pages share: a participant's progress through their
courses, built with a fixed number of queries whatever the number of materials."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse

from latih.accounts import permissions
from latih.accounts.models import Person
from latih.accounts.permissions import Action

from . import rules
from .locks import lock_text
from .models import (
    Course,
    Enrollment,
    HoursEntry,
    Journal,
    Material,
    MaterialProgress,
    Section,
    TrophyAward,
)


class _Lockable:
    lock: rules.Lock | None

    @property
    def locked(self) -> bool:
        return self.lock is not None

    @property
    def lock_text(self) -> str:
        return lock_text(self.lock)


@dataclass
class MaterialView(_Lockable):
    material: Material
    done: bool
    opened: bool
    lock: rules.Lock | None
    earned: int  # trophies earned with it


@dataclass
class SectionView(_Lockable):
    section: Section
    materials: list[MaterialView]
    lock: rules.Lock | None
    journal: Journal | None
    done: bool
    earned: int
    available: int

    @property
    def first_locked_id(self) -> int | None:
        """The first locked material: the one whose reason is worth showing."""
        return next((item.material.pk for item in self.materials if item.locked), None)

    @property
    def materials_done(self) -> int:
        return sum(1 for item in self.materials if item.done)


@dataclass
class CourseProgress:
    course: Course
    enrollment: Enrollment | None
    sections: list[SectionView]
    trophies: rules.TrophyTally
    percent: int
    next_material: MaterialView | None
    complete: bool
    by_material: dict[int, MaterialView] = field(default_factory=dict)

    @property
    def consented(self) -> bool:
        return self.enrollment is not None and self.enrollment.consented_at is not None

    @property
    def current_section(self) -> SectionView | None:
        """The section of the next material, or the first one whose journal is still due."""
        if self.next_material is not None:
            for view in self.sections:
                if view.section.pk == self.next_material.material.section_id:
                    return view
        for view in self.sections:
            if not view.done and not view.locked:
                return view
        return None

    def section(self, section_id: int) -> SectionView | None:
        return next((view for view in self.sections if view.section.pk == section_id), None)


def live_sections() -> QuerySet[Section]:
    """Sections not archived, with their live materials, in order (two queries)."""
    materials = Material.objects.filter(is_archived=False).order_by("position", "id")
    return (
        Section.objects.filter(is_archived=False)
        .order_by("position", "id")
        .prefetch_related(Prefetch("materials", queryset=materials))
    )


def courses_progress(person: Person, enrollments: Iterable[Enrollment]) -> list[CourseProgress]:
    """Progress in each enrolled course: five queries for any number of courses."""
    enrollments = list(enrollments)
    if not enrollments:
        return []
    course_ids = [enrollment.course_id for enrollment in enrollments]
    sections_by_course: dict[int, list[Section]] = defaultdict(list)
    for section in live_sections().filter(course_id__in=course_ids):
        sections_by_course[section.course_id].append(section)
    progress = {
        row.material_id: row
        for row in MaterialProgress.objects.filter(
            person=person, material__section__course_id__in=course_ids
        ).only("material_id", "completed_at")
    }
    awards: dict[int, int] = {}
    earned_by_course: dict[int, int] = defaultdict(int)
    for award in TrophyAward.objects.filter(person=person, course_id__in=course_ids).only(
        "material_id", "course_id", "trophies"
    ):
        awards[award.material_id] = award.trophies
        earned_by_course[award.course_id] += award.trophies
    journals = {
        journal.section_id: journal
        for journal in Journal.objects.filter(person=person, section__course_id__in=course_ids)
    }
    return [
        _build(
            enrollment,
            sections_by_course[enrollment.course_id],
            progress,
            awards,
            earned_by_course[enrollment.course_id],
            journals,
        )
        for enrollment in enrollments
    ]


def _build(
    enrollment: Enrollment,
    sections: list[Section],
    progress: dict[int, MaterialProgress],
    awards: dict[int, int],
    earned: int,
    journals: dict[int, Journal],
) -> CourseProgress:
    course = enrollment.course

    def is_done(material: Material) -> bool:
        row = progress.get(material.pk)
        return row is not None and row.completed_at is not None

    facts = [
        rules.SectionFacts(
            id=section.pk,
            title=section.title,
            materials=tuple(
                rules.MaterialFacts(m.pk, m.title, is_done(m)) for m in section.materials.all()
            ),
            journal_required=section.journal_required,
            journal_submitted=section.pk in journals and journals[section.pk].is_submitted,
        )
        for section in sections
    ]
    gated = rules.gates(facts, course.sequential, enrollment.consented_at is not None)
    views: list[SectionView] = []
    by_material: dict[int, MaterialView] = {}
    total_items = done_items = 0
    for section, fact in zip(sections, facts, strict=True):
        items = []
        for material in section.materials.all():
            view = MaterialView(
                material=material,
                done=is_done(material),
                opened=material.pk in progress,
                lock=gated.materials[material.pk],
                earned=awards.get(material.pk, 0),
            )
            items.append(view)
            by_material[material.pk] = view
        journal = journals.get(section.pk)
        total_items += len(items) + (1 if section.journal_required else 0)
        done_items += sum(1 for item in items if item.done)
        done_items += 1 if section.journal_required and fact.journal_submitted else 0
        views.append(
            SectionView(
                section=section,
                materials=items,
                lock=gated.sections[section.pk],
                journal=journal,
                done=fact.done,
                earned=sum(item.earned for item in items),
                available=sum(item.material.trophies for item in items),
            )
        )
    trophies = rules.tally([earned], course.trophies_total, course.trophies_required)
    next_id = rules.next_material(facts, gated)
    return CourseProgress(
        course=course,
        enrollment=enrollment,
        sections=views,
        trophies=trophies,
        percent=rules.percent(done_items, total_items),
        next_material=by_material.get(next_id) if next_id else None,
        complete=rules.course_complete(facts, trophies),
        by_material=by_material,
    )


def enrollments_of(person: Person) -> QuerySet[Enrollment]:
    return (
        Enrollment.objects.filter(person=person, course__is_published=True)
        .select_related("course")
        .order_by("-enrolled_at", "id")
    )


def course_progress(person: Person, course: Course) -> CourseProgress:
    """One course's progress for ``person`` (who need not be enrolled: then all is locked)."""
    enrollment = Enrollment.objects.filter(person=person, course=course).first()
    if enrollment is None:
        enrollment = Enrollment(person=person, course=course)
    enrollment.course = course
    return courses_progress(person, [enrollment])[0]


def _reviewable_by(facilitator: Person) -> QuerySet[Journal]:
    """Every journal (any status) this person may read as a reviewer: organizers every
    one; a facilitator those of the participants in the cohorts they run now, for those
    cohorts' course. Access follows current cohort membership only: a facilitator removed
    from the cohort (or a participant moved out of it) takes no journal along, not even
    one they reviewed."""
    journals = Journal.objects.all()
    if not permissions.can(facilitator, Action.REVIEW_JOURNALS):
        return journals.none()
    if not permissions.can(facilitator, Action.REVIEW_ALL_JOURNALS):
        in_their_cohort = Enrollment.objects.filter(
            person_id=OuterRef("person_id"),
            course_id=OuterRef("section__course_id"),
            cohort__facilitators=facilitator,
        )
        journals = journals.filter(Exists(in_their_cohort))
    return journals


def journals_to_review(facilitator: Person) -> QuerySet[Journal]:
    """Submitted journals of the participants in the cohorts this facilitator runs now,
    for those cohorts' course (organizers: every journal), oldest first."""
    return (
        _reviewable_by(facilitator)
        .filter(status=Journal.Status.SUBMITTED)
        .select_related("person", "person__agency", "section", "section__course")
        .order_by("submitted_at", "id")
    )


def published_course(slug: str) -> Course:
    return Course.objects.get(slug=slug, is_published=True)


# --- Cohorts at scale: reads over many participants, chunked by the caller ----------------
def cohorts_of(course: Course, person_ids: Iterable[int]) -> dict[int, int | None]:
    """Person → the cohort (or None) of their enrolment in ``course``, for those enrolled."""
    return dict(
        Enrollment.objects.filter(course=course, person_id__in=list(person_ids)).values_list(
            "person_id", "cohort_id"
        )
    )


def journals_required(course: Course) -> int:
    """How many live sections of the course ask for a resume journal."""
    return Section.objects.filter(course=course, is_archived=False, journal_required=True).count()


@dataclass(frozen=True)
class CourseShape:
    """What completing a course takes, as the course page counts it: its live materials,
    the live sections that ask for a journal, and the trophies required."""

    materials: int
    journals: int
    trophies_required: int


def course_shape(course: Course) -> CourseShape:
    """The course's live materials and required journals (two queries)."""
    materials = Material.objects.filter(
        section__course=course, section__is_archived=False, is_archived=False
    ).count()
    return CourseShape(materials, journals_required(course), course.trophies_required)


@dataclass(frozen=True)
class CompletionFacts:
    completed: bool
    trophies: int
    journals_accepted: int


def is_complete(
    shape: CourseShape, materials_done: int, journals_submitted: int, trophies: int
) -> bool:
    """``rules.course_complete`` over counts: every section done (each live material
    completed, each required journal submitted) and the required trophies earned. A
    person has one progress row per material and one journal per section, so counting
    them is the same as checking them one by one, as the course page does."""
    sections_done = materials_done >= shape.materials and journals_submitted >= shape.journals
    return sections_done and rules.tally([trophies], 0, shape.trophies_required).enough


def completion_facts(
    course: Course, person_ids: Iterable[int], shape: CourseShape | None = None
) -> dict[int, CompletionFacts]:
    """For each person: course completed, trophies earned, required journals accepted.

    Completion is derived from the facts the course page shows (``is_complete``), never
    from a stored mark, so it holds whichever write came last: a material completed, a
    journal submitted or returned, a material added, removed or archived by the
    organizer, or the demo loader. Three queries for any number of people, with
    ``shape`` (``course_shape``) read once by the caller; five without it."""
    ids = list(person_ids)
    shape = shape or course_shape(course)
    done = dict(
        MaterialProgress.objects.filter(
            person_id__in=ids,
            completed_at__isnull=False,
            material__section__course=course,
            material__section__is_archived=False,
            material__is_archived=False,
        )
        .values("person_id")
        .annotate(total=Count("pk"))
        .values_list("person_id", "total")
    )
    trophies = dict(
        TrophyAward.objects.filter(course=course, person_id__in=ids)
        .values("person_id")
        .annotate(total=Sum("trophies"))
        .values_list("person_id", "total")
    )
    journals = {
        person_id: (submitted, accepted)
        for person_id, submitted, accepted in Journal.objects.filter(
            person_id__in=ids,
            status__in=(Journal.Status.SUBMITTED, Journal.Status.ACCEPTED),
            section__course=course,
            section__is_archived=False,
            section__journal_required=True,
        )
        .values("person_id")
        .annotate(
            submitted=Count("pk"),
            accepted=Count("pk", filter=Q(status=Journal.Status.ACCEPTED)),
        )
        .values_list("person_id", "submitted", "accepted")
    }
    facts = {}
    for person_id in ids:
        earned = trophies.get(person_id, 0) or 0
        submitted, accepted = journals.get(person_id, (0, 0))
        complete = is_complete(shape, done.get(person_id, 0), submitted, earned)
        facts[person_id] = CompletionFacts(complete, earned, accepted)
    return facts


# --- Hours (JP) ------------------------------------------------------------------------------
def hours_by_year(person: Person) -> dict[int, list[HoursEntry]]:
    """The person's live JP entries, by the year they count in, course loaded (one query
    for every year: a person has a few entries a year)."""
    years: dict[int, list[HoursEntry]] = defaultdict(list)
    for entry in (
        HoursEntry.objects.filter(person=person, voided_at__isnull=True)
        .select_related("course")
        .order_by("-completed_on", "-pk")
    ):
        years[entry.year].append(entry)
    return dict(years)


def hours_years(agency_id: int, roles: Iterable[str] | None = None) -> list[int]:
    """Every year in which the agency's people (of ``roles`` when given) have JP
    recorded, newest first (one query)."""
    entries = HoursEntry.objects.filter(
        person__agency_id=agency_id, person__is_active=True, voided_at__isnull=True
    )
    if roles is not None:
        entries = entries.filter(person__role__in=list(roles))
    return list(entries.order_by("-year").values_list("year", flat=True).distinct())


def people_hours(
    agency_id: int, year: int, below: int | None = None, roles: Iterable[str] | None = None
) -> QuerySet[Person]:
    """The agency's people (of ``roles`` when given) with their JP in ``year`` (``jp``),
    fewest first; only those below ``below`` when given. One query; paginate it."""
    in_year = (
        HoursEntry.objects.filter(person=OuterRef("pk"), year=year, voided_at__isnull=True)
        .values("person")
        .annotate(total=Sum("hours"))
        .values("total")
    )
    people = (
        Person.objects.filter(agency_id=agency_id, is_active=True)
        .annotate(jp=Coalesce(Subquery(in_year), 0))
        .order_by("jp", "name", "pk")
    )
    if below is not None:
        people = people.filter(jp__lt=below)
    if roles is not None:
        people = people.filter(role__in=list(roles))
    return people


def dashboard_of(person: Person) -> dict[str, object]:
    """What the dashboard (portal) shows of the learning path: the courses' progress, and
    the welcome video still to be seen, if any."""
    enrollments = list(enrollments_of(person))
    pending = next(
        (e for e in enrollments if e.welcome_seen_at is None and e.course.welcome_video), None
    )
    return {
        "courses": courses_progress(person, enrollments),
        "welcome_url": reverse("learning:welcome", args=[pending.course.slug]) if pending else "",
    }
