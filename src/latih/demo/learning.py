"""The demo course "Pelatihan Dasar PPPK", its cohort, and where the demo people are in it.

Siti Rahayu is midway: Materi Kebijakan and Agenda 1 done, her Agenda 1 journal accepted by
Andi Wijaya, the cohort's facilitator. Rahmat Hidayat has studied everything, journals
accepted: the academic evaluation is open to him. Budi Santoso has never signed in: he
sees the welcome video, then the course rules. Loading is idempotent; ``reset`` puts both back.
"""

from __future__ import annotations

from pathlib import Path

from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction

from latih.accounts.models import Person
from latih.common import clock
from latih.demo import content
from latih.learning import uploads
from latih.learning.models import (
    Cohort,
    Course,
    Enrollment,
    Journal,
    JournalEvent,
    Material,
    MaterialProgress,
    Section,
    TrophyAward,
)
from latih.learning.services import sanitize

MEDIA = Path(__file__).resolve().parent / "media"
COHORT_NAME = "Angkatan I Tahun 2026"
SITI_JOURNAL = (
    "Agenda 1 mengingatkan saya bahwa bela negara bagi ASN berarti bekerja dengan jujur dan "
    "tuntas setiap hari. Di unit saya, saya akan membantu warga memahami layanan daring "
    "dengan sabar, dan mencatat setiap keluhan agar menjadi bahan perbaikan."
)


def _reflection(section: Section) -> str:
    return (
        f"Dari {section.title} saya belajar bahwa pelayanan yang baik dimulai dari hal kecil: "
        "datang tepat waktu, menjawab pertanyaan warga dengan jelas, dan menyelesaikan "
        "pekerjaan sampai tuntas. Saya akan menerapkannya di unit kerja saya."
    )


def _material(section: Section, position: int, item: content.DemoMaterial) -> Material:
    material = Material(
        section=section,
        title=item.title,
        kind=item.kind,
        position=position,
        trophies=item.trophies,
        downloadable=item.downloadable,
        description="" if item.kind == "text" else item.text,
        body=sanitize(item.text) if item.kind == "text" else "",
        url=item.url,
        duration=item.duration,
    )
    slug = f"{section.position}-{position}"
    if item.kind in ("video", "audio"):
        path = MEDIA / item.media
        with path.open("rb") as handle:
            material.file.save(item.media, File(handle), save=False)
        material.file_name = item.media
        material.file_type = (
            f"{item.kind}/webm" if item.media.endswith(".webm") else f"{item.kind}/ogg"
        )
        material.file_size = path.stat().st_size
    elif item.kind == "pdf":
        data = content.pdf_for(item)
        material.file.save(f"modul-{slug}.pdf", ContentFile(data), save=False)
        material.file_name, material.file_type = f"modul-{slug}.pdf", "application/pdf"
        material.file_size = len(data)
    elif item.kind == "slides":
        data = content.pptx_for(item)
        material.file.save(f"slide-{slug}.pptx", ContentFile(data), save=False)
        material.file_name = f"slide-{slug}.pptx"
        material.file_type = uploads.PPTX
        material.file_size = len(data)
        material.pdf_file.save(f"slide-{slug}.pdf", ContentFile(content.pdf_for(item)), save=False)
    material.save()
    return material


def _create_course() -> Course:
    course = Course.objects.create(
        title=content.COURSE_TITLE,
        slug=content.COURSE_SLUG,
        description=content.COURSE_DESCRIPTION,
        rules=content.COURSE_RULES,
        hours=24,
        is_published=True,
        published_at=clock.now(),
    )
    with (MEDIA / content.WELCOME_VIDEO).open("rb") as handle:
        course.welcome_video.save(content.WELCOME_VIDEO, File(handle), save=True)
    for position, item in enumerate(content.SECTIONS, start=1):
        section = Section.objects.create(
            course=course,
            title=item.title,
            position=position,
            journal_required=item.journal_required,
            journal_prompt=item.journal_prompt,
        )
        for index, material in enumerate(item.materials, start=1):
            _material(section, index, material)
    return course


def _forget(person: Person, course: Course) -> None:
    """Remove everything a person has done in the course (for ``reset``)."""
    TrophyAward.objects.filter(person=person, course=course).delete()
    MaterialProgress.objects.filter(person=person, material__section__course=course).delete()
    Journal.objects.filter(person=person, section__course=course).delete()
    Enrollment.objects.filter(person=person, course=course).delete()


def _studied(person: Person, facilitator: Person, course: Course, sections_done: int = 2) -> None:
    """The first ``sections_done`` sections studied (for Siti: Materi Kebijakan and Agenda
    1), their journals accepted."""
    now = clock.now()
    sections = list(course.sections.filter(is_archived=False).order_by("position")[:sections_done])
    for section in sections:
        for material in section.materials.filter(is_archived=False):
            watched = [[0.0, material.duration]] if material.duration else []
            MaterialProgress.objects.create(
                person=person,
                material=material,
                opened_at=now,
                completed_at=now,
                watched=watched,
                watched_seconds=material.duration,
            )
            TrophyAward.objects.create(
                person=person, material=material, course=course, trophies=material.trophies
            )
        if section.journal_required:
            journal = Journal.objects.create(
                person=person,
                section=section,
                status=Journal.Status.ACCEPTED,
                text=SITI_JOURNAL if section.position == 2 else _reflection(section),
                revision=1,
                submitted_at=now,
                reviewed_by=facilitator,
                reviewed_at=now,
                feedback="Refleksi yang baik dan konkret. Lanjutkan!",
            )
            JournalEvent.objects.create(journal=journal, actor=person, status="submitted")
            JournalEvent.objects.create(
                journal=journal, actor=facilitator, status="accepted", feedback=journal.feedback
            )


@transaction.atomic
def load(participants: dict[str, Person], facilitator: Person, reset: bool = False) -> Course:
    """The demo course and cohort; ``participants`` maps "siti", "budi" and "rahmat" to
    their people."""
    course = Course.objects.filter(slug=content.COURSE_SLUG).first() or _create_course()
    cohort, _ = Cohort.objects.get_or_create(course=course, name=COHORT_NAME)
    cohort.facilitators.add(facilitator)
    now = clock.now()
    for key, person in participants.items():
        if reset:
            _forget(person, course)
        if Enrollment.objects.filter(person=person, course=course).exists():
            continue  # a tester's own progress survives a restart
        Enrollment.objects.create(
            person=person,
            course=course,
            cohort=cohort,
            consented_at=None if key == "budi" else now,
            welcome_seen_at=None if key == "budi" else now,
        )
        if key == "siti":
            _studied(person, facilitator, course)
        if key == "rahmat":
            _studied(person, facilitator, course, sections_done=len(content.SECTIONS))
            # History only, as "Selesai" would have noted it: results derive completion
            # from the facts above (learning.queries.completion_facts).
            Enrollment.objects.filter(person=person, course=course).update(completed_at=now)
    return course
