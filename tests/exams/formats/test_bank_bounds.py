"""A small question-bank file must cost little to read (Trust #4): a 0.9 MB bank took
205 s and 895 MB. Each reader is bounded like the participant import (file size,
questions, cells per row, cell length, unpacked parts, time), and a file past a bound is
refused as a whole with a message saying which.

The bounds are asserted by what was read (rows, cells, options, problems kept) and by the
refusal, never by the wall clock: time is a fake monotonic clock.
"""

import io
from dataclasses import replace
from itertools import count

import pytest

from latih.common import spreadsheets_limits as bounds
from latih.exams import formats
from latih.exams.formats import LIMITS, MAX_PROBLEMS, read_bank, table
from latih.exams.formats.checks import MAX_OPTIONS
from tests.upload_craft import shared_string_workbook, zip_bomb_workbook

HEADER = ["kategori", "soal", "jenis", *(f"pilihan_{c}" for c in "abcdefgh"), "kunci"]
HUGE = 2 * 1024 * 1024


def file_level(result) -> list[str]:
    return [p.message for p in result.problems if p.line is None and p.position is None]


@pytest.fixture
def cells_read(monkeypatch):
    """How many cells the spreadsheet reader turned into text."""
    seen = [0]
    real = table._cell_text

    def counting(value):
        seen[0] += 1
        return real(value)

    monkeypatch.setattr(table, "_cell_text", counting)
    return seen


def test_rows_of_one_huge_shared_string_are_read_cut_and_refused_quickly(cells_read):
    data = shared_string_workbook(HEADER, rows=300, huge=HUGE)
    assert len(data) < 8 * 1024
    result = read_bank(data, "bank.xlsx")
    assert not result.questions
    assert len(result.problems) <= MAX_PROBLEMS
    assert all(len(problem.message) < 600 for problem in result.problems)
    assert all(len(problem.excerpt) <= 80 for problem in result.problems)
    assert result.problems[0].excerpt.endswith("…")
    assert cells_read[0] <= 301 * LIMITS.max_columns


def test_more_questions_than_the_bound_are_refused_as_a_whole(cells_read, monkeypatch):
    monkeypatch.setattr(formats, "LIMITS", replace(LIMITS, max_rows=50))
    data = shared_string_workbook(HEADER, rows=5000, huge=20)
    result = read_bank(data, "bank.xlsx")
    assert file_level(result) == [
        "The file holds more than 50 questions. Split it into several files."
    ]
    assert not result.questions and len(result.problems) == 1
    assert cells_read[0] <= 52 * LIMITS.max_columns  # stopped at question 51


def test_the_default_bound_on_questions(cells_read):
    data = shared_string_workbook(HEADER, rows=LIMITS.max_rows + 1, huge=20)
    result = read_bank(data, "bank.xlsx")
    assert file_level(result) == [
        "The file holds more than 5.000 questions. Split it into several files."
    ]


def test_a_row_keeps_at_most_the_bounded_number_of_cells(cells_read):
    data = shared_string_workbook(HEADER, rows=3, huge=20, columns=5000)
    read_bank(data, "bank.xlsx")
    assert cells_read[0] <= 4 * LIMITS.max_columns


def test_a_zip_bomb_is_refused_before_openpyxl_opens_it(monkeypatch):
    import openpyxl

    opened = []
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: opened.append(a))
    data = zip_bomb_workbook(HEADER, unpacked=LIMITS.max_part + 1)
    assert len(data) < LIMITS.max_part // 500
    result = read_bank(data, "bank.xlsx")
    assert file_level(result) and "too large to read" in file_level(result)[0]
    assert not opened


def test_a_row_numbered_past_excel_last_row_is_not_followed(monkeypatch):
    # openpyxl yields an empty row for every row a file skips: a row numbered two billion
    # would be two billion rows. Reading stops at Excel's last row (made small here).
    monkeypatch.setattr(bounds, "EXCEL_ROWS", 1000)
    lines = []
    real = table._read_rows

    def spy(rows):
        return real((lines.append(line), (line, cells))[1] for line, cells in rows)

    monkeypatch.setattr(table, "_read_rows", spy)
    read_bank(_with_far_row(HEADER), "bank.xlsx")
    assert 0 < len(lines) <= 1000


def _with_far_row(header):
    import zipfile

    from tests import upload_craft

    base = upload_craft.shared_string_workbook(header, rows=0, huge=1)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(
                    b"</sheetData>",
                    b'<row r="2000000000"><c t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
                )
            target.writestr(item.filename, content)
    return out.getvalue()


