"""Reading uploaded participant lists (CSV, XLSX), the template and the error file."""

import csv
import tracemalloc
import zipfile
from dataclasses import replace
from datetime import date, datetime

import pytest
from django.utils import translation
from openpyxl import Workbook, load_workbook

from latih.cohorts import sheets
from latih.cohorts.sheets import (
    COLUMNS,
    HEADERS,
    SheetError,
    open_sheet,
    problems_csv,
    template_csv,
    template_xlsx,
)


@pytest.fixture(autouse=True)
def _english():
    # The messages are asserted in their English msgids.
    with translation.override("en"):
        yield


NIP = "199811082024211007"
NIK = "3273010811980001"
HEADER = ["NIP", "NIK", "Nama"]


def xlsx(path, rows, title="Peserta", before=()):
    """Write a workbook: optional sheets ``before`` (title, rows), then ``title`` with rows."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for other_title, other_rows in [*before, (title, rows)]:
        sheet = workbook.create_sheet(other_title)
        for row in other_rows:
            sheet.append(list(row))
    workbook.save(path)
    return path


def with_numbers(path, numbers):
    """Put the exact ``numbers`` (placeholder -> digits) into the workbook's XML: openpyxl
    writes an int beyond a double's precision as a float, but other writers keep it."""
    with zipfile.ZipFile(path) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    for name, content in files.items():
        if name.startswith("xl/worksheets/"):
            for placeholder, digits in numbers.items():
                content = content.replace(
                    f"<v>{placeholder}</v>".encode(), f"<v>{digits}</v>".encode()
                )
            files[name] = content
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return path


def csv_file(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


def read(path, filename=None):
    sheet = open_sheet(path, filename or path.name)
    return sheet, list(sheet.rows())


def names(rows):
    return [(row.line, row.values["name"]) for row in rows]


# --- XLSX -------------------------------------------------------------------------------------


def test_xlsx_text_cells_read_stripped(tmp_path):
    path = xlsx(tmp_path / "peserta.xlsx", [HEADER, [NIP, NIK, "  Andi Saputra  "]])
    sheet, rows = read(path)
    assert sheet.kind == "xlsx"
    assert rows[0] == sheets.SheetRow(
        line=2,
        values=dict.fromkeys(COLUMNS, "") | {"nip": NIP, "nik": NIK, "name": "Andi Saputra"},
        damaged=frozenset(),
    )


# The XML text of a number cell, as the file holds it, and what the row reads.
NUMBER_CELLS = {
    "nip_int_intact": ("nip", "199811082024211007", "199811082024211007", False),
    "nik_int_intact": ("nik", "3273010811980001", "3273010811980001", False),
    # Excel's 15 significant digits, written as a float or as a rounded integer.
    "nip_float": ("nip", "1.99811082024211E+17", "199811082024211000", True),
    "nip_float_17_digits": ("nip", "1.9981108202421101E+17", "199811082024211000", True),
    "nip_rounded_int": ("nip", "199811082024211000", "199811082024211000", True),
    "nik_float": ("nik", "3.27301081198E+15", "3273010811980000", True),
    "nik_rounded_int": ("nik", "3273010811980000", "3273010811980000", True),
    # Lost leading digits, or never had them all.
    "nip_int_17_digits": ("nip", "19981108202421100", "19981108202421100", True),
    "nik_int_short": ("nik", "327301081198", "327301081198", True),
    "nik_float_short": ("nik", "327301081198.0", "327301081198", True),
}


@pytest.mark.parametrize("case", NUMBER_CELLS)
def test_xlsx_number_cells_that_lost_digits_marked_damaged(tmp_path, case):
    column, stored, text, damaged = NUMBER_CELLS[case]
    row = [NIP, NIK, "Andi"]
    row[COLUMNS.index(column)] = 987654321  # a placeholder for the stored text
    path = with_numbers(xlsx(tmp_path / "p.xlsx", [HEADER, row]), {987654321: stored})
    read_row = read(path)[1][0]
    assert read_row.values[column] == text
    assert read_row.damaged == (frozenset({column}) if damaged else frozenset())


def test_xlsx_number_cells_as_openpyxl_writes_them(tmp_path):
    # openpyxl itself writes an int beyond a double's precision as a float.
    path = xlsx(
        tmp_path / "p.xlsx",
        [HEADER, [int(NIP), 3273010811980001, "A"], [1.99811082024211e17, 3.27301081198e15, "B"]],
    )
    rows = read(path)[1]
    assert [(row.values["nip"], row.values["nik"], row.damaged) for row in rows] == [
        ("199811082024211000", NIK, frozenset({"nip"})),
        ("199811082024211000", "3273010811980000", frozenset({"nip", "nik"})),
    ]


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        (12.5, "12.5"),
        (3.0, "3"),
        (1e-07, "0.0000001"),
        (42, "42"),
        (True, "TRUE"),
        (False, "FALSE"),
        (datetime(1998, 11, 8, 0, 0), "1998-11-08"),
        (date(1998, 11, 8), "1998-11-08"),
        ("  Analis\u00a0SDM ", "Analis SDM"),
    ],
)
def test_xlsx_cell_value_as_text(tmp_path, cell, text):
    path = xlsx(tmp_path / "p.xlsx", [[*HEADER, "Jabatan"], [NIP, NIK, "Andi", cell]])
    _sheet, rows = read(path)
    assert rows[0].values["position"] == text


