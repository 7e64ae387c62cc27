"""The demo course's question bank (``bank.gift``, our own texts, imported through the
GIFT reader like any organizer's file), its pre-test and academic evaluation. Rahmat
Hidayat has studied everything and first signed in 20 days ago: the evaluation is open
to him. Loading is idempotent; ``reset`` removes the demo people's attempts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.db import transaction

from latih.accounts.models import Person
from latih.common import clock
from latih.exams import formats
from latih.exams.models import Attempt, Category, Draw, Grant, Question
from latih.exams.models import Test as ExamTest
from latih.exams.services import _store
from latih.learning.models import Course

BANK = Path(__file__).resolve().parent / "bank.gift"
# Questions per attempt drawn from each category of the bank: 40 in all.
EVALUATION_DRAW = {
    "Materi Kebijakan": 5,
    "Agenda 1 — Wawasan Kebangsaan dan Nilai Bela Negara": 8,
    "Agenda 2 — Nilai-Nilai BerAKHLAK": 15,
    "Agenda 3 — Smart ASN dan Manajemen ASN": 8,
    "Agenda 4 — Aktualisasi": 4,
}
EVALUATION_INSTRUCTIONS = (
    "Evaluasi akademik terdiri atas 40 soal pilihan ganda dengan waktu 90 menit. Jawaban "
    "tersimpan otomatis setiap kali Anda memilih. Bila koneksi terputus, lanjutkan saja: "
    "jawaban dikirim ulang ketika koneksi kembali. Pada batas waktu, percobaan dikumpulkan "
    "dengan jawaban yang sudah tersimpan."
)
PRETEST_INSTRUCTIONS = (
    "Pre-test mengukur pengetahuan awal Anda sebelum belajar. Nilainya tidak menentukan "
    "kelulusan. Kerjakan dengan jujur: satu kali percobaan, 30 menit."
)


def _bank(course: Course) -> None:
    if Question.objects.filter(category__course=course).exists():
        return
    result = formats.read_bank(BANK.read_bytes(), BANK.name)
    if result.problems:  # our own file: a problem here is a bug, not a user's mistake
        raise ValueError(f"demo bank: {result.problems[:3]}")
    categories: dict[str, Category] = {}
    for question in result.questions:
        _store(course, question, categories)


def _tests(course: Course) -> ExamTest:
    ExamTest.objects.get_or_create(
        course=course,
        kind=ExamTest.Kind.PRE,
        defaults={
            "title": "Pre-test Pelatihan Dasar PPPK",
            "instructions": PRETEST_INSTRUCTIONS,
            "question_count": 10,
            "time_limit": 30,
            "max_attempts": 1,
            "show_answers": ExamTest.Review.NEVER,
            "is_published": True,
        },
    )
    evaluation, created = ExamTest.objects.get_or_create(
        course=course,
        kind=ExamTest.Kind.POST,
        defaults={
            "title": "Evaluasi Akademik Pelatihan Dasar PPPK",
            "instructions": EVALUATION_INSTRUCTIONS,
            "question_count": 40,
            "time_limit": 90,
            "show_answers": ExamTest.Review.AFTER_CLOSE,
            "is_published": True,
        },
    )
    if created:
        categories = {c.name: c for c in Category.objects.filter(course=course)}
        Draw.objects.bulk_create(
            Draw(test=evaluation, category=categories[name], count=count)
            for name, count in EVALUATION_DRAW.items()
            if name in categories
        )
    return evaluation


@transaction.atomic
def load(course: Course, rahmat: Person, reset: bool = False) -> None:
    _bank(course)
    _tests(course)
    if reset:
        Attempt.objects.filter(test__course=course).delete()
        Grant.objects.filter(test__course=course).delete()
    if rahmat.first_signed_in_at is None or reset:
        first = clock.now() - dt.timedelta(days=20)
        Person.objects.filter(pk=rahmat.pk).update(first_signed_in_at=first)
