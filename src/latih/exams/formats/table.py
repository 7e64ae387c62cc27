"""The spreadsheet template (XLSX, or CSV as Excel saves it): one question per row.

Columns, named in the header row (Indonesian or English, any case): ``kategori``,
``soal``, ``jenis`` (``tunggal``: one correct answer, the default; ``ganda``: several),
``pilihan_a`` … ``pilihan_h`` (more letters are read too), ``kunci`` and ``pembahasan``.
The key is letters (``B``; ``A, C``) or letters with weights (``A=50; C=50``, a decimal
comma allowed; the options the key does not name score 0). Without weights, a ``tunggal``
key scores 100 and the other options 0; the letters of a ``ganda`` key share 100 and each
wrong option takes away as much as one correct one gives.

A cell that holds a number (not text) is read as Python writes it, 3.5 or 1500: the number
carries no locale to follow. A formula counts by the value Excel saved with it.

The spreadsheet holds plain text only: writing it turns an HTML question into its text and
leaves out the names and the options' own feedback, which the template has no column for.

Reading is bounded as the participant lists' reader is (``LIMITS``, applied with
``latih.common.spreadsheets_limits``): an XLSX's parts are checked unpacked before openpyxl
opens it, then streamed row by row; a CSV is read line by bounded line; each row keeps
``LIMITS.max_columns`` cells, each cut past ``LIMITS.max_cell_chars`` (longer than any
question may be, so the question is refused for its length); questions and time counted.
"""

from __future__ import annotations

import csv
import io
import re
import string
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from latih.common import spreadsheets_limits as bounds

from . import (
    HTML,
    LIMITS,
    PLAIN,
    BankOption,
    BankQuestion,
    Problem,
    Reading,
    ReadResult,
    decode_text,
    excerpt,
    file_refused,
    html_to_plain,
    normalize_category,
)
from .checks import check, format_weight, parse_weight, quoted

TEMPLATE_LETTERS = "abcdefgh"
SINGLE, MULTIPLE = "tunggal", "ganda"
_KINDS = {"": SINGLE, "tunggal": SINGLE, "single": SINGLE, "ganda": MULTIPLE, "multiple": MULTIPLE}
_COLUMNS = {
    "kategori": "kategori",
    "category": "kategori",
    "soal": "soal",
    "pertanyaan": "soal",
    "question": "soal",
    "jenis": "jenis",
    "type": "jenis",
    "kunci": "kunci",
    "kunci_jawaban": "kunci",
    "key": "kunci",
    "answer_key": "kunci",
    "pembahasan": "pembahasan",
    "feedback": "pembahasan",
    "explanation": "pembahasan",
}
_OPTION_COLUMN = re.compile(r"(?:pilihan|opsi|option|choice)_?([a-z])")
_REQUIRED = ("soal", "pilihan_a", "pilihan_b", "kunci")
# A key entry: a letter, optionally "=" and a weight ("A", "C=50", "D = -33,33333 %").
_KEY_ENTRY = re.compile(r"([A-Za-z])\s*(?:=\s*([-+]?\d+(?:[.,]\d+)?)\s*%?)?")
_KEY_SEPARATOR = re.compile(r"[\s;,./&]*")
# Spreadsheet apps run a cell that starts like a formula; the CSV writer quotes such text
# with a leading apostrophe (OWASP's advice) and the readers take it off again.
_FORMULA_START = ("=", "+", "-", "@")
_ZIP_MAGIC = b"PK\x03\x04"


def read_table(data: bytes, filename: str) -> ReadResult:
    """The questions of a filled-in template: XLSX (told by its content) or CSV. A file
    past the bounds of ``LIMITS`` is refused as a whole."""
    try:
        if data.startswith(_ZIP_MAGIC):
            return _read_xlsx(data)
        if filename.lower().endswith((".xlsx", ".xlsm")):
            return ReadResult(problems=[Problem(_not_a_spreadsheet())])
        return _read_csv(data)
    except bounds.LimitExceeded as error:
        return file_refused(error.message)