def test_xlsx_header_below_title_and_blank_rows_skipped_with_their_row_numbers(tmp_path):
    path = xlsx(
        tmp_path / "p.xlsx",
        [
            [],
            ["DAFTAR PESERTA PELATIHAN DASAR ANGKATAN I"],
            [],
            ["No", *HEADER],
            [1, NIP, NIK, "Andi"],
            [],
            [None, None, None, "   "],
            [2],  # only the row number filled in: nothing to enrol
            [3, NIP, NIK, "Budi"],
        ],
    )
    sheet, rows = read(path)
    assert sheet.header_line == 4
    assert names(rows) == [(5, "Andi"), (9, "Budi")]


def test_xlsx_peserta_sheet_chosen_over_the_first(tmp_path):
    path = xlsx(
        tmp_path / "p.xlsx",
        [HEADER, [NIP, NIK, "Dari Peserta"]],
        before=[("Rekap", [HEADER, [NIP, NIK, "Dari Rekap"]])],
    )
    assert names(read(path)[1]) == [(2, "Dari Peserta")]


def test_xlsx_without_peserta_sheet_reads_the_first(tmp_path):
    path = xlsx(
        tmp_path / "p.xlsx",
        [HEADER, [NIP, NIK, "Kedua"]],
        title="Lainnya",
        before=[("Sheet1", [HEADER, [NIP, NIK, "Pertama"]])],
    )
    assert names(read(path)[1]) == [(2, "Pertama")]


def test_xlsx_is_told_by_content_whatever_its_name(tmp_path):
    path = xlsx(tmp_path / "upload_tmp_3f9a", [HEADER, [NIP, NIK, "Andi"]])
    sheet, rows = read(path, "peserta.csv")
    assert sheet.kind == "xlsx"
    assert names(rows) == [(2, "Andi")]


# --- CSV --------------------------------------------------------------------------------------

# Text (NIP and NIK filled in), the delimiter read and the line of the first data row.
CSV_CASES = {
    "bom_semicolon": ("\ufeffNIP;NIK;Nama\n{nip};{nik};Andi\n{nip};{nik};Budi\n", ";", 2),
    "windows_lines": ("NIP;NIK;Nama\r\n{nip};{nik};Andi\r\n{nip};{nik};Budi\r\n", ";", 2),
    "old_mac_lines": ("NIP;NIK;Nama\r{nip};{nik};Andi\r{nip};{nik};Budi\r", ";", 2),
    "comma_no_final_newline": ("NIP,NIK,Nama\n{nip},{nik},Andi\n{nip},{nik},Budi", ",", 2),
    "tab": ("NIP\tNIK\tNama\n{nip}\t{nik}\tAndi\n{nip}\t{nik}\tBudi\n", "\t", 2),
    "pipe": ("NIP|NIK|Nama\n{nip}|{nik}|Andi\n{nip}|{nik}|Budi\n", "|", 2),
    "commas_in_quotes": (
        'NIP;NIK;"Nama";"Jabatan (eselon, golongan)"\n'
        '{nip};{nik};Andi;"A, B"\n{nip};{nik};Budi;C\n',
        ";",
        2,
    ),
    "excel_sep_hint": (
        "sep=,\nNIP,NIK,Nama,Jabatan (a; b; c; d)\n{nip},{nik},Andi\n{nip},{nik},Budi\n",
        ",",
        3,
    ),
}


