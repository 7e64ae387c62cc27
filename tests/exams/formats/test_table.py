"""The spreadsheet template, as XLSX or as CSV the way Indonesian Excel saves it."""

import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from latih.exams.formats import PLAIN
from latih.exams.formats.table import read_table, template_xlsx

HEADER = "kategori;soal;jenis;pilihan_a;pilihan_b;pilihan_c;pilihan_d;kunci;pembahasan"


def csv_bytes(*rows, header=HEADER, encoding="utf-8-sig", newline="\r\n"):
    return newline.join([header, *rows]).encode(encoding)


def xlsx_bytes(rows):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def only(result):
    assert result.problems == []
    (question,) = result.questions
    return question


def test_semicolon_csv_with_bom_from_indonesian_excel():
    data = csv_bytes(
        "Agenda 1/Bela Negara;Berapa Rp 1.500,50 + 0,50?;tunggal;Rp 1.500;Rp 1.501;3,5 juta;;B;"
        "Jumlahnya Rp 1.501,00."
    )
    question = only(read_table(data, "soal.csv"))
    assert question.category == "Agenda 1/Bela Negara"
    assert question.text == "Berapa Rp 1.500,50 + 0,50?"
    assert [(o.text, o.fraction) for o in question.options] == [
        ("Rp 1.500", 0),
        ("Rp 1.501", 100),
        ("3,5 juta", 0),
    ]
    assert (question.feedback, question.format, question.multiple) == (
        "Jumlahnya Rp 1.501,00.",
        PLAIN,
        False,
    )
    assert (question.line, question.position) == (2, 1)


@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
def test_delimiter_is_found_from_the_header(delimiter):
    header = delimiter.join(["Soal", "Pilihan A", "Pilihan B", "Kunci"])
    row = delimiter.join(['"Ibu kota, provinsi?"', "Bandung", "Bogor", "A"])
    question = only(read_table(csv_bytes(row, header=header, encoding="utf-8"), "x.csv"))
    assert question.text == "Ibu kota, provinsi?"


def test_excel_separator_hint_line():
    data = b"sep=,\r\nsoal,pilihan_a,pilihan_b,kunci\r\nApa?,a,b,B\r\n"
    question = only(read_table(data, "x.csv"))
    assert (question.line, [o.fraction for o in question.options]) == (3, [0, 100])


def test_windows_1252_csv():
    data = csv_bytes(";Café – harga €5?;;ya;tidak;;;A;", encoding="cp1252")
    assert only(read_table(data, "x.csv")).text == "Café – harga €5?"


def test_quoted_newlines_keep_the_physical_line_numbers():
    data = csv_bytes(
        ';"Baris satu\nbaris dua";;a;b;;;A;',
        ';Kedua;;a;"b\n\nlanjut";;;B;',
        "",
        ";Ketiga;;a;b;;;C;",
        newline="\n",
    )
    result = read_table(data, "x.csv")
    assert [(q.text, q.line) for q in result.questions] == [
        ("Baris satu\nbaris dua", 2),
        ("Kedua", 4),
    ]
    (problem,) = result.problems
    assert (problem.line, problem.position) == (8, 3)
    assert problem.message == "The key (kunci) names option C, but that option is empty."


def test_english_headers_in_an_xlsx_with_numbers_in_cells():
    data = xlsx_bytes(
        [
            ["Category", "Question", "Type", "Option A", "Option B", "Option C", "Key"],
            [],
            ["Hitung", "Berapa 7 / 2?", "single", 3.5, 4, "=3+0.5", "a"],
        ]
    )
    question = only(read_table(data, "bank.xlsx"))
    # A number cell has no locale: it is written with a decimal point, whole without ".0".
    # A formula counts by its saved value; openpyxl saves none, so that option is blank.
    assert [o.text for o in question.options] == ["3.5", "4"]
    assert (question.line, question.position, question.category) == (3, 1, "Hitung")


def test_ganda_without_weights_shares_100_and_takes_it_back_for_wrong_options():
    data = csv_bytes(';Pilih tiga;ganda;a;b;c;d;"A; C;D";')
    question = only(read_table(data, "x.csv"))
    fractions = [o.fraction for o in question.options]
    assert fractions == [
        Decimal("33.33333"),
        Decimal("-33.33333"),
        Decimal("33.33333"),
        Decimal("33.33334"),
    ]
    assert sum(f for f in fractions if f > 0) == 100


@pytest.mark.parametrize(
    "key, fractions",
    [
        ("A, C", [50, -50, 50, -50]),
        ("a;c", [50, -50, 50, -50]),
        ("A=50; C=50", [50, 0, 50, 0]),
        ("A=50; B=-50; C=50", [50, -50, 50, 0]),
        ("A = 33,33333 %; B=33,33333; C=33,33333", ["33.33333", "33.33333", "33.33333", 0]),
    ],
)
def test_ganda_keys(key, fractions):
    question = only(read_table(csv_bytes(f';Soal;ganda;a;b;c;d;"{key}";'), "x.csv"))
    assert question.multiple
    assert [o.fraction for o in question.options] == [Decimal(str(f)) for f in fractions]