def _not_a_spreadsheet() -> str:
    return _(
        "This file is not an Excel spreadsheet (XLSX). Save it from Excel or LibreOffice as "
        "an .xlsx workbook, or as CSV."
    )


# --- Reading ----------------------------------------------------------------------------------


def _read_xlsx(data: bytes) -> ReadResult:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except Exception:  # BadZipFile, and the odd ValueError or EOFError
        members = []
    if not any(member.filename == "xl/workbook.xml" for member in members):
        return ReadResult(problems=[Problem(_not_a_spreadsheet())])
    # Before anything is unpacked: openpyxl reads the shared strings whole.
    bounds.check_zip_parts(members, LIMITS)
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        return _unreadable(error)
    try:
        return _read_rows(_worksheet_rows(workbook))
    except _Unreadable as error:
        return _unreadable(error.__cause__ or error)
    finally:
        workbook.close()


class _Unreadable(Exception):
    """openpyxl failed on a damaged part of the workbook (the cause)."""


def _worksheet_rows(workbook: object) -> Iterator[tuple[int, list[str]]]:
    """The first sheet's rows, numbered, as text; openpyxl's errors as _Unreadable. Rows
    are read to the last there is (some writers record a wrong sheet size, which read-only
    mode would trust) but not past Excel's last, and LIMITS.max_columns cells wide at most."""
    try:
        sheet = workbook.worksheets[0]  # type: ignore[attr-defined]
        sheet.reset_dimensions()
        rows = sheet.iter_rows(
            max_row=bounds.EXCEL_ROWS, max_col=LIMITS.max_columns, values_only=True
        )
    except Exception as error:
        raise _Unreadable from error
    number = 0
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except Exception as error:
            raise _Unreadable from error
        number += 1
        # A blank row costs one test: openpyxl yields one for every row a file skips.
        blank = row.count(None) == len(row)  # not any(row): a cell may hold 0
        yield number, [] if blank else [_cell_text(value) for value in row]


def _unreadable(error: BaseException) -> ReadResult:
    return ReadResult(
        problems=[
            Problem(
                _("The spreadsheet could not be opened (%(detail)s). Save it again as .xlsx.")
                % {"detail": quoted(str(error) or type(error).__name__, 200)}
            )
        ]
    )


def _cell_text(value: object) -> str:
    """A cell as text, cut past LIMITS.max_cell_chars. Numbers keep Python's form with a
    decimal point (3.5, 1500), whole numbers without ".0": a number stored as a number has
    no locale to follow."""
    if isinstance(value, str):
        # The same huge shared string may fill every cell: cut before anything else.
        return bounds.cut(value, LIMITS.max_cell_chars)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def _read_csv(data: bytes) -> ReadResult:
    text = decode_text(data)
    first = next((line for line in text.split("\n") if line.strip()), "")
    # Excel may start a CSV with a hint line naming the delimiter: "sep=;".
    hint = first[4:5] if first.startswith("sep=") else ""
    delimiter = hint or (max(";,\t", key=first.count) if first else ";")
    lines = bounds.bounded_lines(io.StringIO(text, newline=""), LIMITS)
    reader = csv.reader(lines, delimiter=delimiter)

    def rows() -> Iterator[tuple[int, list[str]]]:
        start = 1
        for row in reader:
            if hint and row and row[0].startswith("sep="):
                row = []
            cells = [bounds.cut(cell, LIMITS.max_cell_chars) for cell in row[: LIMITS.max_columns]]
            yield start, cells
            start = reader.line_num + 1

    try:
        return _read_rows(rows())
    except csv.Error as error:
        return ReadResult(
            problems=[
                Problem(
                    _("The CSV file cannot be read: %(detail)s.") % {"detail": error},
                    line=reader.line_num,
                )
            ]
        )


def _looks_like_formula(cell: str) -> bool:
    # Apostrophes before the sign count: one of them is the quote the readers take off.
    return cell.lstrip("'").startswith(_FORMULA_START)


def _quote(cell: str) -> str:
    return "'" + cell if _looks_like_formula(cell) else cell


