"""Factories for tests: people with valid, agreeing NIP and NIK, agencies and units."""

import datetime as dt
import itertools

from latih.accounts.models import Person, Role
from latih.agencies.models import Agency, Unit

PASSWORD = "Sandi-Uji#2026"
_sequence = itertools.count(1)


def nip_for(birth: dt.date, woman: bool = False, seq: int = 1, pppk: bool = True) -> str:
    middle = "202421" if pppk else "201503"
    return f"{birth:%Y%m%d}{middle}{2 if woman else 1}{seq:03d}"


def nik_for(birth: dt.date, woman: bool = False, seq: int = 1, region: str = "352101") -> str:
    day = birth.day + (40 if woman else 0)
    return f"{region}{day:02d}{birth:%m%y}{seq:04d}"


def signed_in(person: Person):
    """A test client signed in as ``person``."""
    from django.test import Client

    client = Client()
    client.force_login(person)
    return client


def make_agency(name: str | None = None, units: tuple[str, ...] = ("BKPSDM",)) -> Agency:
    n = next(_sequence)
    agency = Agency.objects.create(name=name or f"Instansi Uji {n}", code=f"uji-{n}")
    for unit in units:
        Unit.objects.create(agency=agency, name=unit)
    return agency


def make_person(
    agency: Agency | None = None,
    role: str = Role.PARTICIPANT,
    password: str | None = PASSWORD,
    woman: bool = False,
    name: str | None = None,
) -> Person:
    """A person with a fresh NIP/NIK pair; ``password=None`` means never signed in."""
    n = next(_sequence)
    # Birth dates from 1970 to 1994, so every NIP stays plausible however many are made.
    birth = dt.date(1970, 1, 1) + dt.timedelta(days=(n * 37) % 9000)
    agency = agency if agency is not None else make_agency()
    return Person.objects.create_user(
        nip_for(birth, woman, seq=n % 1000 or 1),
        password,
        nik=nik_for(birth, woman, seq=n),
        name=name or f"Pegawai Uji {n}",
        agency=agency,
        unit=agency.units.first(),
        role=role,
        phone="081234567890",
        email=f"uji{n}@example.go.id",
    )


def make_course(
    sections: tuple[tuple[str, tuple[str, ...], bool], ...] = (
        ("Materi Kebijakan", ("text", "video"), False),
        ("Agenda 1", ("text", "text"), True),
    ),
    published: bool = True,
    video_seconds: float = 60.0,
    **policy: object,
):
    """A course of (title, material kinds, journal required) sections; videos get a small
    stand-in file and ``video_seconds`` as their length."""
    from django.core.files.base import ContentFile

    from latih.learning.models import Course, Material, Section

    n = next(_sequence)
    course = Course.objects.create(
        title=f"Pelatihan Uji {n}",
        slug=f"uji-{n}",
        rules="Pelajari materi secara berurutan.\nTonton video sampai selesai.",
        is_published=published,
        **policy,
    )
    for position, (title, kinds, journal) in enumerate(sections, start=1):
        section = Section.objects.create(
            course=course, title=title, position=position, journal_required=journal
        )
        for index, kind in enumerate(kinds, start=1):
            material = Material(
                section=section,
                title=f"{title} materi {index}",
                kind=kind,
                position=index,
                body="<p>Isi materi.</p>" if kind == "text" else "",
                url="https://lan.go.id/" if kind == "link" else "",
                duration=video_seconds if kind in ("video", "audio") else 0,
            )
            if kind in ("video", "audio", "pdf"):
                material.file.save(f"{kind}.bin", ContentFile(b"\x1a\x45\xdf\xa3demo"), save=False)
                material.file_type = {"pdf": "application/pdf"}.get(kind, f"{kind}/webm")
            material.save()
    return course


def enrol(person, course, consented: bool = True):
    from latih.common import clock
    from latih.learning.models import Enrollment

    return Enrollment.objects.create(
        person=person, course=course, consented_at=clock.now() if consented else None
    )


def finish_course(person, course, signed_in_days_ago: int = 30, journals: str = "submitted"):
    """Everything of ``course`` studied by ``person`` (who is enrolled): every material
    completed with its trophy, every required journal ``journals`` (submitted or
    accepted), the course completed; first signed in long ago."""
    from latih.accounts.models import Person
    from latih.common import clock
    from latih.learning.models import (
        Enrollment,
        Journal,
        Material,
        MaterialProgress,
        TrophyAward,
    )

    now = clock.now()
    for material in Material.objects.filter(section__course=course, is_archived=False):
        MaterialProgress.objects.get_or_create(
            person=person, material=material, defaults={"completed_at": now}
        )
        TrophyAward.objects.get_or_create(
            person=person, material=material, course=course, trophies=material.trophies
        )
    for section in course.sections.filter(journal_required=True):
        Journal.objects.update_or_create(
            person=person,
            section=section,
            defaults={"status": journals, "text": "Refleksi.", "submitted_at": now},
        )
    Enrollment.objects.filter(person=person, course=course).update(completed_at=now)
    first = now - dt.timedelta(days=signed_in_days_ago)
    Person.objects.filter(pk=person.pk).update(first_signed_in_at=first)
    person.first_signed_in_at = first


def make_bank(course, questions: int = 10, category: str = "Umum", multiple: int = 0):
    """``questions`` single-answer questions of four options (the first correct, "Benar
    n"), then ``multiple`` several-correct ones (the first two at 50 %, the rest -50 %)."""
    from decimal import Decimal

    from latih.exams.models import Category, Option, Question

    group, _ = Category.objects.get_or_create(course=course, name=category)
    made = []
    for n in range(1, questions + multiple + 1):
        several = n > questions
        question = Question.objects.create(
            category=group, text=f"Soal {category} {n}: pilih yang benar.", multiple=several
        )
        for position in range(4):
            if several:
                fraction = Decimal(50) if position < 2 else Decimal(-50)
            else:
                fraction = Decimal(100) if position == 0 else Decimal(0)
            Option.objects.create(
                question=question,
                text=f"{'Benar' if fraction > 0 else 'Salah'} {n}.{position}",
                fraction=fraction,
                position=position,
            )
        made.append(question)
    return made


def make_test(course, kind: str = "post", **fields):
    from latih.exams.models import Test

    defaults = {
        "title": "Evaluasi Akademik" if kind == "post" else "Pre-test",
        "question_count": 5,
        "is_published": True,
        "max_attempts": None if kind == "post" else 1,
    }
    defaults.update(fields)
    return Test.objects.create(course=course, kind=kind, **defaults)


def graded_attempt(person, test, score, number: int = 1):
    """A submitted attempt of ``test`` with ``score`` (as if graded), no questions."""
    from decimal import Decimal

    from latih.common import clock
    from latih.exams.models import Attempt

    now = clock.now()
    score = Decimal(str(score))
    return Attempt.objects.create(
        test=test,
        person=person,
        number=number,
        started_at=now - dt.timedelta(minutes=30),
        deadline=now + dt.timedelta(minutes=60),
        cap=Decimal("100"),
        submitted_at=now,
        raw_score=score,
        score=score,
        passed=score >= test.pass_mark,
    )