@pytest.mark.parametrize("case", CSV_CASES)
def test_csv_dialects(tmp_path, case):
    text, delimiter, first_line = CSV_CASES[case]
    path = csv_file(tmp_path / "p.csv", text.format(nip=NIP, nik=NIK))
    sheet, rows = read(path)
    assert (sheet.kind, sheet.delimiter) == ("csv", delimiter)
    assert names(rows) == [(first_line, "Andi"), (first_line + 1, "Budi")]
    assert (rows[0].values["nip"], rows[0].values["nik"]) == (NIP, NIK)


def test_csv_not_utf8_read_as_windows_1252(tmp_path):
    path = csv_file(tmp_path / "p.csv", f"NIP;NIK;Nama\r\n{NIP};{NIK};Andrés Müller\r\n", "cp1252")
    sheet, rows = read(path)
    assert sheet.encoding == "cp1252"
    assert rows[0].values["name"] == "Andrés Müller"


def test_csv_utf8_without_bom_keeps_accents(tmp_path):
    path = csv_file(tmp_path / "p.csv", f"NIP;NIK;Nama\n{NIP};{NIK};Andrés\n")
    assert read(path)[1][0].values["name"] == "Andrés"


def test_csv_quoted_newline_keeps_the_following_line_numbers(tmp_path):
    text = (
        "NIP;NIK;Nama;Unit Kerja\r\n"
        f'{NIP};{NIK};Andi;"Bidang Mutasi\r\ndan Promosi"\r\n'
        f'{NIP};{NIK};Budi;"Satu\ndua\ntiga"\r\n'
        f"{NIP};{NIK};Citra;Sekretariat\r\n"
    )
    _sheet, rows = read(csv_file(tmp_path / "p.csv", text))
    assert names(rows) == [(2, "Andi"), (4, "Budi"), (7, "Citra")]
    assert rows[0].values["unit"] == "Bidang Mutasi\r\ndan Promosi"


def test_csv_blank_lines_and_rows_of_empty_cells_skipped(tmp_path):
    text = f"\n;;\nNIP;NIK;Nama\n{NIP};{NIK};Andi\n\n;;\n ; ; \n{NIP};{NIK};Budi\n"
    sheet, rows = read(csv_file(tmp_path / "p.csv", text))
    assert sheet.header_line == 3
    assert names(rows) == [(4, "Andi"), (8, "Budi")]


def test_csv_title_line_above_the_header(tmp_path):
    text = f"Daftar peserta, angkatan I\n\nNIP;NIK;Nama\n{NIP};{NIK};Andi\n"
    sheet, rows = read(csv_file(tmp_path / "p.csv", text))
    assert (sheet.delimiter, sheet.header_line) == (";", 3)
    assert names(rows) == [(4, "Andi")]


def test_csv_short_rows_leave_the_missing_columns_empty(tmp_path):
    text = f"NIP;NIK;Nama;Email\n{NIP};{NIK}\n"
    _sheet, rows = read(csv_file(tmp_path / "p.csv", text))
    assert rows[0].values == dict.fromkeys(COLUMNS, "") | {"nip": NIP, "nik": NIK}


@pytest.mark.parametrize(
    ("cell", "text", "damaged"),
    [
        ("1.99811E+17", "1.99811E+17", True),
        ("1,99811E+17", "1,99811E+17", True),
        ("1.99811e17", "1.99811e17", True),
        ("2E+17", "2E+17", True),
        (NIP, NIP, False),
        (f"'{NIP}", NIP, False),
        (f"\u00a0{NIP}\u00a0", NIP, False),
        ("19981108 202421 1 007", "19981108 202421 1 007", False),  # the caller normalizes
        ("199811082024211000", "199811082024211000", False),  # cannot be told in a CSV
    ],
)
def test_csv_nip_in_scientific_notation_marked_damaged(tmp_path, cell, text, damaged):
    path = csv_file(tmp_path / "p.csv", f'NIP;NIK;Nama\n"{cell}";{cell};Andi\n')
    row = read(path)[1][0]
    assert (row.values["nip"], row.values["nik"]) == (text, text)
    assert row.damaged == (frozenset({"nip", "nik"}) if damaged else frozenset())


def test_csv_other_columns_in_scientific_notation_not_marked(tmp_path):
    path = csv_file(tmp_path / "p.csv", f"NIP;NIK;Nama;Nomor HP\n{NIP};{NIK};Andi;8,12346E+10\n")
    row = read(path)[1][0]
    assert row.values["phone"] == "8,12346E+10"
    assert row.damaged == frozenset()


