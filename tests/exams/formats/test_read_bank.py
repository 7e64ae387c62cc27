"""Which reader a file goes to."""

import pytest

from latih.exams.formats import read_bank
from latih.exams.formats.table import template_xlsx

GIFT = b"Ibu kota Indonesia?{=Jakarta ~Bandung}"
XML = (
    b'<?xml version="1.0"?><quiz><question type="multichoice"><name><text>x</text></name>'
    b'<questiontext format="html"><text>Ibu kota Indonesia?</text></questiontext>'
    b'<answer fraction="100"><text>Jakarta</text></answer>'
    b'<answer fraction="0"><text>Bandung</text></answer></question></quiz>'
)
CSV = b"soal;pilihan_a;pilihan_b;kunci\r\nIbu kota Indonesia?;Jakarta;Bandung;A\r\n"


@pytest.mark.parametrize(
    "data, filename",
    [
        (GIFT, "bank.gift"),
        (GIFT, "BANK.TXT"),
        (XML, "bank.xml"),
        (XML, "ekspor-moodle.txt"),  # a Moodle XML export renamed
        (CSV, "bank.csv"),
        (template_xlsx(), "templat.xlsx"),
        (template_xlsx(), "templat.csv"),  # a workbook saved under the wrong name
    ],
)
def test_each_format_reaches_its_reader(data, filename):
    result = read_bank(data, filename)
    assert result.problems == []
    assert len(result.questions) == 1


@pytest.mark.parametrize(
    "filename, message",
    [
        (
            "bank.pdf",
            "This file type is not supported: choose a GIFT, Moodle XML, XLSX or CSV file.",
        ),
        ("bank", "This file type is not supported"),
        ("bank.xls", "save the file as an Excel workbook (.xlsx) or as CSV"),
        ("bank.ods", "save the file as an Excel workbook (.xlsx) or as CSV"),
    ],
)
def test_other_files_are_refused_with_a_reason(filename, message):
    result = read_bank(b"whatever", filename)
    assert result.questions == []
    (problem,) = result.problems
    assert message in problem.message
    assert (problem.line, problem.position) == (None, None)


@pytest.mark.parametrize(
    "data, filename",
    [
        (b"", "kosong.gift"),
        (b"// hanya komentar\n", "bank.txt"),
        (b"soal;pilihan_a;pilihan_b;kunci\r\n", "bank.csv"),
        (b"<quiz></quiz>", "bank.xml"),
    ],
)
def test_a_file_without_questions_says_so(data, filename):
    (problem,) = read_bank(data, filename).problems
    assert problem.message == "The file contains no questions."