def test_a_file_past_the_size_bound_is_refused_unread():
    data = b"::q:: a {=b ~c}\n\n" * (LIMITS.max_bytes // 16)
    result = read_bank(data, "bank.gift")
    assert file_level(result) == ["The file is larger than 5 MB. Split it into several files."]
    assert not result.questions


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bank.gift", "::q{n}:: Soal {n} {{=a ~b}}\n\n"),
        (
            "bank.xml",
            '<question type="multichoice"><questiontext><text>q{n}</text>'
            '</questiontext><answer fraction="100"><text>a</text></answer>'
            '<answer fraction="0"><text>b</text></answer></question>',
        ),
        ("bank.csv", "Soal {n};a;b;A\n"),
    ],
)
def test_every_format_refuses_more_questions_than_the_bound(monkeypatch, name, content):
    monkeypatch.setattr(formats, "LIMITS", replace(LIMITS, max_rows=20))
    body = "".join(content.format(n=n) for n in range(100))
    if name.endswith(".xml"):
        body = f"<quiz>{body}</quiz>"
    if name.endswith(".csv"):
        body = "soal;pilihan_a;pilihan_b;kunci\n" + body
    result = read_bank(body.encode(), name)
    assert file_level(result) == [
        "The file holds more than 20 questions. Split it into several files."
    ]
    assert not result.questions


def test_the_same_files_under_the_bound_are_read(monkeypatch):
    monkeypatch.setattr(formats, "LIMITS", replace(LIMITS, max_rows=20))
    body = "".join(f"::q{n}:: Soal {n} {{=a ~b}}\n\n" for n in range(20))
    assert len(read_bank(body.encode(), "bank.gift").questions) == 20


def test_reading_stops_past_the_time_bound(monkeypatch):
    ticks = count()
    monkeypatch.setattr(bounds, "monotonic", lambda: float(next(ticks)))  # a second a call
    body = "".join(f"::q{n}:: Soal {n} {{=a ~b}}\n\n" for n in range(200))
    result = read_bank(body.encode(), "bank.gift")
    assert file_level(result) == [
        "Reading the file took longer than 30 seconds, so it was stopped. Split it into "
        "several smaller files and try again."
    ]


def test_a_gift_question_of_a_million_options_is_refused_before_they_are_built(monkeypatch):
    built = []
    real = formats.BankOption.__init__

    def counting(self, *args, **kwargs):
        built.append(1)
        real(self, *args, **kwargs)

    monkeypatch.setattr(formats.BankOption, "__init__", counting)
    data = ("::q:: Soal {=a " + "~b " * 1_000_000 + "}\n").encode()
    result = read_bank(data, "bank.gift")
    assert [p.message for p in result.problems] == [
        f"A question may have at most {MAX_OPTIONS} options."
    ]
    assert not built


def test_a_moodle_xml_question_of_many_answers_is_refused():
    answers = '<answer fraction="0"><text>b</text></answer>' * 1000
    data = (
        '<quiz><question type="multichoice"><questiontext><text>q</text></questiontext>'
        f'<answer fraction="100"><text>a</text></answer>{answers}</question></quiz>'
    ).encode()
    result = read_bank(data, "bank.xml")
    assert [p.message for p in result.problems] == [
        f"A question may have at most {MAX_OPTIONS} options."
    ]


def test_problems_past_the_bound_are_counted_not_kept():
    body = "".join(f"Deskripsi {n} tanpa jawaban\n\n" for n in range(MAX_PROBLEMS + 250))
    result = read_bank(body.encode(), "bank.gift")
    assert len(result.problems) == MAX_PROBLEMS
    assert result.unlisted == 250
    assert not result.clean


def test_file_text_quoted_in_a_message_is_cut():
    data = ('<quiz><question type="' + "x" * 100_000 + '"/></quiz>').encode()
    (problem,) = read_bank(data, "bank.xml").problems
    assert len(problem.message) < 300
    key = "kunci;" + "?" * 50_000
    csv_data = f"soal;pilihan_a;pilihan_b;{key.split(';')[0]}\nSoal;a;b;{'?' * 50_000}\n"
    (problem,) = read_bank(csv_data.encode(), "bank.csv").problems
    assert len(problem.message) < 400


def test_the_import_report_says_how_many_problems_are_not_shown(organizer, course):
    from latih.exams import services
    from latih.exams.models import Question

    body = "::ok:: Soal {=a ~b}\n\n" + "".join(
        f"Deskripsi {n} tanpa jawaban\n\n" for n in range(MAX_PROBLEMS + 5)
    )
    report = services.import_bank(organizer, course, body.encode(), "bank.gift", clean_only=True)
    assert report.imported == 1 and not report.file_refused
    assert len(report.problems) == MAX_PROBLEMS + 1
    assert report.problems[-1].message == (
        "…and 5 more problems, not shown: fix these and import the file again."
    )
    assert Question.objects.filter(category__course=course).count() == 1


def test_a_row_of_numbers_is_not_taken_for_a_blank_one():
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["soal", "pilihan_a", "pilihan_b", "kunci"])
    book.active.append([0, 0, 1, "B"])
    out = io.BytesIO()
    book.save(out)
    result = read_bank(out.getvalue(), "bank.xlsx")
    assert [question.text for question in result.questions] == ["0"]