# --- The header -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("NIP/NI PPPK", "nip"),
        ("NIP / NI PPPK", "nip"),
        ("nomor induk pegawai", "nip"),
        ("NIP*", "nip"),
        ("NIP (18 digit)", "nip"),
        ("No. KTP", "nik"),
        ("Nomor Induk Kependudukan", "nik"),
        ("Nama Lengkap", "name"),
        ("  NAMA   LENGKAP: ", "name"),
        ("Full Name", "name"),
        ("Tempat Lahir", "birth_place"),
        ("birth_place", "birth_place"),
        ("E-mail", "email"),
        ("Surel", "email"),
        ("No. HP", "phone"),
        ("No WA", "phone"),
        ("WhatsApp", "phone"),
        ("Nomor Telepon", "phone"),
        ("Kode Instansi", "agency"),
        ("Satker", "unit"),
        ("Unit Kerja", "unit"),
        ("Position", "position"),
    ],
)
def test_header_aliases(tmp_path, header, column):
    others = [HEADERS[name] for name in ("nip", "nik", "name") if name != column]
    path = csv_file(
        tmp_path / "p.csv", ";".join([*others, header]) + "\n" + "x;" * len(others) + "z\n"
    )
    sheet, rows = read(path)
    assert column in sheet.columns
    assert rows[0].values[column] == "z"


def test_unknown_columns_ignored(tmp_path):
    path = csv_file(tmp_path / "p.csv", f"No;NIP;Golongan;NIK;Nama\n1;{NIP};III/a;{NIK};Andi\n")
    sheet, rows = read(path)
    assert sheet.columns == ("nip", "nik", "name")
    assert rows[0].values["name"] == "Andi"


@pytest.mark.parametrize(
    ("header", "missing"),
    [
        ("NIP;Nama;Email", "NIK"),
        ("NIK;Instansi", "NIP, Nama"),
        ("Nomor;Nama Pegawai Negeri;Email", "NIP, NIK, Nama"),
        (";;;", "NIP, NIK, Nama"),
    ],
)
def test_missing_required_columns_refused_naming_them(tmp_path, header, missing):
    path = csv_file(tmp_path / "p.csv", header + "\n1;2;3\n")
    with pytest.raises(SheetError) as refused:
        open_sheet(path, "p.csv")
    assert missing in refused.value.message
    assert "template" in refused.value.message


def test_duplicate_column_refused(tmp_path):
    path = csv_file(tmp_path / "p.csv", "NIP;NIK;Nama;Nama Lengkap\n1;2;3;4\n")
    with pytest.raises(SheetError, match="Nama.*more than once") as refused:
        open_sheet(path, "p.csv")
    assert "“Nama Lengkap”" in refused.value.message


def test_duplicate_column_in_xlsx_refused(tmp_path):
    path = xlsx(tmp_path / "p.xlsx", [["NIP", "NIK", "Nama", "nip"], [NIP, NIK, "Andi", NIP]])
    with pytest.raises(SheetError, match="NIP"):
        open_sheet(path, "p.xlsx")


# --- Files refused ----------------------------------------------------------------------------