def _clean(cell: str) -> str:
    cell = cell.strip()
    return cell[1:] if cell.startswith("'") and _looks_like_formula(cell) else cell


def _column(header: str) -> str | None:
    key = re.sub(r"[\s\-]+", "_", header.strip().lower())
    option = _OPTION_COLUMN.fullmatch(key)
    if option:
        return "pilihan_" + option.group(1)
    return _COLUMNS.get(key)


def _read_rows(rows: Iterator[tuple[int, list[str]]]) -> ReadResult:
    result = ReadResult()
    reading = Reading()
    columns: dict[str, int] | None = None
    position = 0
    for line, cells in rows:
        reading.watch.check()  # blank rows cost time too
        cells = [_clean(cell) for cell in cells]
        if not any(cells):
            continue
        if columns is None:
            columns = {}
            for index, header in enumerate(cells):
                name = _column(header)
                if name and name not in columns:
                    columns[name] = index
            missing = [name for name in _REQUIRED if name not in columns]
            if missing:
                result.problems.append(
                    Problem(
                        _(
                            "The header row lacks the columns %(columns)s. The first row must "
                            "name the columns as in the template."
                        )
                        % {"columns": ", ".join(missing)}
                    )
                )
                return result
            continue
        reading.question()
        position += 1
        row = {name: cells[index] if index < len(cells) else "" for name, index in columns.items()}
        where = excerpt(row.get("soal", ""))
        try:
            question, labels = _row_question(row)
        except _Refused as refused:
            result.take(None, [str(refused)], line, position, where)
            continue
        question.line, question.position = line, position
        result.take(question, check(question, labels), line, position, where)
    return result


class _Refused(Exception):
    """A row that cannot be read as a question, with the reason."""


def _row_question(row: dict[str, str]) -> tuple[BankQuestion, list[str]]:
    """The row's question and the letters of its options."""
    kind = _KINDS.get(row.get("jenis", "").lower())
    if kind is None:
        raise _Refused(
            _(
                'Unknown type (jenis) "%(value)s": write tunggal (one correct answer) or '
                "ganda (several correct answers)."
            )
            % {"value": quoted(row["jenis"])}
        )
    letters = [
        column[-1].upper()
        for column in sorted(row)
        if column.startswith("pilihan_") and row[column]
    ]
    multiple = kind == MULTIPLE
    fractions = _fractions(row.get("kunci", ""), letters, multiple)
    question = BankQuestion(
        text=row.get("soal", ""),
        options=[
            BankOption(text=row["pilihan_" + letter.lower()], fraction=fraction)
            for letter, fraction in zip(letters, fractions, strict=True)
        ],
        multiple=multiple,
        category=normalize_category(row.get("kategori", "")),
        format=PLAIN,
        feedback=row.get("pembahasan", ""),
    )
    return question, letters


def _fractions(key: str, letters: list[str], multiple: bool) -> list[Decimal]:
    """The options' weights that the key (kunci) gives."""
    if not key:
        raise _Refused(
            _("The key (kunci) is empty: write the letter of the correct option, e.g. B.")
        )
    entries = _parse_key(key)
    if entries is None:
        raise _Refused(
            _(
                'The key (kunci) "%(key)s" cannot be read: write letters such as B or '
                "A, C, or letters with weights such as A=50; C=50."
            )
            % {"key": quoted(key)}
        )
    keyed = [letter for letter, _weight in entries]
    blank = [letter for letter in keyed if letter not in letters]
    if blank:
        raise _Refused(
            _("The key (kunci) names option %(letters)s, but that option is empty.")
            % {"letters": ", ".join(blank)}
        )
    if len(set(keyed)) != len(keyed):
        raise _Refused(_("The key (kunci) names the same option twice."))
    weights = [weight for _letter, weight in entries]
    if all(weight is not None for weight in weights):
        explicit = dict(zip(keyed, weights, strict=True))
        return [explicit.get(letter, Decimal(0)) for letter in letters]
    if any(weight is not None for weight in weights):
        raise _Refused(_("Give a weight to every letter of the key (kunci), or to none."))
    if not multiple and len(keyed) > 1:
        raise _Refused(
            _(
                "A question of type tunggal has one correct answer, but the key (kunci) "
                "names %(count)s. Write ganda in the jenis column for several."
            )
            % {"count": len(keyed)}
        )
    return default_fractions(letters, keyed, multiple)