@pytest.mark.parametrize(
    "row, message",
    [
        (";Soal;tunggal;a;b;;;;", "The key (kunci) is empty"),
        (";Soal;tunggal;a;b;;;C;", "The key (kunci) names option C, but that option is empty."),
        (";Soal;tunggal;a;b;;;Benar;", 'The key (kunci) "Benar" cannot be read'),
        (';Soal;ganda;a;b;c;;"A=50; C=40";', "add up to 90%, not 100%."),
        (';Soal;ganda;a;b;c;;"A=33,33; B=33,33; C=33,34";', "use 33.33333%"),
        (';Soal;ganda;a;b;c;;"A=50; C";', "Give a weight to every letter"),
        (";Soal;pilihan ganda;a;b;;;A;", 'Unknown type (jenis) "pilihan ganda"'),
        (";Soal;tunggal;a;b;c;;A, C;", "names 2. Write ganda in the jenis column"),
        (";Soal;tunggal;a;b;;;A, A;", "names the same option twice"),
        (";Soal;tunggal;a;;;;A;", "A question needs at least 2 options; this one has 1."),
        (";;tunggal;a;b;;;A;", "The question text is empty."),
        (";Soal;tunggal;a;b;;;A=50;", "No option is worth 100%"),
    ],
)
def test_bad_rows_are_reported_with_their_row(row, message):
    data = csv_bytes(";Baik;;a;b;;;A;", row)
    result = read_table(data, "x.csv")
    assert [q.text for q in result.questions] == ["Baik"]
    assert result.problems
    assert all((p.line, p.position) == (3, 2) for p in result.problems)
    assert any(message in p.message for p in result.problems), result.problems


def test_check_messages_name_the_options_by_their_letter():
    (problem,) = read_table(csv_bytes(';Soal;tunggal;a;;c;;"A=100; C=33";'), "x.csv").problems
    assert problem.message.startswith("Option C: weight 33%")


def test_bad_rows_in_an_xlsx_give_the_spreadsheet_row():
    rows = [
        ["soal", "pilihan_a", "pilihan_b", "kunci"],
        ["Satu", "a", "b", "A"],
        [None, None, None, None],
        ["Tiga", "a", "b", None],
    ]
    (problem,) = read_table(xlsx_bytes(rows), "x.xlsx").problems
    assert (problem.line, problem.position, problem.excerpt) == (4, 2, "Tiga")


def test_missing_header_columns_are_one_file_problem():
    data = csv_bytes(";Soal;;a;b;;;A;", header="kategori;teks;jenis;a;b;c;d;jawaban;x")
    result = read_table(data, "x.csv")
    assert result.questions == []
    (problem,) = result.problems
    assert "soal, pilihan_a, pilihan_b, kunci" in problem.message
    assert (problem.line, problem.position) == (None, None)


def test_empty_rows_are_skipped():
    data = csv_bytes(";;;;;;;;", ";Soal;;a;b;;;B;", ";;;;;;;;")
    assert only(read_table(data, "x.csv")).line == 3


@pytest.mark.parametrize(
    "data",
    [HEADER.encode(), b"Ini bukan spreadsheet"],
    ids=["csv-named-xlsx", "text"],
)
def test_a_file_named_xlsx_that_is_not_one(data):
    (problem,) = read_table(data, "bank.xlsx").problems
    assert problem.message.startswith("This file is not an Excel spreadsheet (XLSX).")


def test_a_zip_without_a_workbook_is_not_a_spreadsheet():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("content.xml", "<office/>")
    (problem,) = read_table(out.getvalue(), "bank.xlsx").problems
    assert problem.message.startswith("This file is not an Excel spreadsheet (XLSX).")


def test_a_damaged_workbook_is_one_problem():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "this is not xml")
    result = read_table(out.getvalue(), "bank.xlsx")
    assert result.questions == []
    (problem,) = result.problems
    assert problem.message.startswith("The spreadsheet could not be opened")


def test_template_reads_as_one_example_question_and_explains_every_column():
    data = template_xlsx()
    question = only(read_table(data, "templat.xlsx"))
    assert question.options[1].text == "Harmonis"
    assert [o.fraction for o in question.options] == [0, 100, 0, 0]
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["Soal", "Petunjuk"]
    guide = " ".join(str(c.value) for row in workbook["Petunjuk"].iter_rows() for c in row)
    for column in ("kategori", "soal", "jenis", "pilihan_a", "kunci", "pembahasan"):
        assert column in guide
    header = [c.value for c in workbook["Soal"][1]]
    assert header == [
        "kategori",
        "soal",
        "jenis",
        *(f"pilihan_{letter}" for letter in "abcdefgh"),
        "kunci",
        "pembahasan",
    ]
