"""Reads of the learning path that pages share: a participant's progress through their
courses, built with a fixed number of queries whatever the number of materials."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from latih.accounts.models import Person

from . import rules
from .locks import lock_text
from .models import Course, Enrollment, Journal, Material, MaterialProgress, Section, TrophyAward


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


def journals_to_review(facilitator: Person) -> QuerySet[Journal]:
    """Submitted journals of the participants in the cohorts this facilitator runs, for
    those cohorts' course (organizers: every journal), oldest first."""
    journals = Journal.objects.filter(status=Journal.Status.SUBMITTED)
    if facilitator.role not in ("organizer", "platform_admin"):
        in_their_cohort = Enrollment.objects.filter(
            person_id=OuterRef("person_id"),
            course_id=OuterRef("section__course_id"),
            cohort__facilitators=facilitator,
        )
        journals = journals.filter(Exists(in_their_cohort))
    return journals.select_related(
        "person", "person__agency", "section", "section__course"
    ).order_by("submitted_at", "id")


def can_review(facilitator: Person, journal: Journal) -> bool:
    return facilitator.role in ("organizer", "platform_admin") or (
        journals_to_review(facilitator).filter(pk=journal.pk).exists()
    )


def published_course(slug: str) -> Course:
    return Course.objects.get(slug=slug, is_published=True)