def _parse_key(key: str) -> list[tuple[str, Decimal | None]] | None:
    """ "A, C" -> [("A", None), ("C", None)]; "A=50; C=33,5" -> weights; None if unreadable."""
    entries: list[tuple[str, Decimal | None]] = []
    at = _KEY_SEPARATOR.match(key).end()
    while at < len(key):
        entry = _KEY_ENTRY.match(key, at)
        if not entry:
            return None
        weight = parse_weight(entry.group(2)) if entry.group(2) else None
        entries.append((entry.group(1).upper(), weight))
        at = _KEY_SEPARATOR.match(key, entry.end()).end()
        if at == entry.end() and at < len(key):
            return None  # two entries with nothing between them, as in "AB"
    return entries or None


def default_fractions(
    letters: Sequence[str], keyed: Sequence[str], multiple: bool
) -> list[Decimal]:
    """The weights a key of letters alone gives: see the module docstring."""
    if not multiple:
        return [Decimal(100) if letter in keyed else Decimal(0) for letter in letters]
    share = (Decimal(100) / len(keyed)).quantize(Decimal("0.00001"), rounding=ROUND_HALF_UP)
    # The last correct letter takes the rounding remainder, so the shares make exactly 100.
    last = Decimal(100) - share * (len(keyed) - 1)
    fractions = []
    for letter in letters:
        if letter == keyed[-1]:
            fractions.append(last)
        elif letter in keyed:
            fractions.append(share)
        else:
            fractions.append(-share)
    return fractions


# --- Writing ----------------------------------------------------------------------------------


def _letters(count: int) -> str:
    return string.ascii_lowercase[: max(count, len(TEMPLATE_LETTERS))]


def _header(letters: str) -> list[str]:
    return [
        "kategori",
        "soal",
        "jenis",
        *(f"pilihan_{letter}" for letter in letters),
        "kunci",
        "pembahasan",
    ]


def _row(question: BankQuestion, letters: str) -> list[str]:
    def plain(text: str) -> str:
        return html_to_plain(text) if question.format == HTML else text

    texts = [plain(option.text) for option in question.options]
    return [
        question.category,
        plain(question.text),
        MULTIPLE if question.multiple else SINGLE,
        *texts,
        *[""] * (len(letters) - len(texts)),
        _key(question),
        plain(question.feedback),
    ]


def _key(question: BankQuestion) -> str:
    """Letters alone when the weights are the defaults, else every non-zero weight."""
    letters = string.ascii_uppercase[: len(question.options)]
    fractions = [option.fraction for option in question.options]
    if question.multiple:
        keyed = [
            letter for letter, fraction in zip(letters, fractions, strict=True) if fraction > 0
        ]
    else:
        keyed = [
            letter for letter, fraction in zip(letters, fractions, strict=True) if fraction == 100
        ]
    if keyed and (question.multiple or len(keyed) == 1):
        if default_fractions(letters, keyed, question.multiple) == fractions:
            return ", ".join(keyed)
    return "; ".join(
        f"{letter}={format_weight(fraction)}"
        for letter, fraction in zip(letters, fractions, strict=True)
        if fraction != 0
    )


def _table(questions: Iterable[BankQuestion]) -> tuple[list[str], list[list[str]]]:
    questions = list(questions)
    letters = _letters(max((len(question.options) for question in questions), default=0))
    return _header(letters), [_row(question, letters) for question in questions]


def write_csv(questions: Iterable[BankQuestion]) -> bytes:
    """The questions as CSV the way Indonesian Excel opens it: UTF-8 with a BOM, ";"."""
    header, rows = _table(questions)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_quote(cell) for cell in row])
    return out.getvalue().encode("utf-8-sig")