REFUSED = {
    "empty": (b"", "empty"),
    "xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, ".xls"),
    "png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40, "Not a CSV or XLSX file."),
    "pdf": (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "Not a CSV or XLSX file."),
    "nul": (b"NIP;NIK;Nama\n\x00\x01\x02", "Not a CSV or XLSX file."),
    "html": (b"\xef\xbb\xbf  <html><table><tr><td>NIP</td></tr></table>", "web page"),
    "utf16": ("NIP\tNIK\tNama\r\n".encode("utf-16"), "UTF-16"),
    "broken_zip": (b"PK\x03\x04" + b"garbage" * 20, "cannot be read"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_files_that_are_not_participant_lists_refused(tmp_path, case):
    content, message = REFUSED[case]
    path = tmp_path / "upload"
    path.write_bytes(content)
    with pytest.raises(SheetError, match=message.replace(".", r"\.")):
        open_sheet(path, "peserta.xls")


def test_zip_that_is_not_a_workbook_refused(tmp_path):
    path = tmp_path / "laporan.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(SheetError, match="Not a CSV or XLSX file"):
        open_sheet(path, path.name)


def test_opendocument_spreadsheet_refused_as_unreadable(tmp_path):
    path = tmp_path / "peserta.ods"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    with pytest.raises(SheetError, match="Save it as .xlsx or .csv"):
        open_sheet(path, path.name)


def test_workbook_unpacking_too_large_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(sheets, "LIMITS", replace(sheets.LIMITS, max_unpacked=1000))
    path = xlsx(tmp_path / "p.xlsx", [HEADER, [NIP, NIK, "Andi"]])
    with pytest.raises(SheetError, match="too large"):
        open_sheet(path, path.name)


def test_file_over_the_size_limit_refused_naming_it(tmp_path, monkeypatch):
    monkeypatch.setattr(sheets, "LIMITS", replace(sheets.LIMITS, max_bytes=1024 * 1024))
    path = csv_file(tmp_path / "p.csv", "NIP;NIK;Nama\n" + "x;y;z\n" * 200_000)
    with pytest.raises(SheetError, match="1 MB"):
        open_sheet(path, "p.csv")


def test_rows_past_the_limit_refused_and_counted(tmp_path, monkeypatch):
    monkeypatch.setattr(sheets, "LIMITS", replace(sheets.LIMITS, max_rows=3))
    path = csv_file(tmp_path / "p.csv", "NIP;NIK;Nama\n" + "x;y;z\n" * 4)
    sheet = open_sheet(path, "p.csv")
    with pytest.raises(SheetError, match="more than 3 participants"):
        sheet.count()
    rows = sheet.rows()
    assert len([next(rows) for _ in range(3)]) == 3
    with pytest.raises(SheetError, match="more than 3 participants"):
        next(rows)


def test_csv_error_further_on_reported_with_its_line(tmp_path):
    limit = csv.field_size_limit(100)  # the limit is global to the process: restored below
    try:
        path = csv_file(tmp_path / "p.csv", f"NIP;NIK;Nama\n{NIP};{NIK};Andi\nx;y;{'z' * 200}\n")
        rows = open_sheet(path, "p.csv").rows()
        assert next(rows).line == 2
        with pytest.raises(SheetError, match="line 3"):
            next(rows)
    finally:
        csv.field_size_limit(limit)


# --- Counting and reading again ---------------------------------------------------------------


def test_count_of_csv_leaves_out_blank_rows(tmp_path):
    path = csv_file(tmp_path / "p.csv", f"NIP;NIK;Nama\n{NIP};{NIK};A\n;;\n\n{NIP};{NIK};B\n")
    assert open_sheet(path, "p.csv").count() == 2


def test_count_of_xlsx_is_the_recorded_size_below_the_header(tmp_path):
    path = xlsx(tmp_path / "p.xlsx", [[], HEADER, [NIP, NIK, "A"], [], [NIP, NIK, "B"]])
    sheet = open_sheet(path, "p.xlsx")
    assert sheet.count() == 3  # an upper bound: the blank row 4 counts
    assert len(list(sheet.rows())) == 2


def test_count_of_xlsx_without_recorded_size_reads_the_rows(tmp_path):
    path = xlsx(tmp_path / "p.xlsx", [HEADER, [NIP, NIK, "A"], [], [NIP, NIK, "B"]])
    sheet = open_sheet(path, "p.xlsx")
    sheet.dimension_rows = None  # as a writer that records no <dimension> leaves it
    assert sheet.count() == 2


def test_rows_read_again_from_the_start(tmp_path):
    for path in (
        csv_file(tmp_path / "p.csv", f"NIP;NIK;Nama\n{NIP};{NIK};A\n{NIP};{NIK};B\n"),
        xlsx(tmp_path / "p.xlsx", [HEADER, [NIP, NIK, "A"], [NIP, NIK, "B"]]),
    ):
        sheet = open_sheet(path, path.name)
        rows = sheet.rows()
        next(rows)
        assert names(sheet.rows()) == names(sheet.rows()) == [(2, "A"), (3, "B")]


def test_large_csv_streams_in_little_memory(tmp_path):
    count = 100_000
    path = tmp_path / "besar.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        handle.write(";".join(HEADERS[column] for column in COLUMNS) + "\r\n")
        for number in range(count):
            handle.write(
                f"{NIP};{NIK};Peserta {number};Bandung;p{number}@example.com;0812345678;"
                "Pemerintah Kota Bandung;Sekretariat Daerah;Analis\r\n"
            )
    tracemalloc.start()
    try:
        sheet = open_sheet(path, path.name)
        last = None
        for row in sheet.rows():
            last = row
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert last.line == count + 1
    assert last.values["name"] == f"Peserta {count - 1}"
    assert peak < 50 * 1024 * 1024


# --- The template and the error file ----------------------------------------------------------


def test_template_xlsx_reads_back_with_every_column_and_no_rows(tmp_path):
    path = tmp_path / "templat.xlsx"
    path.write_bytes(template_xlsx())
    sheet, rows = read(path)
    assert sheet.columns == COLUMNS
    assert rows == []
    assert sheet.count() == 0


def test_template_xlsx_keeps_nip_nik_and_phone_as_text(tmp_path):
    path = tmp_path / "templat.xlsx"
    path.write_bytes(template_xlsx())
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["Peserta", "Petunjuk"]
    sheet = workbook["Peserta"]
    assert [cell.value for cell in sheet[1]] == [HEADERS[column] for column in COLUMNS]
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.b
    formats = {
        column: sheet.column_dimensions[letter].number_format
        for column, letter in zip(COLUMNS, "ABCDEFGHI", strict=True)
    }
    assert [column for column, format in formats.items() if format == "@"] == [
        "nip",
        "nik",
        "phone",
    ]
    guide = [row for row in workbook["Petunjuk"].iter_rows(values_only=True) if any(row)]
    text = "\n".join(str(row[0]) for row in guide)
    assert "NIP, NIK, dan Nama" in text
    assert "18 digit" in text and "16 digit" in text and "Teks" in text
    assert guide[-2] == tuple(HEADERS[column] for column in COLUMNS)
    assert guide[-1][:2] == (NIP, NIK)


def test_template_csv_is_excel_friendly():
    assert template_csv() == (
        b"\xef\xbb\xbfNIP;NIK;Nama;Tempat Lahir;Email;Nomor HP;Instansi;Unit Kerja;Jabatan\r\n"
    )


def test_template_csv_reads_back_with_every_column(tmp_path):
    path = csv_file(tmp_path / "templat.csv", template_csv())
    sheet, rows = read(path)
    assert (sheet.columns, rows) == (COLUMNS, [])


def test_problems_csv_guards_formulas_and_reads_back_after_fixing(tmp_path):
    values = dict.fromkeys(COLUMNS, "") | {
        "nip": "1.99811E+17",
        "nik": NIK,
        "name": "Andi; B",
        "phone": "081234567890",
    }
    problems = [
        (2, values, "NIP rusak oleh Excel"),
        (5, {"nip": NIP, "nik": NIK, "name": '=HYPERLINK("x")', "phone": "+62812"}, "-"),
        (9, {"nip": NIP, "nik": NIK, "name": "@SUM(A1)"}, "Nama"),
    ]
    content = b"".join(problems_csv(problems))
    assert content.startswith(b"\xef\xbb\xbfBaris;NIP;NIK;Nama;")
    lines = content.decode("utf-8-sig").split("\r\n")
    assert lines[0].endswith(";Jabatan;Alasan")
    assert lines[1] == (
        "2;1.99811E+17;'3273010811980001;\"Andi; B\";;;'081234567890;;;;NIP rusak oleh Excel"
    )
    assert "'=HYPERLINK" in lines[2] and "'+62812" in lines[2] and lines[2].endswith(";'-")
    assert "'@SUM(A1)" in lines[3]
    # Digits stay text when Excel opens the file: no 1,99811E+17, no lost leading 0.
    assert lines[2].startswith(f"5;'{NIP};'{NIK};")

    path = csv_file(tmp_path / "kesalahan.csv", content)
    sheet, rows = read(path)
    assert sheet.columns == COLUMNS
    assert [(row.line, row.values["name"], row.damaged) for row in rows] == [
        (2, "Andi; B", frozenset({"nip"})),
        (3, '=HYPERLINK("x")', frozenset()),
        (4, "@SUM(A1)", frozenset()),
    ]
    assert (rows[0].values["nik"], rows[0].values["phone"]) == (NIK, "081234567890")
    assert (rows[1].values["nip"], rows[1].values["phone"]) == (NIP, "+62812")


def test_problems_csv_streams_in_chunks():
    problems = ((line, {"nip": NIP, "nik": NIK, "name": "A"}, "x") for line in range(1, 1201))
    chunks = list(problems_csv(problems))
    assert len(chunks) == 3
    assert b"".join(chunks).count(b"\r\n") == 1201


def test_problems_csv_without_problems_is_the_header():
    assert list(problems_csv([])) == [
        "\ufeffBaris;NIP;NIK;Nama;Tempat Lahir;Email;Nomor HP;Instansi;Unit Kerja;Jabatan;"
        "Alasan\r\n".encode()
    ]
