"""Importing and exporting a question bank through the studio: a GIFT file, a file with a
bad question (nothing saved, or the clean ones with the rest listed), refused files, the
spreadsheet template, and every export format imported back into another course."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from latih.exams.models import Category, Question
from tests.factories import make_course

from .studio_support import shown, shown_n

GIFT = """// Bank uji
$CATEGORY: $course$/top/Agenda 1

::Ibu kota:: Ibu kota Indonesia adalah {=Jakarta ~Bandung ~Surabaya}

::Prima:: Pilih bilangan prima. {~%50%2 ~%50%3 ~%-100%4}
"""

BAD = """
::Salah bobot:: Pilih satu. {=A ~%44%B}
"""


def upload(text, name="bank.gift"):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def import_url(course):
    return reverse("exams_studio:import", args=[course.pk])


def snapshot(course, names=True):
    """The course's live questions as comparable values (a spreadsheet has no names)."""
    questions = (
        Question.objects.filter(category__course=course, is_archived=False)
        .select_related("category")
        .prefetch_related("options")
        .order_by("category__name", "text")
    )
    return [
        (
            q.category.name,
            q.name if names else "",
            q.text,
            q.multiple,
            q.format,
            [(o.text, o.fraction.normalize(), o.feedback) for o in q.options.all()],
        )
        for q in questions
    ]


def test_the_import_page_offers_the_template(studio, course):
    page = studio.get(import_url(course)).content.decode()
    assert reverse("exams_studio:template", args=[course.pk]) in page
    assert 'accept=".gift,.txt,.xml,.xlsx,.csv"' in page


def test_a_gift_file_is_imported(studio, course):
    response = studio.post(import_url(course), {"file": upload(GIFT)})
    assert response.status_code == 302
    assert response.url == reverse("exams_studio:bank", args=[course.pk])
    assert snapshot(course) == [
        (
            "Agenda 1",
            "Ibu kota",
            "Ibu kota Indonesia adalah",
            False,
            "plain",
            [("Jakarta", 100, ""), ("Bandung", 0, ""), ("Surabaya", 0, "")],
        ),
        (
            "Agenda 1",
            "Prima",
            "Pilih bilangan prima.",
            True,
            "plain",
            [("2", 50, ""), ("3", 50, ""), ("4", -100, "")],
        ),
    ]
    page = studio.get(response.url).content.decode()
    assert shown_n("%(count)s question imported.", "%(count)s questions imported.", 2) in page


def test_a_file_with_a_bad_question_imports_nothing_by_default(studio, course):
    response = studio.post(import_url(course), {"file": upload(GIFT + BAD)})
    assert response.status_code == 200
    assert not Question.objects.exists() and not Category.objects.exists()
    page = response.content.decode()
    assert 'data-testid="refused"' in page
    assert page.count('data-testid="problem"') == 1
    assert shown("Line %(line)s", line=8) in page
    assert "Salah bobot" in page
    weight = "Option %(option)s: weight %(weight)s%% is not one Moodle accepts; use %(nearest)s%%."
    assert shown(weight, option="2", weight="44", nearest="40") in page


def test_clean_only_imports_the_clean_questions_and_lists_the_bad_one(studio, course):
    response = studio.post(import_url(course), {"file": upload(GIFT + BAD), "clean_only": "on"})
    # Saved: the report comes after a redirect, so reloading it imports nothing again.
    assert response.status_code == 302 and response.url == import_url(course)
    assert Question.objects.count() == 2
    page = studio.get(response.url).content.decode()
    assert 'data-testid="imported"' in page
    assert page.count('data-testid="problem"') == 1 and "Salah bobot" in page
    assert shown("Line %(line)s", line=8) in page
    again = studio.get(import_url(course)).content.decode()
    assert 'data-testid="problem"' not in again  # shown once
    assert Question.objects.count() == 2


@pytest.mark.parametrize(
    ("name", "data"),
    [("bank.pdf", b"%PDF-1.4 not a bank"), ("bank.docx", b"PK\x03\x04 word")],
)
def test_a_file_of_another_type_is_refused(studio, course, name, data):
    response = studio.post(import_url(course), {"file": upload(data, name)})
    assert response.status_code == 200
    page = response.content.decode()
    message = "This file type is not supported: choose a GIFT, Moodle XML, XLSX or CSV file."
    assert shown(message) in page
    assert 'id="id_file_error"' in page
    assert not Question.objects.exists()


def test_a_file_above_5_mb_is_refused(studio, course):
    big = GIFT + "//" + "x" * (5 * 1024 * 1024) + "\n"
    response = studio.post(import_url(course), {"file": upload(big)})
    assert response.status_code == 200
    message = "The file is %(size)s MB; the limit is 5 MB. Split it into smaller files."
    assert shown(message, size="5.0") in response.content.decode()
    assert not Question.objects.exists()


def test_a_file_without_questions_says_so(studio, course):
    response = studio.post(import_url(course), {"file": upload("// hanya komentar\n")})
    assert shown("The file contains no questions.") in response.content.decode()


def test_the_spreadsheet_template_downloads(studio, course):
    response = studio.get(reverse("exams_studio:template", args=[course.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="bank-template.xlsx"' in response["Content-Disposition"]
    assert response.content.startswith(b"PK\x03\x04")


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("gift", "text/plain"),
        ("xml", "application/xml"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("csv", "text/csv"),
    ],
)
def test_an_exported_bank_imports_into_another_course_unchanged(
    studio, course, bank, fmt, content_type
):
    studio.post(import_url(course), {"file": upload(GIFT)})  # a second category
    response = studio.get(reverse("exams_studio:export", args=[course.pk, fmt]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    filename = f"bank-{course.slug}.{fmt}"
    assert f'attachment; filename="{filename}"' == response["Content-Disposition"]
    other = make_course()
    back = studio.post(import_url(other), {"file": upload(response.content, filename)})
    assert back.status_code == 302, back.content.decode()[-3000:]
    names = fmt in ("gift", "xml")
    assert snapshot(other, names) == snapshot(course, names)
    assert len(snapshot(other)) == 12


def test_an_unknown_export_format_is_not_found(studio, course):
    assert studio.get(reverse("exams_studio:export", args=[course.pk, "doc"])).status_code == 404