def write_xlsx(questions: Iterable[BankQuestion]) -> bytes:
    """The questions as an XLSX workbook with the template's columns."""
    header, rows = _table(questions)
    # Cells are typed as text, so only a text the reader would unquote needs the quote.
    rows = [[_quote(cell) if cell.startswith("'") else cell for cell in row] for row in rows]
    return _workbook(header, rows, with_instructions=False)


def template_xlsx() -> bytes:
    """The empty template: the header, one example row and a sheet of instructions."""
    example = [
        "Agenda II/Nilai-nilai Dasar ASN",
        "Huruf H dalam nilai dasar ASN BerAKHLAK adalah singkatan dari …",
        SINGLE,
        "Hormat",
        "Harmonis",
        "Humanis",
        "Handal",
        "",
        "",
        "",
        "",
        "B",
        "BerAKHLAK: Berorientasi Pelayanan, Akuntabel, Kompeten, Harmonis, Loyal, Adaptif, "
        "Kolaboratif.",
    ]
    return _workbook(_header(TEMPLATE_LETTERS), [example], with_instructions=True)


_INSTRUCTIONS = (
    ("Kolom", "Isi"),
    (
        "kategori",
        "Kategori soal, boleh bertingkat dengan garis miring: Agenda II/Akuntabel. Boleh kosong.",
    ),
    ("soal", "Teks soal (wajib). Baris baru di dalam sel (Alt+Enter) ikut tersimpan."),
    (
        "jenis",
        "tunggal: satu jawaban benar (bawaan bila kosong). ganda: beberapa jawaban "
        "benar, dinilai sebagian.",
    ),
    (
        "pilihan_a … pilihan_h",
        "Teks pilihan jawaban. Paling sedikit dua; kolom yang kosong dilewati.",
    ),
    (
        "kunci",
        "Huruf pilihan yang benar: B. Untuk ganda: A, C (atau A;C). Bobot boleh ditulis "
        "sendiri: A=50; C=50; B=-50 (koma desimal boleh: A=33,33333). Bila bobot ditulis, "
        "pilihan yang tidak disebut bernilai 0.",
    ),
    (
        "",
        "Tanpa bobot, jenis tunggal: kunci 100%, pilihan lain 0%. Jenis ganda: 100% dibagi "
        "rata di antara huruf kunci, dan setiap pilihan salah mengurangi sebesar satu bagian "
        "itu (dua kunci: +50% dan -50%).",
    ),
    (
        "",
        "Bobot harus salah satu yang diterima Moodle: 100, 90, 83,33333, 80, 75, 70, "
        "66,66667, 60, 50, 40, 33,33333, 30, 25, 20, 16,66667, 14,28571, 12,5, 11,11111, "
        "10, 5, 0, atau negatifnya.",
    ),
    ("pembahasan", "Pembahasan yang ditampilkan bersama jawaban. Boleh kosong."),
    (
        "",
        "Baris pertama adalah judul kolom; jangan diubah. Satu baris satu soal; baris kosong "
        "dilewati. Simpan sebagai .xlsx, atau CSV (pemisah ; atau ,).",
    ),
)


def _workbook(header: list[str], rows: list[list[str]], with_instructions: bool) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Soal"
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=column)
            cell.value = ILLEGAL_CHARACTERS_RE.sub("", value) or None
            # Text, always: openpyxl would take "= 2 + 3" for a formula.
            cell.data_type = "s"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    widths = {"kategori": 24, "soal": 60, "jenis": 10, "kunci": 14, "pembahasan": 40}
    for column, name in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = widths.get(name, 22)
    sheet.freeze_panes = "A2"
    kinds = DataValidation(type="list", formula1=f'"{SINGLE},{MULTIPLE}"', allow_blank=True)
    sheet.add_data_validation(kinds)
    kinds.add(f"C2:C{max(len(rows) + 1, 1000)}")
    if with_instructions:
        guide = workbook.create_sheet("Petunjuk")
        for row in _INSTRUCTIONS:
            guide.append(list(row))
        for cell in guide[1]:
            cell.font = Font(bold=True)
        for row in guide.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        guide.column_dimensions["A"].width = 24
        guide.column_dimensions["B"].width = 100
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
